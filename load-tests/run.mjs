#!/usr/bin/env node
/**
 * The load-test runner: `node load-tests/run.mjs <scenario> [options] [-- k6 args]`.
 * Installs k6 when missing, starts a server on a temporary data directory unless a
 * target is given, runs the scenario, checks the store (every acknowledged event stored
 * once), writes k6's summary JSON and a Markdown report to load-tests/reports/, and exits
 * with k6's code (99: thresholds crossed), or 98 when only the store check failed.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureK6 } from './install-k6.mjs';
import { readSteps, stressPlan } from './lib/knee.mjs';
import { renderReport } from './lib/report.mjs';
import { sampleRss } from './lib/rss-sampler.mjs';
import { startServer } from './lib/server-process.mjs';
import { waitForSpoolDrain } from './lib/spool-drain.mjs';
import { countEmbedded, countOnServer } from './lib/store-check.mjs';
import { readFigures } from './lib/summary.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const SCRIPTS = join(HERE, 'scripts');
/** Settings passed to k6 as environment variables; flags of the same name (lower-case, dashed) win. */
const SETTINGS = [
  'TARGET',
  'SITE_KEY',
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

const USAGE = `Usage: node load-tests/run.mjs <scenario> [options] [-- extra k6 run arguments]

Scenarios: ${scenarios().join(', ')}

Options (each also read from the environment variable in brackets):
  --target URL        server to test [TARGET]; without it a server is started on a temporary data directory
  --site-key KEY      site key [SITE_KEY], default demo
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

Store check: after the run, the runner counts the run's events in the store. A server it
started is checked in its data directory; for --target, set CLICKHOUSE_URL (and
CLICKHOUSE_DATABASE, CLICKHOUSE_USER, CLICKHOUSE_PASSWORD) to the server's ClickHouse.
Exit code: k6's (0 passed, 99 thresholds crossed; stress: 0 once the steps ran), 98 when
only the store check failed.`;

/** @returns {string[]} scenario names: the k6 scripts in scripts/ */
function scenarios() {
  return readdirSync(SCRIPTS)
    .filter((f) => f.endsWith('.js'))
    .map((f) => f.slice(0, -3))
    .sort();
}

/**
 * Runs k6 with inherited output; resolves to its exit code.
 * @param {string} k6 @param {string[]} args @param {NodeJS.ProcessEnv} env
 * @returns {Promise<number>}
 */
function runK6(k6, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(k6, args, { stdio: 'inherit', env, cwd: HERE });
    const forward = (/** @type {NodeJS.Signals} */ signal) => child.kill(signal);
    process.on('SIGINT', forward).on('SIGTERM', forward);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      process.off('SIGINT', forward).off('SIGTERM', forward);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

/**
 * Runs one scenario end to end.
 * @param {string[]} argv
 * @returns {Promise<number>} the exit code
 */
export async function main(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...Object.fromEntries(
        SETTINGS.map((name) => [
          name.toLowerCase().replaceAll('_', '-'),
          { type: /** @type {const} */ ('string') },
        ]),
      ),
      out: { type: 'string', default: join(HERE, 'reports') },
      'keep-data': { type: 'boolean', default: false },
      'parse-only': { type: 'boolean', default: false },
      'drain-timeout': { type: 'string', default: '60' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [scenario, ...k6Extra] = positionals;
  if (values.help || !scenario) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const script = join(SCRIPTS, `${scenario}.js`);
  if (!existsSync(script)) {
    console.error(`load: no scenario "${scenario}"; choose one of ${scenarios().join(', ')}`);
    return 2;
  }
  /** @type {Record<string, string>} */
  const settings = {};
  for (const name of SETTINGS) {
    const value =
      values[/** @type {keyof typeof values} */ (name.toLowerCase().replaceAll('_', '-'))] ??
      process.env[name];
    if (typeof value === 'string' && value !== '') settings[name] = value;
  }

  const parseOnly = values['parse-only'] === true;
  if (parseOnly) {
    if (settings.TARGET) throw new Error('--parse-only starts its own endpoint; leave out --target');
    // The parse-only endpoint validates nothing, so every batch must be valid.
    Object.assign(settings, { MALFORMED_RATE: '0', DUPLICATE_RATE: '0' });
  }

  const k6 = await ensureK6();
  const server = settings.TARGET
    ? undefined
    : await startServer({ keepData: values['keep-data'], parseOnly });
  const target = settings.TARGET ?? /** @type {NonNullable<typeof server>} */ (server).url;
  const startedAt = new Date().toISOString();
  const loadBefore = loadavg()[0] ?? 0;
  const stamp = startedAt.replace(/[:.]/g, '-');
  const out = /** @type {string} */ (values.out);
  mkdirSync(out, { recursive: true });
  const name = parseOnly ? `${scenario}-parse-only` : scenario;
  const summaryPath = join(out, `${name}-${stamp}.json`);
  const reportPath = join(out, `${name}-${stamp}.md`);
  const runTag = `k6-${Date.now().toString(36)}`;

  let exitCode = 1;
  let rss;
  /** @type {Awaited<ReturnType<typeof waitForSpoolDrain>> | undefined} */
  let drain;
  try {
    const sampler = server ? sampleRss(server.pid) : undefined;
    const env = { ...process.env, ...settings, TARGET: target, RUN_TAG: runTag, K6_NO_USAGE_REPORT: 'true' };
    exitCode = await runK6(k6, ['run', '--quiet', '--summary-export', summaryPath, script, ...k6Extra], env);
    rss = sampler?.stop();
    if (!parseOnly) {
      drain = await waitForSpoolDrain(target, { timeoutMs: Number(values['drain-timeout']) * 1000 });
      if (!drain.drained && drain.note) console.error(`load: before the store check: ${drain.note}`);
    }
  } finally {
    await server?.stop({ removeData: false });
  }
  if (!existsSync(summaryPath)) {
    server?.removeData();
    console.error(`load: k6 exited ${exitCode} without a summary; see its output above`);
    return exitCode || 1;
  }
  const figures = readFigures(summaryPath);
  let store;
  try {
    store = parseOnly
      ? { skipped: 'parse-only endpoint' }
      : await checkStore(settings, server?.dataDir, runTag);
  } finally {
    if (!values['keep-data']) server?.removeData();
  }
  if ('stored' in store) {
    const acknowledged = figures.eventsAcknowledged;
    store = { ...store, acknowledged, ok: store.stored === acknowledged && store.distinct === store.stored };
  }
  const p99Ms = Number(settings.P99_MS ?? 50);
  const stress =
    scenario === 'stress'
      ? {
          ...readSteps(summaryPath, {
            holdSeconds: Number(settings.STEP_SECONDS ?? stressPlan(SCRIPTS).stepSeconds),
            p99Ms,
          }),
          p99Ms,
        }
      : undefined;
  const { TARGET: _target, ...shown } = settings;
  // k6 and a local server share the machine; whatever else ran shows in the load average.
  const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), 1-min load average ${loadBefore.toFixed(2)} before, ${(loadavg()[0] ?? 0).toFixed(2)} after`;
  writeFileSync(
    reportPath,
    renderReport({
      scenario: name,
      target,
      startedAt,
      settings: shown,
      exitCode,
      figures,
      store,
      rss,
      stress,
      machine,
    }),
  );

  console.log('');
  if ('skipped' in store) console.log(`load: store check skipped: ${store.skipped}`);
  else {
    console.log(
      `load: store check ${store.ok ? 'ok' : 'FAILED'}: ${store.stored} rows, ${store.distinct} distinct ids, ` +
        `${store.acknowledged} events acknowledged`,
    );
  }
  if (stress) {
    console.log(
      stress.knee
        ? `load: sustainable rate ${stress.knee.rate} batches/s, ${Math.round(stress.knee.events)} events/s`
        : 'load: no step stayed within the limits',
    );
    // Crossing step thresholds is what a stress run is for; it failed only if k6 did.
    if (exitCode === 99) exitCode = 0;
  }
  if (exitCode === 0 && 'ok' in store && !store.ok) exitCode = 98;
  console.log(`load: ${name} ${exitCode === 0 ? 'passed' : `failed (exit ${exitCode})`}`);
  console.log(
    `load: summary ${relative(process.cwd(), summaryPath)}, report ${relative(process.cwd(), reportPath)}`,
  );
  return exitCode;
}

/**
 * Counts the run's events: in the data directory of the server the runner started, or on
 * the ClickHouse server named by CLICKHOUSE_URL.
 * @param {Record<string, string>} settings @param {string | undefined} dataDir @param {string} tag
 * @returns {Promise<{ stored: number, distinct: number } | { skipped: string }>}
 */
async function checkStore(settings, dataDir, tag) {
  const site = settings.SITE_KEY ?? 'demo';
  const database = process.env.CLICKHOUSE_DATABASE || 'heatfunnel';
  const url = process.env.CLICKHOUSE_URL;
  if (url) {
    const { CLICKHOUSE_USER: user, CLICKHOUSE_PASSWORD: password } = process.env;
    return countOnServer({ url, user, password, database, site, tag });
  }
  if (dataDir) return countEmbedded({ dataDir, database, site, tag });
  return {
    skipped: "set CLICKHOUSE_URL (and CLICKHOUSE_DATABASE/USER/PASSWORD) of the target's store to check it",
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`load: ${error instanceof Error ? error.message : error}`);
      process.exit(1);
    },
  );
}
