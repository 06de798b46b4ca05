/**
 * A progress bar for long work: redrawn in place on a terminal, a line every 10% when
 * the output is a log file or CI.
 */

export interface Progress {
  /** Sets how much of `total` is done. */
  update(done: number): void;
  /** Draws the final state and ends the line. */
  finish(): void;
}

/** A progress bar for `total` units of `label`, written to `stream`. */
export function progressBar(
  label: string,
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  const started = Date.now();
  const width = 30;
  let lastDecile = -1;
  let done = 0;
  const line = () => {
    const share = total === 0 ? 1 : Math.min(1, done / total);
    const filled = Math.round(share * width);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    return `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor(share * 100)}% ${done}/${total} (${seconds}s)`;
  };
  return {
    update(value) {
      done = value;
      if (stream.isTTY) {
        stream.write(`\r${line()}`);
        return;
      }
      const decile = Math.floor((done / Math.max(total, 1)) * 10);
      if (decile > lastDecile) {
        lastDecile = decile;
        stream.write(`${line()}\n`);
      }
    },
    finish() {
      done = total;
      stream.write(stream.isTTY ? `\r${line()}\n` : lastDecile < 10 ? `${line()}\n` : '');
    },
  };
}
