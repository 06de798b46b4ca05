export { type Api, createApi, pageParams } from './client';
export { ApiError, type ApiErrorKind } from './http';
export type {
  ClickHeatmap,
  ClickLayer,
  ElementRow,
  HeatCell,
  PageQuery,
  PageRow,
  Range,
  ScrollAnswer,
  Segment,
  Site,
} from './types';
