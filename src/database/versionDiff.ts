import { changeMessage } from '../diff/changeMessage.js';
import { compareChanges, structuralEvent } from '../diff/diffSurfaces.js';
import type { ChangeSeverity } from '../diff/changeKinds.js';
import { CompatError } from '../errors.js';
import type { FeatureRef } from '../surface/feature.js';
import type { JsonValue } from '../surface/schemaFlattener.js';
import { compareApiVersions, type ApiVersion } from '../versions/apiVersion.js';
import type { FeatureChangeRecord, FeatureRecord } from './compatDatabase.js';
import { CompatIndex } from './compatIndex.js';

/** One change in a range, with the feature it concerns (the `diff --format json` record). */
export interface RangeChange extends FeatureRef {
  version: ApiVersion;
  kind: string;
  severity: ChangeSeverity;
  from: JsonValue;
  to: JsonValue;
  message: string;
  /** Follows from a change of the enclosing feature; hidden unless asked for. */
  implied: boolean;
  erratum?: true;
}

export interface VersionRangeDiff {
  from: ApiVersion;
  to: ApiVersion;
  changes: RangeChange[];
}

export interface RangeDiffOptions {
  includeImplied?: boolean;
  severities?: readonly ChangeSeverity[];
}

/**
 * What changes for a client moving from API `from` to API `to`: features present at
 * one end only appear once, as their addition or removal; features present at both
 * ends show every change in between, each with the version that made it.
 */
export function diffVersionRange(index: CompatIndex, from: ApiVersion, to: ApiVersion, options: RangeDiffOptions = {}): VersionRangeDiff {
  if (compareApiVersions(from, to) > 0) {
    throw new CompatError('usage', `cannot diff ${from} to ${to}: the first version must be the older one (try "diff ${to} ${from}")`);
  }
  const changes: RangeChange[] = [];
  for (const feature of index.database.features) {
    for (const change of changesInRange(feature, from, to)) {
      const implied = index.isImpliedChange(feature, change);
      if (implied && !options.includeImplied) continue;
      if (options.severities && !options.severities.includes(change.severity)) continue;
      changes.push(toRangeChange(feature, change, implied));
    }
  }
  return { from, to, changes: changes.sort(compareRangeChanges) };
}

function changesInRange(feature: FeatureRecord, from: ApiVersion, to: ApiVersion): FeatureChangeRecord[] {
  const inRange = feature.changes.filter(
    (change) => compareApiVersions(change.version, from) > 0 && compareApiVersions(change.version, to) <= 0,
  );
  if (inRange.length === 0) return [];
  const atStart = CompatIndex.isPresentAt(feature, from);
  const atEnd = CompatIndex.isPresentAt(feature, to);
  if (!atStart && !atEnd) return [];
  if (!atStart) return inRange.filter((change) => structuralEvent(change.kind) === 'added').slice(-1);
  if (!atEnd) return inRange.filter((change) => structuralEvent(change.kind) === 'removed').slice(-1);
  return inRange.filter((change) => structuralEvent(change.kind) === undefined);
}

function toRangeChange(feature: FeatureRecord, change: FeatureChangeRecord, implied: boolean): RangeChange {
  const { method, path, location, name, status } = feature;
  const ref: FeatureRef = { method, path, location, name, ...(status !== undefined ? { status } : {}) };
  return {
    ...ref,
    version: change.version,
    kind: change.kind,
    severity: change.severity,
    from: change.from,
    to: change.to,
    message: changeMessage(ref, change.kind, change.from, change.to),
    implied,
    ...(change.erratum ? { erratum: true as const } : {}),
  };
}

function compareRangeChanges(a: RangeChange, b: RangeChange): number {
  return (
    compareChanges({ feature: a, kind: a.kind, severity: a.severity }, { feature: b, kind: b.kind, severity: b.severity }) ||
    compareApiVersions(a.version, b.version)
  );
}
