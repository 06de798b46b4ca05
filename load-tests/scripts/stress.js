/**
 * Stress: 20-event batches at rising arrival rates, `STEPS` steps from `START_RATE`
 * batches/s up by `STEP_RATE`, each held `STEP_SECONDS` (defaults in stress-plan.json). Metrics are tagged per step; the
 * runner reports each step and the knee: the highest rate whose p99 stayed under
 * `P99_MS` (default 50) with errors under 0.1 % and the rate achieved. Crossed step
 * thresholds are the expected outcome here; the run stops early once errors pass 5 %.
 */
import { number, rampingRate, setupRun, summaryTrendStats } from './lib/config.js';
import { createIngest } from './lib/ingest.js';
import { steps, stepThresholds, tagStep } from './lib/steps.js';

// Defaults shared with the runner, which needs the hold time to turn counts into rates.
const defaults = JSON.parse(open('./stress-plan.json'));
const plan = steps({
  from: number('START_RATE', defaults.startRate),
  by: number('STEP_RATE', defaults.stepRate),
  count: number('STEPS', defaults.steps),
  holdS: number('STEP_SECONDS', defaults.stepSeconds),
  rampS: defaults.rampSeconds,
});

export const options = {
  scenarios: { stress: rampingRate({ startRate: 0, stages: plan.stages, vus: 100, maxVUs: 600 }) },
  thresholds: {
    ...stepThresholds(plan, { p99: number('P99_MS', 50) }),
    http_req_failed: [{ threshold: 'rate<0.05', abortOnFail: true, delayAbortEval: '10s' }],
    // Exports the whole run's batch latency to the summary too.
    'http_req_duration{endpoint:batch}': ['max>=0'],
  },
  summaryTrendStats,
  setupTimeout: '30s',
};

export const setup = setupRun;
export default createIngest(
  { batchSize: 20, transports: 'json:60,gzip:25,beacon:15' },
  { beforeEach: () => tagStep(plan) },
);
