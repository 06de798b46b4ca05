/**
 * The iframe behind the heat: a page's snapshot rebuilt into a fresh iframe sandboxed to
 * `allow-same-origin`, or the live page framed at its URL under the same sandbox (no
 * scripts), or an empty frame. It knows how to load, lay out, measure and read it.
 */
import type { BackdropSource } from './backdrop';
import { el } from './ui/dom';

/** The viewport height live pages are measured at (a common laptop), so `100vh` blocks stay sane. */
const MEASURE_VIEWPORT_HEIGHT = 800;
/** How long a live page may take to load before the overlay is drawn on a blank backdrop. */
const FRAME_TIMEOUT_MS = 10_000;
/** How long a rebuilt snapshot may wait for its images and fonts before it is measured. */
const SETTLE_TIMEOUT_MS = 3_000;

/** Resolves once `doc`'s fonts and images are ready (or after a short wait): its height is final. */
async function settled(doc: Document | null): Promise<void> {
  if (!doc) return;
  const images = [...doc.images].map((img) => img.decode().catch(() => undefined));
  const fonts = doc.fonts?.ready ?? Promise.resolve();
  await Promise.race([Promise.all([fonts, ...images]), new Promise((r) => setTimeout(r, SETTLE_TIMEOUT_MS))]);
  await new Promise((r) => requestAnimationFrame(() => r(undefined)));
}

/** Takes over `initial` (the page skeleton's iframe) as the stage's backdrop frame. */
export const createBackdropFrame = (initial: HTMLIFrameElement) => {
  let frame = initial;
  // The iframe lives in a slot of its own: a snapshot's iframe is created in place (moving an
  // iframe would unload its document), and the canvas and labels must stay above it.
  const slot = el('div', { class: 'frame-slot' });
  frame.replaceWith(slot);
  slot.append(frame);
  const attributes = Object.fromEntries(
    ['id', 'title', 'tabindex', 'aria-hidden', 'class'].flatMap((name) => {
      const value = frame.getAttribute(name);
      return value === null ? [] : [[name, value]];
    }),
  );
  const emptyFrame = () => el('iframe', { ...attributes, sandbox: 'allow-same-origin' });
  let key = '';
  /** Counts loads, so a snapshot whose rebuilding code arrives late knows it was superseded. */
  let generation = 0;
  let loading: Promise<boolean> = Promise.resolve(false);
  let kind: BackdropSource['kind'] = 'none';
  let viewportHeight = MEASURE_VIEWPORT_HEIGHT;

  // A fresh iframe per page: navigating an existing one would add entries to the
  // browser's history, and Back would then step through backdrops instead of views.
  const live = (url: string, width: number): Promise<boolean> =>
    new Promise((resolve) => {
      const fresh = emptyFrame();
      const timer = setTimeout(() => resolve(false), FRAME_TIMEOUT_MS);
      fresh.onload = () => {
        clearTimeout(timer);
        resolve(true);
      };
      fresh.style.width = `${width}px`;
      fresh.style.height = `${MEASURE_VIEWPORT_HEIGHT}px`;
      fresh.src = url;
      slot.replaceChildren(fresh);
      frame = fresh;
    });

  const snapshot = async (source: Extract<BackdropSource, { kind: 'snapshot' }>, width: number) => {
    slot.replaceChildren();
    // The rebuilding code arrives as a chunk; a load() meanwhile owns the slot and the frame
    // (even one of this same key again), so this one only finishes if no other started.
    const mine = generation;
    try {
      const { rebuildSnapshot } = await import('./snapshot/rebuild-snapshot');
      if (mine !== generation) return false;
      frame = rebuildSnapshot(slot, source.node, source.url, attributes);
    } catch (error) {
      if (mine !== generation) return false;
      console.error('heatfunnel viewer: the snapshot could not be rebuilt', error);
      frame = emptyFrame();
      slot.replaceChildren(frame);
      return false;
    }
    frame.style.width = `${width}px`;
    frame.style.height = `${source.viewportHeight}px`;
    await settled(frame.contentDocument);
    return true;
  };

  return {
    /** Shows `source` laid out `width` px wide, unless it is shown already; resolves with whether it loaded. */
    load(source: BackdropSource, width: number): Promise<boolean> {
      const next =
        source.kind === 'snapshot'
          ? `snapshot:${source.key}@${width}`
          : source.kind === 'live'
            ? `${source.url}@${width}`
            : '';
      if (next === key) return loading;
      key = next;
      generation++;
      kind = source.kind;
      viewportHeight = source.kind === 'snapshot' ? source.viewportHeight : MEASURE_VIEWPORT_HEIGHT;
      if (source.kind === 'snapshot') loading = snapshot(source, width);
      else if (source.kind === 'live') loading = live(source.url, width);
      else {
        frame = emptyFrame();
        slot.replaceChildren(frame);
        loading = Promise.resolve(false);
      }
      return loading;
    },
    /** Lays the frame out `width` x `height` document px, shown at `scale`. */
    layout(width: number, height: number, scale: number) {
      frame.style.width = `${width}px`;
      frame.style.height = `${height}px`;
      frame.style.transform = `scale(${scale})`;
    },
    /** The document's full height, px; null when it cannot be read (cross-origin or blank). */
    measure(): number | null {
      try {
        const doc = frame.contentDocument;
        if (!doc?.documentElement || (kind !== 'snapshot' && doc.URL === 'about:blank')) return null;
        frame.style.height = `${viewportHeight}px`;
        return Math.max(doc.documentElement.scrollHeight, doc.body?.scrollHeight ?? 0);
      } catch {
        return null; // cross-origin: the answer's docHeight stands in
      }
    },
    /** The backdrop document when one is shown and readable. */
    doc(): Document | null {
      try {
        return key ? frame.contentDocument : null;
      } catch {
        return null;
      }
    },
  };
};
