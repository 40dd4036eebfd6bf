import type { FeatureRecord } from '../database/compatDatabase.js';
import type { CompatIndex, OperationEntry } from '../database/compatIndex.js';
import { structuralEvent } from '../diff/diffSurfaces.js';
import { describeFeature, type FeatureLocation } from '../surface/feature.js';
import { compareApiVersions, type ApiVersion } from '../versions/apiVersion.js';
import { leavesOnly, type RawUsage, type VersionPin } from './usage.js';

/**
 * A usage matched against the database: the `usages[]` record of `scan --format json`.
 * The shared fields mean what they mean on RawUsage, except that `path` is the spec's
 * path template (or the path as written when no version has it), and the names are in
 * the database's spelling.
 */
export interface ScanUsage extends Pick<RawUsage, 'file' | 'line' | 'column' | 'client' | 'via' | 'method' | 'path' | 'query' | 'headers' | 'body' | 'response'> {
  pinnedVersion: ApiVersion | null;
  pin: VersionPin | null;
  /** The oldest API version with everything the call uses; with minVersionIsFloor, "this or earlier". */
  minVersion: ApiVersion | null;
  minVersionIsFloor: boolean;
  minVersionReason: { feature: string; added: ApiVersion; addedIsFloor: boolean } | null;
  dynamic: string[];
  conditional: string[];
  /** What the analyser noticed that is not a field: a version pin the daemon cannot route, say. */
  notes: string[];
  /** True when the endpoint exists in some API version. */
  endpointKnown: boolean;
  /** Names sent or read that exist in no API version of this endpoint (typos the daemon ignores). */
  unknown: { query: string[]; headers: string[]; body: string[]; response: string[] };
  /** Every database feature the call touches, for rules to judge against targets (not in the JSON output). */
  features: FeatureRecord[];
  /** The trimmed source line, for fingerprints that survive line moves (not in the JSON output). */
  sourceLine?: string;
  /** Keys the client library adds or reads itself (RawUsage.libraryKeys), for unknown-field (not in the JSON output). */
  libraryKeys: string[];
  removed: FeatureRecord[];
  deprecated: FeatureRecord[];
  changed: FeatureRecord[];
}

interface FieldIndex {
  /** lower-case name -> canonical name */
  byLowerName: Map<string, string>;
  /** every prefix of a field path that has children, e.g. `NetworkingConfig.EndpointsConfig{}` */
  prefixes: Set<string>;
  records: Map<string, FeatureRecord>;
}

function buildFieldIndex(features: FeatureRecord[]): FieldIndex {
  const index: FieldIndex = { byLowerName: new Map(), prefixes: new Set(), records: new Map() };
  for (const feature of features) {
    index.byLowerName.set(feature.name.toLowerCase(), feature.name);
    index.records.set(feature.name, feature);
    for (let cut = feature.name.indexOf('.'); cut !== -1; cut = feature.name.indexOf('.', cut + 1)) index.prefixes.add(feature.name.slice(0, cut));
    const bracket = /^(.*?(\[\]|\{\}))/.exec(feature.name);
    if (bracket) index.prefixes.add(bracket[1]);
  }
  return index;
}

/** Splits `Mounts[].Type` into `Mounts`, `[]`, `Type`. */
function segments(path: string): string[] {
  return path.split(/(\[\]|\{\}|\.)/).filter((part) => part !== '' && part !== '.');
}

/** HTTP's own headers: never parameters of an endpoint, never a typo worth reporting. */
const STANDARD_HEADERS = new Set(['accept', 'accept-encoding', 'authorization', 'connection', 'content-length', 'content-type', 'host', 'upgrade', 'user-agent']);

const FREE_FORM_TYPE = /^(map<|object$|any$|array<(any|object)>$)/;

/** A field whose contents the spec does not describe (a map of strings, an untyped object): anything below it is accepted. */
function isFreeForm(index: FieldIndex, current: string): boolean {
  return current !== '' && FREE_FORM_TYPE.test(index.records.get(current)?.facts.type ?? '') && !index.prefixes.has(current);
}

/**
 * Maps a path as written (`Hostconfig.Init`, `EndpointsConfig.mynet.IPAMConfig`,
 * `Networks[].IPAddress`) onto a database field: keys compare case-insensitively (an exact
 * spelling wins where two fields differ only in case),
 * a key under a map field stands for `{}`, an element access for `[]` or `{}`. Below a
 * free-form field (a map of strings, an untyped object) anything is accepted.
 */
