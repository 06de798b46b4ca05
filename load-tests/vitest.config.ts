import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One process per file: the smoke test spawns a server and k6, which wants isolation.
    pool: 'forks',
    // A cold k6 build (go install) alone takes minutes; the smoke run about 20 s more.
    testTimeout: 15 * 60_000,
    hookTimeout: 15 * 60_000,
  },
});
