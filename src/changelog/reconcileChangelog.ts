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
  /** For version-differs: the versions in which the specs show changes of those features. */
  specVersions: ApiVersion[];
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
    const result = reconcileBullet(bullet, index, oldestSpec);
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
  return { byOperation, all: features };
}

function operationsNamed(bullet: ChangelogBullet, index: FeatureIndex): FeatureRecord[][] {
  return bullet.endpoints
    .map((endpoint) => {
      const exact = index.byOperation.get(operationKey(endpoint.method, endpoint.path));
      if (exact) return exact;
      // The changelog sometimes writes `/node/...` or `/container/...` for the plural paths.
      const plural = endpoint.path.replace(/^\/(node|container|image|network|volume|service|secret|config|plugin|task)\//, '/$1s/');
      return index.byOperation.get(operationKey(endpoint.method, normalizePathTemplate(plural)));
    })
    .filter((features): features is FeatureRecord[] => features !== undefined);
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

function reconcileBullet(bullet: ChangelogBullet, index: FeatureIndex, oldestSpec: ApiVersion): { bullet: ReconciledBullet; candidates: FeatureRecord[] } {
  const excerpt = bullet.text.length > EXCERPT_LENGTH ? `${bullet.text.slice(0, EXCERPT_LENGTH - 1)}…` : bullet.text;
  const base = { version: bullet.version, line: bullet.line, excerpt, features: [] as string[], specVersions: [] as ApiVersion[] };
  const operations = operationsNamed(bullet, index);
  if (operations.length === 0 && bullet.names.length === 0) return { bullet: { ...base, status: 'not-checkable' }, candidates: [] };

  let candidates: FeatureRecord[];
  if (bullet.names.length === 0) {
    candidates = operations.flatMap((features) => features.filter((feature) => feature.location === 'operation' || feature.name === ''));
  } else {
    const pool = operations.length > 0 ? operations.flat() : index.all;
    candidates = pool.filter((feature) => bullet.names.some((name) => nameMatches(feature, name, operations.length === 0)));
    if (candidates.length === 0 && operations.length > 0) {
      candidates = operations.flat().filter((feature) => feature.location === 'operation');
    }
  }
  candidates.sort(compareFeatureRefs);

  const changedHere = candidates.filter(
    (feature) =>
      feature.changes.some((change) => change.version === bullet.version) ||
      (bullet.version === oldestSpec && feature.addedIsFloor) ||
      feature.added === bullet.version,
  );
  if (changedHere.length > 0) {
    return { bullet: { ...base, status: 'matched', features: changedHere.map(describeFeature) }, candidates: changedHere };
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
