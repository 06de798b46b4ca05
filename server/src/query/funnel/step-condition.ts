/** Turns a funnel step into a SQL condition on a raw event row, with typed parameters. */
import type { SqlParams } from '../sql-params.js';
import type { FunnelStep, PropFilter } from './funnel-spec.js';

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

/** The condition an event row must meet to count as `step`. */
export function stepCondition(step: FunnelStep, params: SqlParams): string {
  const { match } = step;
  const parts: string[] = [];
  const string = (value: string) => params.add(value, 'String');
  switch (match.kind) {
    case 'step':
      parts.push(`type = 'step'`, `funnel = ${string(match.funnel)}`, `step = ${string(match.step)}`);
      break;
    case 'pageview':
      parts.push(`type = 'pageview'`, `page_key = ${string(match.pageKey)}`);
      break;
    case 'click':
      parts.push(`type = 'click'`);
      if (match.selector) parts.push(`selector = ${string(match.selector)}`);
      if (match.selectorHash) parts.push(`selector_hash = ${string(match.selectorHash)}`);
      if (match.pageKey) parts.push(`page_key = ${string(match.pageKey)}`);
      break;
    case 'event':
      parts.push(`type = 'custom'`, `name = ${string(match.name)}`);
      break;
  }
  for (const filter of step.filters ?? []) parts.push(filterCondition(filter, params));
  return `(${parts.join(' AND ')})`;
}
