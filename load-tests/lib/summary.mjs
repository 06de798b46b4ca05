/**
 * Reads the figures a run is judged by out of k6's `--summary-export` JSON.
 */
import { readFileSync } from 'node:fs';

/**
 * @typedef {object} RunFigures
 * @property {number} requests
 * @property {number} requestRate requests per second
 * @property {number} eventsSent
 * @property {number} eventsAcknowledged acknowledged on a first send: what the store must hold
 * @property {number} eventRate acknowledged events per second
 * @property {number} eventsRejected malformed events refused as expected
 * @property {number} eventsRetried events acknowledged again on duplicate retries
 * @property {number} failedRate share of requests k6 counted as failed
 * @property {number} unexpectedAnswers batches whose answer did not match the expectation
 * @property {number} droppedIterations
 * @property {Record<string, number>} latency ms of POST /v1/batch: avg, med, p(90), p(95), p(99), max
 * @property {{ metric: string, threshold: string, ok: boolean }[]} thresholds
 */

/** @param {unknown} value */
const num = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/**
 * @param {string} path a k6 `--summary-export` file
 * @returns {RunFigures}
 */
export function readFigures(path) {
  /** @type {{ metrics: Record<string, Record<string, unknown> & { thresholds?: Record<string, boolean> }> }} */
  const summary = JSON.parse(readFileSync(path, 'utf8'));
  const m = (/** @type {string} */ name) => summary.metrics[name] ?? {};
  const duration = m('http_req_duration{endpoint:batch}');
  const answers = m('answers_as_expected');
  return {
    requests: num(m('http_reqs').count),
    requestRate: num(m('http_reqs').rate),
    eventsSent: num(m('events_sent').count),
    eventsAcknowledged: num(m('events_acknowledged').count),
    eventRate: num(m('events_acknowledged').rate),
    eventsRejected: num(m('events_rejected').count),
    eventsRetried: num(m('events_retried').count),
    failedRate: num(m('http_req_failed').value),
    unexpectedAnswers: num(answers.fails),
    droppedIterations: num(m('dropped_iterations').count),
    latency: Object.fromEntries(
      ['avg', 'med', 'p(90)', 'p(95)', 'p(99)', 'max'].map((k) => [k, num(duration[k])]),
    ),
    // In the export, a threshold's value is true when it was crossed (failed).
    thresholds: Object.entries(summary.metrics).flatMap(([metric, values]) =>
      Object.entries(values.thresholds ?? {}).map(([threshold, crossed]) => ({
        metric,
        threshold,
        ok: !crossed,
      })),
    ),
  };
}
