/** Turns a funnel step into a SQL condition on a raw event row, with typed parameters. */
import type { SqlParams } from '../sql-params.js';
import type { FunnelStep, PropFilter, StepMatch } from './funnel-spec.js';

// Filters on these keys read the column; any other key reads the event's properties.
const COLUMNS: Record<string, string> = {
  channel: 'channel',
  device: 'device',
  platform: 'platform',
  url: 'url',
  referrer: 'referrer',
  href: 'href',
  page_key: 'page_key',
  selector: 'selector',
};

function filterCondition(filter: PropFilter, params: SqlParams): string {
  const column = COLUMNS[filter.key];
  const subject = column ?? `JSONExtractString(props, ${params.add(filter.key, 'String')})`;
  const value = params.add(filter.value, 'String');
  switch (filter.op) {
    case 'eq':
      return `${subject} = ${value}`;
    case 'neq':
      return `${subject} != ${value}`;
    case 'contains':
      return `position(${subject}, ${value}) > 0`;
  }
}

/**
 * The event key of the events a step matches: the raw table's `event_key` column, which
 * leads its sort key, so `event_key IN (...)` reads only the funnel's events. Mirrors the
 * column's definition in store/migrations/0001-events.ts.
 */
export function eventKey(match: StepMatch): string {
  switch (match.kind) {
    case 'step':
      return `step:${match.funnel}/${match.step}`;
    case 'pageview':
      return `pageview:${match.pageKey}`;
    case 'event':
      return `custom:${match.name}`;
    case 'click':
      return 'click';
  }
}

/** A step as SQL: its event key (a placeholder) and the full condition on an event row. */
export function stepCondition(step: FunnelStep, params: SqlParams): { key: string; condition: string } {
  const { match } = step;
  const key = params.add(eventKey(match), 'String');
  const parts = [`event_key = ${key}`];
  const string = (value: string) => params.add(value, 'String');
  if (match.kind === 'click') {
    if (match.selector) parts.push(`selector = ${string(match.selector)}`);
    if (match.selectorHash) parts.push(`selector_hash = ${string(match.selectorHash)}`);
    if (match.pageKey) parts.push(`page_key = ${string(match.pageKey)}`);
  }
  for (const filter of step.filters ?? []) parts.push(filterCondition(filter, params));
  return { key, condition: `(${parts.join(' AND ')})` };
}
