/**
 * Exclusions follow their steps: when a step moves or goes, each exclusion's "between step A
 * and step B" still names the same steps (an exclusion left with no steps between is
 * dropped, with its conditions). Pure.
 */
import { filtersAfterRemove, positionAfterMove, type StepFilter } from './filters';
import type { Exclusion } from './spec';

/** The exclusions once step `from` moved to position `to` (1-based). */
export function exclusionsAfterMove(exclusions: readonly Exclusion[], from: number, to: number): Exclusion[] {
  return exclusions.map((e) => {
    const a = positionAfterMove(e.from, from, to);
    const b = positionAfterMove(e.to, from, to);
    // A step moved past the other end: the same two steps, now the other way round.
    return { ...e, from: Math.min(a, b), to: Math.max(a, b) };
  });
}

/**
 * The exclusions and their conditions once step `removed` (1-based) is gone: a removed
 * start hands over to the step that takes its number, a removed end to the step before it.
 */
export function exclusionsAfterRemove(
  exclusions: readonly Exclusion[],
  filters: readonly StepFilter[],
  removed: number,
): { exclusions: Exclusion[]; filters: StepFilter[] } {
  let kept = [...filters];
  const next: Exclusion[] = [];
  for (const e of exclusions) {
    const from = e.from > removed ? e.from - 1 : e.from;
    const to = e.to >= removed ? e.to - 1 : e.to;
    if (from < to) next.push({ ...e, from, to });
    // This exclusion is gone: its conditions go, later exclusions' numbers move up.
    else kept = filtersAfterRemove(kept, next.length + 1);
  }
  return { exclusions: next, filters: kept };
}
