import { describe, expect, it } from 'vitest';
import { migrations } from './migrate.js';

describe('migrations', () => {
  it('have unique versions', () => {
    const versions = migrations.map((migration) => migration.version);
    expect(new Set(versions).size).toBe(versions.length);
  });
});
