/**
 * Read tokens for the viewer's API: a site with a read token answers only requests that
 * carry it as `Authorization: Bearer <token>`; a site without one stays open (the demo on
 * 127.0.0.1). Every site a request names counts: the `site` query parameter, a cohort's
 * funnel site, and a funnel body's `site`.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Site, SiteRegistry } from '../store/sites.js';

/** A new random read token (what the analyst types into the viewer once). */
export const newReadToken = (): string => `rt_${randomBytes(24).toString('base64url')}`;

/** The hash a site keeps of its read token. */
export const hashReadToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** The bearer token of an `Authorization` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/** Whether `token` opens `site`: always for a site without a read token. */
export function opens(site: Pick<Site, 'readTokenHash'>, token: string | undefined): boolean {
  if (!site.readTokenHash) return true;
  if (token === undefined) return false;
  const given = Buffer.from(hashReadToken(token), 'hex');
  const kept = Buffer.from(site.readTokenHash, 'hex');
  return given.length === kept.length && timingSafeEqual(given, kept);
}

/** Whether a site needs a token at all. */
export const isLocked = (site: Pick<Site, 'readTokenHash'>): boolean => Boolean(site.readTokenHash);

const siteOf = (value: unknown): string | undefined => {
  const site = (value as { site?: unknown } | null | undefined)?.site;
  return typeof site === 'string' ? site : undefined;
};

/** Every site key a read request names, wherever it names one. */
async function namedSites(c: Context): Promise<string[]> {
  const names = [c.req.query('site')];
  const cohort = c.req.query('cohort');
  if (cohort) {
    try {
      names.push(siteOf((JSON.parse(cohort) as { funnel?: unknown }).funnel));
    } catch {
      // not JSON: the route answers 400 and reads nothing
    }
  }
  if (c.req.method === 'POST') {
    try {
      const body = (await c.req.json()) as { funnel?: unknown };
      names.push(siteOf(body), siteOf(body?.funnel));
    } catch {
      // not JSON: the route answers 400 and reads nothing
    }
  }
  return [...new Set(names.filter((n): n is string => n !== undefined))];
}

/** The 401 answer for `site`, saying what to send and where a token comes from. */
export function tokenRefusal(c: Context, site: string, given: boolean) {
  c.header('WWW-Authenticate', `Bearer realm="heatfunnel"${given ? ', error="invalid_token"' : ''}`);
  return c.json(
    {
      error: given ? 'read_token_invalid' : 'read_token_required',
      site,
      message: `${given ? 'the read token does not open' : 'a read token is needed for'} site "${site}": send it as "Authorization: Bearer <token>" (the viewer asks for it); an operator makes one with \`heatfunnel sites rotate-read-token ${site}\``,
    },
    401,
  );
}

export interface ReadAuthOptions {
  sites: SiteRegistry;
}

/** Middleware for the read API: refuses (401) a request naming a site whose token it lacks. */
export const readAuth = ({ sites }: ReadAuthOptions) =>
  createMiddleware(async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    for (const key of await namedSites(c)) {
      const site = await sites.find(key);
      if (site && !opens(site, token)) return tokenRefusal(c, key, token !== undefined);
    }
    return next();
  });
