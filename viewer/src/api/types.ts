/**
 * The server's query API as the viewer reads it: the answers are the server's own types
 * (`@heatfunnel/server/api`); the request shapes below are the viewer's.
 */

import type { DeviceClass, Platform } from '@heatfunnel/sdk/protocol';
import type {
  ClickHeatmapAnswer,
  ClickLayer,
  DropoffsAnswer,
  ElementStats,
  FunnelAnswer,
  HeatCell,
  HeatmapScale,
  PageSnapshot,
  PageSummary,
  ScrollAnswer,
  SitesAnswer,
  SnapshotAnswer,
  StepCounts,
} from '@heatfunnel/server/api';

// The answers are the server's own types, under the names the viewer uses.
export type { ClickLayer, FunnelAnswer, HeatCell, PageSnapshot, ScrollAnswer, SnapshotAnswer, StepCounts };
/** A site from `GET /api/sites`. */
export type Site = SitesAnswer['sites'][number];
/** A page key from `GET /api/pages`. */
export type PageRow = PageSummary;
/** The answer of `GET /api/heatmap/clicks`. */
export type ClickHeatmap = ClickHeatmapAnswer;
/** One element of `GET /api/heatmap/elements`, most clicked first. */
export type ElementRow = ElementStats;
/** The answer of `POST /api/funnel/dropoffs`. */
export type Dropoffs = DropoffsAnswer;

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
  /** How click rows are measured (`GET /api/heatmap/clicks?scale=`); unset: `document`. */
  scale?: HeatmapScale;
}
