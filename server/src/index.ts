/** @heatfunnel/server's public names, for embedding the server or writing tools on its store. */
export { createApp } from './app.js';
export type { ServerConfig, StoreConfig } from './config.js';
export { loadConfig } from './config.js';
export { seedDemo } from './demo/seed.js';
export type { Logger } from './log.js';
export { jsonLogger } from './log.js';
export type { RunningServer } from './serve.js';
export { startServer } from './serve.js';
export { migrate } from './store/migrate.js';
export type { Site, SiteRegistry } from './store/sites.js';
export { siteRegistry } from './store/sites.js';
export type { Store } from './store/store.js';
export { openStore } from './store/store.js';
