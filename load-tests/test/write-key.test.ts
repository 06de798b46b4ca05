/**
 * A site whose write key was rotated (`heatfunnel sites rotate-key`): batches sent with the
 * site key get 401, so the runner sends them with `--write-key` and still counts the stored
 * events by `--site-key` (stored events keep the site key). Against a real server this test
 * starts on 127.0.0.1 (`--target`), with k6 as the smoke test gets it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ServerProcess,
  startServerProcess,
  stopServerProcess,
} from '@heatfunnel/server/test/server-process';
import { afterAll, beforeAll, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const RUNNER = join(here, '..', 'run.mjs');
const CLI = join(here, '..', '..', 'server', 'bin', 'heatfunnel.mjs');
const SITE = 'rotated';

let dataDir: string;
let server: ServerProcess | undefined;
let writeKey: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'heatfunnel-write-key-'));
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, ...args, '--data-dir', dataDir], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`heatfunnel ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
    return r.stdout;
  };
  cli('sites', 'add', SITE, '--name', 'Rotated shop');
  const key = /new write key for rotated: (\S+)/.exec(cli('sites', 'rotate-key', SITE))?.[1];
  if (!key) throw new Error('rotate-key printed no write key');
  writeKey = key;
  server = await startServerProcess(dataDir);
});

afterAll(async () => {
  if (server) await stopServerProcess(server);
  rmSync(dataDir, { recursive: true, force: true });
});

/** Runs the smoke scenario against the test's server; async, so the server's output keeps draining. */
function smoke(out: string, ...args: string[]): Promise<{ status: number | null; output: string }> {
  const env = { ...process.env };
  for (const name of ['TARGET', 'SITE_KEY', 'WRITE_KEY', 'READ_TOKEN']) delete env[name];
  const child = spawn(
    process.execPath,
    [
      RUNNER,
      'smoke',
      '--target',
      server?.url ?? '',
      '--site-key',
      SITE,
      '--duration',
      '5s',
      '--out',
      out,
      ...args,
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve) => child.once('exit', (status) => resolve({ status, output })));
}

it('sends batches with --write-key and counts the stored events by --site-key', async () => {
  const out = mkdtempSync(join(tmpdir(), 'heatfunnel-write-key-out-'));
  try {
    const run = await smoke(out, '--write-key', writeKey);
    expect(run.status, `runner failed:\n${run.output.slice(-6000)}`).toBe(0);
    const report = readdirSync(out).find((f) => f.endsWith('.md'));
    expect(report, `no report in ${out}`).toBeDefined();
    const text = readFileSync(join(out, report as string), 'utf8');
    expect(text).toMatch(/\| store check \(stored = acknowledged, once each\) \| ok: /);
    // The write key goes to k6 only: the report does not print it.
    expect(text).not.toContain(writeKey);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

it('fails with the site key alone once the write key was rotated', async () => {
  const out = mkdtempSync(join(tmpdir(), 'heatfunnel-write-key-out-'));
  try {
    const run = await smoke(out);
    expect(run.status, run.output.slice(-6000)).not.toBe(0);
    expect(run.output).toContain('status 401, expected 200');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
