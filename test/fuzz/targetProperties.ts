import fc from 'fast-check';
import { resolveTargets, type TargetContext, type TargetDaemon } from '../../src/lint/targets.js';
import { compareApiVersions } from '../../src/versions/apiVersion.js';
import { compareEngineVersions, type EngineRelease } from '../../src/versions/engineReleases.js';
import { fuzzDatabase, mutatedText, throwsOnlyCompatError, versionishText, type FuzzProperty } from './harness.js';

function context(): TargetContext {
  const database = fuzzDatabase();
  return { engines: database.engines, apiVersions: database.apiVersions };
}

/** The table in release order: the oracle for ranges, computed without compareEngineVersions. */
function enginesInOrder(): EngineRelease[] {
  return fuzzDatabase().engines;
}

/** The labels a query selects; a query that selects nothing is an error, read here as the empty set. */
function select(query: string): Set<string> {
  const outcome = throwsOnlyCompatError(() => resolveTargets([query], context()));
  return new Set(outcome.ok ? outcome.value.map((target) => target.label) : []);
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((label) => b.has(label));
}

function describeSet(labels: Set<string>): string {
  return labels.size === 0 ? '(none)' : [...labels].join(', ');
}

/** How people spell an engine release in a query: the line, its major alone (`29`), a patch release, a `v`. */
function engineSpelling(): fc.Arbitrary<{ release: EngineRelease; written: string }> {
  return fc.oneof(
    fc.constantFrom(...enginesInOrder()).map((release) => ({ release, written: release.engine })),
    // A patch release belongs to the closest line in the table: 1.13.1 is a row of its own, 1.13.2 is 1.13's.
    fc.tuple(fc.constantFrom(...enginesInOrder()), fc.integer({ min: 1, max: 12 })).map(([release, patch]) => {
      const written = `${release.engine}.${patch}`;
      return { release: enginesInOrder().find((row) => row.engine === written) ?? release, written };
    }),
    fc.constantFrom(...enginesInOrder()).map((release) => ({ release, written: `v${release.engine}` })),
    fc
      .constantFrom(...enginesInOrder().filter((release) => release.engine.endsWith('.0') && release.engine.split('.').length === 2))
      .map((release) => ({ release, written: release.engine.slice(0, -2) })),
  );
}

/** Valid queries of every documented form, with the spacing and case people use. */
function validQuery(): fc.Arbitrary<string> {
  const engines = enginesInOrder().map((release) => release.engine);
  const { apiVersions } = context();
  const space = fc.constantFrom('', ' ', '  ', '\t');
  const kind = fc.constantFrom('docker', 'engine', 'Docker', 'ENGINE');
  return fc.oneof(
    fc.tuple(kind, space, fc.constantFrom('', '>=', '<=', '>', '<'), space, fc.constantFrom(...engines)).map((parts) => parts.join('')),
    fc.tuple(kind, space, fc.constantFrom(...engines), space, fc.constantFrom(...engines)).map(([word, s1, a, s2, b]) => `${word} ${s1}${a}${s2}-${s2}${b}`),
    fc.tuple(fc.constantFrom('api', 'API'), space, fc.constantFrom('', '>=', '<=', '>', '<'), space, fc.constantFrom(...apiVersions, '1.24', '1.99', 'v1.44')).map((parts) => parts.join('')),
    fc.tuple(fc.constantFrom(...apiVersions), fc.constantFrom(...apiVersions)).map(([a, b]) => `api ${a} - ${b}`),
    fc.constantFrom('maintained', 'latest', 'all', 'defaults', ' Maintained ', 'LATEST'),
  );
}

function checkTarget(target: TargetDaemon, query: string): void {
  const { engines, apiVersions } = context();
  if (target.kind === 'engine') {
    const row = engines.find((release) => `docker ${release.engine}` === target.label);
    if (!row) throw new Error(`"${query}" selected ${target.label}, not a row of the engines table`);
    if (row.maxApiVersion !== target.maxApiVersion || row.minApiVersion !== target.minApiVersion) {
      throw new Error(`"${query}" selected ${target.label} with API ${target.minApiVersion} to ${target.maxApiVersion}; the table says ${row.minApiVersion} to ${row.maxApiVersion}`);
    }
  } else if (target.kind === 'api') {
    if (!apiVersions.includes(target.maxApiVersion) || target.label !== `api ${target.maxApiVersion}` || target.minApiVersion !== null) {
      throw new Error(`"${query}" selected ${JSON.stringify(target)}, not an API version with a spec`);
    }
  } else {
    throw new Error(`"${query}" selected a daemon target ${JSON.stringify(target)}`);
  }
}

