#!/usr/bin/env node
/**
 * The load-test runner: `node load-tests/run.mjs <scenario> [options] [-- k6 args]`.
 * Installs k6 when missing, starts a server on a temporary data directory unless a
 * target is given, runs the scenario, writes k6's summary JSON and a Markdown report to
 * load-tests/reports/, and exits with k6's code (99 when thresholds were crossed).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureK6 } from './install-k6.mjs';
import { renderReport } from './lib/report.mjs';
import { startServer } from './lib/server-process.mjs';
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
  'SEED',
  'P95_MS',
  'P99_MS',
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
  --seed N            seed of the payload generator, for a reproducible run [SEED]
  --out DIR           where summary JSON and report go, default load-tests/reports
  --keep-data         keep the started server's data directory`;

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

  const k6 = await ensureK6();
  const server = settings.TARGET ? undefined : await startServer({ keepData: values['keep-data'] });
  const target = settings.TARGET ?? /** @type {NonNullable<typeof server>} */ (server).url;
  const startedAt = new Date().toISOString();
  const stamp = startedAt.replace(/[:.]/g, '-');
  const out = /** @type {string} */ (values.out);
  mkdirSync(out, { recursive: true });
  const summaryPath = join(out, `${scenario}-${stamp}.json`);
  const reportPath = join(out, `${scenario}-${stamp}.md`);
  const runTag = `k6-${Date.now().toString(36)}`;

  let exitCode = 1;
  try {
    const env = { ...process.env, ...settings, TARGET: target, RUN_TAG: runTag, K6_NO_USAGE_REPORT: 'true' };
    exitCode = await runK6(k6, ['run', '--quiet', '--summary-export', summaryPath, script, ...k6Extra], env);
  } finally {
    await server?.stop();
  }
  if (!existsSync(summaryPath)) {
    console.error(`load: k6 exited ${exitCode} without a summary; see its output above`);
    return exitCode || 1;
  }
  const figures = readFigures(summaryPath);
  const { TARGET: _target, ...shown } = settings;
  writeFileSync(
    reportPath,
    renderReport({ scenario, target, startedAt, settings: shown, exitCode, figures }),
  );
  console.log(`\nload: ${scenario} ${exitCode === 0 ? 'passed' : `failed (k6 exit ${exitCode})`}`);
  console.log(
    `load: summary ${relative(process.cwd(), summaryPath)}, report ${relative(process.cwd(), reportPath)}`,
  );
  return exitCode;
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
