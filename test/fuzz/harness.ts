import fc from 'fast-check';
import { loadDatabase, type CompatDatabase } from '../../src/database/compatDatabase.js';
import { CompatIndex } from '../../src/database/compatIndex.js';
import { isCompatError } from '../../src/errors.js';

/**
 * The property-based tests are written once, as named properties, and run two ways:
 * by vitest (`npm test`, test/fuzz/*.test.ts) with a fixed seed and a few hundred
 * cases each, and by `npm run fuzz` (scripts/fuzz.ts) with a fresh seed, many more
 * cases or a time budget. docs/fuzzing.md describes both.
 */
export interface FuzzProperty {
  /** `versions: parseApiVersion round-trips`: group, colon, what holds. */
  name: string;
  /** Cases per run under `npm test`: small enough for a few seconds. */
  testRuns: number;
  /** Builds the property (lazily: some load the database or start a worker). */
  build: () => fc.IRawProperty<any>;
  /** Releases what build() started (the analyser's worker thread). */
  teardown?: () => Promise<void>;
}

/** The seed `npm test` uses, so that a failure there reproduces byte for byte. */
export const TEST_SEED = 20_260_127;

let database: CompatDatabase | undefined;
let index: CompatIndex | undefined;

export function fuzzDatabase(): CompatDatabase {
  database ??= loadDatabase();
  return database;
}

export function fuzzIndex(): CompatIndex {
  index ??= new CompatIndex(fuzzDatabase());
  return index;
}

/**
 * Runs `action` and says whether it threw a CompatError (the one error the code may
 * throw at a user); any other exception is rethrown, which fails the property.
 */
export function throwsOnlyCompatError<T>(action: () => T): { ok: true; value: T } | { ok: false; error: Error } {
  try {
    return { ok: true, value: action() };
  } catch (error) {
    if (isCompatError(error)) return { ok: false, error };
    throw error;
  }
}

/** Text as people and random generators write it: digits, dots, version words, separators, junk. */
export function versionishText(): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 4, arbitrary: fc.stringMatching(/^\d{1,4}$/) },
    { weight: 1, arbitrary: fc.stringMatching(/^\d{15,40}$/) },
    { weight: 1, arbitrary: fc.stringMatching(/^0{1,3}\d{1,2}$/) },
    {
      weight: 4,
      arbitrary: fc.constantFrom('.', '.', '.', 'v', 'V', ' ', '  ', '\t', '-', ' - ', ',', '>=', '<=', '>', '<', '=', 'docker', 'Docker ', 'engine ', 'api ', 'API', 'e', '+', 'x', '\u00a0', '\u0661', '١', 'Infinity', 'NaN', '1e3', '0x1f'),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
  );
  return fc.oneof(
    { weight: 6, arbitrary: fc.array(piece, { maxLength: 8 }).map((pieces) => pieces.join('')) },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  );
}

/** Applies up to `count` character-level edits (delete, insert, duplicate, replace) at positions chosen by the generator. */
export function mutatedText(base: fc.Arbitrary<string>, insertions: readonly string[] = ['.', ' ', '-', ',', 'v', '0', '9', '>', '=', 'x', '\t', '\u200b']): fc.Arbitrary<string> {
  const edit = fc.record({ kind: fc.constantFrom('delete', 'insert', 'duplicate', 'replace'), at: fc.nat(), text: fc.oneof(fc.constantFrom(...insertions), fc.string({ maxLength: 2 })) });
  return fc.tuple(base, fc.array(edit, { minLength: 1, maxLength: 4 })).map(([text, edits]) => {
    let result = text;
    for (const { kind, at, text: inserted } of edits) {
      const position = result.length === 0 ? 0 : at % (result.length + 1);
      if (kind === 'delete') result = result.slice(0, position) + result.slice(position + 1);
      else if (kind === 'insert') result = result.slice(0, position) + inserted + result.slice(position);
      else if (kind === 'duplicate') result = result.slice(0, position) + result.slice(position, position + 1) + result.slice(position);
      else result = result.slice(0, position) + inserted + result.slice(position + 1);
    }
    return result;
  });
}

export function sign(value: number): -1 | 0 | 1 {
  return value < 0 ? -1 : value > 0 ? 1 : 0;
}
