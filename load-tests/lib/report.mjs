/**
 * The short Markdown report of one run: what ran, throughput, latency, errors, the store
 * check, the server's memory, and for stress runs each step and the knee.
 */

/**
 * @typedef {{ stored: number, distinct: number, acknowledged: number, ok: boolean } | { skipped: string }} StoreResult
 * @typedef {object} ReportInput
 * @property {string} scenario
 * @property {string} target
 * @property {string} startedAt ISO time
 * @property {Record<string, string>} settings the environment the scenario ran with
 * @property {number} exitCode k6's exit code
 * @property {import('./summary.mjs').RunFigures} figures
 * @property {StoreResult} [store]
 * @property {import('./rss-sampler.mjs').RssTrend} [rss]
 * @property {{ steps: import('./knee.mjs').StepFigures[], knee?: import('./knee.mjs').StepFigures, peak?: import('./knee.mjs').StepFigures, p99Ms: number }} [stress]
 * @property {string} machine cores, load averages: what else was using the CPU k6 and the server shared
 * @property {import('./cpu-profile.mjs').ProfileSummary} [profile] the server's CPU profile, with --cpu-prof
 */

/** @param {number} n @param {number} [digits] */
const fmt = (n, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits }) : '-';

/** @param {number} exitCode @param {boolean} stress @returns {string} the run's outcome in words */
function verdictOf(exitCode, stress) {
  if (stress) return exitCode === 0 ? 'steps ran' : `exit ${exitCode}`;
  /** @type {Record<number, string>} */
  const words = { 0: 'passed', 98: 'store check failed', 99: 'thresholds crossed' };
  return words[exitCode] ?? `k6 exited ${exitCode}`;
}

/** @param {StoreResult} store */
function storeLine(store) {
  if ('skipped' in store) return `| store check | skipped: ${store.skipped} |`;
  return `| store check (stored = acknowledged, once each) | ${store.ok ? 'ok' : 'FAILED'}: ${fmt(store.stored)} rows, ${fmt(store.distinct)} distinct ids, ${fmt(store.acknowledged)} acknowledged |`;
}

/**
 * @param {ReportInput} input
 * @returns {string} Markdown
 */
