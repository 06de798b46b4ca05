import { describe, expect, it } from 'vitest';
import { migrations } from './migrate.js';

describe('migrations', () => {
  it('have unique, increasing versions', () => {
    const versions = migrations.map((migration) => migration.version);
    expect(new Set(versions).size).toBe(versions.length);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
  });
});
