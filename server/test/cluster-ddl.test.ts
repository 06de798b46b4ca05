/**
 * With CLICKHOUSE_CLUSTER set, migrations emit Replicated tables ON CLUSTER with Distributed
 * tables over them. No cluster runs here, so the engine's own parser checks every statement.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ddlFor } from '../src/store/ddl.js';
import { migrations } from '../src/store/migrate.js';
import { freshStore, rows, type TestStore } from './helpers/store.js';

let db: TestStore;
beforeAll(async () => {
  db = await freshStore([]);
});
afterAll(() => db.cleanup());

const statements = (cluster?: string) =>
  migrations.flatMap((migration) =>
    migration.statements(ddlFor('hf', cluster, 90)).map((sql) => ({ migration: migration.name, sql })),
  );

const format = async (sql: string) =>
  (await rows<{ q: string }>(db.store, 'SELECT formatQuery({sql:String}) AS q', { sql }))[0]?.q ?? '';

describe('cluster DDL', () => {
  it('parses in the engine, every statement of every migration', async () => {
    for (const { migration, sql } of statements('prod')) {
      await expect(format(sql), `${migration}: ${sql.slice(0, 80)}`).resolves.toMatch(
        /^(CREATE|INSERT|ALTER)/,
      );
    }
  });

  it('creates replicated local tables on the cluster and distributed tables over them', async () => {
    const created = await Promise.all(
      statements('prod')
        .filter(({ sql }) => sql.startsWith('CREATE TABLE'))
        .map(({ sql }) => format(sql)),
    );
    const local = created.filter(
      (sql) => /_local/.test(sql.split('\n')[0] ?? '') && !/Distributed/.test(sql),
    );
    const distributed = created.filter((sql) =>
      /ENGINE = Distributed\(prod, hf, \w+_local, cityHash64/.test(sql),
    );
    expect(local.length).toBeGreaterThanOrEqual(7);
    for (const sql of local) {
      expect(sql).toMatch(/ON CLUSTER prod/);
      expect(sql).toMatch(
        /ENGINE = Replicated\w*MergeTree\('\/clickhouse\/tables\/\{shard\}\/\{database\}\/\{table\}', '\{replica\}'/,
      );
    }
    // Retention applies to event data, not to configuration such as sites.
    expect(local.filter((sql) => /TTL/.test(sql)).length).toBeGreaterThanOrEqual(6);
    const names = distributed.map((sql) => sql.match(/CREATE TABLE IF NOT EXISTS hf\.(\w+)/)?.[1]);
    expect(names).toEqual(
      expect.arrayContaining([
        'events',
        'sites',
        'click_cells',
        'element_clicks',
        'scroll_depth',
        'attention',
        'page_stats',
      ]),
    );
  });

  it('reads local events in the views, so each node aggregates its own shard', async () => {
    const views = statements('prod').filter(({ sql }) => sql.includes('MATERIALIZED VIEW'));
    expect(views.length).toBeGreaterThanOrEqual(5);
    for (const { sql } of views) expect(sql).toMatch(/FROM `hf`\.`\w+_local`/);
    for (const target of ['click_cells', 'element_clicks', 'scroll_depth', 'attention', 'page_stats']) {
      const view = views.find(({ sql }) => sql.includes(`TO \`hf\`.\`${target}_local\``));
      expect(view?.sql, target).toMatch(/FROM `hf`\.`events_local`/);
    }
  });

  it('emits plain MergeTree tables without a cluster', () => {
    const single = statements().map(({ sql }) => sql);
    expect(single.join('\n')).not.toMatch(/Replicated|Distributed|ON CLUSTER|_local/);
  });
});
