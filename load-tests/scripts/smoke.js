/**
 * Smoke: a short, light run that proves the ingest path works end to end (mixed batch
 * sizes and transports, a few malformed events and duplicate retries). Runs in the test
 * suite. `RATE` batches/s (default 20) for `DURATION` (default 15s).
 */
import { constantRate, droppedAllowance, setupRun, summaryTrendStats, thresholds } from './lib/config.js';
import { createIngest } from './lib/ingest.js';

const scenario = constantRate({ rate: 20, duration: '15s', vus: 20, maxVUs: 50 });

export const options = {
  scenarios: { smoke: scenario },
  // Loose latency limits: smoke proves the path and runs in the test suite on shared
  // machines; load and stress hold the latency goals. A busy machine may delay a few of
  // k6's starts (up to 1 % of the plan).
  thresholds: thresholds({ p95: 500, p99: 2000, maxDropped: droppedAllowance(scenario, 0.01) }),
  summaryTrendStats,
  setupTimeout: '30s',
  // A fresh connection per iteration: at 20 batches/s a VU's connection can sit idle past
  // the server's keep-alive timeout and race its close (see README), which would fail the
  // suite for a reason that is not ingest's.
  noVUConnectionReuse: true,
};

export const setup = setupRun;
export default createIngest();
