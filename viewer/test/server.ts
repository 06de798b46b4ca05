/**
 * Starts the real server CLI as a child process on a fresh temporary data directory and
 * port 0, for the viewer's browser tests; `stop()` ends that one process by its pid.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const VIEWER_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_DIR = join(VIEWER_DIR, '..');
const CLI = join(REPO_DIR, 'server', 'bin', 'heatfunnel.mjs');
const LISTENING = /heatfunnel listening on (http:\/\/\S+)/;

/** A running server and how to stop it. */
export interface TestServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Builds viewer/dist, so the server serves this working tree's viewer. */
export function buildViewer(): void {
  const r = spawnSync(process.execPath, ['build.mjs'], { cwd: VIEWER_DIR, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`viewer build failed:\n${r.stdout}\n${r.stderr}`);
}

/** Starts `heatfunnel serve --demo` and resolves once it prints its address. */
export async function startServer({ timeoutMs = 120_000 } = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hf-viewer-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [CLI, 'serve', '--host', '127.0.0.1', '--port', '0', '--data-dir', dataDir, '--demo'],
    { cwd: REPO_DIR, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in ${timeoutMs} ms:\n${log}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const m = LISTENING.exec(log);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${log}`));
    });
  });
  const pid = child.pid ?? 0;
  return {
    url,
    pid,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        process.kill(pid, 'SIGTERM');
        const killTimer = setTimeout(() => child.exitCode === null && process.kill(pid, 'SIGKILL'), 15_000);
        await exited;
        clearTimeout(killTimer);
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
