#!/usr/bin/env node
// Runs the pinned pnpm (from package.json "packageManager"), installing it into .tools/
// on first use so a machine with only Node and npm needs nothing else.
// Usage as a module: `await pnpm(['install'])`; as a script: `node scripts/pnpm.mjs <args>`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const version = manifest.packageManager.replace(/^pnpm@/, '');
const toolsDir = join(root, '.tools');
const pnpmBin = join(toolsDir, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');

/** Runs a command, inheriting stdio; exits the process with a clear message on failure. */
export function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error) {
    console.error(`heatfunnel: could not run ${cmd}: ${result.error.message}`);
    process.exit(1);
  }
  return result.status ?? 1;
}

/** Installs the pinned pnpm into .tools/ when it is missing or another version. */
export function ensurePnpm() {
  const installed = existsSync(pnpmBin)
    ? JSON.parse(readFileSync(join(toolsDir, 'node_modules', 'pnpm', 'package.json'), 'utf8')).version
    : null;
  if (installed === version) return;
  console.log(`heatfunnel: installing pnpm ${version} into .tools/ (once)`);
  const status = run('npm', [
    'install',
    '--prefix',
    toolsDir,
    '--no-save',
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
    `pnpm@${version}`,
  ]);
  if (status !== 0 || !existsSync(pnpmBin)) {
    console.error(
      'heatfunnel: installing pnpm failed; check that npm can reach its registry, then run the command again.',
    );
    process.exit(1);
  }
}

/** Runs the pinned pnpm with the given arguments and returns its exit status. */
export function pnpm(args, options = {}) {
  ensurePnpm();
  return run(process.execPath, [pnpmBin, ...args], options);
}

/** Installs the workspace's dependencies exactly as the lockfile pins them. */
export function installDependencies() {
  const frozen = existsSync(join(root, 'pnpm-lock.yaml')) ? ['--frozen-lockfile'] : [];
  const status = pnpm(['install', ...frozen, '--reporter=append-only'], {
    env: { ...process.env, CI: process.env.CI ?? 'true' },
  });
  if (status !== 0) {
    console.error('heatfunnel: `pnpm install` failed (see above); fix that and run the command again.');
    process.exit(status);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exit(pnpm(process.argv.slice(2)));
}
