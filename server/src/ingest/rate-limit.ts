/**
 * Per-site rate limit: a token bucket of batches per second with a burst of twice the
 * rate, so one site's flood cannot starve the others or fill the spool.
 */

export interface RateLimiter {
  /** Takes one token for `key` at `rate` per second; returns 0, or the seconds to wait. */
  take(key: string, rate: number): number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** A limiter over an in-process map of buckets (per ingest replica). */
export const rateLimiter = ({ now = Date.now }: { now?: () => number } = {}): RateLimiter => {
  const buckets = new Map<string, Bucket>();
  return {
    take: (key, rate) => {
      if (!(rate > 0)) return 0;
      const time = now();
      const burst = rate * 2;
      const bucket = buckets.get(key) ?? { tokens: burst, at: time };
      bucket.tokens = Math.min(burst, bucket.tokens + ((time - bucket.at) / 1000) * rate);
      bucket.at = time;
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / rate));
    },
  };
};
