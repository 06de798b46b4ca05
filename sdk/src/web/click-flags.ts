/**
 * Rage and dead clicks. Each click is held for DEAD_MS before it is queued: if in that time
 * the DOM changed, the page scrolled or the page view ended, the click did something;
 * otherwise it is dead. RAGE_COUNT clicks within RAGE_MS and RAGE_PX of each other are all
 * rage clicks. The MutationObserver runs only while clicks are held.
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

/** Holds clicks of `client`; `hold(event, alive)` takes a click event, alive when its target reacts by itself (inputs). */
export function createClickFlags(client: CoreClient) {
  const held: Held[] = [];
  const observer = new MutationObserver(() => wake());
  const wake = () => {
    for (const h of held) h.alive = true;
  };
  const release = (h: Held) => {
    const i = held.indexOf(h);
    if (i < 0) return;
    held.splice(i, 1);
    if (!held.length) observer.disconnect();
    h.e.dd = h.alive ? 0 : 1;
    client.enqueue(h.e);
  };
  addEventListener('scroll', wake, { passive: true });
  client.onLeave(() => {
    wake();
    for (const h of held.slice()) release(h);
  });
  return {
    hold(e: ClickEvent, alive: boolean): void {
      const near = held.filter(
        (h) => e.ts - h.e.ts <= RAGE_MS && (e.x - h.e.x) ** 2 + (e.y - h.e.y) ** 2 <= RAGE_PX ** 2,
      );
      e.rg = 0;
      if (near.length + 1 >= RAGE_COUNT) {
        e.rg = 1;
        for (const h of near) h.e.rg = 1;
      }
      const h = { e, alive };
      if (!held.length) {
        observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      }
      held.push(h);
      setTimeout(
        client.wrap(() => release(h)),
        DEAD_MS,
      );
    },
  };
}
