/** The filter most queries share: one site's page key, device class and date range. */
import type { DeviceClass } from '@heatfunnel/sdk/protocol';

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
}
