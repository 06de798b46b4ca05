#!/usr/bin/env node
// `npm run load -- <scenario> [options]`: forwards to the load-test runner, load-tests/run.mjs.
import { main } from '../load-tests/run.mjs';

process.exit(await main(process.argv.slice(2)));
