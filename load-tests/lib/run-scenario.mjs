/**
 * Runs one scenario end to end: k6, a server when no target is given (or the parse-only
 * endpoint), the spool drain, the store check, per-step figures, CPU profile, report.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { ensureK6 } from '../install-k6.mjs';
import { summariseProfile } from './cpu-profile.mjs';
import { readSteps, stressPlan } from './knee.mjs';
import { HERE, SCRIPTS } from './options.mjs';
import { renderReport } from './report.mjs';
import { sampleRss } from './rss-sampler.mjs';
import { startServer } from './server-process.mjs';
import { waitForSpoolDrain } from './spool-drain.mjs';
import { countOnServer, countOverHttp } from './store-check.mjs';
import { readFigures } from './summary.mjs';

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
 * @typedef {object} ScenarioResult
 * @property {number} exitCode k6's, 0 for a stress run whose steps ran, 98 when only the store check failed
 * @property {string} name scenario, with `-parse-only` for the ceiling
 * @property {import('./summary.mjs').RunFigures} figures
 * @property {import('./report.mjs').StoreResult} store
 * @property {import('./report.mjs').ReportInput['stress']} stress
 * @property {string} summaryPath
 * @property {string} reportPath
 * @property {import('./report.mjs').ReportInput} report what the report was rendered from
 */

/**
 * @param {{ scenario: string, k6Extra: string[], settings: Record<string, string>, out: string, keepData: boolean, parseOnly: boolean, cpuProf: boolean, drainTimeoutS: number }} options
 * @returns {Promise<ScenarioResult | { exitCode: number, failure: string }>}
 */
export async function runScenario({
  scenario,
  k6Extra,
  settings: given,
  out,
  keepData,
  parseOnly,
  cpuProf,
  drainTimeoutS,
}) {
  const script = join(SCRIPTS, `${scenario}.js`);
  const settings = { ...given };
  if (parseOnly) {
    if (settings.TARGET) throw new Error('--parse-only starts its own endpoint; leave out --target');
    // The parse-only endpoint validates nothing, so every batch must be valid.
    Object.assign(settings, { MALFORMED_RATE: '0', DUPLICATE_RATE: '0' });
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const name = parseOnly ? `${scenario}-parse-only` : scenario;
  mkdirSync(out, { recursive: true });
  const profileDir = join(out, `${name}-${stamp}-cpu-prof`);
  const nodeArgs = cpuProf && !settings.TARGET ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];

  const k6 = await ensureK6();
  const server = settings.TARGET ? undefined : await startServer({ keepData, parseOnly, nodeArgs });
  const target = settings.TARGET ?? /** @type {NonNullable<typeof server>} */ (server).url;
  const startedAt = new Date().toISOString();
  const loadBefore = loadavg()[0] ?? 0;
  const summaryPath = join(out, `${name}-${stamp}.json`);
  const reportPath = join(out, `${name}-${stamp}.md`);
  const runTag = `k6-${Date.now().toString(36)}`;

  let exitCode = 1;
  let rss;
  /** @type {Awaited<ReturnType<typeof waitForSpoolDrain>> | undefined} */
  let drain;
  /** @type {import('./summary.mjs').RunFigures | undefined} */
  let figures;
  /** @type {{ stored: number, distinct: number } | { skipped: string }} */
  let counted = { skipped: 'parse-only endpoint' };
  // Events carry client timestamps from the run's setup on; an hour back is a safe floor.
  const since = Date.now() - 3_600_000;
  try {
    const sampler = server ? sampleRss(server.pid) : undefined;
    // k6 does not need the read token; it stays out of its environment.
    const { READ_TOKEN: _readToken, ...k6Settings } = settings;
    const env = {
      ...process.env,
      ...k6Settings,
      TARGET: target,
      RUN_TAG: runTag,
      K6_NO_USAGE_REPORT: 'true',
    };
    exitCode = await runK6(k6, ['run', '--quiet', '--summary-export', summaryPath, script, ...k6Extra], env);
    rss = sampler?.stop();
    if (existsSync(summaryPath)) figures = readFigures(summaryPath);
    if (!parseOnly && figures) {
      drain = await waitForSpoolDrain(target, { timeoutMs: drainTimeoutS * 1000 });
      if (!drain.drained && drain.note) console.error(`load: before the store check: ${drain.note}`);
      counted = await checkStore(settings, target, runTag, {
        since,
        acknowledged: figures.eventsAcknowledged,
        timeoutMs: drainTimeoutS * 1000,
      });
    }
  } finally {
    await server?.stop({ removeData: !keepData });
  }
  if (!figures) {
    console.error(`load: k6 exited ${exitCode} without a summary; see its output above`);
    return { exitCode: exitCode || 1, failure: 'k6 wrote no summary' };
  }
  /** @type {import('./report.mjs').StoreResult} */
  const store =
    'stored' in counted
      ? {
          ...counted,
          acknowledged: figures.eventsAcknowledged,
          ok: counted.stored === figures.eventsAcknowledged && counted.distinct === counted.stored,
        }
      : counted;
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
  // Tokens and keys stay out of a report that may be shared.
  const { TARGET: _target, READ_TOKEN: _token, WRITE_KEY: _writeKey, ...shown } = settings;
  // k6 and a local server share the machine; whatever else ran shows in the load average.
  const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), 1-min load average ${loadBefore.toFixed(2)} before, ${(loadavg()[0] ?? 0).toFixed(2)} after`;
  const profile = nodeArgs.length > 0 ? summariseProfile(profileDir) : undefined;
  // Crossing step thresholds is what a stress run is for; it failed only if k6 did.
  if (stress && exitCode === 99) exitCode = 0;
  if (exitCode === 0 && 'ok' in store && !store.ok) exitCode = 98;
  /** @type {import('./report.mjs').ReportInput} */
  const report = {
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
    profile,
  };
  writeFileSync(reportPath, renderReport(report));
  return { exitCode, name, figures, store, stress, summaryPath, reportPath, report };
}

/**
 * Counts the run's events: through the server's `GET /ops/stored-events` (the server the
 * runner started, or --target), or on the ClickHouse server named by CLICKHOUSE_URL.
 * @param {Record<string, string>} settings @param {string} target @param {string} tag
 * @param {{ since: number, acknowledged: number, timeoutMs: number }} wait
 * @returns {Promise<{ stored: number, distinct: number }>}
 */
async function checkStore(settings, target, tag, { since, acknowledged, timeoutMs }) {
  const site = settings.SITE_KEY ?? 'demo';
  const url = process.env.CLICKHOUSE_URL;
  if (url) {
    const { CLICKHOUSE_USER: user, CLICKHOUSE_PASSWORD: password } = process.env;
    const database = process.env.CLICKHOUSE_DATABASE || 'heatfunnel';
    return countOnServer({ url, user, password, database, site, tag });
  }
  return countOverHttp({ target, site, tag, token: settings.READ_TOKEN, since, acknowledged, timeoutMs });
}
