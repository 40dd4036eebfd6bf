import { changeKindInfo } from '../diff/changeKinds.js';
import { changeGroup, diffSurfaces, structuralEvent } from '../diff/diffSurfaces.js';
import { CompatError } from '../errors.js';
import type { SpecSurface } from '../surface/buildSurface.js';
import { compareFeatureRefs, describeFeature, featureKey, type FeatureRef } from '../surface/feature.js';
import type { FeatureFacts } from '../surface/schemaFlattener.js';
import { compareApiVersions, type ApiVersion } from '../versions/apiVersion.js';
import type { EngineRelease } from '../versions/engineReleases.js';
import { DATABASE_SCHEMA_VERSION, type CompatDatabase, type FeatureRecord, type VersionSummary } from './compatDatabase.js';
import { citedVersion, type Erratum } from './errata.js';

export interface DatabaseInputs {
  /** One surface per API version, in any order. */
  surfaces: SpecSurface[];
  engines: EngineRelease[];
  errata: Erratum[];
  sources: Array<{ file: string; sha256: string }>;
}

interface FeatureHistory {
  ref: FeatureRef;
  factsByVersion: Map<ApiVersion, FeatureFacts>;
  record: FeatureRecord;
}

/** Folds every version's surface and the diffs between neighbours into one database. */
export function compileDatabase(inputs: DatabaseInputs): CompatDatabase {
  const surfaces = [...inputs.surfaces].sort((a, b) => compareApiVersions(a.version, b.version));
  if (surfaces.length === 0) throw new CompatError('data', 'no spec versions to compile');
  const versions = surfaces.map((surface) => surface.version);
  const histories = collectHistories(surfaces);

  const summaries: VersionSummary[] = surfaces.map((surface) => summarizeSurface(surface));
  for (let index = 1; index < surfaces.length; index++) {
    const summary = summaries[index];
    for (const change of diffSurfaces(surfaces[index - 1], surfaces[index])) {
      const history = histories.get(featureKey(change.feature))!;
      history.record.changes.push({ version: surfaces[index].version, kind: change.kind, severity: change.severity, from: change.from, to: change.to });
      if (change.implied) continue;
      if (change.kind.endsWith('-added') && change.severity === 'addition' && !change.kind.includes('enum')) summary.added++;
      if (change.kind.endsWith('-removed') && !change.kind.includes('enum')) summary.removed++;
      if (change.severity === 'breaking') summary.breaking++;
      if (change.severity === 'behaviour-change') summary.behaviourChanges++;
      if (change.severity === 'deprecation') summary.deprecations++;
    }
  }

  for (const history of histories.values()) finishRecord(history, versions);
  markDescribedLate(histories, versions);
  applyErrata(histories, inputs.errata, versions);

  const features = [...histories.values()].map((history) => history.record).sort(compareFeatureRefs);
  return {
    schemaVersion: DATABASE_SCHEMA_VERSION,
    apiVersions: versions,
    engines: [...inputs.engines],
    sources: inputs.sources,
    versions: summaries,
    features,
  };
}

function collectHistories(surfaces: SpecSurface[]): Map<string, FeatureHistory> {
  const histories = new Map<string, FeatureHistory>();
  for (const surface of surfaces) {
    for (const [key, feature] of surface.features) {
      let history = histories.get(key);
      if (!history) {
        history = { ref: feature.ref, factsByVersion: new Map(), record: emptyRecord(feature.ref, surface.version) };
        histories.set(key, history);
      }
      // The newest spec that has the feature names its path and states its facts.
      history.ref = feature.ref;
      history.factsByVersion.set(surface.version, feature.facts);
    }
  }
  return histories;
}

function emptyRecord(ref: FeatureRef, firstVersion: ApiVersion): FeatureRecord {
  return { ...ref, added: firstVersion, addedIsFloor: false, removed: null, deprecated: null, presence: [], facts: {}, changes: [] };
}

function finishRecord(history: FeatureHistory, versions: ApiVersion[]): void {
  const record = history.record;
  const present = versions.map((version) => history.factsByVersion.has(version));

  const presence: FeatureRecord['presence'] = [];
  versions.forEach((version, index) => {
    if (present[index] && !present[index - 1]) presence.push({ from: version, until: null });
    if (!present[index] && present[index - 1]) presence[presence.length - 1].until = version;
  });

  const lastIndex = present.lastIndexOf(true);
  const facts = history.factsByVersion.get(versions[lastIndex])!;
  let deprecatedIndex: number | null = null;
  if (facts.deprecated) {
    deprecatedIndex = lastIndex;
    while (deprecatedIndex > 0 && history.factsByVersion.get(versions[deprecatedIndex - 1])?.deprecated) deprecatedIndex--;
  }

  history.record = featureRecord(history.ref, {
    added: presence[0].from,
    addedIsFloor: presence[0].from === versions[0],
    removed: presence[presence.length - 1].until,
    deprecated: deprecatedIndex === null ? null : versions[deprecatedIndex],
    ...(facts.replacement ? { replacement: facts.replacement } : {}),
    presence,
    facts: withoutDeprecation(facts),
    changes: record.changes,
  });
}

