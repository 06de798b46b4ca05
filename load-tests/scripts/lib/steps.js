/**
 * Stepped arrival rates for stress runs: hold each rate for a while, ramp briefly to the
 * next, and tag every metric with the rate being held (`step`), so the summary shows
 * latency, errors and achieved throughput per rate and the runner can find the knee.
 */
import exec from 'k6/execution';

/**
 * The steps `from`, `from + by`, ... up to `count` rates, each ramped to in `rampS` seconds
 * and held for `holdS` seconds.
 */
export function steps({ from, by, count, holdS, rampS }) {
  const rates = Array.from({ length: count }, (_, i) => from + i * by);
  const stages = rates.flatMap((rate) => [
    { target: rate, duration: `${rampS}s` },
    { target: rate, duration: `${holdS}s` },
  ]);
  return { rates, stages, holdS, rampS };
}

/** Tags this VU's next metrics with the rate held now, or `ramp` between holds. */
export function tagStep({ rates, holdS, rampS }) {
  const elapsedS = (Date.now() - exec.scenario.startTime) / 1000;
  const index = Math.floor(elapsedS / (holdS + rampS));
  const holding = elapsedS - index * (holdS + rampS) >= rampS;
  exec.vu.metrics.tags.step = holding && index < rates.length ? String(rates[index]) : 'ramp';
}

/**
 * Thresholds on each step's submetrics. The knee criteria (p99, errors) are real
 * thresholds; the `count>=0` ones only make k6 export those submetrics to the summary.
 */
export function stepThresholds({ rates }, { p99 }) {
  return Object.fromEntries(
    rates.flatMap((rate) => [
      [`http_req_duration{endpoint:batch,step:${rate}}`, [`p(99)<${p99}`]],
      [`http_req_failed{step:${rate}}`, ['rate<0.001']],
      [`answers_as_expected{step:${rate}}`, ['rate>0.999']],
      [`iterations{step:${rate}}`, ['count>=0']],
      [`events_acknowledged{step:${rate}}`, ['count>=0']],
    ]),
  );
}
