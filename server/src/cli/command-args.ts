/**
 * The one argument parser of the `heatfunnel` commands: the flags every command takes (where
 * the data lives, how the server runs; `loadConfig` reads them) plus a command's own, parsed
 * with the same strictness everywhere. An unknown flag, a flag without its value or a value
 * given to a switch throws node's message, which `heatfunnel` prints with exit code 1.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';

/** The flags every command takes, as `node:util` parseArgs options; `heatfunnel help` lists them. */
export const sharedOptions = {
  host: { type: 'string' },
  port: { type: 'string' },
  'data-dir': { type: 'string' },
  'clickhouse-url': { type: 'string' },
  cluster: { type: 'string' },
  'retention-days': { type: 'string' },
  database: { type: 'string' },
  demo: { type: 'boolean' },
  'spool-dir': { type: 'string' },
  'spool-max-mb': { type: 'string' },
  'rate-limit': { type: 'string' },
  'trust-proxy': { type: 'boolean' },
} as const;

/** Parses `argv` (after the command's name) against the shared flags plus `own`: flag values and positionals. */
export const parseCommandArgs = <O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], own: O) =>
  parseArgs({ args: argv, options: { ...sharedOptions, ...own }, allowPositionals: true });
