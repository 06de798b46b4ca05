/**
 * `heatfunnel demo`, the command behind `npm start`, as a user runs it: it seeds with a
 * progress bar, serves the demo shop and the viewer, and (with --exit-after-start) checks
 * that everything answers before it exits. A second start keeps the data.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/heatfunnel.mjs', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'hf-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const demo = () =>
  spawnSync(
    process.execPath,
    [bin, 'demo', '--events', '4000', '--port', '0', '--data-dir', dataDir, '--exit-after-start'],
    {
      encoding: 'utf8',
      timeout: 120_000,
    },
  );

it('seeds, serves and passes its self-check, then keeps the data on the next start', () => {
  const first = demo();
  expect(first.status, first.stderr).toBe(0);
  expect(first.stderr).toMatch(/seeding demo events \[#+\] 100% 4000\/4000/);
  expect(first.stdout).toMatch(/wrote \d{4} demo events/);
  const url = first.stdout.match(/heatfunnel listening on (http:\/\/127\.0\.0\.1:\d+)/)?.[1];
  expect(url).toBeDefined();
  expect(first.stdout).toContain(`viewer:    ${url}/`);
  expect(first.stdout).toContain(`demo shop: ${url}/demo/`);
  expect(first.stdout).toMatch(/self-check demo heatmap of \/demo\/product\/:id: [1-9]\d* clicks/);

  const second = demo();
  expect(second.status, second.stderr).toBe(0);
  expect(second.stdout).toMatch(/demo data present \(\d+ events\)/);
  expect(second.stderr).not.toMatch(/seeding/);
});

it('explains a bad flag and exits non-zero', () => {
  const run = spawnSync(process.execPath, [bin, 'serve', '--port', 'eighty'], { encoding: 'utf8' });
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/port must be a whole number from 0 to 65535, got "eighty"/);
});
