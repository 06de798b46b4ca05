/**
 * The shapes of the read API's answers, named once: the routes are checked against them
 * and the viewer imports them (`@heatfunnel/server/api`), so neither side restates them.
 * Types only.
 */
import type { DeviceClass } from '@heatfunnel/sdk/protocol';
import type { Attention } from '../query/attention.js';
import type { ClickLayer, HeatCell, HeatmapScale } from '../query/click-heatmap.js';
import type { ElementStats } from '../query/element-ranking.js';
import type { Dropoffs } from '../query/funnel/funnel-dropoffs.js';
import type { FunnelCounts, StepCounts } from '../query/funnel/funnel-steps.js';
import type { StepTiming } from '../query/funnel/funnel-time-to-convert.js';
import type { TrendPoint } from '../query/funnel/funnel-trend.js';
import type { PageSummary } from '../query/pages.js';
import type { ScrollReach } from '../query/scroll-reach.js';
import type { PageSnapshot } from '../query/snapshot.js';

export type {
  Attention,
  ClickLayer,
  Dropoffs,
  ElementStats,
  HeatCell,
  HeatmapScale,
  PageSnapshot,
  PageSummary,
  StepCounts,
  StepTiming,
  TrendPoint,
};

/** `GET /api/sites`. */
export interface SitesAnswer {
  /** Sites without a read token, and those the request's read token opens. */
  sites: { key: string; name: string }[];
  /** How many other sites need a read token this request did not carry. */
  locked: number;
}

/** `GET /api/pages`. */
export interface PagesAnswer {
  pages: PageSummary[];
}

/** `GET /api/heatmap/clicks`: a cell (x, y) covers x / columns of the width, y rows of rowHeight px. */
export interface ClickHeatmapAnswer {
  pageKey: string;
  device: DeviceClass;
  layer: ClickLayer;
  /** `document`: rows in CSS px of the page; `width`: of the page scaled to `width` wide. */
  scale: HeatmapScale;
  columns: number;
  rowHeight: number;
  /** Width (CSS px) to draw the page at for this device class. */
  width: number;
  /** Median document height seen, CSS px; 0 without data. */
  docHeight: number;
  total: number;
  cells: HeatCell[];
}

/** `GET /api/heatmap/elements`. */
export interface ElementsAnswer {
  elements: ElementStats[];
}

/** `GET /api/heatmap/element-cells`: click cells (as in `ClickHeatmapAnswer`) of the named elements only. */
export interface ElementCellsAnswer {
  total: number;
  cells: HeatCell[];
}

/** `GET /api/heatmap/scroll`: reach per `stepPercent` of depth, fold, attention per band. */
export interface ScrollAnswer extends ScrollReach {
  stepPercent: number;
  attention: Attention;
}

/** `POST /api/funnel`. */
export interface FunnelAnswer extends FunnelCounts {
  timeToConvert: {
    /** Upper bounds of the histogram buckets, seconds; the last bucket is open. */
    buckets: readonly number[];
    steps: StepTiming[];
  };
  trend: { interval: 'day' | 'week'; points: TrendPoint[] };
}

/** `POST /api/funnel/dropoffs`. */
export type DropoffsAnswer = Dropoffs;

/** `GET /api/snapshot`: the page's newest snapshot for the device class (or the nearest one), or null. */
export interface SnapshotAnswer {
  pageKey: string;
  /** The device class asked for. */
  device: DeviceClass;
  snapshot: PageSnapshot | null;
}