/**
 * A response field that first appears when its parent got a schema: `GET /containers/{id}/stats`
 * answered with an object the specs left undescribed until v1.48, which then described a hundred
 * fields the daemon had sent for years. Such a field is dated "that version or earlier"
 * (`addedIsFloor`), as the oldest spec's fields are: the specs cannot say when it came. Undescribed
 * means an object (or a value of no stated type) with nothing described under it in the version
 * before; a parent whose type changed from something else gives its new fields their version.
 */
function markDescribedLate(histories: Map<string, FeatureHistory>, versions: ApiVersion[]): void {
  const byResponse = new Map<string, FeatureHistory[]>();
  for (const history of histories.values()) {
    const { ref } = history;
    if (ref.location !== 'response') continue;
    const key = `${ref.method} ${ref.path} ${ref.status ?? ''}`;
    const fields = byResponse.get(key);
    if (fields) fields.push(history);
    else byResponse.set(key, [history]);
  }
  for (const fields of byResponse.values()) {
    const byName = new Map(fields.map((history) => [history.ref.name, history]));
    for (const history of fields) {
      const added = history.record.presence[0].from;
      const before = versions[versions.indexOf(added) - 1];
      if (before === undefined || history.ref.name === '') continue;
      let parent: FeatureHistory | undefined;
      for (let name = parentFieldName(history.ref.name); name !== undefined; name = parentFieldName(name)) {
        parent = byName.get(name);
        if (parent?.factsByVersion.has(before)) break;
        parent = undefined;
      }
      const parentFacts = parent?.factsByVersion.get(before);
      if (!parent || !parentFacts || (parentFacts.type !== undefined && parentFacts.type !== 'object')) continue;
      const prefix = parent.ref.name;
      const describedUnder = fields.some((other) => other !== parent && isUnderField(other.ref.name, prefix) && other.factsByVersion.has(before));
      if (!describedUnder) history.record.addedIsFloor = true;
    }
  }
}

/** `a.b[].c` -> `a.b`, `networks{}.rx_bytes` -> `networks`, `a` -> `` (the response itself), `` -> none. */
function parentFieldName(name: string): string | undefined {
  if (name === '') return undefined;
  const cut = name.lastIndexOf('.');
  return cut === -1 ? '' : name.slice(0, cut).replace(/(\[\]|\{\})+$/, '');
}

function isUnderField(name: string, parent: string): boolean {
  return parent === '' ? name !== '' : name.startsWith(`${parent}.`) || name.startsWith(`${parent}[]`) || name.startsWith(`${parent}{}`);
}

/** A record with the feature's identity first, in the order every record of the compiled file has its keys. */
function featureRecord(ref: FeatureRef, fields: Omit<FeatureRecord, keyof FeatureRef>): FeatureRecord {
  const { method, path, location, name, status } = ref;
  return { method, path, location, name, ...(status !== undefined ? { status } : {}), ...fields };
}

/** Deprecation is recorded on the feature itself, not repeated among its facts. */
function withoutDeprecation(facts: FeatureFacts): FeatureFacts {
  const { deprecated: _deprecated, replacement: _replacement, ...rest } = facts;
  return rest;
}

function summarizeSurface(surface: SpecSurface): VersionSummary {
  let operations = 0;
  for (const feature of surface.features.values()) if (feature.ref.location === 'operation') operations++;
  return { version: surface.version, features: surface.features.size, operations, added: 0, removed: 0, breaking: 0, behaviourChanges: 0, deprecations: 0 };
}

function applyErrata(histories: Map<string, FeatureHistory>, errata: Erratum[], versions: ApiVersion[]): void {
  for (const erratum of errata) {
    for (const feature of erratum.features) {
      let history = histories.get(featureKey(feature));
      if (history && erratum.undocumented) {
        throw new CompatError('data', `specs/errata.json: ${describeFeature(feature)} is in the specs now; drop "undocumented" from the erratum`);
      }
      if (!history && erratum.undocumented) {
        history = undocumentedHistory(feature, erratum.undocumented.type, versions);
        histories.set(featureKey(feature), history);
      }
      if (!history) {
        throw new CompatError('data', `specs/errata.json: ${describeFeature(feature)} is in no spec version; the erratum is stale`);
      }
      applyErratum(history.record, erratum, versions);
    }
  }
}

