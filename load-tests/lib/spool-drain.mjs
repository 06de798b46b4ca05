/**
 * Waits, after a run, until the server has moved its spool into the store, so the store
 * check counts what was acknowledged rather than what happened to be flushed yet. Reads
 * `heatfunnel_spool_rows` from the server's Prometheus `/metrics`.
 */

/** @param {string} text Prometheus text @returns {number | undefined} */
function spoolRows(text) {
  const match = /^heatfunnel_spool_rows(?:\{[^}]*\})?\s+(\d+(?:\.\d+)?)\s*$/m.exec(text);
  return match ? Number(match[1]) : undefined;
}

/**
 * Polls `${url}/metrics` until the spool is empty or `timeoutMs` passed.
 * @param {string} url server base URL
 * @param {{ timeoutMs?: number, everyMs?: number }} [options]
 * @returns {Promise<{ drained: boolean, rows?: number, waitedMs: number, note?: string }>}
 */
export async function waitForSpoolDrain(url, { timeoutMs = 120_000, everyMs = 500 } = {}) {
  const started = Date.now();
  for (;;) {
    const waitedMs = Date.now() - started;
    let rows;
    try {
      const res = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(10_000) });
      rows = res.ok ? spoolRows(await res.text()) : undefined;
    } catch (error) {
      return {
        drained: false,
        waitedMs,
        note: `GET /metrics failed: ${error instanceof Error ? error.message : error}`,
      };
    }
    if (rows === undefined)
      return {
        drained: false,
        waitedMs,
        note: 'the server reports no heatfunnel_spool_rows on /metrics, so the check runs without waiting',
      };
    if (rows === 0) return { drained: true, rows, waitedMs };
    if (waitedMs > timeoutMs) return { drained: false, rows, waitedMs, note: `${rows} events still spooled` };
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
