import { CompatError } from '../errors.js';
import { HTTP_METHODS, type HttpMethod } from '../surface/feature.js';
import type { FeatureRecord } from './compatDatabase.js';
import type { CompatIndex, OperationEntry } from './compatIndex.js';

export interface ExplainQuery {
  /** `POST /containers/create`, `GET /images/json?manifests`, or a concrete path `/v1.41/containers/abc/json`. */
  endpoint: string;
  /** A body or response field: `HostConfig.CgroupnsMode`, or its last segment `CgroupnsMode`. */
  field?: string;
  /** A query, path or header parameter. */
  param?: string;
  /** Restrict response fields to one status code. */
  status?: string;
}

export interface ExplainResult {
  operation: FeatureRecord;
  /** The features asked for; every feature of the operation when nothing was asked. */
  features: FeatureRecord[];
  /** True when the query named a field or parameter. */
  focused: boolean;
}

/** Parses `METHOD /path[?param]`; the method may be left out when only one operation has the path. */
export function parseEndpoint(text: string, index: CompatIndex): { operation: OperationEntry; param?: string } {
  const match = /^\s*(?:([A-Za-z]+)\s+)?(\/\S*)\s*$/.exec(text);
  if (!match) throw new CompatError('usage', `invalid endpoint "${text}": write it as "METHOD /path", e.g. "POST /containers/create"`);
  const [, methodText, rawPath] = match;
  const [path, query] = rawPath.split('?', 2);
  const param = query ? query.split(/[=&]/)[0] : undefined;
  if (methodText) {
    const method = methodText.toUpperCase() as HttpMethod;
    if (!HTTP_METHODS.includes(method)) throw new CompatError('usage', `invalid HTTP method "${methodText}" in "${text}"`);
    const operation = index.findOperation(method, path);
    if (operation) return { operation, param };
    const atPath = index.operationsAtPath(path);
    const hint =
      atPath.length > 0
        ? `; that path has ${atPath.map((entry) => entry.record.method).join(', ')}`
        : `; did you mean ${index.suggestOperations(method, path).join(', ')}?`;
    throw new CompatError('usage', `unknown endpoint "${method} ${path}" in API ${index.oldestSpec} to ${index.newestSpec}${hint}`);
  }
  const atPath = index.operationsAtPath(path);
  if (atPath.length === 1) return { operation: atPath[0], param };
  if (atPath.length > 1) {
    throw new CompatError('usage', `"${path}" has several operations (${atPath.map((entry) => entry.record.method).join(', ')}): name the method`);
  }
  throw new CompatError('usage', `unknown endpoint "${path}"; did you mean ${index.suggestOperations('GET', path).join(', ')}?`);
}

function fieldMatches(feature: FeatureRecord, wanted: string): 'exact' | 'loose' | undefined {
  if (feature.name === wanted) return 'exact';
  const lower = wanted.toLowerCase();
  const name = feature.name.toLowerCase();
  if (name === lower || name.endsWith(`.${lower}`) || name.replace(/(\[\]|\{\})/g, '') === lower.replace(/(\[\]|\{\})/g, '')) return 'loose';
  return undefined;
}

export function explainFeature(index: CompatIndex, query: ExplainQuery): ExplainResult {
  const parsed = parseEndpoint(query.endpoint, index);
  const entry = parsed.operation;
  const param = query.param ?? parsed.param;
  const operation = entry.record;
  if (!query.field && !param) return { operation, features: entry.features, focused: false };

  const wanted = query.field ?? param!;
  const locations = query.field ? ['body', 'response'] : ['query', 'path', 'header'];
  const pool = entry.features.filter(
    (feature) => locations.includes(feature.location) && feature.name !== '' && (!query.status || feature.status === query.status),
  );
  const exact = pool.filter((feature) => fieldMatches(feature, wanted) === 'exact');
  const features = exact.length > 0 ? exact : pool.filter((feature) => fieldMatches(feature, wanted) === 'loose');
  if (features.length === 0) {
    const kind = query.field ? 'field' : 'parameter';
    const suggestion = index.suggestFeatureName({ ...entry, features: pool }, wanted);
    const hint = suggestion ? `; did you mean "${suggestion}"?` : '';
    throw new CompatError('usage', `${operation.method} ${operation.path} has no ${kind} "${wanted}" in any API version${hint}`);
  }
  return { operation, features, focused: true };
}
