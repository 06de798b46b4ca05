/** The WHERE clause every per-page aggregate query shares. */
import type { RangeParams } from './aggregate-source.js';
import type { PageFilter } from './page-filter.js';
import { dimensionConditions } from './segment.js';
import type { SqlParams } from './sql-params.js';

/** `site`, page key, device, day range, channel and platform conditions on an aggregate table. */
export function pageWhere(filter: PageFilter, range: RangeParams, params: SqlParams): string {
  return `site = ${range.site} AND page_key = ${params.add(filter.page, 'String')}
    AND device = ${params.add(filter.device, 'String')} AND day BETWEEN ${range.from} AND ${range.to}
    ${dimensionConditions(filter.segment, params)}`;
}
