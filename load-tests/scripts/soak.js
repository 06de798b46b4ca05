/**
 * Soak: a long constant arrival rate (default 500 batches/s of 20 events, 10,000
 * events/s, for 10 minutes), bounded by `DURATION`. When the runner started the server it
 * samples the server's RSS through the run and reports its trend; the store check then
 * shows whether every acknowledged event was stored once.
 */
import { constantRate, droppedAllowance, setupRun, summaryTrendStats, thresholds } from './lib/config.js';
import { createIngest } from './lib/ingest.js';

const scenario = constantRate({ rate: 500, duration: '10m', vus: 50, maxVUs: 400 });

export const options = {
  scenarios: { soak: scenario },
  thresholds: thresholds({ p95: 25, p99: 50, maxDropped: droppedAllowance(scenario, 0.001) }),
  summaryTrendStats,
  setupTimeout: '30s',
};

export const setup = setupRun;
export default createIngest({ batchSize: 20, transports: 'json:60,gzip:25,beacon:15' });
