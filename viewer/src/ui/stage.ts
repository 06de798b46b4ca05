/**
 * The stage: the page behind the heat (its snapshot rebuilt in a sandboxed iframe, or the
 * live page in a same-origin iframe) laid out at its width, scaled to fit the panel and grown
 * to its full document height, with an overlay canvas on top (click heat, scroll reach or
 * attention), its labels, and element highlights. Neither iframe may run scripts, so neither
 * the snapshot's nor the shop's own tracker runs in it.
 */
import type { BackdropSource } from '../backdrop';
import { fitStage, HEAT_OPACITY } from '../layout';
import type { DocRect } from '../locate';
import type { Overlay } from '../overlays/overlay';
import { byId, el } from './dom';

/** The viewport height pages are measured at (a common laptop), so `100vh` blocks stay sane. */
const MEASURE_VIEWPORT_HEIGHT = 800;
/** How long a backdrop may take to load before the overlay is drawn on a blank one. */
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

/** What a draw ended with: the page height used and whether the backdrop loaded. */
export interface StageResult {
  height: number;
  backdrop: boolean;
}

/** Binds a stage of the page skeleton: `suffix` '' for the main one, '-b' for the comparison. */
export const createStage = (suffix = '') => {
  const stage = byId(`stage${suffix}`, HTMLDivElement);
  const panel = byId(`stage-col${suffix}`, HTMLElement);
  const box = byId(`frame-box${suffix}`, HTMLDivElement);
  const marks = byId(`marks${suffix}`, HTMLDivElement);
  const highlights = byId(`highlights${suffix}`, HTMLDivElement);
  let frame = byId(`frame${suffix}`, HTMLIFrameElement);
  // The iframe lives in a slot of its own: a snapshot's iframe is created in place (moving an
  // iframe would unload its document), and the canvas and labels must stay above it.
  const slot = el('div', { class: 'frame-slot' });
  frame.replaceWith(slot);
  slot.append(frame);
  const frameAttributes = Object.fromEntries(
    ['id', 'title', 'tabindex', 'aria-hidden', 'class'].flatMap((name) => {
      const value = frame.getAttribute(name);
      return value === null ? [] : [[name, value]];
    }),
  );
  const canvas = byId(`heat${suffix}`, HTMLCanvasElement);
  canvas.style.opacity = String(HEAT_OPACITY);
  let current: { overlay: Overlay; height: number } | null = null;
  let scale = 1;
  let frameKey = '';
  let frameLoad: Promise<boolean> = Promise.resolve(false);
  let frameKind: BackdropSource['kind'] = 'none';
  let viewportHeight = MEASURE_VIEWPORT_HEIGHT;
  let generation = 0;

  const panelWidth = () => {
    const style = getComputedStyle(panel);
    return (
      panel.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight) - 2
    );
  };

  const paint = () => {
    if (!current) return;
    const { overlay, height } = current;
    const layout = fitStage({
      width: overlay.width,
      height,
      panelWidth: panelWidth(),
      // Heat is smooth: CSS-pixel resolution looks the same on HiDPI screens at a quarter of the work.
      devicePixelRatio: Math.min(1, window.devicePixelRatio),
    });
    scale = layout.scale;
    box.style.width = `${layout.cssWidth}px`;
    box.style.height = `${layout.cssHeight}px`;
    frame.style.width = `${overlay.width}px`;
    frame.style.height = `${height}px`;
    frame.style.transform = `scale(${layout.scale})`;
    if (shot) shot.style.transform = `scale(${layout.scale})`;
    canvas.width = layout.canvasWidth;
    canvas.height = layout.canvasHeight;
    canvas.style.width = `${layout.cssWidth}px`;
    canvas.style.height = `${layout.cssHeight}px`;
    const toCanvas = layout.canvasWidth / overlay.width;
    overlay.paint(canvas, toCanvas, height, frameDoc());
    canvas.dataset.scale = String(toCanvas);
    marks.replaceChildren(
      ...overlay
        .labels(height)
        .filter((l) => l.y > 0 && l.y < height)
        .map((l) =>
          el('span', { class: `mark ${l.kind}`, style: `top:${Math.round(l.y * layout.scale)}px` }, l.text),
        ),
    );
  };

  // A fresh iframe per page: navigating an existing one would add entries to the
  // browser's history, and Back would then step through backdrops instead of views.
  const swapFrame = (source: BackdropSource, width: number): Promise<boolean> => {
    frameKind = source.kind;
    viewportHeight = source.kind === 'snapshot' ? source.viewportHeight : MEASURE_VIEWPORT_HEIGHT;
    if (source.kind === 'snapshot') return rebuildFrame(source, width);
    return new Promise((resolve) => {
      const fresh = el('iframe', { ...frameAttributes, sandbox: 'allow-same-origin' });
      if (source.kind === 'live') {
        const timer = setTimeout(() => resolve(false), FRAME_TIMEOUT_MS);
        fresh.onload = () => {
          clearTimeout(timer);
          resolve(true);
        };
        fresh.style.width = `${width}px`;
        fresh.style.height = `${MEASURE_VIEWPORT_HEIGHT}px`;
        fresh.src = source.url;
      } else resolve(false);
      slot.replaceChildren(fresh);
      frame = fresh;
    });
  };

  // The snapshot rebuilt into a new sandboxed iframe at its own width; resolves once laid out.
  const rebuildFrame = async (
    source: Extract<BackdropSource, { kind: 'snapshot' }>,
    width: number,
  ): Promise<boolean> => {
    slot.replaceChildren();
    try {
      const { rebuildSnapshot } = await import('../snapshot/rebuild-snapshot');
      frame = rebuildSnapshot(slot, source.node, source.url, frameAttributes);
    } catch (error) {
      console.error('heatfunnel viewer: the snapshot could not be rebuilt', error);
      frame = el('iframe', { ...frameAttributes, sandbox: 'allow-same-origin' });
      slot.replaceChildren(frame);
      return false;
    }
    frame.style.width = `${width}px`;
    frame.style.height = `${source.viewportHeight}px`;
    await settled(frame.contentDocument);
    return true;
  };

  const measure = (): number | null => {
    try {
      const doc = frame.contentDocument;
      if (!doc?.documentElement || (frameKind !== 'snapshot' && doc.URL === 'about:blank')) return null;
      frame.style.height = `${viewportHeight}px`;
      return Math.max(doc.documentElement.scrollHeight, doc.body?.scrollHeight ?? 0);
    } catch {
      return null; // cross-origin: the answer's docHeight stands in
    }
  };

  // An uploaded screenshot (mini-program pages have no URL to frame), at the bucket's width.
  let shot: HTMLImageElement | null = null;
  const showImage = (image: HTMLImageElement | null, width: number) => {
    if (image === shot) return;
    shot?.remove();
    shot = image;
    if (!image) return;
    image.className = 'backdrop-image';
    image.alt = '';
    image.style.width = `${width}px`;
    box.prepend(image);
  };

  const frameDoc = (): Document | null => {
    try {
      return frameKey ? frame.contentDocument : null;
    } catch {
      return null;
    }
  };

  // The numbers under the pointer: a tooltip that follows it over the page.
  const tip = el('div', { class: 'probe', role: 'tooltip', hidden: '' });
  box.append(tip);
  box.addEventListener('mousemove', (e) => {
    const text =
      current && scale > 0
        ? current.overlay.probe?.(e.offsetX / scale, e.offsetY / scale, current.height)
        : null;
    tip.hidden = !text;
    if (!text) return;
    tip.textContent = text;
    tip.style.left = `${e.offsetX + 14}px`;
    tip.style.top = `${e.offsetY + 14}px`;
  });
  box.addEventListener('mouseleave', () => {
    tip.hidden = true;
  });

  let resizeQueued = false;
  new ResizeObserver(() => {
    if (resizeQueued || !current) return;
    resizeQueued = true;
    requestAnimationFrame(() => {
      resizeQueued = false;
      paint();
    });
  }).observe(panel);

  return {
    /** Shows `overlay` over `backdrop` (or an uploaded screenshot); resolves once drawn. */
    async show(
      overlay: Overlay,
      backdrop: BackdropSource,
      image: HTMLImageElement | null = null,
    ): Promise<StageResult | null> {
      const mine = ++generation;
      stage.dataset.state = 'loading';
      stage.dataset.backdrop = image ? 'image' : backdrop.kind;
      highlights.replaceChildren();
      showImage(image, overlay.width);
      // An uploaded screenshot replaces the snapshot or the live page.
      const source: BackdropSource = image ? { kind: 'none' } : backdrop;
      const key =
        source.kind === 'snapshot'
          ? `snapshot:${source.key}@${overlay.width}`
          : source.kind === 'live'
            ? `${source.url}@${overlay.width}`
            : '';
      if (key !== frameKey) {
        frameKey = key;
        frameLoad = swapFrame(source, overlay.width);
      }
      const loaded = await frameLoad;
      if (mine !== generation) return null;
      const measured = image
        ? Math.round((image.naturalHeight * overlay.width) / Math.max(1, image.naturalWidth))
        : loaded
          ? measure()
          : null;
      const height = Math.max(measured ?? overlay.docHeight, overlay.minHeight, 1);
      await overlay.prepare?.(frameDoc());
      if (mine !== generation) return null;
      current = { overlay, height };
      stage.dataset.state = 'drawing';
      paint();
      stage.dataset.state = 'drawn';
      return { height, backdrop: loaded || image !== null };
    },
    /** What is drawn now: the overlay, the page height used and the backdrop document when readable. */
    view() {
      if (!current || stage.dataset.state !== 'drawn') return null;
      return { ...current, doc: frameDoc(), image: shot };
    },
    /** Outlines boxes of the page (document px), or clears the outlines. */
    highlight(rects: readonly DocRect[]) {
      highlights.replaceChildren(
        ...rects.map((r) =>
          el('span', {
            class: 'highlight',
            style: `left:${r.x * scale}px;top:${r.y * scale}px;width:${r.width * scale}px;height:${r.height * scale}px`,
          }),
        ),
      );
    },
    /** Hides the stage (no page chosen, or nothing to show). */
    hide() {
      generation++;
      current = null;
      stage.dataset.state = 'idle';
      canvas.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
      marks.replaceChildren();
      highlights.replaceChildren();
    },
    /** Marks the stage busy while a new overlay loads. */
    busy() {
      stage.dataset.state = 'loading';
    },
  };
};
