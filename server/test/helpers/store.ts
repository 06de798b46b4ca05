/**
 * A fresh database in the embedded engine for one test file: every file gets its own
 * data directory (one per process) and its own database, so tests never see each other's rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../../src/store/migrate.js';
import { type Site, siteRegistry } from '../../src/store/sites.js';
import { openStore, type Store } from '../../src/store/store.js';

export interface TestStore {
  store: Store;
  dataDir: string;
  /** Closes the store and deletes its data directory. */
  cleanup(): Promise<void>;
}

/** Opens the embedded engine on a new temporary directory with a migrated, empty database. */
export async function freshStore(
  sites: Site[] = [{ key: 'test-site', name: 'Test', origins: [] }],
): Promise<TestStore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hf-test-'));
  const database = `t_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  const store = await openStore({ dataDir, database });
  await migrate(store);
  const registry = siteRegistry(store);
  for (const site of sites) await registry.save(site);
  return {
    store,
    dataDir,
    cleanup: async () => {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs a query and returns its rows. */
export async function rows<T>(
  store: Store,
  query: string,
  params: Record<string, unknown> = {},
): Promise<T[]> {
  const result = await store.client.query({ query, query_params: params, format: 'JSONEachRow' });
  return result.json<T>();
}
