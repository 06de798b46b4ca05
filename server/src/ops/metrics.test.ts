import { describe, expect, it } from 'vitest';
import { ingestMetrics } from './metrics.js';

describe('ingestMetrics', () => {
  it('renders counters, rejections by reason, a flush histogram and gauges as Prometheus text', () => {
    let now = 0;
    const metrics = ingestMetrics({ now: () => now });
    metrics.accepted(40);
    metrics.rejected('invalid_field', 2);
    metrics.rejected('invalid_json');
    metrics.flushed(1000, 80);
    now = 10_000;
    metrics.flushed(3000, 700);
    const text = metrics.render({ heatfunnel_spool_rows: { help: 'rows', value: 7 } });
    expect(text).toContain('heatfunnel_events_accepted_total 40');
    expect(text).toContain('heatfunnel_events_rejected_total{reason="invalid_field"} 2');
    expect(text).toContain('heatfunnel_events_rejected_total{reason="invalid_json"} 1');
    expect(text).toContain('heatfunnel_flush_seconds_bucket{le="0.1"} 1');
    expect(text).toContain('heatfunnel_flush_seconds_bucket{le="1"} 2');
    expect(text).toContain('heatfunnel_flush_seconds_count 2');
    expect(text).toContain('heatfunnel_inserted_rows_total 4000');
    expect(text).toContain('heatfunnel_insert_rows_per_second 400');
    expect(text).toContain('# TYPE heatfunnel_spool_rows gauge\nheatfunnel_spool_rows 7');
  });
});
