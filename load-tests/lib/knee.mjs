/**
 * Per-step figures of a stress run (from the step-tagged submetrics in k6's summary
 * export), the knee: the highest arrival rate held within the latency and error limits,
 * every lower step included, and the peak: the most events/s taken without errors.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @typedef {object} StepFigures
 * @property {number} rate target batches/s
 * @property {number} achieved batches/s started while holding
 * @property {number} events acknowledged events/s while holding
 * @property {number} p99 ms of POST /v1/batch
 * @property {number} failed share of failed requests
 * @property {number} wrong share of answers not as expected
 * @property {boolean} ok
 */

/** @param {string} scriptsDir @returns {{ stepSeconds: number }} the plan defaults stress.js reads */
export function stressPlan(scriptsDir) {
  return JSON.parse(readFileSync(join(scriptsDir, 'stress-plan.json'), 'utf8'));
}

/**
 * @param {string} summaryPath k6 --summary-export of a stress run
 * @param {{ holdSeconds: number, p99Ms: number }} limits
 * @returns {{ steps: StepFigures[], knee: StepFigures | undefined, peak: StepFigures | undefined }}
 */
export function readSteps(summaryPath, { holdSeconds, p99Ms }) {
  /** @type {{ metrics: Record<string, Record<string, number>> }} */
  const { metrics } = JSON.parse(readFileSync(summaryPath, 'utf8'));
  const rates = new Set();
  for (const name of Object.keys(metrics)) {
    const match = /[{,]step:(\d+)[,}]/.exec(name);
    if (match) rates.add(Number(match[1]));
  }
  const steps = [...rates]
    .sort((a, b) => a - b)
    .map((rate) => {
      const get = (/** @type {string} */ name) => metrics[name] ?? {};
      const iterations = get(`iterations{step:${rate}}`).count ?? 0;
      const p99 = get(`http_req_duration{endpoint:batch,step:${rate}}`)['p(99)'] ?? Number.NaN;
      const failed = get(`http_req_failed{step:${rate}}`).value ?? 0;
      const answered = get(`answers_as_expected{step:${rate}}`).value ?? 0;
      const achieved = iterations / holdSeconds;
      const step = {
        rate,
        achieved,
        events: (get(`events_acknowledged{step:${rate}}`).count ?? 0) / holdSeconds,
        p99,
        failed,
        wrong: iterations > 0 ? 1 - answered : 0,
        ok: false,
      };
      // A step counts when k6 started (nearly) every planned batch: when it could not,
      // the server (or k6) did not keep up and the latency figures flatter it.
      step.ok =
        iterations > 0 && p99 < p99Ms && failed < 0.001 && step.wrong < 0.001 && achieved >= rate * 0.97;
      return step;
    });
  const firstBad = steps.findIndex((s) => !s.ok);
  const held = firstBad === -1 ? steps : steps.slice(0, firstBad);
  // The most the target took without errors, whatever the latency: on a busy machine,
  // where no step meets the latency limit, still a fair comparison between two targets.
  const clean = steps.filter((s) => s.failed < 0.001 && s.wrong < 0.001);
  const peak = clean.reduce(
    (best, s) => (!best || s.events > best.events ? s : best),
    /** @type {StepFigures | undefined} */ (undefined),
  );
  return { steps, knee: held[held.length - 1], peak };
}
