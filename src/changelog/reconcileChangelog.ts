import type { CompatDatabase, FeatureRecord } from '../database/compatDatabase.js';
import type { ChangeSeverity } from '../diff/changeKinds.js';
import { CompatIndex } from '../database/compatIndex.js';
import { compareFeatureRefs, describeFeature, featureKey, normalizePathTemplate, operationKey } from '../surface/feature.js';
import { compareApiVersions, type ApiVersion } from '../versions/apiVersion.js';
import type { ChangelogBullet } from './parseChangelog.js';

/**
 * - matched: the specs show a change of a named feature in the bullet's version;
 * - version-differs: the named feature changes in the specs, but in other versions;
 * - only-in-changelog: the named features exist with no change, or do not exist;
 * - not-checkable: the bullet names no endpoint and no field.
 */
export type BulletStatus = 'matched' | 'version-differs' | 'only-in-changelog' | 'not-checkable';

export interface ReconciledBullet {
  version: ApiVersion;
  line: number;
  excerpt: string;
  status: BulletStatus;
  /** Features the bullet was matched to (`featureKey` descriptions). */
  features: string[];
  /** For version-differs: the versions in which the database (errata applied) records changes of those features. */
  specVersions: ApiVersion[];
  /** For matched: only `specs/errata.json` makes the match; the Swagger files alone show another version. */
  viaErrata: boolean;
}

export interface SpecOnlyChange {
  version: ApiVersion;
  feature: string;
  kind: string;
  severity: ChangeSeverity;
}

export interface Reconciliation {
  oldestSpec: ApiVersion;
  bullets: ReconciledBullet[];
  onlyInSpecs: SpecOnlyChange[];
}

const EXCERPT_LENGTH = 90;

export function reconcileChangelog(database: CompatDatabase, bullets: ChangelogBullet[]): Reconciliation {
  const oldestSpec = database.apiVersions[0];
  const index = indexFeatures(database.features);
  const compatIndex = new CompatIndex(database);
  const claimed = new Set<string>();
  const reconciled: ReconciledBullet[] = [];

  for (const bullet of bullets) {
    if (compareApiVersions(bullet.version, oldestSpec) < 0 || !database.apiVersions.includes(bullet.version)) continue;
    const result = reconcileBullet(bullet, index);
    for (const feature of result.candidates) claimed.add(`${bullet.version} ${featureKey(feature)}`);
    reconciled.push(result.bullet);
  }

  const onlyInSpecs: SpecOnlyChange[] = [];
  for (const feature of database.features) {
    for (const change of feature.changes) {
      if (change.erratum || compatIndex.isImpliedChange(feature, change) || claimed.has(`${change.version} ${featureKey(feature)}`)) continue;
      onlyInSpecs.push({ version: change.version, feature: describeFeature(feature), kind: change.kind, severity: change.severity });
    }
  }
  onlyInSpecs.sort((a, b) => compareApiVersions(a.version, b.version) || (a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : 0));
  return { oldestSpec, bullets: reconciled, onlyInSpecs };
}

interface FeatureIndex {
  byOperation: Map<string, FeatureRecord[]>;
  /** The operations' feature groups by normalised path, for a bullet that writes the wrong method. */
  byPath: Map<string, FeatureRecord[][]>;
  all: FeatureRecord[];
}

function indexFeatures(features: FeatureRecord[]): FeatureIndex {
  const byOperation = new Map<string, FeatureRecord[]>();
  for (const feature of features) {
    const key = operationKey(feature.method, feature.path);
    const group = byOperation.get(key);
    if (group) group.push(feature);
    else byOperation.set(key, [feature]);
  }
  const byPath = new Map<string, FeatureRecord[][]>();
  for (const group of byOperation.values()) {
    const path = normalizePathTemplate(group[0].path);
    byPath.set(path, [...(byPath.get(path) ?? []), group]);
  }
  return { byOperation, byPath, all: features };
}

function operationsNamed(bullet: ChangelogBullet, index: FeatureIndex): FeatureRecord[][] {
  return bullet.endpoints
    .map((endpoint) => {
      const path = normalizePathTemplate(endpoint.path);
      return (
        index.byOperation.get(operationKey(endpoint.method, path)) ??
        index.byOperation.get(operationKey(endpoint.method, pluralPath(path))) ??
        onlyOperationAt(index, path)
      );
    })
    .filter((features): features is FeatureRecord[] => features !== undefined);
}

/** The changelog sometimes writes `/node/...`, `/container/...` or `GET /service` for the plural paths. */
function pluralPath(path: string): string {
  return path.replace(/^\/(node|container|image|network|volume|service|secret|config|plugin|task)(?=\/|$)/, '/$1s');
}

