import fc from 'fast-check';
import type { OperationEntry } from '../../src/database/compatIndex.js';
import { normalizePathTemplate, operationKey } from '../../src/surface/feature.js';
import { fuzzIndex, type FuzzProperty } from './harness.js';

/** Parameters whose values contain slashes on the wire: image references and plugin names. */
function takesSlashes(template: string, parameter: string): boolean {
  return parameter === 'name' && /^\/(images|distribution|plugins)\//.test(template);
}

let literalSegmentsCache: string[] | undefined;

/** Every literal segment of every template: values that collide with another route. */
function literalSegments(): string[] {
  if (literalSegmentsCache) return literalSegmentsCache;
  const segments = new Set<string>();
  for (const entry of fuzzIndex().operations) {
    for (const segment of entry.record.path.split('/')) if (segment !== '' && !segment.startsWith('{')) segments.add(segment);
  }
  literalSegmentsCache = [...segments].sort();
  return literalSegmentsCache;
}

/** One path segment as code sends it: ids, names, tags, digests, placeholders, escapes, words the API itself uses. */
function segmentValue(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.stringMatching(/^[0-9a-f]{12}$|^[0-9a-f]{64}$/) },
    { weight: 3, arbitrary: fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,30}$/) },
    { weight: 2, arbitrary: fc.constantFrom('{}', '{id}', '{name}', 'v1.41', '..', '.', '%2F', 'a%2Fb', ':', '@', '~', "'", '"', '$', '!', '*', '(', ')', '[', ']', '+', '=', ';', '&', ',', 'ü', '中', '\u200b', ' ') },
    { weight: 2, arbitrary: fc.constantFrom(...literalSegments()) },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 8 }).filter((text) => !/[/?#]/.test(text)) },
  );
}

/** An image or plugin reference: registry, namespaces, tag, digest. */
function imageReference(): fc.Arbitrary<string> {
  const component = fc.oneof(fc.stringMatching(/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/), segmentValue());
  return fc
    .tuple(
      fc.option(fc.constantFrom('docker.io', 'registry.example.com:5000', 'localhost:5000', 'ghcr.io', '{}'), { nil: undefined }),
      fc.array(component, { minLength: 1, maxLength: 4 }),
      fc.option(fc.oneof(fc.stringMatching(/^:[A-Za-z0-9_.-]{1,20}$/), fc.stringMatching(/^@sha256:[0-9a-f]{64}$/)), { nil: undefined }),
    )
    .map(([registry, components, suffix]) => [registry, ...components].filter((part) => part !== undefined).join('/') + (suffix ?? ''));
}

/** A generated request; `operation` names the template it was made from (`GET /images/{name}/json`). */
interface ConcreteRequest {
  operation: string;
  method: string;
  path: string;
}

function entryOf(request: ConcreteRequest): OperationEntry {
  return fuzzIndex().operations.find((entry) => templateText(entry) === request.operation)!;
}

/**
 * A concrete request for one operation: values for its parameters, a version prefix, a
 * trailing slash, a query string. Built without `chain` (slow to shrink): every value is
 * drawn up front and the template takes what it needs.
 */
function concreteRequest(): fc.Arbitrary<ConcreteRequest> {
  const names = fuzzIndex().operations.map(templateText);
  return fc
    .record({
      operation: fc.constantFrom(...names),
      plain: fc.array(segmentValue(), { minLength: 2, maxLength: 2 }),
      slashed: fc.array(fc.oneof(imageReference(), segmentValue()), { minLength: 2, maxLength: 2 }),
      prefix: fc.oneof(fc.constant(''), fc.integer({ min: 12, max: 60 }).map((minor) => `/v1.${minor}`), fc.constantFrom('/v2.0', '/v1.041')),
      trailingSlash: fc.boolean(),
      query: fc.oneof(fc.constant(''), fc.constantFrom('?', '?all=1', '?filters=%7B%22a%22%3A1%7D&x=/y/z', '#frag', '?a=1#b', '?path=/containers/json')),
      lowerCase: fc.boolean(),
    })
    .map(({ operation, plain, slashed, prefix, trailingSlash, query, lowerCase }) => {
      const [method, template] = operation.split(' ');
      let index = 0;
      const path = template.replace(/\{([^}]*)\}/g, (_, parameter: string) => {
        const value = takesSlashes(template, parameter) ? slashed[index] : plain[index];
        index++;
        return value;
      });
      return { operation, method: lowerCase ? method.toLowerCase() : method, path: `${prefix}${path}${trailingSlash ? '/' : ''}${query}` };
    });
}

function templateText(entry: OperationEntry | undefined): string {
  return entry ? `${entry.record.method} ${entry.record.path}` : '(nothing)';
}

/**
 * Whether `found` is a legitimate answer for a path generated from `wanted`: the same
 * operation (by identity: `{name}` and `{id}` are one), or one of the same method whose
 * template matches the same concrete path with more literal text. The second can only
 * happen when a parameter value is itself a word of the API (a container named `json`
 * against a hypothetical `GET /containers/{id}` beside `GET /containers/json`): the path
 * then really is both; the literal reading is the one to report, as the daemon's router
 * takes the first matching route and lists its literal routes (`/images/json`,
 * `/images/search`) before the `{name:.*}` ones. With the bundled database no generated value produces such a
 * twin (no template has a literal where another of the same method and length has a
 * parameter); the allowance keeps the property true for later specs.
 */
