import { dockerNodeSdkMethodTable } from '../../../src/analyser/clients/dockerNodeSdkMethodTable.js';
import { dockerodeMethodTable } from '../../../src/analyser/clients/dockerodeMethodTable.js';
import { nodeDockerApiMethodTable } from '../../../src/analyser/clients/nodeDockerApiMethodTable.js';
import type { ScanResult } from '../../../src/analyser/scanProject.js';
import type { FeatureRecord } from '../../../src/database/compatDatabase.js';
import type { CompatIndex } from '../../../src/database/compatIndex.js';
import { normalizePathTemplate } from '../../../src/surface/feature.js';
import { compareApiVersions } from '../../../src/versions/apiVersion.js';

/** HTTP's own headers, which matchUsages keeps as sent (src/analyser/matchUsages.ts). */
const STANDARD_HEADERS = new Set(['accept', 'accept-encoding', 'authorization', 'connection', 'content-length', 'content-type', 'host', 'upgrade', 'user-agent']);

let libraryBodyKeys: Set<string> | undefined;

/** Body keys the client libraries set themselves (dockerode run's defaults): on the wire, never the caller's typo. */
function libraryBody(): Set<string> {
  libraryBodyKeys ??= new Set(
    [...dockerodeMethodTable, ...nodeDockerApiMethodTable, ...dockerNodeSdkMethodTable].flatMap((method) => method.requests.flatMap((request) => request.fixedBody ?? [])),
  );
  return libraryBodyKeys;
}

let databaseFeatures: WeakSet<FeatureRecord> | undefined;
let databaseFor: CompatIndex | undefined;

/**
 * What must hold of any scan, whatever the code: every usage said to hit a known
 * endpoint names an operation of the database; every feature it carries is a record of
 * the database, of that operation; every query parameter, header, body field and
 * response field it reports comes from the database or is flagged (unknown, dynamic,
 * set by the library); the minimum version is the newest `added` of its features.
 * Returns one line per violation.
 */
export function checkScan(result: ScanResult, index: CompatIndex): string[] {
  if (databaseFor !== index) {
    databaseFeatures = new WeakSet(index.database.features);
    databaseFor = index;
  }
  const violations: string[] = [];
  if (result.summary.usages !== result.usages.length) violations.push(`summary says ${result.summary.usages} usages, the list has ${result.usages.length}`);
  for (const usage of result.usages) {
    const where = `${usage.file}:${usage.line}:${usage.column} ${usage.method ?? '?'} ${usage.path ?? '?'} (${usage.via})`;
    const fail = (message: string) => violations.push(`${where}: ${message}`);
    if (!Number.isInteger(usage.line) || usage.line < 1 || !Number.isInteger(usage.column) || usage.column < 1) fail(`position ${usage.line}:${usage.column} is not 1-based`);
    if (!usage.endpointKnown) {
      if (usage.features.length > 0) fail(`unknown endpoint, yet ${usage.features.length} database features`);
      if (usage.minVersion !== null) fail(`unknown endpoint, yet minVersion ${usage.minVersion}`);
      continue;
    }
    if (usage.method === null || usage.path === null) {
      fail('endpointKnown without a method and path');
      continue;
    }
    const operation = index.operations.find((entry) => entry.record.method === usage.method && entry.record.path === usage.path);
    if (!operation) {
      fail('endpointKnown, but no operation of the database has this method and path template');
      continue;
    }
    const names = (location: FeatureRecord['location']) => new Set(operation.features.filter((feature) => feature.location === location).map((feature) => feature.name));
    for (const feature of usage.features) {
      if (!databaseFeatures!.has(feature)) fail(`feature ${feature.location} ${feature.name} is not a record of the database`);
      else if (feature.method !== usage.method || normalizePathTemplate(feature.path) !== normalizePathTemplate(usage.path)) {
        fail(`feature ${feature.method} ${feature.path} ${feature.location} ${feature.name} belongs to another operation`);
      }
    }
    if (!usage.features.includes(operation.record)) fail('the operation itself is not among its features');

    const queryNames = names('query');
    for (const name of usage.query) if (!queryNames.has(name) && !usage.unknown.query.includes(name)) fail(`query parameter "${name}" is not in the database and not flagged unknown`);
    for (const name of usage.unknown.query) if (!usage.query.includes(name)) fail(`query parameter "${name}" is flagged unknown but not listed as sent`);
    for (const name of usage.unknown.query) if (queryNames.has(name)) fail(`query parameter "${name}" is flagged unknown but the database has it`);

    // A computed name (`{ [key]: 1 }`, written `{}`) is dynamic, never an unknown parameter named "{}".
    for (const name of [...usage.unknown.query, ...usage.unknown.headers]) if (name.includes('{}')) fail(`computed name "${name}" reported as unknown instead of dynamic`);
    // "unresolved name " / "a key of  is computed": a message built around a name that was empty.
    // (`$name` in a shell message is a variable, not such a word.)
    for (const entry of usage.dynamic) if (/(^|[\s(:])(unresolved name|member|property|parameter|field|key of)(\s*$|\s{2})|^\s|: ?$/.test(entry)) fail(`dynamic entry "${entry}" has an empty part`);

    const headerNames = new Set([...names('header')].map((name) => name.toLowerCase()));
    for (const name of usage.headers) {
      if (!headerNames.has(name.toLowerCase()) && !STANDARD_HEADERS.has(name.toLowerCase()) && !usage.unknown.headers.includes(name)) fail(`header "${name}" is not in the database and not flagged unknown`);
    }
    for (const name of usage.unknown.headers) if (!usage.headers.includes(name)) fail(`header "${name}" is flagged unknown but not listed as sent`);

    const responseNames = new Set(operation.features.filter((feature) => feature.location === 'response' && (feature.status ?? '').startsWith('2')).map((feature) => feature.name));
    for (const name of usage.response) if (!responseNames.has(name)) fail(`response field "${name}" is not in a 2xx response of the database and not flagged unknown`);

    const bodyNames = [...names('body')];
    const unknownBody = usage.unknown.body;
    for (const name of usage.body) {
      const stripped = name.replace(/(\[\]|\{\})+$/, '');
      const inDatabase = bodyNames.includes(name) || bodyNames.includes(stripped) || bodyNames.some((known) => known.startsWith(`${name}.`) || known.startsWith(`${name}[]`) || known.startsWith(`${name}{}`));
      const flagged =
        unknownBody.some((unknown) => name === unknown || name.startsWith(`${unknown}.`) || name.startsWith(`${unknown}[]`)) ||
        (name.includes('{}') && usage.dynamic.some((entry) => entry.startsWith('body: a ') && entry.endsWith(' is computed'))) ||
        libraryBody().has(name);
      if (!inDatabase && !flagged) fail(`body field "${name}" is not in the database and not flagged unknown`);
    }

    const newestOf = (features: FeatureRecord[]) => features.reduce<FeatureRecord | undefined>((best, feature) => (!best || compareApiVersions(feature.added, best.added) > 0 ? feature : best), undefined);
    const newest = newestOf(usage.features);
    // A version known only "or earlier" does not raise what the exactly dated features need.
    const newestExact = newestOf(usage.features.filter((feature) => !feature.addedIsFloor));
    const expected = newest?.addedIsFloor && newestExact && compareApiVersions(newest.added, newestExact.added) > 0 ? newestExact : newest;
    if ((expected?.added ?? null) !== usage.minVersion) fail(`minVersion ${usage.minVersion}, but the newest feature it needs was added in ${expected?.added ?? 'none'}`);
  }
  return violations;
}