/** `GET /containers/create` (v1.28) means the one operation at that path, whatever the method written. */
function onlyOperationAt(index: FeatureIndex, path: string): FeatureRecord[] | undefined {
  const atPath = index.byPath.get(path) ?? index.byPath.get(pluralPath(path)) ?? [];
  return atPath.length === 1 ? atPath[0] : undefined;
}

/** `BindOptions.ReadOnlyNonRecursive` matches `Mounts[].BindOptions.ReadOnlyNonRecursive`. */
function nameMatches(feature: FeatureRecord, name: string, anywhere: boolean): boolean {
  if (feature.location === 'operation' || feature.name === '') return false;
  const wanted = name.toLowerCase().replace(/(\[\]|\{\})/g, '');
  const plain = feature.name.toLowerCase().replace(/(\[\]|\{\})/g, '');
  if (plain === wanted) return true;
  if (anywhere && !wanted.includes('.')) return false;
  return plain.endsWith(`.${wanted}`);
}

function reconcileBullet(bullet: ChangelogBullet, index: FeatureIndex): { bullet: ReconciledBullet; candidates: FeatureRecord[] } {
  const excerpt = bullet.text.length > EXCERPT_LENGTH ? `${bullet.text.slice(0, EXCERPT_LENGTH - 1)}…` : bullet.text;
  const base = { version: bullet.version, line: bullet.line, excerpt, features: [] as string[], specVersions: [] as ApiVersion[], viaErrata: false };
  const operations = operationsNamed(bullet, index);
  if (operations.length === 0 && bullet.names.length === 0) return { bullet: { ...base, status: 'not-checkable' }, candidates: [] };

  let candidates: FeatureRecord[];
  if (bullet.names.length === 0) {
    candidates = operations.flatMap((features) => features.filter((feature) => feature.location === 'operation' || feature.name === ''));
  } else {
    candidates = namedFeatures(bullet, operations, index);
    if (candidates.length === 0 && operations.length > 0) {
      candidates = operations.flat().filter((feature) => feature.location === 'operation');
    }
  }
  candidates.sort(compareFeatureRefs);

  const changedHere = candidates.filter((feature) => changesIn(feature, bullet.version));
  if (changedHere.length > 0) {
    const viaErrata = !changedHere.some((feature) => specsShowChangeIn(feature, bullet.version));
    return { bullet: { ...base, status: 'matched', features: changedHere.map(describeFeature), viaErrata }, candidates: changedHere };
  }
  const elsewhere = [...new Set(candidates.flatMap((feature) => feature.changes.map((change) => change.version)))].sort(compareApiVersions);
  if (elsewhere.length > 0) {
    return {
      bullet: { ...base, status: 'version-differs', features: candidates.map(describeFeature).slice(0, 5), specVersions: elsewhere },
      candidates: [],
    };
  }
  return { bullet: { ...base, status: 'only-in-changelog', features: candidates.map(describeFeature).slice(0, 5) }, candidates: [] };
}

/**
 * The features a bullet's names point at. A name that only places another ("the `HostConfig`
 * field now includes `NanoCpus`") gives way to the nested field it places.
 */
function namedFeatures(bullet: ChangelogBullet, operations: FeatureRecord[][], index: FeatureIndex): FeatureRecord[] {
  const anywhere = operations.length === 0;
  const pool = anywhere ? index.all : operations.flat();
  const nested = pool.filter((feature) => bullet.nestedNames.some((name) => nameMatches(feature, name, anywhere)));
  const plain = pool.filter((feature) => bullet.names.some((name) => nameMatches(feature, name, anywhere)));
  const placesNested = (feature: FeatureRecord) => nested.some((child) => isAncestor(feature, child));
  return [...new Set([...nested, ...plain.filter((feature) => !placesNested(feature))])];
}

/** `HostConfig` is the ancestor of `HostConfig.NanoCpus` and `Mounts` of `Mounts[].Type`, in the same operation. */
function isAncestor(parent: FeatureRecord, child: FeatureRecord): boolean {
  if (parent.method !== child.method || parent.path !== child.path || parent.location !== child.location || parent.status !== child.status) return false;
  const rest = child.name.startsWith(parent.name) ? child.name.slice(parent.name.length) : '';
  return parent.name !== '' && /^[.[{]/.test(rest);
}

/** As the database records it, errata applied. */
function changesIn(feature: FeatureRecord, version: ApiVersion): boolean {
  return feature.added === version || feature.changes.some((change) => change.version === version);
}

/** As the Swagger files alone show it: the value an erratum replaced, no erratum changes. */
function specsShowChangeIn(feature: FeatureRecord, version: ApiVersion): boolean {
  const specAdded = feature.errata?.find((erratum) => erratum.field === 'added')?.specValue ?? feature.added;
  return specAdded === version || feature.changes.some((change) => !change.erratum && change.version === version);
}
