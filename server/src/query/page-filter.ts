/** The filter most queries share: one site's page key, device class, date range and segment. */
import type { DeviceClass } from '@heatfunnel/sdk/protocol';
import type { Segment } from './segment.js';

export interface DateRange {
  site: string;
  /** First day, `YYYY-MM-DD` (UTC), inclusive. */
  from: string;
  /** Last day, `YYYY-MM-DD` (UTC), inclusive. */
  to: string;
}

export interface PageFilter extends DateRange {
  page: string;
  device: DeviceClass;
  segment: Segment;
}
