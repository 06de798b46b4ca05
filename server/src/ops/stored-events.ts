/**
 * `GET /ops/stored-events`: how many events of a site the store holds whose anonymous id
 * starts with a prefix, and how many distinct ids they have. A load test tags its visitors
 * with a run tag, so this tells it, over HTTP and without database credentials, whether
 * every event it got a 2xx for is stored exactly once. Guarded like the read API: a site
 * with a read token answers only a request that carries it. An unknown site gets the same 401
 * as a locked one, so probing cannot tell a locked site's key from a made-up one.
 */
import { type Context, Hono } from 'hono';
import { bearerToken, opens } from '../api/auth.js';
import type { EventSink } from '../spool/event-sink.js';
import type { SiteRegistry } from '../store/sites.js';
import type { Store } from '../store/store.js';

export interface StoredEventsOptions {
  store: Store;
  sites: SiteRegistry;
  sink: EventSink;
}

/** The answer of `GET /ops/stored-events`. */
export interface StoredEvents {
  site: string;
  anon_prefix: string;
  /** Rows in the events table. */
  stored: number;
  /** Distinct event ids among them: equal to `stored` when nothing was stored twice. */
  distinct_ids: number;
  /** Events this server has acknowledged but not yet moved into the store (its spool). */
  spooled: number;
}

const MAX_PREFIX = 128;

/** The 401 for a site that is unknown or whose read token the request lacks: one answer for both. */
function refusal(c: Context, site: string, given: boolean) {
  c.header('WWW-Authenticate', `Bearer realm="heatfunnel"${given ? ', error="invalid_token"' : ''}`);
  return c.json(
    {
      error: given ? 'read_token_invalid' : 'read_token_required',
      site,
      message: `site "${site}" is not known to this server or needs a read token that ${given ? 'differs from the one sent' : 'was not sent'}: check the site key, and send the token as "Authorization: Bearer <token>" (an operator makes one with \`heatfunnel sites rotate-read-token ${site}\`)`,
    },
    401,
  );
}

/** The route, mounted at `/`. */
export const storedEventsRoute = ({ store, sites, sink }: StoredEventsOptions) => {
  const app = new Hono();
  app.get('/ops/stored-events', async (c) => {
    const key = c.req.query('site');
    const prefix = c.req.query('anon_prefix');
    const since = c.req.query('since');
    if (!key || !prefix || prefix.length > MAX_PREFIX || (since !== undefined && !/^\d{1,15}$/.test(since))) {
      return c.json(
        {
          error: 'invalid_query',
          message: `give site=<site key> and anon_prefix=<1 to ${MAX_PREFIX} characters every counted anonymous id starts with>, and optionally since=<ms since the epoch> to read only events from then on`,
        },
        400,
      );
    }
    const site = await sites.find(key);
    const token = bearerToken(c.req.header('authorization'));
    if (!site || !opens(site, token)) return refusal(c, key.slice(0, 64), token !== undefined);
    const result = await store.client.query({
      query: `SELECT count() AS stored, uniqExact(id) AS distinct_ids FROM ${store.table('events')}
        WHERE site = {site:String} AND startsWith(anon_id, {prefix:String})
          AND ts >= fromUnixTimestamp64Milli({since:Int64})`,
      query_params: { site: key, prefix, since: Number(since ?? 0) },
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ stored: number | string; distinct_ids: number | string }>();
    return c.json<StoredEvents>({
      site: key,
      anon_prefix: prefix,
      stored: Number(row?.stored ?? 0),
      distinct_ids: Number(row?.distinct_ids ?? 0),
      spooled: sink.state().spool?.rows ?? 0,
    });
  });
  return app;
};