function acceptable(found: OperationEntry | undefined, wanted: OperationEntry, clean: string): boolean {
  if (!found) return false;
  if (operationKey(found.record.method, found.record.path) === operationKey(wanted.record.method, wanted.record.path)) return true;
  return found.record.method === wanted.record.method && found.literalLength > wanted.literalLength && (found.pattern.test(clean) || found.widePattern.test(clean));
}

/** The path the index matches: no query string or fragment, no version prefix. */
function cleanPath(path: string): string {
  return path.replace(/[?#].*$/, '').replace(/^\/v\d+\.\d+(?=\/)/, '');
}

export const pathMatcherProperties: FuzzProperty[] = [
  {
    name: 'paths: every operation template, instantiated with random values, resolves back to its operation',
    testRuns: 300,
    build: () =>
      fc.property(concreteRequest(), (request) => {
        const { method, path } = request;
        const entry = entryOf(request);
        const found = fuzzIndex().findOperation(method, path);
        if (!acceptable(found, entry, cleanPath(path))) {
          throw new Error(`findOperation(${method}, ${JSON.stringify(path)}) = ${templateText(found)}, expected ${templateText(entry)}`);
        }
      }),
  },
  {
    name: 'paths: every operation is listed by operationsAtPath for its concrete paths (wrong-method hints, engine-path checks)',
    testRuns: 300,
    build: () =>
      fc.property(concreteRequest(), (request) => {
        const { path } = request;
        const entry = entryOf(request);
        const clean = cleanPath(path);
        const atPath = fuzzIndex().operationsAtPath(path);
        const listed = atPath.some((candidate) => acceptable(candidate, entry, clean) || (normalizePathTemplate(candidate.record.path) === normalizePathTemplate(entry.record.path)));
        if (!listed) throw new Error(`operationsAtPath(${JSON.stringify(path)}) = [${atPath.map(templateText).join(', ')}], missing ${templateText(entry)}`);
      }),
  },
  {
    name: 'paths: every template itself (and its {} form, with or without a version prefix) finds its operation exactly',
    testRuns: 200,
    build: () =>
      fc.property(fc.constantFrom(...fuzzIndex().operations.map(templateText)), fc.boolean(), fc.constantFrom('', '/v1.41', '/v1.25'), (operation, normalized, prefix) => {
        const entry = entryOf({ operation, method: '', path: '' });
        const template = normalized ? normalizePathTemplate(entry.record.path) : entry.record.path;
        const found = fuzzIndex().findOperation(entry.record.method, `${prefix}${template}`);
        if (found !== entry) throw new Error(`findOperation(${entry.record.method}, ${prefix}${template}) = ${templateText(found)}`);
      }),
  },
  {
    name: 'paths: a mistyped or extra segment is never swallowed by a parameter that cannot hold slashes',
    testRuns: 300,
    build: () => {
      const names = fuzzIndex().operations.map(templateText);
      return fc.property(
        fc.constantFrom(...names),
        fc.nat(),
        fc.constantFrom('x', 's', '/extra', '/json', '/', 'X'),
        fc.constantFrom('abc', '{}', 'web'),
        (operation, segmentPick, typo, value) => {
          const [method, template] = operation.split(' ');
          const segments = template.split('/');
          const position = 1 + (segmentPick % (segments.length - 1));
          segments[position] = segments[position].startsWith('{') ? value : `${segments[position]}${typo}`;
          const path = segments.join('/').replace(/\{[^}]*\}/g, value);
          const clean = cleanPath(path);
          const found = fuzzIndex().findOperation(method, path);
          for (const entry of [...(found ? [found] : []), ...fuzzIndex().operationsAtPath(path)]) {
            if (entry.pattern.test(clean) || normalizePathTemplate(entry.record.path) === normalizePathTemplate(clean)) continue;
            if (takesSlashes(entry.record.path, 'name')) continue;
            throw new Error(`${method} ${path} was read as ${templateText(entry)}, whose parameter cannot hold a slash`);
          }
        },
      );
    },
  },
  {
    name: 'paths: random paths and methods never throw, and answer quickly',
    testRuns: 300,
    build: () => {
      const segment = fc.oneof(segmentValue(), fc.constantFrom('containers', 'images', 'json', 'v1.41', '', '{}', '{', '}', '{{}}', '?', '#'));
      const path = fc.oneof(
        fc.array(segment, { maxLength: 12 }).map((segments) => `/${segments.join('/')}`),
        fc.string({ maxLength: 200 }),
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.tuple(fc.constantFrom('/images/', '/plugins/', '/containers/', '/v1.41/images/'), fc.integer({ min: 1, max: 4000 }), fc.constantFrom('a/', '/', 'a', '{}/')).map(
          ([start, count, unit]) => `${start}${unit.repeat(count)}/json`,
        ),
      );
      const method = fc.oneof(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'get', 'PATCH', 'OPTIONS'), fc.string({ maxLength: 8 }));
      return fc.property(method, path, (verb, text) => {
        const started = performance.now();
        const index = fuzzIndex();
        const found = index.findOperation(verb, text);
        index.operationsAtPath(text);
        index.suggestOperations(verb, text.slice(0, 300));
        const elapsed = performance.now() - started;
        if (found && found.record.method !== verb.toUpperCase()) throw new Error(`findOperation(${verb}, ${JSON.stringify(text)}) answered with ${templateText(found)}`);
        if (elapsed > 250) throw new Error(`path lookups for ${JSON.stringify(text.slice(0, 80))} (${text.length} chars) took ${elapsed.toFixed(0)} ms`);
      });
    },
  },
];
