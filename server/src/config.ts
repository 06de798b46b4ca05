/**
 * Configuration from command-line flags and environment variables (flags win), with
 * defaults that run the embedded engine on 127.0.0.1.
 */
import { join } from 'node:path';
import { parseCommandArgs, type sharedOptions } from './cli/command-args.js';

export interface StoreConfig {
  /** Data directory of the embedded engine (used when `url` is unset). */
  dataDir: string;
  /** URL of a ClickHouse server; unset means the embedded engine. */
  url?: string;
  user?: string;
  password?: string;
  /** Database that holds Heatfunnel's tables. */
  database: string;
  /** ClickHouse cluster name: tables become Replicated and Distributed, created ON CLUSTER. */
  cluster?: string;
  /** Days raw events are kept; unset keeps them forever. */
  retentionDays?: number;
}

export interface ServerConfig {
  host: string;
  port: number;
  store: StoreConfig;
  /** Make sure the `demo` site exists and serve the demo shop. */
  demo: boolean;
  /** Ingest settings; defaults as `loadConfig` sets them. */
  ingest?: Partial<IngestConfig>;
}

export interface IngestConfig {
  /** Where the durable spool lives; default `<data-dir>/spool`. */
  spoolDir: string;
  /** Most bytes the spool holds while the store is behind; past it ingest answers 503. */
  spoolMaxBytes: number;
  /** Batches per second per site unless the site sets its own; 0 for no limit. */
  rateLimit: number;
  /** Take the client address from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy: boolean;
}

export const DEFAULT_DATA_DIR = '.data/chdb';
export const DEFAULT_PORT = 8080;

type Env = Record<string, string | undefined>;
type Flag = keyof typeof sharedOptions;

/** Builds the configuration from parsed flags and the environment; throws on a bad port. */
export function loadConfig(flags: Partial<Record<Flag, string | boolean>>, env: Env): ServerConfig {
  const str = (flag: Flag, name: string): string | undefined => {
    const value = flags[flag];
    return typeof value === 'string' ? value : env[name] || undefined;
  };
  const portText = str('port', 'HEATFUNNEL_PORT') ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(
      `port must be a whole number from 0 to 65535, got "${portText}" (flag --port or HEATFUNNEL_PORT)`,
    );
  }
  const database = str('database', 'CLICKHOUSE_DATABASE') ?? 'heatfunnel';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(database)) {
    throw new Error(
      `database name "${database}" must be letters, digits and underscores, starting with a letter`,
    );
  }
  const retentionText = str('retention-days', 'HEATFUNNEL_RETENTION_DAYS');
  const retentionDays = retentionText === undefined ? undefined : Number(retentionText);
  if (retentionDays !== undefined && (!Number.isInteger(retentionDays) || retentionDays < 1)) {
    throw new Error(`retention days must be a whole number of at least 1, got "${retentionText}"`);
  }
  const cluster = str('cluster', 'CLICKHOUSE_CLUSTER');
  if (cluster !== undefined && !/^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/.test(cluster)) {
    throw new Error(`cluster name "${cluster}" must be letters, digits, '_', '-' and '.'`);
  }
  const whole = (flag: Flag, name: string, fallback: number) => {
    const text = str(flag, name);
    const value = text === undefined ? fallback : Number(text);
    if (!Number.isInteger(value) || value < 0)
      throw new Error(`--${flag} (${name}) must be a whole number, got "${text}"`);
    return value;
  };
  const dataDir = str('data-dir', 'HEATFUNNEL_DATA_DIR') ?? DEFAULT_DATA_DIR;
  return {
    host: str('host', 'HEATFUNNEL_HOST') ?? '127.0.0.1',
    port,
    demo: flags.demo === true,
    ingest: {
      spoolDir: str('spool-dir', 'HEATFUNNEL_SPOOL_DIR') ?? join(dataDir, 'spool'),
      spoolMaxBytes: whole('spool-max-mb', 'HEATFUNNEL_SPOOL_MAX_MB', 1024) * 1_048_576,
      rateLimit: whole('rate-limit', 'HEATFUNNEL_RATE_LIMIT', 0),
      trustProxy: flags['trust-proxy'] === true || env.HEATFUNNEL_TRUST_PROXY === '1',
    },
    store: {
      dataDir,
      url: str('clickhouse-url', 'CLICKHOUSE_URL'),
      user: env.CLICKHOUSE_USER || undefined,
      password: env.CLICKHOUSE_PASSWORD || undefined,
      database,
      cluster,
      retentionDays,
    },
  };
}

/** Parses argv (after the command name) into the configuration, the `--events` count and positionals. */
export function parseConfigArgs(argv: string[], env: Env = process.env) {
  const { values, positionals } = parseCommandArgs(argv, {
    events: { type: 'string' },
    'exit-after-start': { type: 'boolean' },
  });
  const events = Number(values.events ?? 300_000);
  if (!Number.isInteger(events) || events < 0)
    throw new Error(`--events must be a whole number, got "${values.events}"`);
  return {
    config: loadConfig(values, env),
    events,
    exitAfterStart: values['exit-after-start'] === true,
    positionals,
  };
}
