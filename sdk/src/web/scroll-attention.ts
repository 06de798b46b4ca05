/**
 * Scroll depth and attention per page view: the deepest point reached, and the seconds each
 * of the ATTENTION_BANDS equal bands of the document was in view while the tab was visible
 * and the visitor active (input within ACTIVE_MS). Counted lazily at each input, scroll and
 * visibility change, so no timer runs. Sent once, when the page view ends.
 */
import type { CoreClient } from '../core/client';
import { ATTENTION_BANDS } from '../protocol';

/** Without input for this long the visitor counts as away, ms. */
export const ACTIVE_MS = 10_000;
/** Most seconds counted for one band in one page view. */
export const BAND_CAP_S = 600;

const INPUTS = ['mousemove', 'pointerdown', 'keydown', 'touchstart', 'wheel'];

/** Tracks scrolling and attention for each page view of `client`. */
export function trackScroll(client: CoreClient): void {
  const doc = document.documentElement;
  let att: number[];
  let deepest: number;
  let top: number;
  let bottom: number;
  let docHeight: number;
  let lastInput: number;
  let lastCount: number;
  let sent: boolean;
  let visible = document.visibilityState === 'visible';

  const measure = () => {
    top = scrollY;
    bottom = top + innerHeight;
    docHeight = Math.max(doc.scrollHeight, bottom);
    deepest = Math.max(deepest, bottom);
  };
  const start = () => {
    att = Array(ATTENTION_BANDS).fill(0);
    deepest = 0;
    lastInput = lastCount = Date.now();
    sent = false;
    measure();
  };
  /** Credits the time since the last count to the bands in view, while visible and active. */
  const count = (now: number) => {
    const active = Math.min(now, lastInput + ACTIVE_MS) - lastCount;
    if (visible && active > 0) {
      const band = docHeight / ATTENTION_BANDS;
      const last = Math.min(ATTENTION_BANDS - 1, Math.floor((bottom - 1) / band));
      for (let i = Math.floor(top / band); i <= last; i++) att[i] = (att[i] ?? 0) + active / 1000;
    }
    lastCount = now;
  };
  const onInput = client.wrap(() => {
    const now = Date.now();
    // Within the active window the whole interval counts anyway: skip the work.
    if (now - lastInput > ACTIVE_MS) count(now);
    lastInput = now;
  });
  start();
  for (const type of INPUTS) addEventListener(type, onInput, { passive: true, capture: true });
  addEventListener(
    'scroll',
    client.wrap(() => {
      const now = Date.now();
      count(now);
      lastInput = now;
      measure();
    }),
    { passive: true },
  );
  document.addEventListener(
    'visibilitychange',
    client.wrap(() => {
      count(Date.now());
      visible = document.visibilityState === 'visible';
    }),
  );
  client.onLeave((routeChange) => {
    count(Date.now());
    if (!sent) {
      client.capture('scroll', {
        md: Math.round(deepest),
        att: att.map((s) => Math.round(Math.min(s, BAND_CAP_S) * 10) / 10),
      });
    }
    sent = true;
    if (routeChange) start();
  });
}
