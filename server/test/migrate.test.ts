/** Migrations on a real store: each version runs once, including one that arrives late. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate } from '../src/store/migrate.js';
import { freshStore, rows, type TestStore } from './helpers/store.js';

let db: TestStore;
beforeAll(async () => {
  db = await freshStore([]);
});
afterAll(() => db.cleanup());

it('applies nothing twice, and applies a lower version added after higher ones ran', async () => {
  expect(await migrate(db.store)).toEqual([]);
  // As if scroll-depth (5) had been written after versions above it were applied.
  const log = db.store.table('schema_migrations');
  await db.store.client.command({ query: `DELETE FROM ${log} WHERE version = 5` });
  await db.store.client.command({ query: `DROP TABLE ${db.store.table('scroll_depth_mv')}` });
  await db.store.client.command({ query: `DROP TABLE ${db.store.table('scroll_depth')}` });
  expect(await migrate(db.store)).toEqual(['scroll-depth']);
  const tables = await rows<{ name: string }>(
    db.store,
    `SELECT name FROM system.tables WHERE database = {db:String} AND name LIKE 'scroll_depth%' ORDER BY name`,
    { db: db.store.database },
  );
  expect(tables.map((t) => t.name)).toEqual(['scroll_depth', 'scroll_depth_mv']);
  expect(await migrate(db.store)).toEqual([]);
});
