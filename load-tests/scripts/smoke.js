/**
 * Smoke: a short, light run that proves the ingest path works end to end (mixed batch
 * sizes and transports, a few malformed events and duplicate retries). Runs in the test
 * suite. `RATE` batches/s (default 20) for `DURATION` (default 15s).
 */
import { arrivalScenario, setupRun, summaryTrendStats, thresholds } from './lib/config.js';
import { sendBatch } from './lib/ingest.js';

export const options = {
  scenarios: { smoke: arrivalScenario({ rate: 20, duration: '15s', vus: 4, maxVUs: 20 }) },
  thresholds: thresholds({ p95: 250, p99: 1000 }),
  summaryTrendStats,
  setupTimeout: '30s',
};

export const setup = setupRun;
export default sendBatch;
