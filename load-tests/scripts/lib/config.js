/**
 * Settings every scenario reads from environment variables (`k6 run -e NAME=value` or
 * the runner), with defaults for a local run, and the shared thresholds.
 */
import exec from 'k6/execution';
import http from 'k6/http';

const env = (name, fallback) => (__ENV[name] === undefined || __ENV[name] === '' ? fallback : __ENV[name]);
const number = (name, fallback) => {
  const value = Number(env(name, fallback));
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number, got "${__ENV[name]}"`);
  return value;
};

/** Settings shared by all scenarios. */
export const settings = {
  /** Base URL of the Heatfunnel server, without a trailing slash. */
  target: String(env('TARGET', 'http://127.0.0.1:8080')).replace(/\/+$/, ''),
  siteKey: env('SITE_KEY', 'demo'),
  /** Origin header to send, for sites that allow only their shop's origins; none by default. */
  origin: env('ORIGIN', ''),
  /** `mixed` (1 to 50 events, SDK-like) or a fixed number of events per batch. */
  batchSize: env('BATCH_SIZE', 'mixed') === 'mixed' ? 'mixed' : number('BATCH_SIZE', 20),
  /** Share of batches that carry one malformed event, whose rejection is checked. */
  malformedRate: number('MALFORMED_RATE', 0.02),
  /** Share of acknowledged batches sent a second time, as a client that lost the answer would. */
  duplicateRate: number('DUPLICATE_RATE', 0.01),
  seed: number('SEED', Math.floor(Math.random() * 1e9)),
  logMismatches: env('LOG_MISMATCHES', '1') === '1',
};

/** A scenario sending `RATE` batches per second for `DURATION`, with `VUS` VUs ready and `MAX_VUS` at most. */
export function arrivalScenario(defaults) {
  const rate = number('RATE', defaults.rate);
  return {
    executor: 'constant-arrival-rate',
    rate,
    timeUnit: '1s',
    duration: env('DURATION', defaults.duration),
    preAllocatedVUs: number('VUS', defaults.vus),
    maxVUs: number('MAX_VUS', Math.max(defaults.vus, defaults.maxVUs ?? defaults.vus)),
  };
}

/** Thresholds on errors, latency (`P95_MS`, `P99_MS`), answers and dropped iterations. */
export function thresholds(defaults) {
  const p95 = number('P95_MS', defaults.p95);
  const p99 = number('P99_MS', defaults.p99);
  return {
    http_req_failed: ['rate<0.001'],
    'http_req_duration{endpoint:batch}': [`p(95)<${p95}`, `p(99)<${p99}`],
    answers_as_expected: ['rate>0.999'],
    checks: ['rate>0.999'],
    dropped_iterations: [`count<=${number('MAX_DROPPED', defaults.maxDropped ?? 0)}`],
  };
}

/** Trend statistics the summary and the report show. */
export const summaryTrendStats = ['avg', 'min', 'med', 'p(90)', 'p(95)', 'p(99)', 'max'];

/** The scenarios' setup(): checks the target answers, and names the run so the store check finds its events. */
export function setupRun() {
  const res = http.get(`${settings.target}/healthz`, { tags: { name: 'GET /healthz', endpoint: 'healthz' } });
  if (res.status !== 200) {
    exec.test.abort(
      `${settings.target}/healthz answered ${res.status || res.error}; start the server or set TARGET to its base URL`,
    );
  }
  return { tag: env('RUN_TAG', `k6${Date.now().toString(36)}`) };
}
