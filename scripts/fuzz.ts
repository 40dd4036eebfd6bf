/**
 * `npm run fuzz`: the properties of test/fuzz/ (the same ones `npm test` runs with a fixed
 * seed and a few hundred cases each) with a fresh seed and many more cases.
 *
 *   FUZZ_RUNS=n         cases per property (default: 100 times the `npm test` count)
 *   FUZZ_SECONDS=s      time budget per property, whichever of the two ends first (default 60)
 *   FUZZ_SEED=n         the seed (default: random, printed); replays a run exactly
 *   FUZZ_ONLY=text      only the properties whose name contains text (case-insensitive)
 *   FUZZ_CASE_TIMEOUT_MS=ms  per analyser case, after which the scan counts as a hang (default 20000)
 *
 * Prints, per property, how many cases ran, how long it took and the seed; on a failure,
 * the counterexample and the error. Exits 1 when a property fails. docs/fuzzing.md.
 */
import fc from 'fast-check';
import { analyserProperties } from '../test/fuzz/analyserProperties.js';
import type { FuzzProperty } from '../test/fuzz/harness.js';
import { importerProperties } from '../test/fuzz/importerProperties.js';
import { pathMatcherProperties } from '../test/fuzz/pathMatcherProperties.js';
import { targetProperties } from '../test/fuzz/targetProperties.js';
import { versionProperties } from '../test/fuzz/versionProperties.js';

function numberFromEnv(name: string): number | undefined {
  const text = process.env[name];
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) {
    console.error(`fuzz: ${name}=${text} is not a number`);
    process.exit(2);
  }
  return value;
}

const runsOverride = numberFromEnv('FUZZ_RUNS');
const seconds = numberFromEnv('FUZZ_SECONDS') ?? 60;
const seed = numberFromEnv('FUZZ_SEED') ?? Math.floor(Math.random() * 2 ** 31);
const only = process.env.FUZZ_ONLY?.toLowerCase();

const properties: FuzzProperty[] = [...versionProperties, ...targetProperties, ...pathMatcherProperties, ...importerProperties, ...analyserProperties].filter(
  (property) => !only || property.name.toLowerCase().includes(only),
);
if (properties.length === 0) {
  console.error(`fuzz: no property matches FUZZ_ONLY=${process.env.FUZZ_ONLY}`);
  process.exit(2);
}

console.log(`fuzz: seed ${seed} (replay with FUZZ_SEED=${seed}), ${runsOverride ?? '100x the npm test'} cases per property, at most ${seconds} s each`);

interface Outcome {
  name: string;
  cases: number;
  milliseconds: number;
  failed: boolean;
  interrupted: boolean;
}

const outcomes: Outcome[] = [];
const started = performance.now();
for (const property of properties) {
  // Properties over a fixed table (testRuns 1) check everything in one case.
  const numRuns = property.testRuns === 1 ? 1 : (runsOverride ?? property.testRuns * 100);
  const propertyStarted = performance.now();
  const details = await fc.check(property.build(), { seed, numRuns, plugins: [fc.interruptAfterTimeLimit(seconds * 1000)] });
  const milliseconds = performance.now() - propertyStarted;
  const outcome = { name: property.name, cases: details.numRuns, milliseconds, failed: details.failed, interrupted: details.interrupted };
  outcomes.push(outcome);
  const status = details.failed ? 'FAILED' : details.interrupted ? 'ok (time budget reached)' : 'ok';
  console.log(`${status.padEnd(24)} ${String(details.numRuns).padStart(7)} cases ${(milliseconds / 1000).toFixed(1).padStart(7)} s  ${property.name}`);
  if (details.failed) {
    console.log(fc.defaultReportMessage(details));
    const error = details.errorInstance;
    console.log(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}
for (const property of properties) await property.teardown?.();

const total = outcomes.reduce((sum, outcome) => sum + outcome.cases, 0);
const failed = outcomes.filter((outcome) => outcome.failed);
console.log(
  `fuzz: ${total} cases over ${outcomes.length} properties in ${((performance.now() - started) / 1000).toFixed(1)} s, seed ${seed}: ${failed.length === 0 ? 'all passed' : `${failed.length} failed`}`,
);
process.exitCode = failed.length === 0 ? 0 : 1;
