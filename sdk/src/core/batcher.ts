/**
 * Holds events until `size` of them wait or `interval` ms passed since the first one, then
 * hands them to `deliver` in one go; `flush` hands over what waits at once.
 */

export interface BatcherOptions<T> {
  size: number;
  interval: number;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  /** Receives each batch; `final` when the page is going away. */
  deliver: (items: T[], final: boolean) => void;
}

/** A count- and time-triggered batcher. */
export function createBatcher<T>({ size, interval, setTimer, clearTimer, deliver }: BatcherOptions<T>) {
  let queue: T[] = [];
  let timer: unknown;
  const flush = (final = false): void => {
    if (timer !== undefined) clearTimer(timer);
    timer = undefined;
    if (!queue.length) return;
    const items = queue;
    queue = [];
    deliver(items, final);
  };
  return {
    add(item: T): void {
      queue.push(item);
      if (queue.length >= size) flush();
      else if (timer === undefined) timer = setTimer(() => flush(), interval);
    },
    flush,
    /** Drops what waits (consent withdrawn). */
    clear(): void {
      queue = [];
    },
  };
}
