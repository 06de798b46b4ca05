/** Builds the SDK once before the browser tests, which load dist/heatfunnel.js. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
  const build = spawnSync(process.execPath, ['build.mjs', '--quiet'], {
    cwd: join(import.meta.dirname, '..'),
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`SDK build failed: ${build.stderr}`);
}
