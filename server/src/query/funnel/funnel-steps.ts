/**
 * Funnel step counts: for each step, how many entered it, went on to the next, dropped,
 * and the conversion from the previous and from the first step; broken down when asked,
 * top N values plus "other", so the breakdown's totals equal the whole funnel's.
 */
import type { Store } from '../../store/store.js';
import { SqlParams } from '../sql-params.js';
import { funnelLevels } from './funnel-levels.js';
import type { FunnelSpec } from './funnel-spec.js';

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

export interface FunnelCounts {
  steps: StepCounts[];
  /** Per breakdown value, most entered first; "other" last when values were folded. */
  breakdown: { value: string; steps: StepCounts[] }[];
}

export const OTHER = '(other)';
/** The breakdown value of units whose value is empty (e.g. direct traffic has no channel). */
export const NONE = '(none)';

/** Step counts from how many units reached at least each step. */
export function stepCounts(reached: number[]): StepCounts[] {
  const first = reached[0] ?? 0;
  return reached.map((entered, i) => {
    const next = i + 1 < reached.length ? (reached[i + 1] ?? 0) : entered;
    const previous = i === 0 ? entered : (reached[i - 1] ?? 0);
    return {
      step: i + 1,
      entered,
      converted: next,
      dropped: entered - next,
      fromPrevious: previous === 0 ? 0 : entered / previous,
      fromFirst: first === 0 ? 0 : entered / first,
    };
  });
}

const add = (a: number[], b: number[]) => a.map((value, i) => value + (b[i] ?? 0));

/** Runs the funnel and returns its step counts, with the breakdown when `spec` has one. */
export async function funnelSteps(store: Store, spec: FunnelSpec): Promise<FunnelCounts> {
  const params = new SqlParams();
  const levels = funnelLevels(store, spec, params);
  const reachedColumns = spec.steps.map((_, i) => `countIf(level >= ${i + 1})`).join(', ');
  const result = await store.client.query({
    query: `SELECT bd AS value, [${reachedColumns}] AS reached FROM (${levels}) GROUP BY bd ORDER BY reached[1] DESC, value`,
    query_params: params.values,
    format: 'JSONEachRow',
  });
  const groups = await result.json<{ value: string; reached: number[] }>();
  const zero = spec.steps.map(() => 0);
  const total = groups.reduce((sum, group) => add(sum, group.reached), zero);
  if (!spec.breakdown) return { steps: stepCounts(total), breakdown: [] };

  const top = groups.slice(0, spec.breakdown.limit);
  const rest = groups.slice(spec.breakdown.limit);
  const breakdown = top.map((group) => ({ value: group.value || NONE, steps: stepCounts(group.reached) }));
  if (rest.length > 0) {
    breakdown.push({
      value: OTHER,
      steps: stepCounts(rest.reduce((sum, group) => add(sum, group.reached), zero)),
    });
  }
  return { steps: stepCounts(total), breakdown };
}
