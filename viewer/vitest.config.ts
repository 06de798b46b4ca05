import { defineConfig } from 'vitest/config';

// One process per file: the browser test starts its own server (with its own embedded
// ClickHouse data directory), which must not share a process with anything else.
export default defineConfig({
  test: {
    pool: 'forks',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Browser assertions wait for the page; a busy 2-core machine needs more than 1 s.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
