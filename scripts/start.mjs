#!/usr/bin/env node
// `npm start`: installs the workspace (pinned pnpm, locked dependencies), builds the SDK and
// the viewer, then runs the server's `demo` command: schema, demo data with a progress bar,
// server on 127.0.0.1 with the demo shop. Extra arguments go to the server, e.g.
// `npm start -- --port 9000`.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { installDependencies, pnpm, root } from './pnpm.mjs';

const step = (text) => console.log(`\nheatfunnel: ${text}`);

step('installing dependencies');
installDependencies();

step('building the SDK and the viewer');
if (pnpm(['--filter', '@heatfunnel/sdk', '--filter', '@heatfunnel/viewer', 'run', 'build']) !== 0) {
  console.error('heatfunnel: the build failed (see above).');
  process.exit(1);
}

step('starting the server with the demo shop (Ctrl-C stops it)');
const server = spawn(
  process.execPath,
  [join(root, 'server', 'bin', 'heatfunnel.mjs'), 'demo', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
