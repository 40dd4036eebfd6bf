import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { corpusFiles, corpusProjects, isMutable, type CorpusFile } from './analyser/corpus.js';
import { generatedProgram, namePools, type NamePools } from './analyser/generatedCode.js';
import { applyMutations, mutation, type Mutation } from './analyser/mutations.js';
import { ScanPool } from './analyser/scanPool.js';
import { fuzzDatabase, type FuzzProperty } from './harness.js';

/**
 * Each case is bounded: FUZZ_CASE_TIMEOUT_MS (20 s by default, generous for slow CI
 * machines; a fixture project scans in well under a second) after which the scan
 * counts as a hang.
 */
const CASE_TIMEOUT_MS = Number(process.env.FUZZ_CASE_TIMEOUT_MS ?? 20_000);

let pool: ScanPool | undefined;
let pools: NamePools | undefined;

function scanPool(): ScanPool {
  pool ??= new ScanPool(CASE_TIMEOUT_MS);
  return pool;
}

function names(): NamePools {
  pools ??= namePools(fuzzDatabase());
  return pools;
}

/** Field and parameter names, and path templates, to splice into mutated code. */
function mutationArbitrary(): fc.Arbitrary<Mutation> {
  const { fields, queryNames, operations } = names();
  return mutation([...fields, ...queryNames], operations.map((operation) => operation.path));
}

/**
 * Writes a failing case where a person can scan it again, and says where. One folder per
 * property, emptied each time: fast-check's last failing case is the shrunk counterexample,
 * so that is what the folder holds when the run ends (shrinking does not leave hundreds).
 */
function keepForReplay(property: string, files: CorpusFile[]): string {
  const folder = join(tmpdir(), 'docker-api-compat-fuzz-failures', property);
  rmSync(folder, { recursive: true, force: true });
  for (const file of files) {
    mkdirSync(dirname(join(folder, file.path)), { recursive: true });
    writeFileSync(join(folder, file.path), file.text);
  }
  return folder;
}

/** Scans the files in the worker; throws (failing the property) on an exception, a hang or a violation. */
async function scanAndCheck(property: string, files: CorpusFile[]): Promise<void> {
  const outcome = await scanPool().scan(files);
  if ((outcome.ok && outcome.violations.length === 0) || 'closed' in outcome) return;
  const folder = keepForReplay(property, files);
  const replay = `(files kept in ${folder}; replay: npx docker-api-compat scan ${folder})`;
  if ('hang' in outcome) throw new Error(`the scan did not finish within ${CASE_TIMEOUT_MS} ms ${replay}`);
  if (!outcome.ok) throw new Error(`the scan threw ${replay}:\n${outcome.error}`);
  throw new Error(`the scan reported usages outside the database ${replay}:\n${outcome.violations.join('\n')}`);
}

const teardown = async (): Promise<void> => {
  await pool?.close();
  pool = undefined;
};

export const analyserProperties: FuzzProperty[] = [
  {
    name: 'analyser: a mutated fixture file, scanned alone, never throws or hangs, and reports nothing outside the database',
    testRuns: 100,
    build: () => {
      const files = corpusFiles();
      return fc.asyncProperty(fc.nat({ max: files.length - 1 }), fc.array(mutationArbitrary(), { minLength: 1, maxLength: 8 }), async (which, mutations) => {
        const file = files[which];
        await scanAndCheck('mutated-file', [{ path: file.path, text: applyMutations(file.text, mutations) }]);
      });
    },
    teardown,
  },
  {
    name: 'analyser: mutated files inside their whole fixture project (values cross files) never break the scan',
    testRuns: 15,
    build: () => {
      const projects = corpusProjects();
      const edit = fc.record({ file: fc.nat(), mutations: fc.array(mutationArbitrary(), { minLength: 1, maxLength: 5 }) });
      return fc.asyncProperty(fc.nat({ max: projects.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 3 }), async (which, edits) => {
        const project = projects[which];
        const files = project.files.map((file) => ({ ...file }));
        const mutable = files.filter((file) => isMutable(file.path));
        for (const { file, mutations } of edits) {
          const target = mutable[file % mutable.length];
          target.text = applyMutations(target.text, mutations);
        }
        await scanAndCheck('mutated-project', files);
      });
    },
    teardown,
  },
  {
    name: 'analyser: generated client code (dockerode, dial, fetch, http, axios) with real and made-up names reports nothing outside the database',
    testRuns: 100,
    build: () =>
      fc.asyncProperty(generatedProgram(names()), fc.array(mutationArbitrary(), { maxLength: 3 }), async (program, mutations) => {
        await scanAndCheck('generated-program', [{ path: program.path, text: applyMutations(program.text, mutations) }]);
      }),
    teardown,
  },
  {
    name: 'analyser: random text under code and script file names never breaks the scan',
    testRuns: 50,
    build: () => {
      const name = fc.constantFrom('a.ts', 'a.js', 'a.cjs', 'a.tsx', 'run.sh', 'Makefile', 'Dockerfile', '.env', 'ci.yml', 'noext');
      const text = fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ unit: 'grapheme', maxLength: 200 }).map((body) => `#!/bin/sh\ncurl --unix-socket /var/run/docker.sock ${body}`));
      return fc.asyncProperty(name, text, async (path, body) => {
        await scanAndCheck('random-text', [{ path, text: body }]);
      });
    },
    teardown,
  },
];
