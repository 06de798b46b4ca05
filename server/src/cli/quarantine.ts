/**
 * `heatfunnel quarantine`: the latest refused events and bodies with their reasons, as JSON
 * lines, so an operator can see what a site's SDK sends wrong. With the embedded engine, run
 * it while the server is stopped (one process owns the data directory).
 */
import { loadConfig } from '../config.js';
import { migrate } from '../store/migrate.js';
import { openStore } from '../store/store.js';
import { parseCommandArgs } from './command-args.js';

export const QUARANTINE_HELP = `heatfunnel quarantine [--site KEY] [--reason R] [--limit N]

  the latest refused events and bodies, newest first, one JSON object per line
  (reason, field, message, the event's index in its batch or -1 for a whole body, payload)
`;

/** Runs `quarantine`; `print` receives each output line. */
export async function quarantineCommand(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
  print: (line: string) => void = console.log,
): Promise<void> {
  const { values, positionals } = parseCommandArgs(argv, {
    site: { type: 'string' },
    reason: { type: 'string' },
    limit: { type: 'string', default: '20' },
  });
  if (positionals.length > 0) throw new Error(`usage:\n${QUARANTINE_HELP}`);
  const { site, reason, limit: limitText } = values;
  const limit = Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
    throw new Error(`--limit must be a whole number from 1 to 10000, got "${limitText}"`);
  const store = await openStore(loadConfig(values, env).store);
  try {
    await migrate(store);
    const result = await store.client.query({
      query: `SELECT toString(received_at) AS received_at, site, reason, field, message, event_index, payload
        FROM ${store.table('quarantine')}
        WHERE ({site:String} = '' OR site = {site:String}) AND ({reason:String} = '' OR reason = {reason:String})
        ORDER BY received_at DESC LIMIT {limit:UInt32}`,
      query_params: { site: site ?? '', reason: reason ?? '', limit },
      format: 'JSONEachRow',
    });
    const rows = await result.json<Record<string, unknown>>();
    if (rows.length === 0) print('{"message":"nothing in the quarantine matches"}');
    for (const row of rows) print(JSON.stringify(row));
  } finally {
    await store.close();
  }
}
