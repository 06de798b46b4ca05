#!/usr/bin/env node
// `npm test`: installs everything the tests need (pinned pnpm, locked dependencies,
// Debian's chromium, k6), builds, lints, type-checks every package (tests included) and
// runs every package's tests. A skipped or pending test fails the run: a green run must
// mean everything ran. Ends with the line "N passed, N failed".
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { installDependencies, pnpm, root } from './pnpm.mjs';
import { ensureChromium } from './system-deps.mjs';

const PACKAGES = ['sdk', 'server', 'viewer', 'load-tests'];
const artifacts = join(root, '.test-artifacts');
const started = Date.now();
const step = (text) =>
  console.log(`\nheatfunnel test: ${text} (${Math.round((Date.now() - started) / 1000)} s)`);
const failures = [];

step('installing dependencies');
installDependencies();

step('installing system dependencies (Chromium, k6)');
ensureChromium();
const { ensureK6 } = await import('../load-tests/install-k6.mjs');
await ensureK6();

step('building the SDK and the viewer');
if (pnpm(['--filter', '@heatfunnel/sdk', '--filter', '@heatfunnel/viewer', 'run', 'build']) !== 0) {
  failures.push('build');
}

step('lint and format (biome)');
if (pnpm(['exec', 'biome', 'ci', '--error-on-warnings', '.']) !== 0) failures.push('lint');

step('type-check (sources and tests)');
for (const name of PACKAGES) {
  if (pnpm(['exec', 'tsc', '-p', 'tsconfig.json'], { cwd: join(root, name) }) !== 0)
    failures.push(`typecheck ${name}`);
}

let passed = 0;
let failed = 0;
rmSync(artifacts, { recursive: true, force: true });
mkdirSync(artifacts, { recursive: true });
for (const name of PACKAGES) {
  step(`tests of ${name}`);
  const report = join(artifacts, `vitest-${name}.json`);
  const status = pnpm(
    ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    { cwd: join(root, name) },
  );
  if (!existsSync(report)) {
    failures.push(`tests of ${name} (no report: vitest did not run)`);
    failed += 1;
    continue;
  }
  const result = JSON.parse(readFileSync(report, 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests;
  const skipped = result.numPendingTests + result.numTodoTests;
  if (status !== 0) failures.push(`tests of ${name}`);
  if (result.numTotalTests === 0) failures.push(`tests of ${name}: no test ran`);
  if (skipped > 0) {
    failures.push(`tests of ${name}: ${skipped} skipped or todo; every test must run`);
    failed += skipped;
  }
}

const seconds = Math.round((Date.now() - started) / 1000);
if (failures.length > 0) {
  console.error(`\nheatfunnel test: FAILED after ${seconds} s: ${failures.join('; ')}`);
} else {
  console.log(`\nheatfunnel test: all green after ${seconds} s`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failures.length > 0 ? 1 : 0);
