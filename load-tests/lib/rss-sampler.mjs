/**
 * Samples a process's resident memory (Linux /proc) through a run, to show whether the
 * server's memory grows under sustained load.
 */
import { readFileSync } from 'node:fs';

/** @param {number} pid @returns {number | undefined} resident set size in MiB */
export function rssMiB(pid) {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * @typedef {object} RssTrend
 * @property {number} samples
 * @property {number} first MiB
 * @property {number} max MiB
 * @property {number} last MiB
 * @property {number} slopeLateMiBPerMin least-squares slope over the second half of the run (warm-up excluded)
 */

/**
 * Starts sampling `pid` every `everyMs`; `stop()` ends it and returns the trend, or
 * undefined when nothing could be read (not Linux, or the process is gone).
 * @param {number} pid @param {number} [everyMs]
 * @returns {{ stop(): RssTrend | undefined }}
 */
export function sampleRss(pid, everyMs = 2000) {
  /** @type {[number, number][]} */
  const samples = [];
  const take = () => {
    const mib = rssMiB(pid);
    if (mib !== undefined) samples.push([Date.now(), mib]);
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      if (samples.length === 0) return undefined;
      const values = samples.map(([, mib]) => mib);
      const late = samples.slice(Math.floor(samples.length / 2));
      return {
        samples: samples.length,
        first: values[0] ?? 0,
        max: Math.max(...values),
        last: values[values.length - 1] ?? 0,
        slopeLateMiBPerMin: slope(late.map(([t, mib]) => [t / 60_000, mib])),
      };
    },
  };
}

/** @param {[number, number][]} points @returns {number} least-squares slope, 0 for fewer than 2 points */
function slope(points) {
  if (points.length < 2) return 0;
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  return sxx === 0 ? 0 : sxy / sxx;
}
