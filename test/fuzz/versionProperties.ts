import fc from 'fast-check';
import { compareApiVersions, parseApiVersion } from '../../src/versions/apiVersion.js';
import { compareEngineVersions, findEngineRelease, type EngineRelease } from '../../src/versions/engineReleases.js';
import { parseVersionSpecifier, resolveSpecVersion, type VersionContext } from '../../src/versions/versionSpecifier.js';
import { fuzzDatabase, mutatedText, sign, throwsOnlyCompatError, versionishText, type FuzzProperty } from './harness.js';

/** A parsed API version is canonical: two runs of digits without leading zeros. */
const CANONICAL_API_VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

function context(): VersionContext {
  const database = fuzzDatabase();
  return { apiVersions: database.apiVersions, engines: database.engines };
}

/** API versions: the database's, generated ones (some huge), and whatever parses out of junk. */
function apiVersionText(): fc.Arbitrary<string> {
  const database = fuzzDatabase();
  return fc.oneof(
    fc.constantFrom(...database.apiVersions, ...database.engines.flatMap((release) => [release.maxApiVersion, release.minApiVersion])),
    fc.tuple(fc.nat({ max: 3 }), fc.nat({ max: 120 })).map(([major, minor]) => `${major}.${minor}`),
    fc.tuple(fc.stringMatching(/^\d{1,40}$/), fc.stringMatching(/^\d{1,40}$/)).map(([major, minor]) => `${major}.${minor}`),
    versionishText(),
  );
}

function engineText(): fc.Arbitrary<string> {
  const engines = fuzzDatabase().engines.map((release) => release.engine);
  return fc.oneof(
    fc.constantFrom(...engines),
    fc.array(fc.oneof(fc.nat({ max: 40 }).map(String), fc.stringMatching(/^\d{1,3}$/), fc.stringMatching(/^\d{16,400}$/)), { minLength: 2, maxLength: 4 }).map((parts) => parts.join('.')),
  );
}

/** Whether `prefix` is `text` cut at a dot (`24.0` of `24.0.7`). */
function isComponentPrefix(prefix: string, text: string): boolean {
  return text === prefix || text.startsWith(`${prefix}.`);
}

function checkSpecifierResult(text: string, bareEngine: boolean): void {
  const outcome = throwsOnlyCompatError(() => parseVersionSpecifier(text, context(), { bareEngine }));
  if (!outcome.ok) return;
  const specifier = outcome.value;
  if (specifier.kind === 'api') {
    if (!CANONICAL_API_VERSION.test(specifier.version)) throw new Error(`"${text}" gave API version "${specifier.version}", not canonical`);
    if (parseApiVersion(specifier.version) !== specifier.version) throw new Error(`"${text}" gave API version "${specifier.version}", which does not parse back`);
  } else if (!context().engines.includes(specifier.release)) {
    throw new Error(`"${text}" gave engine ${JSON.stringify(specifier.release)}, not a row of the engines table`);
  }
}

