/**
 * Starts the real server CLI as a child process on a fresh temporary data directory and
 * port 0, for the viewer's browser tests; `stop()` ends that one process by its pid.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ServerProcess,
  startServerProcess,
  stopServerProcess,
} from '@heatfunnel/server/test/server-process';

export const VIEWER_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_DIR = join(VIEWER_DIR, '..');

/** A running server and how to stop it. */
export interface TestServer {
  url: string;
  pid: number;
  /** What each `before` CLI command printed. */
  printed: string[];
  stop(): Promise<void>;
}

/** Builds viewer/dist, so the server serves this working tree's viewer. */
export function buildViewer(): void {
  const r = spawnSync(process.execPath, ['build.mjs'], { cwd: VIEWER_DIR, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`viewer build failed:\n${r.stdout}\n${r.stderr}`);
}

/**
 * Starts `heatfunnel serve --demo` on a fresh temporary data directory, after `prepare(dataDir)`
 * (e.g. storing snapshot rows) and the `before` CLI commands (e.g. `['sites', 'add', 'demo',
 * '--read-token']`) on it; the directory is deleted again if starting fails.
 */
export async function startServer({
  timeoutMs = 120_000,
  before = [] as string[][],
  prepare = (_dataDir: string): void => {},
} = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hf-viewer-'));
  const cli = join(REPO_DIR, 'server', 'bin', 'heatfunnel.mjs');
  let printed: string[];
  let server: ServerProcess;
  try {
    prepare(dataDir);
    printed = before.map((args) => {
      const r = spawnSync(process.execPath, [cli, ...args, '--data-dir', dataDir], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`heatfunnel ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
      return r.stdout;
    });
    server = await startServerProcess(dataDir, [], timeoutMs);
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: server.url,
    pid: server.pid,
    printed,
    async stop() {
      const killTimer = setTimeout(() => void stopServerProcess(server, 'SIGKILL'), 15_000);
      await stopServerProcess(server);
      clearTimeout(killTimer);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