export function matchFieldPath(written: string, index: FieldIndex): string | undefined {
  let current = '';
  for (const segment of segments(written)) {
    if (segment === '[]' || segment === '{}') {
      const type = index.records.get(current)?.facts.type ?? '';
      // The newest spec's type decides between a list and a map when old specs described both.
      const preferMap = type.startsWith('map<') || (segment === '{}' && !type.startsWith('array<'));
      if (preferMap && index.prefixes.has(`${current}{}`)) current = `${current}{}`;
      else if (index.prefixes.has(`${current}[]`) || index.records.has(`${current}[]`)) current = `${current}[]`;
      else if (index.prefixes.has(`${current}{}`)) current = `${current}{}`;
      else if (isFreeForm(index, current) || (current && type.startsWith('array<'))) return current;
      else if (!current && segment === '[]') current = '[]';
      else return undefined;
      continue;
    }
    const joined = current === '' ? segment : `${current}.${segment}`;
    // The spelling as written first: a response's `NanoCPUs` is not the `NanoCpus` of another version.
    const canonical = index.records.has(joined) || index.prefixes.has(joined) ? joined : index.byLowerName.get(joined.toLowerCase());
    if (canonical) {
      current = canonical;
      continue;
    }
    if (index.prefixes.has(`${current}{}`)) {
      current = `${current}{}`;
      continue;
    }
    if (isFreeForm(index, current)) return current;
    return undefined;
  }
  return current === '' ? undefined : current;
}

/** Matches every raw usage against the database. */
export function matchUsages(usages: RawUsage[], index: CompatIndex): ScanUsage[] {
  const fieldIndexes = new Map<string, FieldIndex>();
  const fieldIndexFor = (operation: OperationEntry, location: FeatureLocation, successOnly: boolean): FieldIndex => {
    const key = `${operation.record.method} ${operation.record.path} ${location}${successOnly ? ' 2xx' : ''}`;
    let fields = fieldIndexes.get(key);
    if (!fields) {
      fields = buildFieldIndex(
        operation.features.filter((feature) => feature.location === location && feature.name !== '' && (!successOnly || (feature.status ?? '').startsWith('2'))),
      );
      fieldIndexes.set(key, fields);
    }
    return fields;
  };
  return usages.map((usage) => matchUsage(usage, index, fieldIndexFor));
}

type FieldIndexFor = (operation: OperationEntry, location: FeatureLocation, successOnly: boolean) => FieldIndex;

