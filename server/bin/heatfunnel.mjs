#!/usr/bin/env node
// The `heatfunnel` CLI: runs the TypeScript sources through tsx in this same process, so
// the process id a caller holds is the server's.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
