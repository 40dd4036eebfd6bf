import { closest, distance } from 'fastest-levenshtein';
import { compareApiVersions, type ApiVersion } from '../versions/apiVersion.js';
import { structuralEvent } from '../diff/diffSurfaces.js';
import { featureKey, normalizePathTemplate, operationKey, parentFeature, type FeatureRef, type HttpMethod } from '../surface/feature.js';
import type { CompatDatabase, FeatureChangeRecord, FeatureRecord } from './compatDatabase.js';

export interface OperationEntry {
  record: FeatureRecord;
  features: FeatureRecord[];
  /** Matches a concrete request path (`/containers/abc/json`) against the template. */
  pattern: RegExp;
  /** Same, with an image or plugin name allowed to span slashes (see takesSlashes). */
  widePattern: RegExp;
  literalLength: number;
}

/** Lookups over the compiled database: operations by method and path, features by identity. */
export class CompatIndex {
  readonly database: CompatDatabase;
  readonly operations: OperationEntry[];
  private readonly byKey = new Map<string, FeatureRecord>();
  private readonly byOperation = new Map<string, OperationEntry>();

  constructor(database: CompatDatabase) {
    this.database = database;
    const grouped = new Map<string, FeatureRecord[]>();
    for (const feature of database.features) {
      this.byKey.set(featureKey(feature), feature);
      const key = operationKey(feature.method, feature.path);
      const group = grouped.get(key);
      if (group) group.push(feature);
      else grouped.set(key, [feature]);
    }
    this.operations = [];
    for (const [key, features] of grouped) {
      const record = features.find((feature) => feature.location === 'operation')!;
      const entry: OperationEntry = {
        record,
        features,
        pattern: templatePattern(record.path, '[^/]+'),
        widePattern: templatePattern(record.path, takesSlashes(record.path) ? '.+' : '[^/]+'),
        literalLength: record.path.replace(/\{[^}]*\}/g, '').length,
      };
      this.operations.push(entry);
      this.byOperation.set(key, entry);
    }
  }

  get apiVersions(): ApiVersion[] {
    return this.database.apiVersions;
  }

  get oldestSpec(): ApiVersion {
    return this.database.apiVersions[0];
  }

  get newestSpec(): ApiVersion {
    return this.database.apiVersions[this.database.apiVersions.length - 1];
  }

  feature(ref: FeatureRef): FeatureRecord | undefined {
    return this.byKey.get(featureKey(ref));
  }

  /** The operation for a method and a path template or concrete path; `/v1.41` prefixes and query strings are ignored. */
  findOperation(method: string, path: string): OperationEntry | undefined {
    const upper = method.toUpperCase() as HttpMethod;
    const clean = stripVersionPrefix(path.replace(/[?#].*$/, ''));
    const exact = this.byOperation.get(operationKey(upper, clean));
    if (exact) return exact;
    const candidates = this.operations.filter((entry) => entry.record.method === upper);
    const narrow = candidates.filter((entry) => entry.pattern.test(clean));
    const matches = narrow.length > 0 ? narrow : candidates.filter((entry) => entry.widePattern.test(clean));
    // The template with most literal text wins: `/containers/json` over `/containers/{id}`.
    return matches.sort((a, b) => b.literalLength - a.literalLength)[0];
  }

  /** Every operation on a path whatever the method, for "wrong method" hints. */
  operationsAtPath(path: string): OperationEntry[] {
    const clean = stripVersionPrefix(path.replace(/[?#].*$/, ''));
    const narrow = this.operations.filter((entry) => entry.pattern.test(clean) || normalizePathTemplate(entry.record.path) === normalizePathTemplate(clean));
    // A template (`/images/{name}/json`) names its own operations.
    if (narrow.length > 0 && clean.includes('{')) return narrow;
    // Image and plugin names contain slashes (`/images/library/ubuntu/json`, `/images/{}/{}/json`):
    // for each method, the same fallback as findOperation, or such paths are not Engine paths at
    // all for the analyser (rawHttpCalls' isEnginePath) and get no wrong-method hint. Of a method's
    // wide matches, only the templates with the most literal text: `/images/a/b/json` is
    // GET /images/{name}/json, not GET of some shorter template; for DELETE it is DELETE
    // /images/{name} with the name `a/b/json`, as the daemon's router reads it
    // (`/plugins/0/push` too is DELETE /plugins/{name} as much as POST /plugins/{name}/push).
    const narrowMethods = new Set(narrow.map((entry) => entry.record.method));
    const wide = this.operations.filter((entry) => !narrowMethods.has(entry.record.method) && entry.widePattern.test(clean));
    const longest = new Map<HttpMethod, number>();
    for (const entry of wide) longest.set(entry.record.method, Math.max(longest.get(entry.record.method) ?? 0, entry.literalLength));
    const widest = new Set(wide.filter((entry) => entry.literalLength === longest.get(entry.record.method)));
    return this.operations.filter((entry) => narrow.includes(entry) || widest.has(entry));
  }

  /** The nearest operations to a mistyped `METHOD /path`, for "did you mean". */
  suggestOperations(method: string, path: string, limit = 3): string[] {
    const wanted = `${method.toUpperCase()} ${stripVersionPrefix(path)}`;
    const names = this.operations.map((entry) => `${entry.record.method} ${entry.record.path}`);
    return names
      .map((name) => ({ name, score: distance(wanted, name) }))
      .sort((a, b) => a.score - b.score || (a.name < b.name ? -1 : 1))
      .slice(0, limit)
      .map((entry) => entry.name);
  }

  /** The nearest field or parameter names of an operation, for "did you mean". */
  suggestFeatureName(entry: OperationEntry, name: string): string | undefined {
    const names = [...new Set(entry.features.map((feature) => feature.name).filter((candidate) => candidate !== ''))];
    return names.length > 0 ? closest(name, names) : undefined;
  }

  /**
   * Whether a change follows from the same change of the enclosing feature (a field of
   * a removed operation, a sub-field of an added object).
   */
  isImpliedChange(feature: FeatureRecord, change: FeatureChangeRecord): boolean {
    const event = structuralEvent(change.kind);
    const parent = parentFeature(feature);
    if (!event || !parent) return false;
    const parentRecord = this.feature(parent);
    return parentRecord?.changes.some((other) => other.version === change.version && structuralEvent(other.kind) === event) ?? false;
  }

  /** Whether the feature exists at `version` (after errata). */
  static isPresentAt(feature: FeatureRecord, version: ApiVersion): boolean {
    return feature.presence.some(
      (range) => compareApiVersions(range.from, version) <= 0 && (range.until === null || compareApiVersions(version, range.until) < 0),
    );
  }
}

/** `/v1.41/containers/json` -> `/containers/json`. */
export function stripVersionPrefix(path: string): string {
  return path.replace(/^\/v\d+\.\d+(?=\/)/, '');
}

/**
 * Templates whose `{name}` is an image reference or a plugin name, which contain slashes
 * (`library/ubuntu`, `vieux/sshfs`): only these match across slashes. When every parameter
 * could, a mistyped `POST /containers/web/stopp` read as DELETE /containers/{id} (id
 * `web/stopp`) for the wrong-method hint, and `/services/x/logs/extra` as GET /services/{id}.
 */
function takesSlashes(template: string): boolean {
  return /^\/(images|distribution|plugins)\/\{name\}/.test(template);
}

function templatePattern(template: string, parameter: string): RegExp {
  const source = template
    .split(/(\{[^}]*\})/)
    .map((part) => (part.startsWith('{') ? parameter : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}/?$`);
}
