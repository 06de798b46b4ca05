/**
 * Answer shapes of the server's query API (server/src/api/api-routes.ts and
 * docs/contracts.md), as the viewer reads them.
 */
import type { DeviceClass, Platform } from '@heatfunnel/sdk/protocol';

/** A site from `GET /api/sites`. */
export interface Site {
  key: string;
  name: string;
}

/** A page key from `GET /api/pages`. */
export interface PageRow {
  pageKey: string;
  url: string;
  pageviews: number;
  clicks: number;
}

/** One click heat cell: column `x`, row `y`, `n` clicks. */
export interface HeatCell {
  x: number;
  y: number;
  n: number;
}

/** The answer of `GET /api/heatmap/clicks`. */
export interface ClickHeatmap {
  pageKey: string;
  device: DeviceClass;
  layer?: ClickLayer;
  columns: number;
  rowHeight: number;
  width: number;
  docHeight: number;
  total: number;
  cells: HeatCell[];
}

/** A date range as the API takes it: UTC `YYYY-MM-DD`, both inclusive. */
export interface Range {
  from: string;
  to: string;
}

/** Who to count: the API's segment parameters; unset means everyone. */
export interface Segment {
  channel?: string;
  platform?: Platform;
  visitor?: 'new' | 'returning';
  /** A funnel cohort as the API takes it: `{"funnel":{…},"reached":N}` (JSON). */
  cohort?: string;
}

/** One page key's view: site, page, device bucket, UTC date range and segment. */
export interface PageQuery {
  site: string;
  page: string;
  device: DeviceClass;
  from: string;
  to: string;
  segment: Segment;
}

/** The click heat layers `GET /api/heatmap/clicks?layer=` serves. */
export type ClickLayer = 'clicks' | 'rage' | 'dead';

/** The answer of `GET /api/heatmap/scroll`: reach per depth step, fold, attention per band. */
export interface ScrollAnswer {
  /** Page views with scroll data. */
  views: number;
  /** `reach[i]`: share (0..1) of page views that reached `i * stepPercent` % of the document. */
  reach: number[];
  stepPercent: number;
  /** Average viewport height as a percentage of the average document height. */
  foldPercent: number;
  /** Average viewport height, CSS px. */
  averageFold: number;
  attention: { views: number; seconds: number[] };
}

/** One element of `GET /api/heatmap/elements`, most clicked first. */
export interface ElementRow {
  hash: string;
  selector: string;
  clicks: number;
  /** Distinct visitors who clicked it. */
  clickers: number;
  /** Clicks per page view of the page. */
  rate: number;
  rage: number;
  dead: number;
  /** Clicks per 10 x 10 bin of the element-relative position: `[column, row, clicks]`. */
  positions: [number, number, number][];
}

/** Counts of one funnel step. */
export interface StepCounts {
  /** 1-based step number. */
  step: number;
  entered: number;
  /** Went on to the next step (for the last step: equal to entered). */
  converted: number;
  dropped: number;
  /** entered ÷ entered of the previous step (1 for the first step). */
  fromPrevious: number;
  /** entered ÷ entered of the first step. */
  fromFirst: number;
}

/** The answer of `POST /api/funnel`. */
export interface FunnelAnswer {
  steps: StepCounts[];
  /** Per breakdown value, most entered first. */
  breakdown: { value: string; steps: StepCounts[] }[];
  timeToConvert: {
    /** Upper bounds of the histogram buckets, seconds; the last bucket is open. */
    buckets: number[];
    steps: { step: number; medianSeconds: number | null; histogram: number[] }[];
  };
  trend: {
    interval: 'day' | 'week';
    points: { period: string; entered: number; converted: number; rate: number }[];
  };
}

/** The answer of `POST /api/funnel/dropoffs`: who left after a step and what they did next. */
export interface Dropoffs {
  step: number;
  count: number;
  visitors: string[];
  next: { event: string; count: number }[];
}