export const targetProperties: FuzzProperty[] = [
  {
    name: 'targets: random and mutated queries throw only CompatError and select only known engines or API versions',
    testRuns: 300,
    build: () =>
      fc.property(
        fc.array(fc.oneof(validQuery(), mutatedText(validQuery(), ['-', ' ', '.', ',', '>', '<', '=', 'v', '0', '9', 'x', 'api', 'docker '] as const), versionishText()), { minLength: 1, maxLength: 3 }),
        (queries) => {
          const outcome = throwsOnlyCompatError(() => resolveTargets(queries, context()));
          if (!outcome.ok) return;
          const labels = new Set<string>();
          for (const target of outcome.value) {
            checkTarget(target, queries.join(' | '));
            if (labels.has(target.label)) throw new Error(`"${queries.join(' | ')}" selected ${target.label} twice`);
            labels.add(target.label);
          }
          for (let position = 1; position < outcome.value.length; position++) {
            if (compareApiVersions(outcome.value[position - 1].maxApiVersion, outcome.value[position].maxApiVersion) > 0) {
              throw new Error(`"${queries.join(' | ')}": targets not sorted by API version`);
            }
          }
        },
      ),
  },
  {
    name: 'targets: several queries are the union of each (commas and repeated --target alike)',
    testRuns: 200,
    build: () =>
      fc.property(fc.array(validQuery(), { minLength: 1, maxLength: 4 }), (queries) => {
        const each = queries.map(select);
        if (each.some((labels) => labels.size === 0)) return;
        const union = new Set(each.flatMap((labels) => [...labels]));
        const together = select(queries.join(','));
        const repeated = new Set(resolveTargets(queries, context()).map((target) => target.label));
        if (!sameSet(union, together) || !sameSet(union, repeated)) {
          throw new Error(`${JSON.stringify(queries)}: union ${describeSet(union)}; as one query ${describeSet(together)}; repeated ${describeSet(repeated)}`);
        }
      }),
  },
  {
    name: 'targets: docker >= X and docker < X split all releases in two (so do > and <=)',
    testRuns: 200,
    build: () =>
      fc.property(engineSpelling(), fc.constantFrom('docker', 'engine'), ({ release, written }, word) => {
        const all = select('all');
        for (const [upper, lower] of [['>=', '<'], ['>', '<=']]) {
          const above = select(`${word} ${upper} ${written}`);
          const below = select(`${word} ${lower} ${written}`);
          const union = new Set([...above, ...below]);
          const overlap = [...above].filter((label) => below.has(label));
          if (!sameSet(union, all) || overlap.length > 0) {
            throw new Error(`"${word} ${upper} ${written}" (${describeSet(above)}) and "${word} ${lower} ${written}" (${describeSet(below)}) do not split all releases`);
          }
        }
        const position = enginesInOrder().indexOf(release);
        const expected = new Set(enginesInOrder().slice(position).map((row) => `docker ${row.engine}`));
        const atLeast = select(`${word} >= ${written}`);
        if (!sameSet(atLeast, expected)) throw new Error(`"${word} >= ${written}" selected ${describeSet(atLeast)}, expected ${describeSet(expected)}`);
        const exactly = select(`${word} ${written}`);
        if (!sameSet(exactly, new Set([`docker ${release.engine}`]))) throw new Error(`"${word} ${written}" selected ${describeSet(exactly)}, expected docker ${release.engine}`);
      }),
  },
  {
    name: 'targets: docker A - B selects exactly the releases from A to B in the table',
    testRuns: 300,
    build: () =>
      fc.property(engineSpelling(), engineSpelling(), fc.constantFrom(' - ', '-', ' -', '- '), (first, last, dash) => {
        const engines = enginesInOrder();
        const from = engines.indexOf(first.release);
        const to = engines.indexOf(last.release);
        const expected = new Set(engines.slice(from, to + 1).map((row) => `docker ${row.engine}`));
        const selected = select(`docker ${first.written}${dash}${last.written}`);
        if (!sameSet(selected, expected)) {
          throw new Error(`"docker ${first.written}${dash}${last.written}" selected ${describeSet(selected)}, expected ${describeSet(expected)}`);
        }
      }),
  },
  {
    name: 'targets: api ranges and comparisons select exactly the API versions with a spec in them',
    testRuns: 300,
    build: () => {
      const { apiVersions } = context();
      const version = fc.oneof(fc.constantFrom(...apiVersions), fc.tuple(fc.constantFrom(1), fc.nat({ max: 70 })).map(([major, minor]) => `${major}.${minor}`));
      return fc.property(version, version, fc.constantFrom('', '>=', '>', '<=', '<', '-'), (a, b, operator) => {
        const inRange = (candidate: string): boolean => {
          const low = compareApiVersions(candidate, a);
          switch (operator) {
            case '':
              return low === 0;
            case '>=':
              return low >= 0;
            case '>':
              return low > 0;
            case '<=':
              return low <= 0;
            case '<':
              return low < 0;
            default:
              return low >= 0 && compareApiVersions(candidate, b) <= 0;
          }
        };
        const query = operator === '-' ? `api ${a} - ${b}` : `api ${operator} ${a}`;
        const expected = new Set(apiVersions.filter(inRange).map((candidate) => `api ${candidate}`));
        const selected = select(query);
        if (!sameSet(selected, expected)) throw new Error(`"${query}" selected ${describeSet(selected)}, expected ${describeSet(expected)}`);
      });
    },
  },
  {
    name: 'targets: all, latest and maintained select what docs/targets.md says',
    testRuns: 1,
    build: () =>
      fc.property(fc.constant(null), () => {
        const engines = enginesInOrder();
        const all = select('all');
        if (!sameSet(all, new Set(engines.map((row) => `docker ${row.engine}`)))) throw new Error(`"all" selected ${describeSet(all)}`);
        const latest = select('latest');
        if (!sameSet(latest, new Set([`docker ${engines[engines.length - 1].engine}`]))) throw new Error(`"latest" selected ${describeSet(latest)}`);
        const majors = [...new Set(engines.map((row) => row.engine.split('.')[0]))].sort((a, b) => compareEngineVersions(a, b)).slice(-2);
        const maintained = select('maintained');
        const expected = new Set(engines.filter((row) => majors.includes(row.engine.split('.')[0])).map((row) => `docker ${row.engine}`));
        if (!sameSet(maintained, expected)) throw new Error(`"maintained" selected ${describeSet(maintained)}, expected ${describeSet(expected)}`);
      }),
  },
];
