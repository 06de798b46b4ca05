/**
 * Ingest's counters and gauges, rendered in Prometheus' text format for `/metrics`.
 * Plain numbers in a closure: no client library, nothing on the request path but `+=`.
 */

export interface IngestMetrics {
  /** Counts events kept from a batch. */
  accepted(n: number): void;
  /** Counts refused events or bodies by reason. */
  rejected(reason: string, n?: number): void;
  /** Counts a finished flush of `rows` taking `ms`. */
  flushed(rows: number, ms: number): void;
  /** Prometheus text; `gauges` adds current values (spool depth...). */
  render(gauges?: Record<string, { help: string; value: number }>): string;
}

// Flush latency buckets, seconds.
const BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** A fresh set of ingest metrics. */
export const ingestMetrics = ({ now = Date.now }: { now?: () => number } = {}): IngestMetrics => {
  let acceptedTotal = 0;
  const rejectedTotal = new Map<string, number>();
  let flushes = 0;
  let flushedRows = 0;
  let flushSeconds = 0;
  const bucketCounts = BUCKETS.map(() => 0);
  // Rows per second over the last full window of ~10 s.
  let windowStart = now();
  let windowRows = 0;
  let rowsPerSecond = 0;

  return {
    accepted: (n) => {
      acceptedTotal += n;
    },
    rejected: (reason, n = 1) => {
      rejectedTotal.set(reason, (rejectedTotal.get(reason) ?? 0) + n);
    },
    flushed: (rows, ms) => {
      flushes++;
      flushedRows += rows;
      flushSeconds += ms / 1000;
      BUCKETS.forEach((bound, i) => {
        if (ms / 1000 <= bound) bucketCounts[i] = (bucketCounts[i] ?? 0) + 1;
      });
      windowRows += rows;
      const elapsed = now() - windowStart;
      if (elapsed >= 10_000) {
        rowsPerSecond = (windowRows * 1000) / elapsed;
        windowStart = now();
        windowRows = 0;
      }
    },
    render: (gauges = {}) => {
      const lines: string[] = [];
      const metric = (name: string, type: string, help: string, values: [string, number][]) => {
        lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
        for (const [labels, value] of values) lines.push(`${name}${labels} ${value}`);
      };
      metric('heatfunnel_events_accepted_total', 'counter', 'Events accepted into the spool.', [
        ['', acceptedTotal],
      ]);
      metric(
        'heatfunnel_events_rejected_total',
        'counter',
        'Events or whole bodies refused, by reason.',
        [...rejectedTotal].map(([reason, n]) => [`{reason="${reason}"}`, n]),
      );
      metric('heatfunnel_flush_seconds', 'histogram', 'Time of one spool segment insert.', [
        ...BUCKETS.map((bound, i): [string, number] => [`_bucket{le="${bound}"}`, bucketCounts[i] ?? 0]),
        ['_bucket{le="+Inf"}', flushes],
        ['_sum', flushSeconds],
        ['_count', flushes],
      ]);
      metric('heatfunnel_inserted_rows_total', 'counter', 'Rows inserted into the store.', [
        ['', flushedRows],
      ]);
      metric('heatfunnel_insert_rows_per_second', 'gauge', 'Rows inserted per second, last ~10 s window.', [
        ['', Math.round(rowsPerSecond)],
      ]);
      for (const [name, { help, value }] of Object.entries(gauges))
        metric(name, 'gauge', help, [['', value]]);
      return `${lines.join('\n')}\n`;
    },
  };
};
