/**
 * Element-relative placement: each element's clicks, binned 10 x 10 inside the element,
 * placed where that element is in the page shown now, so heat follows the layout when it
 * reflowed since the clicks. An element whose selector matches nothing, or more than one
 * element, cannot be placed without guessing; its clicks are counted as unplaced.
 */
import type { ElementRow } from '../api';
import type { HeatPoints } from '../heat/points';
import { weight } from '../heat/points';
import type { DocRect } from '../locate';

/** Bins across and down an element in the API's positions. */
export const ELEMENT_BINS = 10;

/** The points of the elements that could be placed, and how many clicks were or were not. */
export interface Placement {
  points: HeatPoints;
  placedClicks: number;
  /** Clicks of elements that could not be placed (whether or not drawn by position). */
  unplacedClicks: number;
  /** Clicks drawn where they were clicked instead (`byPosition`). */
  positionClicks: number;
}

/** Most sub-points per bin side: a bin wider than the blob is covered by up to 3 x 3 points. */
const MAX_SPLIT = 3;

/**
 * Places elements' position bins (canvas px = document px x `scale`), weighted against the
 * busiest bin. A bin larger than the blob `radius` (document px) is split into evenly spread
 * sub-points sharing its count, so heat covers the bin instead of dotting its centre.
 */
export function elementPoints(
  elements: readonly ElementRow[],
  find: (selector: string) => DocRect[],
  scale = 1,
  {
    radius = 0,
    floor = 0.05,
    byPosition = [],
  }: {
    radius?: number;
    floor?: number;
    /** Document points (with counts) of clicks to draw where they were clicked, on the same scale. */
    byPosition?: readonly { x: number; y: number; n: number }[];
  } = {},
): Placement {
  const placed: { x: number; y: number; n: number }[] = [...byPosition];
  const positionClicks = byPosition.reduce((sum, p) => sum + p.n, 0);
  let placedClicks = 0;
  let unplacedClicks = 0;
  for (const e of elements) {
    const rects = find(e.selector);
    const r = rects[0];
    if (rects.length !== 1 || !r || e.positions.length === 0) {
      unplacedClicks += e.clicks;
      continue;
    }
    placedClicks += e.clicks;
    const binW = r.width / ELEMENT_BINS;
    const binH = r.height / ELEMENT_BINS;
    const kx = radius > 0 ? Math.min(MAX_SPLIT, Math.max(1, Math.ceil(binW / radius))) : 1;
    const ky = radius > 0 ? Math.min(MAX_SPLIT, Math.max(1, Math.ceil(binH / radius))) : 1;
    for (const [col, row, n] of e.positions) {
      for (let i = 0; i < kx; i++) {
        for (let j = 0; j < ky; j++) {
          placed.push({
            x: r.x + (col + (i + 0.5) / kx) * binW,
            y: r.y + (row + (j + 0.5) / ky) * binH,
            n: n / (kx * ky),
          });
        }
      }
    }
  }
  const max = placed.reduce((m, p) => Math.max(m, p.n), 0);
  const points: HeatPoints = {
    x: Float32Array.from(placed, (p) => p.x * scale),
    y: Float32Array.from(placed, (p) => p.y * scale),
    w: Float32Array.from(placed, (p) => weight(p.n, max, floor)),
    length: placed.length,
  };
  return { points, placedClicks, unplacedClicks, positionClicks };
}
