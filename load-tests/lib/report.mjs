/**
 * The short Markdown report of one run: what ran, throughput, latency, errors, and the
 * store check when there was one.
 */

/**
 * @typedef {object} ReportInput
 * @property {string} scenario
 * @property {string} target
 * @property {string} startedAt ISO time
 * @property {Record<string, string>} settings the environment the scenario ran with
 * @property {number} exitCode k6's exit code
 * @property {import('./summary.mjs').RunFigures} figures
 * @property {{ stored: number, distinct: number, acknowledged: number } | { skipped: string }} [store]
 */

/** @param {number} n @param {number} [digits] */
const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });

/**
 * @param {ReportInput} input
 * @returns {string} Markdown
 */
export function renderReport({ scenario, target, startedAt, settings, exitCode, figures: f, store }) {
  const verdict =
    exitCode === 0 ? 'passed' : exitCode === 99 ? 'thresholds crossed' : `k6 exited ${exitCode}`;
  const lines = [
    `# Load run: ${scenario} (${verdict})`,
    '',
    `- Target: ${target}`,
    `- Started: ${startedAt}`,
    `- Settings: ${Object.entries(settings)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}`,
    '',
    '| figure | value |',
    '|---|---|',
    `| HTTP requests | ${fmt(f.requests)} (${fmt(f.requestRate, 1)}/s) |`,
    `| events acknowledged | ${fmt(f.eventsAcknowledged)} (${fmt(f.eventRate, 0)}/s) |`,
    `| events sent / malformed refused / retried | ${fmt(f.eventsSent)} / ${fmt(f.eventsRejected)} / ${fmt(f.eventsRetried)} |`,
    `| POST /v1/batch latency ms (avg, med, p90, p95, p99, max) | ${Object.values(f.latency)
      .map((v) => fmt(v, 2))
      .join(', ')} |`,
    `| failed requests | ${fmt(f.failedRate * 100, 3)} % |`,
    `| answers not as expected | ${fmt(f.unexpectedAnswers)} |`,
    `| dropped iterations | ${fmt(f.droppedIterations)} |`,
  ];
  if (store && 'skipped' in store) lines.push(`| store check | skipped: ${store.skipped} |`);
  else if (store) {
    const ok = store.stored === store.acknowledged && store.distinct === store.stored;
    lines.push(
      `| store check | ${ok ? 'ok' : 'FAILED'}: ${fmt(store.stored)} rows, ${fmt(store.distinct)} distinct ids, ${fmt(store.acknowledged)} acknowledged |`,
    );
  }
  lines.push('', '## Thresholds', '');
  for (const t of f.thresholds) lines.push(`- ${t.ok ? 'ok' : 'CROSSED'}: \`${t.metric}\` ${t.threshold}`);
  return `${lines.join('\n')}\n`;
}