export const versionProperties: FuzzProperty[] = [
  {
    name: 'versions: parseApiVersion never throws and returns a canonical version or null',
    testRuns: 300,
    build: () =>
      fc.property(fc.oneof(versionishText(), mutatedText(apiVersionText())), (text) => {
        const parsed = parseApiVersion(text);
        if (parsed === null) return;
        if (!CANONICAL_API_VERSION.test(parsed)) throw new Error(`parseApiVersion(${JSON.stringify(text)}) = "${parsed}", not canonical 1.NN`);
      }),
  },
  {
    name: 'versions: parseApiVersion round-trips (format, parse back, same version)',
    testRuns: 300,
    build: () =>
      fc.property(apiVersionText(), fc.constantFrom('', 'v', ' ', ' v', '\t'), fc.constantFrom('', ' ', '\n'), (text, before, after) => {
        const parsed = parseApiVersion(text);
        if (parsed === null) return;
        for (const written of [parsed, `v${parsed}`, `${before}${parsed}${after}`]) {
          const again = parseApiVersion(written);
          if (again !== parsed) throw new Error(`parseApiVersion(${JSON.stringify(text)}) = "${parsed}", but parseApiVersion(${JSON.stringify(written)}) = ${JSON.stringify(again)}`);
        }
        // The version means the numbers written: 1.041 is 1.41.
        const [major, minor] = text.trim().replace(/^v/, '').split('.');
        const meant = `${BigInt(major)}.${BigInt(minor)}`;
        if (parsed !== meant) throw new Error(`parseApiVersion(${JSON.stringify(text)}) = "${parsed}", but the numbers written are ${meant}`);
      }),
  },
  {
    name: 'versions: compareApiVersions is a total order on parsed versions (reflexive, antisymmetric, transitive)',
    testRuns: 300,
    build: () => {
      const version = apiVersionText()
        .map((text) => parseApiVersion(text))
        .filter((parsed): parsed is string => parsed !== null);
      return fc.property(version, version, version, (a, b, c) => {
        if (compareApiVersions(a, a) !== 0) throw new Error(`compare(${a}, ${a}) != 0`);
        const ab = sign(compareApiVersions(a, b));
        const ba = sign(compareApiVersions(b, a));
        if (Number.isNaN(compareApiVersions(a, b)) || ab !== -ba) throw new Error(`not antisymmetric: compare(${a}, ${b}) = ${compareApiVersions(a, b)}, compare(${b}, ${a}) = ${compareApiVersions(b, a)}`);
        if ((ab === 0) !== (a === b)) throw new Error(`compare(${a}, ${b}) = ${ab} but the canonical texts ${a === b ? 'are' : 'differ'}`);
        const bc = sign(compareApiVersions(b, c));
        const ac = sign(compareApiVersions(a, c));
        if (ab <= 0 && bc <= 0 && ac > 0) throw new Error(`not transitive: ${a} <= ${b} <= ${c} but ${a} > ${c}`);
        if (ab >= 0 && bc >= 0 && ac < 0) throw new Error(`not transitive: ${a} >= ${b} >= ${c} but ${a} < ${c}`);
      });
    },
  },
  {
    name: 'versions: compareEngineVersions is a total preorder on engine versions (antisymmetric, transitive)',
    testRuns: 300,
    build: () =>
      fc.property(engineText(), engineText(), engineText(), (a, b, c) => {
        const ab = compareEngineVersions(a, b);
        const ba = compareEngineVersions(b, a);
        if (Number.isNaN(ab) || Number.isNaN(ba) || sign(ab) !== -sign(ba)) throw new Error(`not antisymmetric: compare(${a}, ${b}) = ${ab}, compare(${b}, ${a}) = ${ba}`);
        if (compareEngineVersions(a, a) !== 0) throw new Error(`compare(${a}, ${a}) != 0`);
        const bc = sign(compareEngineVersions(b, c));
        const ac = sign(compareEngineVersions(a, c));
        if (sign(ab) <= 0 && bc <= 0 && ac > 0) throw new Error(`not transitive: ${a} <= ${b} <= ${c} but ${a} > ${c}`);
        if (sign(ab) >= 0 && bc >= 0 && ac < 0) throw new Error(`not transitive: ${a} >= ${b} >= ${c} but ${a} < ${c}`);
        // A line sorts before its patch releases: 24.0 < 24.0.7.
        if (b.startsWith(`${a}.`) && ab >= 0) throw new Error(`${a} does not sort before ${b}`);
      }),
  },
  {
    name: 'versions: the engines table is sorted by compareEngineVersions, one row per engine',
    testRuns: 1,
    build: () =>
      fc.property(fc.constant(null), () => {
        const engines = fuzzDatabase().engines;
        for (let position = 1; position < engines.length; position++) {
          if (compareEngineVersions(engines[position - 1].engine, engines[position].engine) >= 0) {
            throw new Error(`engines table out of order at ${engines[position - 1].engine}, ${engines[position].engine}`);
          }
        }
      }),
  },
  {
    name: 'versions: findEngineRelease never throws; finds the row itself, its patch releases, and nothing unrelated',
    testRuns: 300,
    build: () => {
      const engines = fuzzDatabase().engines;
      return fc.property(
        fc.oneof(versionishText(), mutatedText(engineText()), engineText(), fc.tuple(fc.constantFrom(...engines), fc.nat({ max: 30 })).map(([release, patch]) => `${release.engine}.${patch}`)),
        (text) => {
          const found = findEngineRelease(engines, text);
          const exact = engines.find((release) => release.engine === text);
          if (exact && found !== exact) throw new Error(`findEngineRelease("${text}") did not return the row "${text}"`);
          if (!found) {
            // A patch release of a known line must resolve (24.0.7 -> 24.0).
            const line = engines.filter((release) => isComponentPrefix(release.engine, text) && text.split('.').length > 2);
            if (line.length > 0) throw new Error(`findEngineRelease("${text}") found nothing, but ${line.map((release) => release.engine).join(', ')} is its line`);
            return;
          }
          if (!engines.includes(found)) throw new Error(`findEngineRelease("${text}") returned a row not in the table`);
          if (!isComponentPrefix(found.engine, text) && found.engine !== `${text}.0`) {
            throw new Error(`findEngineRelease("${text}") = ${found.engine}, which is neither "${text}", its line nor "${text}.0"`);
          }
          // The longest line wins: 1.13.1.4 is 1.13.1, not 1.13.
          const longer = engines.find((release) => isComponentPrefix(release.engine, text) && release.engine.length > found.engine.length);
          if (longer) throw new Error(`findEngineRelease("${text}") = ${found.engine}, but ${longer.engine} is a closer line`);
        },
      );
    },
  },
  {
    name: 'versions: parseVersionSpecifier throws only CompatError and returns canonical versions or table rows',
    testRuns: 300,
    build: () => {
      const engines = fuzzDatabase().engines.map((release) => release.engine);
      const valid = fc.oneof(
        fc.tuple(fc.constantFrom('docker ', 'engine ', 'Docker', 'ENGINE  ', 'docker v'), fc.constantFrom(...engines)).map(([prefix, engine]) => `${prefix}${engine}`),
        fc.tuple(fc.constantFrom('', 'v', 'api ', 'API v', 'api'), apiVersionText()).map(([prefix, version]) => `${prefix}${version}`),
      );
      return fc.property(fc.oneof(versionishText(), valid, mutatedText(valid)), fc.boolean(), (text, bareEngine) => checkSpecifierResult(text, bareEngine));
    },
  },
  {
    name: 'versions: parseVersionSpecifier round-trips every engine release and API version in every documented spelling',
    testRuns: 200,
    build: () => {
      const { engines } = context();
      return fc.property(
        fc.constantFrom(...engines),
        fc.constantFrom('docker ', 'engine ', 'Docker ', 'docker', 'docker v', ' docker  '),
        apiVersionText(),
        fc.constantFrom('', 'v', 'api ', 'API ', 'api v', 'api'),
        (release: EngineRelease, prefix, versionText, apiPrefix) => {
          const engine = parseVersionSpecifier(`${prefix}${release.engine}`, context());
          if (engine.kind !== 'engine' || engine.release !== release) throw new Error(`"${prefix}${release.engine}" did not parse to its row`);
          if (!/^1\.\d+$/.test(release.engine)) {
            const bare = parseVersionSpecifier(release.engine, context(), { bareEngine: true });
            if (bare.kind !== 'engine' || bare.release !== release) throw new Error(`bare "${release.engine}" did not parse to its row`);
          }
          const version = parseApiVersion(versionText);
          if (version === null) return;
          const api = parseVersionSpecifier(`${apiPrefix}${version}`, context());
          if (api.kind !== 'api' || api.version !== version) throw new Error(`"${apiPrefix}${version}" parsed as ${JSON.stringify(api)}`);
        },
      );
    },
  },
  {
    name: 'versions: resolveSpecVersion throws only CompatError and returns an API version with a spec',
    testRuns: 300,
    build: () => {
      const { engines, apiVersions } = context();
      const valid = fc.oneof(
        fc.constantFrom(...apiVersions),
        fc.constantFrom(...engines).map((release) => `docker ${release.engine}`),
      );
      return fc.property(fc.oneof(versionishText(), valid, mutatedText(valid)), (text) => {
        const outcome = throwsOnlyCompatError(() => resolveSpecVersion(text, context()));
        const exact = apiVersions.find((version) => version === text);
        if (exact && (!outcome.ok || outcome.value !== exact)) throw new Error(`resolveSpecVersion("${text}") did not return ${exact}`);
        if (!outcome.ok) return;
        if (!apiVersions.includes(outcome.value)) throw new Error(`resolveSpecVersion("${text}") = ${outcome.value}, which has no spec`);
        const specifier = parseVersionSpecifier(text, context());
        const expected = specifier.kind === 'api' ? specifier.version : specifier.release.maxApiVersion;
        if (outcome.value !== expected) throw new Error(`resolveSpecVersion("${text}") = ${outcome.value}, expected ${expected}`);
      });
    },
  },
];
