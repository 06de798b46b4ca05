/**
 * The stage: the page behind the heat (its snapshot rebuilt in a sandboxed iframe, or the
 * live page in a same-origin iframe) laid out at its width, scaled to fit the panel and grown
 * to its full document height, with an overlay canvas on top (click heat, scroll reach or
 * attention), its labels, and element highlights. Neither iframe may run scripts, so neither
 * the snapshot's nor the shop's own tracker runs in it.
 */
import type { BackdropSource } from '../backdrop';
import { createBackdropFrame } from '../backdrop-frame';
import { fitStage, HEAT_OPACITY } from '../layout';
import type { DocRect } from '../locate';
import type { Overlay } from '../overlays/overlay';
import { byId, el } from './dom';

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
  const frame = createBackdropFrame(byId(`frame${suffix}`, HTMLIFrameElement));
  const canvas = byId(`heat${suffix}`, HTMLCanvasElement);
  canvas.style.opacity = String(HEAT_OPACITY);
  let current: { overlay: Overlay; height: number } | null = null;
  let scale = 1;
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
    frame.layout(overlay.width, height, layout.scale);
    if (shot) shot.style.transform = `scale(${layout.scale})`;
    canvas.width = layout.canvasWidth;
    canvas.height = layout.canvasHeight;
    canvas.style.width = `${layout.cssWidth}px`;
    canvas.style.height = `${layout.cssHeight}px`;
    const toCanvas = layout.canvasWidth / overlay.width;
    overlay.paint(canvas, toCanvas, height, frame.doc());
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
      const loaded = await frame.load(image ? { kind: 'none' } : backdrop, overlay.width);
      if (mine !== generation) return null;
      const measured = image
        ? Math.round((image.naturalHeight * overlay.width) / Math.max(1, image.naturalWidth))
        : loaded
          ? frame.measure()
          : null;
      const height = Math.max(measured ?? overlay.docHeight, overlay.minHeight, 1);
      await overlay.prepare?.(frame.doc());
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
      return { ...current, doc: frame.doc(), image: shot };
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
