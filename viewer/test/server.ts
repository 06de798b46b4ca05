/**
 * Starts the real server CLI as a child process on a fresh temporary data directory and
 * port 0, for the viewer's browser tests; `stop()` ends that one process by its pid.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServerProcess, stopServerProcess } from '@heatfunnel/server/test/server-process';

export const VIEWER_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_DIR = join(VIEWER_DIR, '..');

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

/** Starts `heatfunnel serve --demo` on a fresh temporary data directory. */
export async function startServer({ timeoutMs = 120_000 } = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hf-viewer-'));
  const server = await startServerProcess(dataDir, [], timeoutMs);
  return {
    url: server.url,
    pid: server.pid,
    async stop() {
      const killTimer = setTimeout(() => void stopServerProcess(server, 'SIGKILL'), 15_000);
      await stopServerProcess(server);
      clearTimeout(killTimer);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
