/**
 * A fresh temporary data directory for the operator CLI tests: `heatfunnel sites` run on it
 * (what it printed comes back as text), and the store it writes opened to check the result.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sitesCommand } from '../../src/cli/sites.js';
import { openStore, type Store } from '../../src/store/store.js';

export interface CliDataDir {
  dataDir: string;
  /** Runs `heatfunnel sites <args> --data-dir <dataDir>`; resolves with the printed lines. */
  sites(...args: string[]): Promise<string>;
  /** Opens the store the CLI writes (database `heatfunnel`), hands it to `use`, closes it. */
  withStore<T>(use: (store: Store) => Promise<T>): Promise<T>;
  /** Deletes the data directory. */
  cleanup(): void;
}

/** Makes a data directory named `<prefix>XXXXXX` under the system's temporary directory. */
export function cliDataDir(prefix: string): CliDataDir {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dataDir,
    async sites(...args) {
      const lines: string[] = [];
      await sitesCommand([...args, '--data-dir', dataDir], {}, (line) => lines.push(line));
      return lines.join('\n');
    },
    async withStore(use) {
      const store = await openStore({ dataDir, database: 'heatfunnel' });
      try {
        return await use(store);
      } finally {
        await store.close();
      }
    },
    cleanup: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}
