/**
 * Settings every scenario reads from environment variables (`k6 run -e NAME=value` or
 * the runner), with defaults for a local run, and the shared thresholds.
 */
import exec from 'k6/execution';
import http from 'k6/http';

const env = (name, fallback) => (__ENV[name] === undefined || __ENV[name] === '' ? fallback : __ENV[name]);

/** The number in environment variable `name`, or `fallback`. */
export function number(name, fallback) {
  const value = Number(env(name, fallback));
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number, got "${__ENV[name]}"`);
  return value;
}

/** `json:55,gzip:20` into `[['json', 55], ['gzip', 20]]`. */
function weights(name, fallback) {
  const pairs = String(env(name, fallback))
    .split(',')
    .map((part) => part.split(':'))
    .map(([key, weight]) => [key.trim(), Number(weight)]);
  const known = ['json', 'gzip', 'beacon', 'beacon-gzip'];
  for (const [key, weight] of pairs) {
    if (!known.includes(key) || !(weight >= 0)) {
      throw new Error(`${name}: "${key}:${weight}" is not one of ${known.join(', ')} with a weight >= 0`);
    }
  }
  return pairs;
}

/**
 * Settings shared by all scenarios: the environment wins over the scenario's `defaults`
 * (`batchSize`, `transports`, `malformedRate`, `duplicateRate`), which win over these.
 */
export function readSettings(defaults = {}) {
  const batchSize = env('BATCH_SIZE', defaults.batchSize ?? 'mixed');
  return {
    /** Base URL of the Heatfunnel server, without a trailing slash. */
    target: String(env('TARGET', 'http://127.0.0.1:8080')).replace(/\/+$/, ''),
    /** The key batches are sent with: the site's write key, which is its site key until `sites rotate-key`. */
    writeKey: env('WRITE_KEY', env('SITE_KEY', 'demo')),
    /** Origin header to send, for sites that allow only their shop's origins; none by default. */
    origin: env('ORIGIN', ''),
    /** Prefix of every anonymous and session id of this run; the runner's store check counts by it. */
    runTag: env('RUN_TAG', 'k6'),
    /** `mixed` (1 to 50 events, SDK-like) or a fixed number of events per batch. */
    batchSize: batchSize === 'mixed' ? 'mixed' : number('BATCH_SIZE', batchSize),
    /** Share of batches that carry one malformed event, whose rejection is checked. */
    malformedRate: number('MALFORMED_RATE', defaults.malformedRate ?? 0.02),
    /** Share of acknowledged batches sent a second time, as a client that lost the answer would. */
    duplicateRate: number('DUPLICATE_RATE', defaults.duplicateRate ?? 0.01),
    /** How bodies are sent: JSON fetch, gzip fetch, text/plain beacon, gzip beacon (`?gz=1`). */
    transports: weights('TRANSPORTS', defaults.transports ?? 'json:55,gzip:20,beacon:15,beacon-gzip:10'),
    /** Batch templates the run makes up front and every VU shares (see templates.ts). */
    templates: number('TEMPLATES', defaults.templates ?? 256),
    seed: number('SEED', Math.floor(Math.random() * 1e9)),
    /** Mismatched answers each VU logs at most (0: none). */
    logMismatches: number('LOG_MISMATCHES', 5),
  };
}

/** A constant arrival rate: `RATE` batches/s for `DURATION`, `VUS` VUs ready and `MAX_VUS` at most. */
export function constantRate(defaults) {
  return {
    executor: 'constant-arrival-rate',
    rate: number('RATE', defaults.rate),
    timeUnit: '1s',
    duration: env('DURATION', defaults.duration),
    preAllocatedVUs: number('VUS', defaults.vus),
    maxVUs: number('MAX_VUS', Math.max(defaults.vus, defaults.maxVUs ?? defaults.vus)),
  };
}

/** A ramping arrival rate through `stages` (`{ target, duration }`), starting at `startRate`. */
export function rampingRate({ startRate, stages, vus, maxVUs }) {
  return {
    executor: 'ramping-arrival-rate',
    startRate,
    timeUnit: '1s',
    stages,
    preAllocatedVUs: number('VUS', vus),
    maxVUs: number('MAX_VUS', Math.max(vus, maxVUs)),
  };
}

/**
 * Thresholds on errors, latency of POST /v1/batch (`P95_MS`, `P99_MS`), answers and
 * dropped iterations (`MAX_DROPPED`, a count).
 */
export function thresholds(defaults) {
  return {
    http_req_failed: ['rate<0.001'],
    'http_req_duration{endpoint:batch}': [
      `p(95)<${number('P95_MS', defaults.p95)}`,
      `p(99)<${number('P99_MS', defaults.p99)}`,
    ],
    answers_as_expected: ['rate>0.999'],
    checks: ['rate>0.999'],
    dropped_iterations: [`count<=${number('MAX_DROPPED', defaults.maxDropped ?? 0)}`],
  };
}

/** Seconds in a k6 duration such as `90s`, `5m` or `1h` (combined forms like `1m30s` too). */
export function seconds(duration) {
  const units = { ms: 0.001, s: 1, m: 60, h: 3600 };
  let total = 0;
  for (const [, value, unit] of String(duration).matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
    total += Number(value) * units[unit];
  }
  if (total === 0) throw new Error(`"${duration}" is not a duration such as 30s, 5m or 1h`);
  return total;
}

/** The dropped iterations allowed: `share` of the iterations a constant-rate scenario plans. */
export function droppedAllowance(scenario, share) {
  return Math.ceil(scenario.rate * seconds(scenario.duration) * share);
}

/** Trend statistics the summary and the report show. */
export const summaryTrendStats = ['avg', 'min', 'med', 'p(90)', 'p(95)', 'p(99)', 'max'];

/** The scenarios' setup(): stops the test early, with a clear message, when the target does not answer. */
export function setupRun() {
  const settings = readSettings();
  const res = http.get(`${settings.target}/healthz`, { tags: { name: 'GET /healthz', endpoint: 'healthz' } });
  if (res.status !== 200) {
    exec.test.abort(
      `${settings.target}/healthz answered ${res.status || res.error}; start the server or set TARGET to its base URL`,
    );
  }
}
