import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSteps } from '../lib/knee.mjs';
import { renderCeiling, renderReport } from '../lib/report.mjs';
import { readFigures } from '../lib/summary.mjs';

const dir = mkdtempSync(join(tmpdir(), 'heatfunnel-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A k6 --summary-export of a stress run with three steps, the third past the knee. */
function stressSummary(): string {
  const step = (rate: number, p99: number, iterations: number, failed = 0) => ({
    [`http_req_duration{endpoint:batch,step:${rate}}`]: {
      'p(99)': p99,
      thresholds: { 'p(99)<50': p99 >= 50 },
    },
    [`http_req_failed{step:${rate}}`]: { value: failed, thresholds: { 'rate<0.001': failed >= 0.001 } },
    [`answers_as_expected{step:${rate}}`]: { value: 1 },
    [`iterations{step:${rate}}`]: { count: iterations },
    [`events_acknowledged{step:${rate}}`]: { count: iterations * 20 },
  });
  return JSON.stringify({
    metrics: {
      ...step(500, 12, 5000),
      ...step(1000, 31, 9990),
      ...step(1500, 180, 12_000),
      http_reqs: { count: 27_000, rate: 700 },
      events_acknowledged: { count: 539_800, rate: 14_000 },
      events_sent: { count: 540_000 },
      events_rejected: { count: 200 },
      'http_req_duration{endpoint:batch}': {
        med: 9,
        'p(95)': 40,
        'p(99)': 120,
        max: 900,
        avg: 15,
        'p(90)': 30,
      },
      http_req_failed: { value: 0 },
      answers_as_expected: { value: 1, passes: 27_000, fails: 0 },
    },
  });
}

describe('stress report', () => {
  const path = join(dir, 'stress.json');
  writeFileSync(path, stressSummary());

  it('finds the knee: the highest step within the limits with every lower one', () => {
    const { steps, knee } = readSteps(path, { holdSeconds: 10, p99Ms: 50 });
    expect(steps.map((s) => [s.rate, s.ok])).toEqual([
      [500, true],
      [1000, true],
      [1500, false],
    ]);
    expect(knee).toMatchObject({ rate: 1000, achieved: 999, events: 19_980 });
  });

  it('finds the peak: the most events/s without errors, whatever the latency', () => {
    expect(readSteps(path, { holdSeconds: 10, p99Ms: 50 }).peak).toMatchObject({
      rate: 1500,
      events: 24_000,
    });
  });

  it('does not count a step whose rate k6 could not reach', () => {
    const { knee } = readSteps(path, { holdSeconds: 20, p99Ms: 50 });
    expect(knee).toBeUndefined();
  });

  it('renders throughput, latency, the store check and the steps', () => {
    const figures = readFigures(path);
    const stress = { ...readSteps(path, { holdSeconds: 10, p99Ms: 50 }), p99Ms: 50 };
    const markdown = renderReport({
      scenario: 'stress',
      target: 'http://127.0.0.1:1',
      startedAt: '2026-11-23T20:00:00.000Z',
      settings: { STEPS: '3' },
      exitCode: 99,
      figures,
      store: { stored: 539_800, distinct: 539_800, acknowledged: 539_800, ok: true },
      stress,
      machine: '2 cores',
    });
    expect(markdown).toContain('| events acknowledged | 539,800 (14,000/s over the whole run) |');
    expect(markdown).toContain('| store check (stored = acknowledged, once each) | ok: 539,800 rows');
    expect(markdown).toContain('| 1,000 | 999 | 19,980 | 31 | 0 % | 0 % | yes |');
    expect(markdown).toContain('Sustainable rate: **1,000 batches/s, 19,980 events/s**');
    expect(markdown).toContain('Peak without errors (any latency): 24,000 events/s');
  });

  it('compares the server with the parse-only ceiling', () => {
    const stress = { ...readSteps(path, { holdSeconds: 10, p99Ms: 50 }), p99Ms: 50 };
    const figures = readFigures(path);
    const half = { ...stress, knee: stress.knee && { ...stress.knee, events: stress.knee.events / 2 } };
    const text = renderCeiling({ figures, stress: half }, { figures, stress, reportPath: 'ceiling.md' });
    expect(text).toContain('| sustainable rate (knee), events/s | 9,990 | 19,980 | 0.5 |');
  });
});
