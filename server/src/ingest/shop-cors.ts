/**
 * CORS for the endpoints shop pages post to (batches, snapshots). Shops post from their own
 * origins: a preflight is answered for any origin, and every answer names the request's
 * origin so the SDK can read it, Retry-After included. Whether the origin may send for a
 * site is checked later, once the site is known (origin.ts).
 */
import type { MiddlewareHandler } from 'hono';

/** The CORS middleware of a shop-facing POST endpoint. */
export const shopCors = (): MiddlewareHandler => async (c, next) => {
  const origin = c.req.header('origin');
  if (c.req.method === 'OPTIONS') {
    return new Response(null, {
      status: 204,
      headers: {
        'Access-Control-Allow-Origin': origin ?? '*',
        'Access-Control-Allow-Methods': 'POST, OPTIONS',
        'Access-Control-Allow-Headers': c.req.header('access-control-request-headers') ?? 'Content-Type',
        'Access-Control-Max-Age': '86400',
        Vary: 'Origin',
      },
    });
  }
  await next();
  if (origin) {
    c.res.headers.set('Access-Control-Allow-Origin', origin);
    // Shop pages are on other origins: without this the SDK cannot read how long to wait.
    c.res.headers.set('Access-Control-Expose-Headers', 'Retry-After');
    c.res.headers.append('Vary', 'Origin');
  }
  return undefined;
};
