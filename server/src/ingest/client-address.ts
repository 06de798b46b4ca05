/** The client's address of a request: the socket's peer, or behind a trusted proxy the first X-Forwarded-For entry. */
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/** The address `c` came from; undefined when unknown (e.g. `app.request` in tests). */
export function clientAddress(c: Context, trustProxy: boolean): string | undefined {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  const env = c.env as { incoming?: IncomingMessage } | undefined;
  return env?.incoming?.socket?.remoteAddress;
}