/** A feature no spec describes, as present in every version until an erratum says otherwise. */
function undocumentedHistory(ref: FeatureRef, type: string, versions: ApiVersion[]): FeatureHistory {
  const record = featureRecord(ref, {
    added: versions[0],
    addedIsFloor: true,
    removed: null,
    deprecated: null,
    presence: [{ from: versions[0], until: null }],
    facts: { type },
    changes: [],
  });
  return { ref, factsByVersion: new Map(), record };
}

/**
 * Corrects one record. `added`, `removed` and `presence` then state the best
 * knowledge; `errata` keeps what the specs showed.
 */
function applyErratum(record: FeatureRecord, erratum: Erratum, versions: ApiVersion[]): void {
  const stale = (): never => {
    throw new CompatError('data', `specs/errata.json: ${describeFeature(record)} already shows ${erratum.field} ${erratum.value} in the specs; drop the erratum`);
  };
  let specValue: ApiVersion | null;
  switch (erratum.field) {
    case 'added': {
      specValue = record.added;
      // "1.25 or earlier" made exact by the changelog ("added in 1.25") is a correction too.
      const refinesFloor = record.addedIsFloor && citedVersion(erratum) === erratum.value;
      if (specValue === erratum.value && !refinesFloor) stale();
      record.added = erratum.value!;
      record.presence[0].from = erratum.value!;
      // "1.25 or earlier" stays a floor when the changelog dates the feature before the oldest spec.
      record.addedIsFloor = erratum.value === versions[0] && compareApiVersions(citedVersion(erratum), versions[0]) < 0;
      dropChanges(record, (change) => change.version === specValue && structuralEvent(change.kind) === 'added');
      break;
    }
    case 'removed': {
      specValue = record.removed;
      if (specValue === erratum.value) stale();
      record.removed = erratum.value;
      record.presence[record.presence.length - 1].until = erratum.value;
      dropChanges(record, (change) => change.version === specValue && structuralEvent(change.kind) === 'removed');
      break;
    }
    case 'deprecated': {
      specValue = record.deprecated;
      if (specValue === erratum.value) stale();
      record.deprecated = erratum.value;
      dropChanges(record, (change) => change.version === specValue && change.severity === 'deprecation');
      break;
    }
    case 'gap': {
      const gapIndex = record.presence.findIndex((range) => range.until === erratum.value);
      if (gapIndex === -1 || gapIndex === record.presence.length - 1) stale();
      specValue = erratum.value;
      const reappeared = record.presence[gapIndex + 1].from;
      record.presence.splice(gapIndex, 2, { from: record.presence[gapIndex].from, until: record.presence[gapIndex + 1].until });
      dropChanges(
        record,
        (change) =>
          (change.version === erratum.value && structuralEvent(change.kind) === 'removed') ||
          (change.version === reappeared && structuralEvent(change.kind) === 'added'),
      );
      break;
    }
  }
  record.errata = [
    ...(record.errata ?? []),
    {
      field: erratum.field,
      specValue: specValue!,
      correctedValue: erratum.field === 'gap' ? null : erratum.value,
      ...(erratum.changelog ? { changelogVersion: erratum.changelog } : { referenceVersion: erratum.reference }),
      note: erratum.note,
    },
  ];
  if (erratum.value !== null && erratum.field !== 'gap') addErratumChange(record, erratum);
}

function dropChanges(record: FeatureRecord, drop: (change: FeatureRecord['changes'][number]) => boolean): void {
  record.changes = record.changes.filter((change) => !drop(change));
}

/** The corrected event joins the change history, marked as coming from the errata. */
function addErratumChange(record: FeatureRecord, erratum: Erratum): void {
  const group = changeGroup(record);
  const event = erratum.field === 'added' ? 'added' : erratum.field === 'removed' ? 'removed' : 'deprecated';
  const kind = group === 'response-status' && event === 'removed' ? 'response-status-removed' : `${group}-${event}`;
  const severity = changeKindInfo(kind).severity;
  record.changes.push({ version: erratum.value!, kind, severity, from: null, to: null, erratum: true });
  record.changes.sort((a, b) => compareApiVersions(a.version, b.version) || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
}
