import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { readFigures } from '../lib/summary.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'heatfunnel-smoke-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

// The whole path a user takes: the runner installs k6 if needed (a missing k6 fails this
// test with the runner's message), starts a server on 127.0.0.1, runs the smoke scenario
// and stops the server again.
it('runs the smoke scenario through the runner; every acknowledged event is stored once', () => {
  const env = { ...process.env };
  delete env.TARGET;
  const run = spawnSync(
    process.execPath,
    [join(here, '..', 'run.mjs'), 'smoke', '--duration', '10s', '--out', out],
    {
      env,
      encoding: 'utf8',
      timeout: 14 * 60_000,
    },
  );
  const output = `${run.stdout}\n${run.stderr}`.slice(-6000);
  expect(run.status, `runner failed:\n${output}`).toBe(0);

  const summary = readdirSync(out).find((f) => f.endsWith('.json'));
  expect(summary, `no summary in ${out}:\n${output}`).toBeDefined();
  const figures = readFigures(join(out, summary as string));
  expect(figures.eventsAcknowledged).toBeGreaterThan(500);
  expect(figures.unexpectedAnswers).toBe(0);
  expect(figures.failedRate).toBe(0);
  // Every event sent was either acknowledged or a deliberately malformed one refused.
  expect(figures.eventsAcknowledged + figures.eventsRejected).toBe(figures.eventsSent);
  expect(figures.thresholds.every((t) => t.ok)).toBe(true);
  // The runner's store check: every acknowledged event is in the store, once.
  const report = readdirSync(out).find((f) => f.endsWith('.md'));
  expect(readFileSync(join(out, report as string), 'utf8')).toMatch(
    /\| store check \(stored = acknowledged, once each\) \| ok: /,
  );
});
