#!/usr/bin/env node
/**
 * The load-test runner: `node load-tests/run.mjs <scenario> [options] [-- k6 args]`.
 * Installs k6 when missing, starts a server on a temporary data directory unless a
 * target is given, runs the scenario, checks the store (every acknowledged event stored
 * once), writes k6's summary JSON and a Markdown report to load-tests/reports/, and exits
 * with k6's code (99: thresholds crossed), or 98 when only the store check failed.
 * `--with-ceiling` runs the scenario against a parse-and-discard endpoint first and
 * reports the server's throughput as a share of it.
 */
import { appendFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseOptions, SCRIPTS, scenarios, USAGE } from './lib/options.mjs';
import { renderCeiling } from './lib/report.mjs';
import { runScenario } from './lib/run-scenario.mjs';

/** @param {import('./lib/run-scenario.mjs').ScenarioResult} result */
function printResult({ name, store, stress, exitCode, summaryPath, reportPath }) {
  console.log('');
  if ('skipped' in store) console.log(`load: store check skipped: ${store.skipped}`);
  else {
    console.log(
      `load: store check ${store.ok ? 'ok' : 'FAILED'}: ${store.stored} rows, ${store.distinct} distinct ids, ` +
        `${store.acknowledged} events acknowledged`,
    );
  }
  if (stress) {
    console.log(
      stress.knee
        ? `load: sustainable rate ${stress.knee.rate} batches/s, ${Math.round(stress.knee.events)} events/s`
        : 'load: no step stayed within the limits',
    );
  }
  console.log(`load: ${name} ${exitCode === 0 ? 'passed' : `failed (exit ${exitCode})`}`);
  console.log(
    `load: summary ${relative(process.cwd(), summaryPath)}, report ${relative(process.cwd(), reportPath)}`,
  );
}

/**
 * Runs the scenario the arguments name.
 * @param {string[]} argv
 * @returns {Promise<number>} the exit code
 */
export async function main(argv) {
  const options = parseOptions(argv);
  const { scenario } = options;
  if (options.help || !scenario) {
    console.log(USAGE());
    return options.help ? 0 : 2;
  }
  if (!existsSync(join(SCRIPTS, `${scenario}.js`))) {
    console.error(`load: no scenario "${scenario}"; choose one of ${scenarios().join(', ')}`);
    return 2;
  }
  let ceiling;
  if (options.withCeiling) {
    if (options.settings.TARGET)
      throw new Error('--with-ceiling compares with a local endpoint; leave out --target');
    console.log(`load: ${scenario} against the parse-only endpoint first (the ceiling)`);
    ceiling = await runScenario({ ...options, scenario, parseOnly: true, cpuProf: false });
    if ('failure' in ceiling) return ceiling.exitCode;
    printResult(ceiling);
    console.log(`\nload: ${scenario} against the server`);
  }
  const result = await runScenario({ ...options, scenario });
  if ('failure' in result) {
    console.error(`load: ${result.failure}; see k6's output above`);
    return result.exitCode;
  }
  if (ceiling) {
    const text = renderCeiling(result, ceiling);
    appendFileSync(result.reportPath, text);
    console.log(text.trim());
  }
  printResult(result);
  return result.exitCode;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`load: ${error instanceof Error ? error.message : error}`);
      process.exit(1);
    },
  );
}
