/**
 * Starts the SDK in a browser: the core client on the web platform, with the browser's
 * capturers (page views, SPA routes, clicks, scroll and attention) attached. Shared by the
 * npm module and the snippet build.
 */
import { type Client, createClient } from '../core/client';
import { type InitOptions, resolveOptions } from '../core/options';
import { captureClicks } from './click-capture';
import { trackScroll } from './scroll-attention';
import { loadSnapshots } from './snapshot-loader';
import { trackRoutes } from './spa';
import { createWebPlatform } from './web-platform';

/** What `init` returns without a site key: every method does nothing. */
const NOOP_CLIENT = new Proxy({}, { get: () => () => {} }) as Client;

let running: Client | undefined;

/** Starts capturing for `options.site`; a second call returns the running client. */
export function startWeb(options: InitOptions, fallbackEndpoint: string): Client {
  if (running) return running;
  if (!options || typeof options.site !== 'string' || !options.site) {
    console.error("[heatfunnel] nothing is captured: init needs a site key, hf('init', { site: 'KEY' })");
    return NOOP_CLIENT;
  }
  const client = createClient(createWebPlatform(), options, fallbackEndpoint);
  running = client;
  captureClicks(client, options.captureText);
  trackScroll(client);
  trackRoutes(client);
  loadSnapshots(client, resolveOptions(options, fallbackEndpoint).endpoint, options.site);
  client.pageview();
  return client;
}
