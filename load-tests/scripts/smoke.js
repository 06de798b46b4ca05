/**
 * Smoke: a short, light run that proves the ingest path works end to end (mixed batch
 * sizes and transports, a few malformed events and duplicate retries). Runs in the test
 * suite. `RATE` batches/s (default 20) for `DURATION` (default 15s).
 */
import { constantRate, setupRun, summaryTrendStats, thresholds } from './lib/config.js';
import { createIngest } from './lib/ingest.js';

export const options = {
  scenarios: { smoke: constantRate({ rate: 20, duration: '15s', vus: 10, maxVUs: 40 }) },
  thresholds: thresholds({ p95: 250, p99: 1000 }),
  summaryTrendStats,
  setupTimeout: '30s',
};

export const setup = setupRun;
export default createIngest();
