/**
 * Starts a Heatfunnel server for a load run, on 127.0.0.1 and a free port, with its data
 * in a temporary directory, and stops it again by its process id.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (load-tests/..). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The server CLI to start; HEATFUNNEL_CLI points at another build (e.g. a release checkout). */
const CLI = process.env.HEATFUNNEL_CLI || join(REPO_ROOT, 'server', 'bin', 'heatfunnel.mjs');
const PARSE_ONLY = join(dirname(fileURLToPath(import.meta.url)), 'parse-only-server.mjs');
const LISTENING = /heatfunnel listening on (http:\/\/\S+)/;

/**
 * @typedef {object} RunningServer
 * @property {string} url base URL, e.g. http://127.0.0.1:43210
 * @property {number} pid
 * @property {string} dataDir
 * @property {(options?: { removeData?: boolean }) => Promise<void>} stop SIGTERM (SIGKILL after `stopTimeoutMs`), then removes the data directory unless kept
 * @property {() => void} removeData removes the data directory (after a `stop({ removeData: false })`)
 */

/**
 * Spawns `heatfunnel serve --demo` and resolves once it printed its URL and /healthz answers.
 * With `parseOnly`, starts lib/parse-only-server.mjs instead: the ceiling to compare with.
 * @param {{ startTimeoutMs?: number, stopTimeoutMs?: number, keepData?: boolean, log?: (line: string) => void, args?: string[], parseOnly?: boolean, nodeArgs?: string[] }} [options]
 * @returns {Promise<RunningServer>}
 */
export async function startServer({
  startTimeoutMs = 120_000,
  stopTimeoutMs = 30_000,
  keepData = false,
  log = (line) => console.error(line),
  args = [],
  parseOnly = false,
  nodeArgs = [],
} = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'heatfunnel-load-'));
  const command = parseOnly
    ? [PARSE_ONLY, ...args]
    : [CLI, 'serve', '--host', '127.0.0.1', '--port', '0', '--data-dir', dataDir, '--demo', ...args];
  const child = spawn(process.execPath, [...nodeArgs, ...command], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${CLI}`);
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));

  const removeData = () => rmSync(dataDir, { recursive: true, force: true });
  const stop = async ({ removeData: remove = !keepData } = {}) => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(pid, 'SIGTERM');
      const killer = setTimeout(() => {
        log(`server: pid ${pid} did not stop within ${stopTimeoutMs} ms of SIGTERM; sending SIGKILL`);
        process.kill(pid, 'SIGKILL');
      }, stopTimeoutMs);
      await exited;
      clearTimeout(killer);
    }
    if (remove) removeData();
  };

  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(`did not print its URL within ${startTimeoutMs} ms`), startTimeoutMs);
    /** @param {string} why */
    const fail = (why) => {
      clearTimeout(timer);
      reject(new Error(`server (pid ${pid}) ${why}. Its output:\n${output.slice(-4000)}`));
    };
    const onData = (/** @type {Buffer} */ chunk) => {
      output += chunk.toString();
      const match = LISTENING.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exited.then((how) => fail(`exited (${how}) before it was ready`));
  }).catch(async (error) => {
    await stop();
    throw error;
  });
  // Keep draining the pipes so a chatty server never blocks on a full buffer.
  child.stdout.removeAllListeners('data').on('data', () => {});
  child.stderr.removeAllListeners('data').on('data', (chunk) => {
    output = (output + chunk.toString()).slice(-8000);
  });

  const deadline = Date.now() + 30_000;
  for (;;) {
    const ok = await fetch(`${url}/healthz`).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server at ${url} printed its URL but /healthz did not answer 200 within 30 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  log(`server: pid ${pid} listening on ${url}, data in ${dataDir}`);
  return { url: /** @type {string} */ (url), pid, dataDir, stop, removeData };
}
