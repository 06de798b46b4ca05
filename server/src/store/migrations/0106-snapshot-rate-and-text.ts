/**
 * Snapshots and opt-in click text: each site's snapshot sample rate (the share of page
 * views, of pages without a recent snapshot, asked to send one; 0 turns snapshots off) and
 * the clicked element's text (`tx`, only from sites that opt in with `captureText`).
 */
import type { Ddl } from '../ddl.js';

export const version = 106;
export const name = 'snapshot-rate-and-text';

/** Adds `snapshot_rate` (0..1, default 1) to sites and `text` to the raw events. */
export const statements = (ddl: Ddl): string[] => [
  ...ddl.alter('sites', 'ADD COLUMN IF NOT EXISTS snapshot_rate Float32 DEFAULT 1'),
  ...ddl.alter('events', "ADD COLUMN IF NOT EXISTS text String DEFAULT ''"),
];
