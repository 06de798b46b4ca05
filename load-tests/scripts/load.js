/**
 * Load: a constant arrival rate of 20-event batches, the shape of a busy shop at steady
 * state. `RATE` batches/s (default 1000, i.e. 20,000 events/s) for `DURATION` (default 60s).
 */
import { constantRate, droppedAllowance, setupRun, summaryTrendStats, thresholds } from './lib/config.js';
import { createIngest } from './lib/ingest.js';

const scenario = constantRate({ rate: 1000, duration: '60s', vus: 50, maxVUs: 500 });

export const options = {
  scenarios: { load: scenario },
  // A missed start now and then is noise; more than 0.1 % of the planned batches is not.
  thresholds: thresholds({
    p95: 25,
    p99: 50,
    maxDropped: droppedAllowance(scenario, 0.001),
  }),
  summaryTrendStats,
  setupTimeout: '30s',
};

export const setup = setupRun;
// Load runs want the cost of the server, not of k6's gzip CRC: beacons go plain.
export default createIngest({ batchSize: 20, transports: 'json:60,gzip:25,beacon:15' });
