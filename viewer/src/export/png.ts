/**
 * PNG of the current view: the page (rasterised from the same-origin backdrop through an
 * SVG foreignObject), the heat on top as on screen, and a caption saying what it shows.
 */
import { fitStage, HEAT_OPACITY } from '../layout';
import type { Overlay } from '../overlays/overlay';

/** Height of the caption band above the page, px at export scale 1. */
const CAPTION_HEIGHT = 40;

function stylesOf(doc: Document): string {
  const parts: string[] = [];
  for (const sheet of doc.styleSheets) {
    try {
      for (const rule of sheet.cssRules) parts.push(rule.cssText);
    } catch {
      // A cross-origin stylesheet cannot be read; the page is drawn without it.
    }
  }
  return parts.join('\n');
}

function inlineImages(source: Document, clone: HTMLElement): void {
  const originals = [...source.images];
  clone.querySelectorAll('img').forEach((img, i) => {
    const original = originals[i];
    try {
      if (!original?.complete || original.naturalWidth === 0) throw new Error('not loaded');
      const c = document.createElement('canvas');
      c.width = original.naturalWidth;
      c.height = original.naturalHeight;
      c.getContext('2d')?.drawImage(original, 0, 0);
      img.src = c.toDataURL();
    } catch {
      img.removeAttribute('src'); // cross-origin or broken: an SVG image may not load it anyway
      img.removeAttribute('srcset');
    }
  });
}

/** The document drawn as an image at `width` x `height` CSS px (scripts, frames and media left out). */
export async function documentImage(doc: Document, width: number, height: number): Promise<HTMLImageElement> {
  const clone = doc.documentElement.cloneNode(true) as HTMLElement;
  inlineImages(doc, clone);
  for (const node of clone.querySelectorAll(
    'script, style, link, iframe, video, audio, object, embed, noscript',
  )) {
    node.remove();
  }
  const style = doc.createElement('style');
  style.textContent = stylesOf(doc);
  (clone.querySelector('head') ?? clone).append(style);
  clone.style.width = `${width}px`;
  const xhtml = new XMLSerializer().serializeToString(clone);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<foreignObject x="0" y="0" width="${width}" height="${height}">${xhtml}</foreignObject></svg>`;
  const img = new Image(width, height);
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await img.decode();
  return img;
}

/** What to export: the overlay, the page height used on screen, the backdrop document if readable. */
export interface PngView {
  overlay: Overlay;
  height: number;
  doc: Document | null;
  /** An uploaded screenshot shown instead of a live page. */
  image?: HTMLImageElement | null;
  caption: string;
}

const FONT = 'system-ui, "PingFang SC", "Microsoft YaHei", sans-serif';

/** The overlay's labels as on screen: text on a light chip at the left, the fold as a dashed line. */
function drawLabels(
  ctx: CanvasRenderingContext2D,
  overlay: Overlay,
  height: number,
  s: number,
  top: number,
  width: number,
): void {
  ctx.font = `${Math.round(12 * s)}px ${FONT}`;
  ctx.textBaseline = 'middle';
  for (const label of overlay.labels(height)) {
    if (label.y <= 0 || label.y >= height) continue;
    const y = top + label.y * s;
    if (label.kind === 'fold') {
      ctx.strokeStyle = '#1d2330';
      ctx.setLineDash([8 * s, 6 * s]);
      ctx.lineWidth = 2 * s;
      ctx.beginPath();
      ctx.moveTo(0, y);
      ctx.lineTo(width, y);
      ctx.stroke();
      ctx.setLineDash([]);
    }
    const w = ctx.measureText(label.text).width + 12 * s;
    ctx.fillStyle = 'rgba(255,255,255,0.85)';
    ctx.fillRect(4 * s, y - 9 * s, w, 18 * s);
    ctx.fillStyle = '#1d2330';
    ctx.fillText(label.text, 10 * s, y);
  }
}

function toPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    try {
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser made no PNG'))), 'image/png');
    } catch (e) {
      reject(e);
    }
  });
}

/**
 * Renders the view as a PNG at the bucket's reference width (scaled down only past canvas
 * limits). Falls back to heat on white when the page cannot be rasterised.
 */
export async function exportPng({ overlay, height, doc, image, caption }: PngView): Promise<Blob> {
  const layout = fitStage({ width: overlay.width, height, panelWidth: overlay.width });
  const s = layout.pixelRatio;
  const pageW = layout.canvasWidth;
  const pageH = layout.canvasHeight;
  const top = Math.round(CAPTION_HEIGHT * s);

  const heat = document.createElement('canvas');
  heat.width = pageW;
  heat.height = pageH;
  overlay.paint(heat, s, height, doc);

  let backdrop: HTMLImageElement | null = image ?? null;
  if (!backdrop && doc) backdrop = await documentImage(doc, overlay.width, height).catch(() => null);

  const compose = (withBackdrop: boolean) => {
    const out = document.createElement('canvas');
    out.width = pageW;
    out.height = pageH + top;
    const ctx = out.getContext('2d');
    if (!ctx) throw new Error('This browser cannot draw on a 2D canvas.');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, out.width, out.height);
    if (withBackdrop && backdrop) ctx.drawImage(backdrop, 0, top, pageW, pageH);
    ctx.globalAlpha = HEAT_OPACITY;
    ctx.drawImage(heat, 0, top);
    ctx.globalAlpha = 1;
    drawLabels(ctx, overlay, height, s, top, pageW);
    ctx.fillStyle = '#1d2330';
    ctx.fillRect(0, 0, out.width, top);
    ctx.fillStyle = '#ffffff';
    ctx.font = `${Math.round(15 * s)}px ${FONT}`;
    ctx.textBaseline = 'middle';
    ctx.fillText(caption, Math.round(12 * s), top / 2, pageW - Math.round(24 * s));
    return out;
  };

  try {
    return await toPng(compose(true));
  } catch {
    // Some browsers taint a canvas that drew an SVG foreignObject; heat on white still helps.
    return toPng(compose(false));
  }
}
