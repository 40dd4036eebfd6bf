import fc from 'fast-check';
import { afterAll, it } from 'vitest';
import { TEST_SEED, type FuzzProperty } from './harness.js';

/**
 * One vitest case per property, with the fixed seed (FUZZ_SEED overrides it, to replay
 * a seed `npm run fuzz` printed). fast-check's failure message names the seed, the
 * counterexample and the shrinking path.
 */
export function describeProperties(properties: readonly FuzzProperty[]): void {
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : TEST_SEED;
  for (const property of properties) {
    it(property.name, async () => {
      await fc.assert(property.build(), { seed, numRuns: property.testRuns });
    });
  }
  afterAll(async () => {
    for (const property of properties) await property.teardown?.();
  });
}
