#!/usr/bin/env node
/**
 * Finds k6, or builds the pinned version into load-tests/.bin with `go install` when Go
 * is present. k6 is in neither npm nor Debian, and Grafana's release downloads need the
 * internet; the Go module proxy is the one source that works wherever Go does.
 * Usage: `node load-tests/install-k6.mjs` (prints the path), or `await ensureK6()`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The k6 version this suite is written and measured against; the one place it is pinned. */
export const K6_VERSION = 'v1.8.1';
/** Where the runner keeps its own k6 (gitignored). */
export const BIN_DIR = join(dirname(fileURLToPath(import.meta.url)), '.bin');
const MODULE = 'go.k6.io/k6';
const BUILD_TIMEOUT_MS = 30 * 60 * 1000;

/** @param {string} name @returns {string | undefined} an executable named `name` on PATH */
function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** @param {string} k6 @returns {string | undefined} the version `k6 version` reports, e.g. `v1.8.1` */
export function k6Version(k6) {
  const result = spawnSync(k6, ['version'], { encoding: 'utf8', timeout: 30_000 });
  return /k6 (v\d+\.\d+\.\d+)/.exec(result.stdout ?? '')?.[1];
}

/** @returns {string | undefined} a k6 already installed: load-tests/.bin first, then PATH */
export function findK6() {
  const local = join(BIN_DIR, 'k6');
  if (existsSync(local)) return local;
  return onPath('k6');
}

/** @returns {string | undefined} the Go toolchain: PATH, then the usual /usr/local/go */
function findGo() {
  return onPath('go') ?? (existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
}

const HOW_TO_INSTALL = `k6 ${K6_VERSION} is needed to run the load tests, and neither k6 nor Go was found.
Install one of them, then run the command again:
  - Go (https://go.dev/dl/): the runner then builds k6 itself with
      go install ${MODULE}@${K6_VERSION}   (into load-tests/.bin, a few minutes once)
  - k6 itself (https://grafana.com/docs/k6/latest/set-up/install-k6/): e.g. on Debian/Ubuntu add
    Grafana's apt repository and \`apt-get install k6\`, on macOS \`brew install k6\`, or unpack a
    release binary from https://github.com/grafana/k6/releases onto PATH or into load-tests/.bin/k6.`;

/**
 * Builds k6 with Go into BIN_DIR, printing progress; resolves to its path.
 * @param {string} go @param {(line: string) => void} log
 */
function buildK6(go, log) {
  mkdirSync(BIN_DIR, { recursive: true });
  log(`k6: building ${MODULE}@${K6_VERSION} with ${go} into ${BIN_DIR}`);
  log('k6: this takes a few minutes on a cold Go cache (about 1.5 min on 2 cores here) and happens once');
  const started = Date.now();
  const child = spawn(go, ['install', `${MODULE}@${K6_VERSION}`], {
    env: { ...process.env, GOBIN: BIN_DIR, GOFLAGS: `${process.env.GOFLAGS ?? ''} -modcacherw`.trim() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let downloads = 0;
  let tail = '';
  const onOutput = (/** @type {Buffer} */ chunk) => {
    const text = chunk.toString();
    downloads += text.split('go: downloading').length - 1;
    tail = (tail + text).slice(-4000);
  };
  child.stdout.on('data', onOutput);
  child.stderr.on('data', onOutput);
  const heartbeat = setInterval(() => {
    const seconds = Math.round((Date.now() - started) / 1000);
    log(`k6: still building (${seconds}s, ${downloads} modules downloaded so far)`);
  }, 15_000);
  const timeout = setTimeout(() => child.kill('SIGTERM'), BUILD_TIMEOUT_MS);
  return /** @type {Promise<string>} */ (
    new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => {
        clearInterval(heartbeat);
        clearTimeout(timeout);
        const k6 = join(BIN_DIR, 'k6');
        if (code === 0 && existsSync(k6)) {
          log(`k6: built ${K6_VERSION} in ${Math.round((Date.now() - started) / 1000)}s: ${k6}`);
          resolve(k6);
          return;
        }
        reject(
          new Error(
            `go install ${MODULE}@${K6_VERSION} failed (${signal ?? `exit ${code}`}). Its last output:\n${tail}\n` +
              'Check that Go can reach its module proxy (GOPROXY), or install k6 by hand:\n' +
              HOW_TO_INSTALL.split('\n').slice(2).join('\n'),
          ),
        );
      });
    })
  );
}

/**
 * Resolves to the path of a usable k6, building the pinned version when none is found.
 * Rejects with instructions when k6 is missing and Go is absent.
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {Promise<string>}
 */
export async function ensureK6({ log = (line) => console.error(line) } = {}) {
  const found = findK6();
  if (found) {
    const version = k6Version(found);
    if (version && version !== K6_VERSION) {
      log(`k6: using ${found} (${version}); the suite is pinned to ${K6_VERSION}, figures may differ`);
    }
    return found;
  }
  const go = findGo();
  if (!go) throw new Error(HOW_TO_INSTALL);
  return buildK6(go, log);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  ensureK6().then(
    (k6) => console.log(k6),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
