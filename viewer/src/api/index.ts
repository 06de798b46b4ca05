export { type Api, createApi, pageParams } from './client';
export { ApiError, type ApiErrorKind } from './http';
export type {
  ClickHeatmap,
  ClickLayer,
  Dropoffs,
  ElementRow,
  FunnelAnswer,
  HeatCell,
  PageQuery,
  PageRow,
  PageSnapshot,
  Range,
  ScrollAnswer,
  Segment,
  Site,
  SnapshotAnswer,
  StepCounts,
} from './types';