function matchUsage(usage: RawUsage, index: CompatIndex, fieldIndexFor: FieldIndexFor): ScanUsage {
  const result: ScanUsage = {
    file: usage.file,
    line: usage.line,
    column: usage.column,
    client: usage.client,
    via: usage.via,
    method: usage.method,
    path: usage.path,
    query: [],
    headers: [],
    body: [],
    response: [],
    pinnedVersion: usage.pin?.version ?? null,
    pin: usage.pin,
    minVersion: null,
    minVersionIsFloor: false,
    minVersionReason: null,
    dynamic: [...usage.dynamic],
    conditional: [...(usage.conditional ?? [])],
    notes: [...(usage.notes ?? [])],
    endpointKnown: false,
    unknown: { query: [], headers: [], body: [], response: [] },
    libraryKeys: [...new Set(usage.libraryKeys ?? [])].sort(),
    features: [],
    removed: [],
    deprecated: [],
    changed: [],
  };
  if (usage.path === null || usage.method === null) {
    result.query = [...usage.query];
    result.body = [...usage.body];
    result.headers = [...usage.headers];
    if (usage.path === null && !result.dynamic.some((entry) => entry.startsWith('path'))) result.dynamic.push('path');
    if (usage.method === null && !result.dynamic.includes('method')) result.dynamic.push('method');
    return finish(result);
  }
  const operation = index.findOperation(usage.method, usage.path);
  if (!operation) return finish({ ...result, query: [...usage.query], body: [...usage.body], headers: [...usage.headers] });
  result.endpointKnown = true;
  result.path = operation.record.path;
  const used: FeatureRecord[] = [operation.record];

  const parameters = (location: FeatureLocation) => operation.features.filter((feature) => feature.location === location);
  const queryParameters = parameters('query');
  const hasBody = operation.features.some((feature) => feature.location === 'body');

  const queryNames = [...usage.query];
  const bodyPaths = [...usage.body];
  for (const key of usage.queryOrBody ?? []) {
    const top = key.split(/[.[]/)[0];
    const isQuery = queryParameters.some((parameter) => parameter.name === top);
    if (isQuery) {
      if (key === top) queryNames.push(key);
    } else if (hasBody) bodyPaths.push(key);
    else if (key === top) queryNames.push(key);
  }

  for (const name of unique(queryNames)) {
    const parameter = queryParameters.find((candidate) => candidate.name === name);
    if (parameter) {
      result.query.push(parameter.name);
      used.push(parameter);
    } else if (name.includes('{}')) {
      // `params: { [key]: value }`: the analyser writes a computed key as `{}`. Which parameter it
      // is cannot be known, so it is dynamic, not an unknown parameter named "{}" (a false error).
      result.dynamic.push('query: a parameter name is computed');
    } else {
      // Sent all the same (the daemon ignores it): listed as written, as unknown body keys are.
      result.query.push(name);
      result.unknown.query.push(name);
    }
  }
  for (const name of unique(usage.headers)) {
    const header = parameters('header').find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
    if (header) {
      result.headers.push(header.name);
      used.push(header);
    } else if (STANDARD_HEADERS.has(name.toLowerCase())) {
      // HTTP's own headers are part of the request as written, never a typo.
      result.headers.push(name);
    } else if (name.includes('{}')) {
      // A computed header name (`headers: { [name]: value }`), as for query parameters above.
      result.dynamic.push('headers: a header name is computed');
    } else {
      result.headers.push(name);
      result.unknown.headers.push(name);
    }
  }
  const bodyFields = fieldIndexFor(operation, 'body', false);
  const libraryBody = new Set(usage.libraryBody ?? []);
  const unmatched: string[] = [];
  for (const path of unique([...bodyPaths, ...libraryBody])) {
    const canonical = matchFieldPath(path, bodyFields);
    const record = canonical ? recordFor(canonical, bodyFields) : undefined;
    if (record) {
      result.body.push(record.name);
      used.push(record);
    } else if (canonical && (bodyFields.prefixes.has(canonical) || bodyFields.records.has(canonical))) {
      // An array body sent whole (`[]` of POST /plugins/pull) has no record of its own. The check:
      // matchFieldPath also accepts a bare `[]` where the body is no array (a key literally named
      // "[]"), which was then reported as a field instead of as unknown.
      result.body.push(canonical);
    } else {
      // Keys the library adds itself are on the wire but not the caller's typo.
      unmatched.push(path);
      if (path.includes('{}')) {
        // A computed key at the top level (`{ [key]: 1 }`) has no parent to name: "a key of  is computed" read badly.
        const parent = path.slice(0, path.indexOf('{}')).replace(/\.$/, '');
        // A parent key that is blank or holds spaces (`{ " ": {...} }`) is quoted, or the message reads as if a word were missing.
        const shown = /^\S+$/.test(parent) ? parent : JSON.stringify(parent);
        result.dynamic.push(parent === '' ? 'body: a top-level key is computed' : `body: a key of ${shown} is computed`);
      }
      else if (!libraryBody.has(path)) result.unknown.body.push(path);
    }
  }
  // Below a key no version knows, every sub-key is unknown too: report the outermost, as sent.
  result.body.push(...dropDescendants(unmatched));
  const responseFields = fieldIndexFor(operation, 'response', true);
  for (const path of unique(usage.response)) {
    const canonical = matchFieldPath(path, responseFields);
    if (canonical) {
      const record = recordFor(canonical, responseFields);
      if (record) {
        result.response.push(record.name);
        used.push(record);
      }
    } else if (!matchFieldPath(path, fieldIndexFor(operation, 'response', false))) {
      // `body.message` read when the status says the request failed: a field of the error
      // responses (`{ message }` in every version), no typo and no field of the result.
      result.unknown.response.push(path);
    }
  }
  result.unknown.body = dropDescendants(result.unknown.body);
  result.body = leavesOnly(unique(result.body));
  result.response = leavesOnly(unique(result.response));
  result.features = uniqueFeatures(used);
  return finish(result);
}

/** `Networks{}` is not a field of its own: its record is `Networks`. */
function recordFor(canonical: string, fields: FieldIndex): FeatureRecord | undefined {
  return fields.records.get(canonical) ?? fields.records.get(canonical.replace(/(\[\]|\{\})+$/, ''));
}

function finish(result: ScanUsage): ScanUsage {
  result.query = unique(result.query).sort();
  result.headers = unique(result.headers).sort();
  result.body = unique(result.body).sort();
  result.response = unique(result.response).sort();
  result.dynamic = unique(result.dynamic).sort();
  result.conditional = unique(result.conditional).sort();
  for (const list of Object.values(result.unknown)) list.sort();
  let newest: FeatureRecord | undefined;
  let newestExact: FeatureRecord | undefined;
  for (const feature of result.features) {
    if (!newest || compareApiVersions(feature.added, newest.added) > 0) newest = feature;
    if (!feature.addedIsFloor && (!newestExact || compareApiVersions(feature.added, newestExact.added) > 0)) newestExact = feature;
  }
  // A field known since 1.48 "or earlier" (first described then) does not raise what the other features need for sure.
  if (newest?.addedIsFloor && newestExact && compareApiVersions(newest.added, newestExact.added) > 0) newest = newestExact;
  if (newest) {
    result.minVersion = newest.added;
    result.minVersionIsFloor = newest.addedIsFloor;
    result.minVersionReason = { feature: describeFeature(newest), added: newest.added, addedIsFloor: newest.addedIsFloor };
  }
  result.removed = result.features.filter((feature) => feature.removed !== null);
  result.deprecated = result.features.filter((feature) => feature.deprecated !== null);
  result.changed = result.features.filter((feature) =>
    feature.changes.some((change) => structuralEvent(change.kind) === undefined && (change.severity === 'breaking' || change.severity === 'behaviour-change')),
  );
  return result;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function uniqueFeatures(features: FeatureRecord[]): FeatureRecord[] {
  return [...new Set(features)];
}

/** `HostConfg` and `HostConfg.Init` are one mistake: report the outermost. */
function dropDescendants(paths: string[]): string[] {
  return paths.filter((path) => !paths.some((other) => other !== path && (path.startsWith(`${other}.`) || path.startsWith(`${other}[]`))));
}
