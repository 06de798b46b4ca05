import { describe, expect, it } from 'vitest';
import { click, pageview } from '../../test/helpers/events.js';
import { eventRow, requestColumns, rowLine } from './event-row.js';

const enrichment = { browser: 'Chrome', os: 'Linux', ua_device: 'mobile', bot: 1, ip: '203.0.113.0' };

describe('rowLine', () => {
  it('writes one JSON line per event whatever its strings hold', () => {
    const tricky = 'say "hi"\\\n\r\t\u2028 é 中文 \u0000 😀 \ud800 \u001f';
    const event = click(10.4, 20.6, Date.now(), { sel: tricky, href: tricky, sh: 'ab' });
    const line = rowLine(requestColumns('site "a"', 1_700_000_000_000.7, enrichment), event);
    expect(line.indexOf('\n')).toBe(line.length - 1);
    const row = JSON.parse(line);
    expect(row).toMatchObject({
      site: 'site "a"',
      received_at: 1_700_000_000_001,
      selector: tricky,
      href: tricky,
      x: 10,
      y: 21,
      browser: 'Chrome',
      bot: 1,
      ip: '203.0.113.0',
    });
  });

  it('leaves out the columns an event does not have, so they take their defaults', () => {
    const row = eventRow('s', pageview(), Date.now());
    expect(Object.keys(row)).not.toContain('selector');
    expect(Object.keys(row)).not.toContain('browser');
    expect(Object.keys(row)).not.toContain('ip');
  });

  it('stores step properties as a JSON string', () => {
    const step = { ...pageview(), t: 'step' as const, f: 'checkout', st: 'pay', pr: { sku: 'a"1', qty: 2 } };
    expect(JSON.parse(eventRow('s', step, Date.now()).props ?? '')).toEqual({ sku: 'a"1', qty: 2 });
  });
});
