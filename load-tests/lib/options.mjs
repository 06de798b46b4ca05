/**
 * The runner's command line: settings (flags or environment variables) passed to k6, the
 * runner's own options, and the scenarios there are.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const HERE = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SCRIPTS = join(HERE, 'scripts');

/** Settings passed to k6 as environment variables; flags of the same name (lower-case, dashed) win. */
export const SETTINGS = [
  'TARGET',
  'SITE_KEY',
  'WRITE_KEY',
  'READ_TOKEN',
  'ORIGIN',
  'RATE',
  'DURATION',
  'VUS',
  'MAX_VUS',
  'BATCH_SIZE',
  'MALFORMED_RATE',
  'DUPLICATE_RATE',
  'TRANSPORTS',
  'TEMPLATES',
  'SEED',
  'P95_MS',
  'P99_MS',
  'MAX_DROPPED',
  'START_RATE',
  'STEP_RATE',
  'STEPS',
  'STEP_SECONDS',
  'BASE_RATE',
  'SPIKE_RATE',
];

export const USAGE = () => `Usage: node load-tests/run.mjs <scenario> [options] [-- extra k6 run arguments]

Scenarios: ${scenarios().join(', ')}

Options (each also read from the environment variable in brackets):
  --target URL        server to test [TARGET]; without it a server is started on a temporary data directory
  --site-key KEY      site key [SITE_KEY], default demo
  --write-key KEY     the site's write key, when \`sites rotate-key\` gave it one [WRITE_KEY];
                      default: the site key
  --read-token TOKEN  the site's read token, for the store check of a site that has one [READ_TOKEN]
  --origin URL        Origin header to send, for sites that allow only some origins [ORIGIN]
  --rate N            batches per second [RATE]
  --duration D        e.g. 30s, 5m [DURATION]
  --vus N             pre-allocated VUs [VUS]; --max-vus N [MAX_VUS]
  --batch-size N      events per batch, or mixed (1 to 50, the default) [BATCH_SIZE]
  --p95-ms N, --p99-ms N  latency thresholds of POST /v1/batch [P95_MS, P99_MS]
  --malformed-rate R, --duplicate-rate R  shares of batches with a malformed event / sent twice
                      [MALFORMED_RATE, DUPLICATE_RATE], defaults 0.02 and 0.01
  --transports LIST   e.g. json:55,gzip:20,beacon:15,beacon-gzip:10 [TRANSPORTS]
  --seed N            seed of the payload generator, for a reproducible run [SEED]
  --max-dropped N     dropped iterations allowed [MAX_DROPPED]
  stress: --start-rate N --step-rate N --steps N --step-seconds S [START_RATE...]
  spike:  --base-rate N --spike-rate N [BASE_RATE, SPIKE_RATE]
  --out DIR           where summary JSON and report go, default load-tests/reports
  --keep-data         keep the started server's data directory
  --drain-timeout S   seconds to wait for the server's spool to empty before the store check (60)
  --parse-only        run against a parse-and-discard endpoint instead of the server: the
                      ceiling the server is compared with (no malformed events, no retries)
  --with-ceiling      run the scenario against the parse-only endpoint first, then the server,
                      and report the server's throughput as a share of that ceiling
  --cpu-prof          profile the started server (node --cpu-prof) and report where its time went

Store check: after the run, the runner counts the run's events in the store through the
server's GET /ops/stored-events (with --read-token when the site has a read token), local or
--target alike; with CLICKHOUSE_URL set (and CLICKHOUSE_DATABASE, CLICKHOUSE_USER,
CLICKHOUSE_PASSWORD) it asks that ClickHouse directly instead.
Exit code: k6's (0 passed, 99 thresholds crossed; stress: 0 once the steps ran), 98 when
only the store check failed.`;

/** @returns {string[]} scenario names: the k6 scripts in scripts/ */
export function scenarios() {
  return readdirSync(SCRIPTS)
    .filter((f) => f.endsWith('.js'))
    .map((f) => f.slice(0, -3))
    .sort();
}

/**
 * @typedef {object} RunOptions
 * @property {string | undefined} scenario
 * @property {string[]} k6Extra arguments after `--`, passed to `k6 run`
 * @property {Record<string, string>} settings
 * @property {string} out
 * @property {boolean} keepData
 * @property {boolean} parseOnly
 * @property {boolean} withCeiling
 * @property {boolean} cpuProf
 * @property {number} drainTimeoutS
 * @property {boolean} help
 */

/** @param {string} name e.g. SITE_KEY @returns {string} its flag, site-key */
const flagOf = (name) => name.toLowerCase().replaceAll('_', '-');

/**
 * Parses the runner's arguments; settings not given as flags come from the environment.
 * @param {string[]} argv
 * @returns {RunOptions}
 */
export function parseOptions(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...Object.fromEntries(
        SETTINGS.map((name) => [flagOf(name), { type: /** @type {const} */ ('string') }]),
      ),
      out: { type: 'string', default: join(HERE, 'reports') },
      'keep-data': { type: 'boolean', default: false },
      'parse-only': { type: 'boolean', default: false },
      'with-ceiling': { type: 'boolean', default: false },
      'cpu-prof': { type: 'boolean', default: false },
      'drain-timeout': { type: 'string', default: '60' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  /** @type {Record<string, string>} */
  const settings = {};
  for (const name of SETTINGS) {
    const value = values[/** @type {keyof typeof values} */ (flagOf(name))] ?? process.env[name];
    if (typeof value === 'string' && value !== '') settings[name] = value;
  }
  const [scenario, ...k6Extra] = positionals;
  return {
    scenario,
    k6Extra,
    settings,
    out: /** @type {string} */ (values.out),
    keepData: values['keep-data'] === true,
    parseOnly: values['parse-only'] === true,
    withCeiling: values['with-ceiling'] === true,
    cpuProf: values['cpu-prof'] === true,
    drainTimeoutS: Number(values['drain-timeout']),
    help: values.help === true,
  };
}