export function renderReport({
  scenario,
  target,
  startedAt,
  settings,
  exitCode,
  figures: f,
  store,
  rss,
  stress,
  machine,
  profile,
}) {
  const verdict = verdictOf(exitCode, Boolean(stress));
  const lines = [
    `# Load run: ${scenario} (${verdict})`,
    '',
    `- Target: ${target}`,
    `- Started: ${startedAt}`,
    `- Machine: ${machine}`,
    `- Settings: ${
      Object.entries(settings)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ') || 'defaults'
    }`,
    '',
    '| figure | value |',
    '|---|---|',
    `| HTTP requests | ${fmt(f.requests)} (${fmt(f.requestRate, 1)}/s) |`,
    `| events acknowledged | ${fmt(f.eventsAcknowledged)} (${fmt(f.eventRate, 0)}/s over the whole run) |`,
    `| events sent / malformed refused / retried | ${fmt(f.eventsSent)} / ${fmt(f.eventsRejected)} / ${fmt(f.eventsRetried)} |`,
    `| POST /v1/batch latency ms (avg, med, p90, p95, p99, max) | ${Object.values(f.latency)
      .map((v) => fmt(v, 2))
      .join(', ')} |`,
    `| failed requests | ${fmt(f.failedRate * 100, 3)} % |`,
    `| answers not as expected | ${fmt(f.unexpectedAnswers)} |`,
    `| dropped iterations | ${fmt(f.droppedIterations)} |`,
  ];
  if (store) lines.push(storeLine(store));
  if (rss) {
    lines.push(
      `| server RSS MiB (first, max, last; ${rss.samples} samples) | ${fmt(rss.first)}, ${fmt(rss.max)}, ${fmt(rss.last)}; second-half trend ${fmt(rss.slopeLateMiBPerMin, 1)} MiB/min |`,
    );
  }
  if (stress) {
    lines.push(
      '',
      `## Steps (knee: p99 < ${stress.p99Ms} ms, errors < 0.1 %, ≥ 97 % of the rate achieved)`,
      '',
    );
    lines.push(
      '| target batches/s | achieved batches/s | events/s | p99 ms | failed | wrong answers | within limits |',
    );
    lines.push('|---|---|---|---|---|---|---|');
    for (const s of stress.steps) {
      lines.push(
        `| ${fmt(s.rate)} | ${fmt(s.achieved, 1)} | ${fmt(s.events)} | ${fmt(s.p99, 1)} | ${fmt(s.failed * 100, 3)} % | ${fmt(s.wrong * 100, 3)} % | ${s.ok ? 'yes' : 'no'} |`,
      );
    }
    lines.push(
      '',
      stress.knee
        ? `Sustainable rate: **${fmt(stress.knee.rate)} batches/s, ${fmt(stress.knee.events)} events/s** (the highest step held within the limits, all lower steps too).`
        : 'Sustainable rate: none of the steps stayed within the limits; start lower (`START_RATE`).',
      '',
      stress.peak
        ? `Peak without errors (any latency): ${fmt(stress.peak.events)} events/s (${fmt(stress.peak.achieved, 1)} batches/s, p99 ${fmt(stress.peak.p99, 1)} ms, at the ${fmt(stress.peak.rate)} batches/s step).`
        : 'Peak without errors: none, every step had errors.',
    );
  }
  if (profile) {
    lines.push(
      '',
      `## Where the server's CPU time went (${fmt(profile.totalMs / 1000, 1)} s busy, \`${profile.file}\`)`,
      '',
    );
    lines.push('| package or area | self time | share |', '|---|---|---|');
    for (const p of profile.packages)
      lines.push(`| ${p.name} | ${fmt(p.ms)} ms | ${fmt(p.share * 100, 1)} % |`);
    lines.push('', '| function | self time | share |', '|---|---|---|');
    for (const p of profile.functions)
      lines.push(`| \`${p.name}\` | ${fmt(p.ms)} ms | ${fmt(p.share * 100, 1)} % |`);
  }
  lines.push('', '## Thresholds', '');
  for (const t of f.thresholds) lines.push(`- ${t.ok ? 'ok' : 'CROSSED'}: \`${t.metric}\` ${t.threshold}`);
  return `${lines.join('\n')}\n`;
}

/**
 * The section comparing a server run with the same scenario against the parse-only endpoint.
 * @param {{ figures: import('./summary.mjs').RunFigures, stress?: ReportInput['stress'] }} server
 * @param {{ figures: import('./summary.mjs').RunFigures, stress?: ReportInput['stress'], reportPath: string }} ceiling
 * @returns {string} Markdown
 */
export function renderCeiling(server, ceiling) {
  /** @type {[string, number | undefined, number | undefined][]} */
  const rows = server.stress
    ? [
        ['sustainable rate (knee), events/s', server.stress.knee?.events, ceiling.stress?.knee?.events],
        [
          'peak without errors (any latency), events/s',
          server.stress.peak?.events,
          ceiling.stress?.peak?.events,
        ],
      ]
    : [['acknowledged events/s over the run', server.figures.eventRate, ceiling.figures.eventRate]];
  const ratio = (/** @type {number | undefined} */ a, /** @type {number | undefined} */ b) =>
    a !== undefined && b ? fmt(a / b, 2) : '-';
  return [
    '',
    '## Against the parse-only ceiling',
    '',
    `Same scenario and settings against a parse-and-discard endpoint just before (${ceiling.reportPath}).`,
    '',
    '| | server | parse-only | server / parse-only |',
    '|---|---|---|---|',
    ...rows.map(
      ([what, ours, top]) =>
        `| ${what} | ${fmt(ours ?? Number.NaN)} | ${fmt(top ?? Number.NaN)} | ${ratio(ours, top)} |`,
    ),
    '',
  ].join('\n');
}
