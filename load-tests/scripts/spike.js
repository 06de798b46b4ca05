/**
 * Spike: a steady `BASE_RATE` (default 200 batches/s), a jump to `SPIKE_RATE` (default
 * 2000) within 5 s, held 20 s, and back. Nothing may fail or be answered wrongly; latency
 * may rise during the spike (p99 under `P99_MS`, default 1000) but must recover.
 */
import { number, rampingRate, setupRun, summaryTrendStats, thresholds } from './lib/config.js';
import { createIngest } from './lib/ingest.js';

const base = number('BASE_RATE', 200);
const spike = number('SPIKE_RATE', 2000);
const planned = base * 20 + ((base + spike) / 2) * 5 + spike * 20 + ((base + spike) / 2) * 5 + base * 20;

export const options = {
  scenarios: {
    spike: rampingRate({
      startRate: base,
      stages: [
        { target: base, duration: '20s' },
        { target: spike, duration: '5s' },
        { target: spike, duration: '20s' },
        { target: base, duration: '5s' },
        { target: base, duration: '20s' },
      ],
      vus: 100,
      maxVUs: 800,
    }),
  },
  // k6 may miss a few starts while it adds VUs for the spike: up to 1 % of the plan.
  thresholds: thresholds({ p95: 500, p99: 1000, maxDropped: Math.ceil(planned * 0.01) }),
  summaryTrendStats,
  setupTimeout: '30s',
};

export const setup = setupRun;
export default createIngest({ batchSize: 'mixed' });
