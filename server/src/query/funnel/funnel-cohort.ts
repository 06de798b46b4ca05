/**
 * A funnel cohort as a heatmap segment: the visitors who reached step N but not N + 1
 * (or, with `reached` equal to the step count, those who finished).
 */
import type { Store } from '../../store/store.js';
import type { SqlParams } from '../sql-params.js';
import { funnelLevels } from './funnel-levels.js';
import type { FunnelSpec } from './funnel-spec.js';

export interface CohortRef {
  funnel: FunnelSpec;
  /** The last step the visitors reached (1-based). */
  reached: number;
}

/** A subquery returning the cohort's visitor (anonymous) ids. */
export function cohortVisitors(store: Store, cohort: CohortRef, params: SqlParams): string {
  const levels = funnelLevels(store, { ...cohort.funnel, breakdown: undefined }, params);
  return `SELECT visitor FROM (${levels}) WHERE level = ${params.add(cohort.reached, 'UInt8')}`;
}
