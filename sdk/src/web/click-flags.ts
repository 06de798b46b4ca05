/**
 * Rage and dead clicks. Each click is held for DEAD_MS before it is queued: if in that time
 * the DOM changed (`wake`, from the click capture's observer), the page scrolled or the page
 * view ended, the click did something; otherwise it is dead. RAGE_COUNT clicks within
 * RAGE_MS and RAGE_PX of each other are all rage clicks.
 */
import type { CoreClient } from '../core/client';
import type { ClickEvent } from '../protocol';

export const DEAD_MS = 1000;
export const RAGE_MS = 1000;
export const RAGE_PX = 30;
export const RAGE_COUNT = 3;

interface Held {
  e: ClickEvent;
  alive: boolean;
}

/** Holds clicks of `client`: `hold(event, alive)` takes a click, alive when its target reacts by itself (inputs); `wake()` says the page changed. */
export function createClickFlags(client: CoreClient) {
  // In click order, oldest first. One timer serves them all: a timer per click costs the
  // click path tens of microseconds.
  const held: Held[] = [];
  let timing: unknown;
  const wake = () => {
    for (const h of held) h.alive = true;
  };
  /** Queues the clicks held DEAD_MS, or all of them. */
  const release = (all?: boolean) => {
    // 10 ms early is as good as on time; `>>> 0` makes a negative age (the clock went back) huge.
    for (let h = held[0]; h && (all || (Date.now() - h.e.ts) >>> 0 >= DEAD_MS - 10); h = held[0]) {
      held.shift();
      h.e.dd = h.alive ? 0 : 1;
      client.enqueue(h.e);
    }
  };
  const tick = client.wrap(() => {
    release();
    timing = held[0] && setTimeout(tick, held[0].e.ts + DEAD_MS - Date.now());
  });
  addEventListener('scroll', wake, { passive: true });
  client.onLeave(() => {
    wake();
    release(true);
  });
  return {
    wake,
    hold(e: ClickEvent, alive: boolean): void {
      const near = held.filter(
        (h) => e.ts - h.e.ts <= RAGE_MS && (e.x - h.e.x) ** 2 + (e.y - h.e.y) ** 2 <= RAGE_PX ** 2,
      );
      e.rg = near.length + 1 < RAGE_COUNT ? 0 : 1;
      if (e.rg) for (const h of near) h.e.rg = 1;
      held.push({ e, alive });
      if (!timing) timing = setTimeout(tick, DEAD_MS);
    },
  };
}
