/** A small load generator for the durability tests: concurrent senders of 20-event batches. */
import { click, pageview } from './events.js';

export interface LoadResult {
  /** Ids of events in batches answered 2xx: the server promised to keep these. */
  acknowledged: string[];
  /** Bodies of acknowledged batches, to resend as client retries. */
  acknowledgedBodies: string[];
  /** Answers by status (0 for a failed connection). */
  statuses: Map<number, number>;
}

/** Sends batches to `url` from `concurrency` senders until `stop()` says so (or `maxBatches`). */
export async function sendLoad({
  url,
  site = 'demo',
  concurrency = 8,
  batchSize = 20,
  maxBatches = 100_000,
  stop,
}: {
  url: string;
  site?: string;
  concurrency?: number;
  batchSize?: number;
  maxBatches?: number;
  stop: () => boolean;
}): Promise<LoadResult> {
  const result: LoadResult = { acknowledged: [], acknowledgedBodies: [], statuses: new Map() };
  let sent = 0;
  const count = (status: number) => result.statuses.set(status, (result.statuses.get(status) ?? 0) + 1);
  const sender = async () => {
    while (!stop() && sent < maxBatches) {
      sent++;
      const now = Date.now();
      const events = Array.from({ length: batchSize }, (_, i) =>
        i % 4 === 0 ? pageview(now) : click(i, i * 3, now),
      );
      const body = JSON.stringify({ k: site, v: 1, e: events });
      try {
        const response = await fetch(`${url}/v1/batch`, {
          method: 'POST',
          body,
          headers: { 'Content-Type': 'text/plain' },
        });
        await response.arrayBuffer();
        count(response.status);
        if (response.ok) {
          for (const event of events) result.acknowledged.push(event.id);
          result.acknowledgedBodies.push(body);
        }
      } catch {
        count(0);
        // The server is gone (killed): nothing was promised for this batch.
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, sender));
  return result;
}
