/**
 * The stage: the chosen page in a same-origin iframe at the bucket's reference width, scaled
 * to fit the panel and grown to its full document height, with the heat canvas on top.
 * The iframe is sandboxed without scripts, so the shop's own tracker never runs in it.
 */
import type { ClickHeatmap } from '../api';
import { cellsToPoints } from '../heat/points';
import { createHeatRenderer } from '../heat/renderer';
import { fitStage, HEAT_OPACITY, heatRadius } from '../layout';
import { byId } from './dom';

/** The viewport height pages are measured at (a common laptop), so `100vh` blocks stay sane. */
const MEASURE_VIEWPORT_HEIGHT = 800;
/** How long a backdrop may take to load before the heat is drawn on a blank one. */
const FRAME_TIMEOUT_MS = 10_000;

/** What a draw ended with: the page height used and whether the backdrop loaded. */
export interface StageResult {
  height: number;
  backdrop: boolean;
}

/** Binds the stage of the page skeleton. */
export const createStage = () => {
  const stage = byId('stage', HTMLDivElement);
  const panel = byId('stage-panel', HTMLElement);
  const box = byId('frame-box', HTMLDivElement);
  let frame = byId('frame', HTMLIFrameElement);
  const canvas = byId('heat', HTMLCanvasElement);
  const renderer = createHeatRenderer(canvas);
  canvas.style.opacity = String(HEAT_OPACITY);
  let current: { heatmap: ClickHeatmap; height: number } | null = null;
  let frameKey = '';
  let frameLoad: Promise<boolean> = Promise.resolve(false);
  let generation = 0;

  const panelWidth = () => {
    const style = getComputedStyle(panel);
    return (
      panel.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight) - 2
    );
  };

  const paint = () => {
    if (!current) return;
    const { heatmap, height } = current;
    const layout = fitStage({
      width: heatmap.width,
      height,
      panelWidth: panelWidth(),
      // Heat is smooth: CSS-pixel resolution looks the same on HiDPI screens at a quarter of the work.
      devicePixelRatio: Math.min(1, window.devicePixelRatio),
    });
    box.style.width = `${layout.cssWidth}px`;
    box.style.height = `${layout.cssHeight}px`;
    frame.style.width = `${heatmap.width}px`;
    frame.style.height = `${height}px`;
    frame.style.transform = `scale(${layout.scale})`;
    canvas.width = layout.canvasWidth;
    canvas.height = layout.canvasHeight;
    canvas.style.width = `${layout.cssWidth}px`;
    canvas.style.height = `${layout.cssHeight}px`;
    const toCanvas = layout.canvasWidth / heatmap.width;
    renderer.setRadius(heatRadius(heatmap) * toCanvas);
    renderer.draw(cellsToPoints(heatmap, { scale: toCanvas }));
    canvas.dataset.scale = String(toCanvas);
  };

  // A fresh iframe per page: navigating an existing one would add entries to the
  // browser's history, and Back would then step through backdrops instead of views.
  const replaceFrame = (): HTMLIFrameElement => {
    const fresh = frame.cloneNode(false) as HTMLIFrameElement;
    fresh.removeAttribute('src');
    frame.replaceWith(fresh);
    frame = fresh;
    return fresh;
  };

  const loadFrame = (url: string, width: number): Promise<boolean> =>
    new Promise((resolve) => {
      const fresh = frame.cloneNode(false) as HTMLIFrameElement;
      const timer = setTimeout(() => resolve(false), FRAME_TIMEOUT_MS);
      fresh.onload = () => {
        clearTimeout(timer);
        resolve(true);
      };
      fresh.style.width = `${width}px`;
      fresh.style.height = `${MEASURE_VIEWPORT_HEIGHT}px`;
      fresh.src = url;
      frame.replaceWith(fresh);
      frame = fresh;
    });

  const measure = (): number | null => {
    try {
      const doc = frame.contentDocument;
      if (!doc?.documentElement || doc.URL === 'about:blank') return null;
      frame.style.height = `${MEASURE_VIEWPORT_HEIGHT}px`;
      return Math.max(doc.documentElement.scrollHeight, doc.body?.scrollHeight ?? 0);
    } catch {
      return null; // cross-origin: the answer's docHeight stands in
    }
  };

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
    /** Shows `heatmap` over the page at `url` (null: a blank backdrop); resolves once drawn. */
    async show(heatmap: ClickHeatmap, url: string | null): Promise<StageResult | null> {
      const mine = ++generation;
      stage.dataset.state = 'loading';
      const key = url ? `${url}@${heatmap.width}` : '';
      if (key !== frameKey) {
        frameKey = key;
        if (url) frameLoad = loadFrame(url, heatmap.width);
        else {
          replaceFrame();
          frameLoad = Promise.resolve(false);
        }
      }
      const backdrop = await frameLoad;
      if (mine !== generation) return null;
      const measured = backdrop ? measure() : null;
      const cellsBottom = heatmap.cells.reduce((m, c) => Math.max(m, (c.y + 1) * heatmap.rowHeight), 0);
      const height = Math.max(measured ?? heatmap.docHeight, cellsBottom, 1);
      current = { heatmap, height };
      stage.dataset.state = 'drawing';
      paint();
      stage.dataset.state = 'drawn';
      return { height, backdrop };
    },
    /** What is drawn now: the answer, the page height used and the backdrop document when readable. */
    view() {
      if (!current || stage.dataset.state !== 'drawn') return null;
      let doc: Document | null = null;
      try {
        doc = frameKey ? frame.contentDocument : null;
      } catch {
        doc = null;
      }
      return { ...current, doc };
    },
    /** Hides the stage (no page chosen, or nothing to show). */
    hide() {
      generation++;
      current = null;
      stage.dataset.state = 'idle';
      renderer.clear();
    },
    /** Marks the stage busy while a new heatmap loads. */
    busy() {
      stage.dataset.state = 'loading';
    },
  };
};
