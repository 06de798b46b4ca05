/**
 * The core every funnel query builds on: a subquery with one row per visitor (or session)
 * who entered the funnel, holding how far they got (`level`, 1..N), when they entered, their
 * breakdown value, and on request the time they reached each step.
 *
 * Levels come from ClickHouse's `windowFunnel` (ordered and strict modes); "any order" and
 * the per-step times use per-visitor arrays, computed only when asked for. The date range
 * limits when a visitor enters; later steps may complete up to the window after its end.
 * Step times follow the path that starts at the visitor's first entry: the first event of
 * each step after the previous one, within the window.
 */
import type { Store } from '../../store/store.js';
import type { SqlParams } from '../sql-params.js';
import type { FunnelSpec } from './funnel-spec.js';
import { stepCondition } from './step-condition.js';

export interface LevelsOptions {
  /** Add `times`: Array(UInt32) of the Unix second each step was reached, 0 past the level. */
  withTimes?: boolean;
}

const BREAKDOWN_COLUMNS = { channel: 'channel', device: 'device', platform: 'platform' } as const;

function breakdownExpression(spec: FunnelSpec, params: SqlParams): string {
  const breakdown = spec.breakdown;
  if (!breakdown) return `''`;
  switch (breakdown.by) {
    case 'scene':
      return `if(platform = 'web', '(web)', channel)`;
    case 'prop':
      return `JSONExtractString(props, ${params.add(breakdown.key ?? '', 'String')})`;
    default:
      return BREAKDOWN_COLUMNS[breakdown.by];
  }
}

/** The per-unit subquery for `spec`; columns: unit, visitor, level, entered_at, bd[, times]. */
export function funnelLevels(
  store: Store,
  spec: FunnelSpec,
  params: SqlParams,
  options: LevelsOptions = {},
): string {
  const n = spec.steps.length;
  const window = params.add(spec.windowSeconds, 'UInt32');
  const start = `toDateTime(${params.add(spec.from, 'Date')}, 'UTC')`;
  const end = `(toDateTime(${params.add(spec.to, 'Date')}, 'UTC') + 86400)`;
  const stepSql = spec.steps.map((step) => stepCondition(step, params));
  const exclusionSql = spec.exclusions.map((exclusion) => stepCondition(exclusion, params));
  const steps = stepSql.map((step) => step.condition);
  const exclusions = exclusionSql.map((exclusion) => exclusion.condition);
  const withTimes = options.withTimes === true || exclusions.length > 0;
  const range = (k: number) => Array.from({ length: k }, (_, i) => i + 1);

  const inner = [
    `${spec.unit === 'session' ? 'session_id' : 'anon_id'} AS unit`,
    // A session's visitor is carried along; for visitor funnels the unit already is one.
    ...(spec.unit === 'session' ? ['anon_id AS anon'] : []),
    'toDateTime(ts) AS t',
    `${breakdownExpression(spec, params)} AS b`,
    ...steps.map((condition, i) =>
      i === 0 ? `(${condition} AND ts < ${end}) AS c1` : `${condition} AS c${i + 1}`,
    ),
    ...exclusions.map((condition, i) => `${condition} AS x${i + 1}`),
  ];
  // Reading only the steps' event keys uses the sort key. Strict order counts any other
  // event between steps as a break, so it must read them all.
  const keys = [...new Set([...stepSql, ...exclusionSql].map((step) => step.key))];
  const prefilter = spec.order === 'strict' ? '' : `AND event_key IN (${keys.join(', ')})`;
  const any = spec.order === 'any';
  // In any order, entering means doing any step inside the range.
  const entry = any
    ? `(${range(n)
        .map((k) => `c${k}`)
        .join(' OR ')}) AND t < ${end}`
    : 'c1';

  const conds = range(n)
    .map((k) => `c${k}`)
    .join(', ');
  const level = any
    ? `arrayMax(arrayMap(s -> length(arrayDistinct(arrayFlatten(arrayFilter((m, tt) -> tt >= s AND tt <= s + ${window}, matched, stamps)))), starts))`
    : `windowFunnel(${window}${spec.order === 'strict' ? ", 'strict_order'" : ''})(t, ${conds})`;

  const aggregates = [
    'unit',
    spec.unit === 'session' ? 'any(anon) AS visitor' : 'unit AS visitor',
    `minIf(t, ${entry}) AS entered_at`,
    `argMinIf(b, t, ${entry}) AS bd`,
  ];
  if (any) {
    aggregates.push(
      `groupArray(arrayFilter(i -> [${conds}][i], range(1, ${n + 1}))) AS matched`,
      'groupArray(t) AS stamps',
      `groupArrayIf(t, ${entry}) AS starts`,
    );
  }
  aggregates.push(`${level} AS level`);
  if (withTimes) {
    for (const k of range(n)) {
      if (k === 1) {
        aggregates.push('toUInt32(entered_at) AS t1');
        continue;
      }
      aggregates.push(
        `arraySort(groupArrayIf(t, c${k})) AS a${k}`,
        `if(t${k - 1} = 0, 0, toUInt32(arrayFirst(x -> x >= t${k - 1} AND x <= entered_at + ${window}, a${k}))) AS t${k}`,
      );
    }
    aggregates.push(
      `arrayMap(k -> if(k <= level, [${range(n)
        .map((k) => `t${k}`)
        .join(', ')}][k], 0), range(1, ${n + 1})) AS times`,
    );
    spec.exclusions.forEach((exclusion, i) => {
      const after = `t${exclusion.from}`;
      const before = `if(t${exclusion.to} = 0, toUInt32(entered_at) + ${window}, t${exclusion.to})`;
      aggregates.push(
        `arrayExists(x -> ${after} > 0 AND toUInt32(x) > ${after} AND toUInt32(x) < ${before}, groupArrayIf(t, x${i + 1})) AS excluded${i + 1}`,
      );
    });
  }
  const excluded = range(exclusions.length)
    .map((k) => ` AND NOT excluded${k}`)
    .join('');

  return `SELECT unit, visitor, level, entered_at, bd${withTimes ? ', times' : ''}
    FROM (
      SELECT ${aggregates.join(',\n        ')}
      FROM (
        SELECT ${inner.join(',\n          ')}
        FROM ${store.table('events')}
        WHERE site = ${params.add(spec.site, 'String')} AND ts >= ${start} AND ts < ${end} + ${window} ${prefilter}
      )
      GROUP BY unit
    )
    WHERE level > 0 AND entered_at > 0${excluded}`;
}
