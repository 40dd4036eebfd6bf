import { compareFeatureRefs, featureKey, parentFeature, type FeatureRef } from '../surface/feature.js';
import { changeMessage } from './changeMessage.js';
import type { SpecSurface, SurfaceFeature } from '../surface/buildSurface.js';
import type { FeatureFacts, JsonValue } from '../surface/schemaFlattener.js';
import { CHANGE_KINDS, compareSeverity, type ChangeGroup, type ChangeSeverity } from './changeKinds.js';

export interface FeatureChange {
  feature: FeatureRef;
  kind: string;
  severity: ChangeSeverity;
  from: JsonValue;
  to: JsonValue;
  message: string;
  /** True when the change follows from one of the enclosing feature (a field of a removed operation). */
  implied: boolean;
}

const KNOWN_KINDS = new Map(CHANGE_KINDS.map((info) => [info.id, info]));

export function changeGroup(feature: FeatureRef): ChangeGroup {
  switch (feature.location) {
    case 'operation':
      return 'operation';
    case 'body':
      return 'body-field';
    case 'response':
      return feature.name === '' ? 'response-status' : 'response-field';
    default:
      return 'parameter';
  }
}

/** Compares two versions' surfaces; the result is sorted, breaking changes first. */
export function diffSurfaces(older: SpecSurface, newer: SpecSurface): FeatureChange[] {
  const changes: FeatureChange[] = [];
  const emit = (feature: FeatureRef, event: string, from: JsonValue, to: JsonValue): void => {
    const id = event === 'type-changed' && changeGroup(feature) === 'response-status' ? 'response-type-changed' : kindId(feature, event);
    const info = KNOWN_KINDS.get(id);
    if (!info) return;
    changes.push({ feature, kind: id, severity: info.severity, from, to, message: changeMessage(feature, id, from, to), implied: false });
  };

  for (const [key, before] of older.features) {
    if (!newer.features.has(key)) emit(before.ref, 'removed', null, null);
  }
  for (const [key, after] of newer.features) {
    const before = older.features.get(key);
    if (before) compareFacts(before, after, emit);
    else emit(after.ref, isNewRequirement(after, older) ? 'required-added' : 'added', null, null);
  }
  markImpliedChanges(changes);
  return changes.sort(compareChanges);
}

function kindId(feature: FeatureRef, event: string): string {
  const group = changeGroup(feature);
  if (event === 'required-added') return `required-${group}-added`;
  if (group === 'response-status' && event === 'removed') {
    return feature.status?.startsWith('2') ? 'response-success-status-removed' : 'response-status-removed';
  }
  return `${group}-${event}`;
}

/** A required parameter or field added to something that already existed breaks its callers. */
function isNewRequirement(feature: SurfaceFeature, older: SpecSurface): boolean {
  if (!feature.facts.required) return false;
  if (feature.ref.location === 'response' || feature.ref.location === 'operation') return false;
  const parent = parentFeature(feature.ref);
  return parent !== undefined && older.features.has(featureKey(parent));
}

type Emit = (feature: FeatureRef, event: string, from: JsonValue, to: JsonValue) => void;

function compareFacts(before: SurfaceFeature, after: SurfaceFeature, emit: Emit): void {
  const feature = after.ref;
  const was = before.facts;
  const now = after.facts;
  if (was.type !== now.type) emit(feature, 'type-changed', was.type ?? null, now.type ?? null);
  if (was.format !== now.format) {
    emit(feature, 'format-changed', was.format ?? null, now.format ?? null);
  }
  compareEnums(feature, was, now, emit);
  if (JSON.stringify(was.default) !== JSON.stringify(now.default)) {
    emit(feature, 'default-changed', was.default ?? null, now.default ?? null);
  }
  if (!was.required && now.required) emit(feature, 'became-required', false, true);
  if (was.required && !now.required) emit(feature, 'became-optional', true, false);
  if (!was.nullable && now.nullable) emit(feature, 'became-nullable', false, true);
  if (was.nullable && !now.nullable) emit(feature, 'became-non-nullable', true, false);
  if (!was.deprecated && now.deprecated) {
    emit(feature, 'deprecated', null, now.replacement ?? null);
  }
  if (was.deprecated && !now.deprecated) emit(feature, 'undeprecated', null, null);
}

function compareEnums(feature: FeatureRef, was: FeatureFacts, now: FeatureFacts, emit: Emit): void {
  if (!was.enum && !now.enum) return;
  if (!was.enum) {
    emit(feature, 'enum-added', null, now.enum!);
    return;
  }
  if (!now.enum) {
    emit(feature, 'enum-removed', was.enum, null);
    return;
  }
  const oldValues = new Set(was.enum.map((value) => JSON.stringify(value)));
  const newValues = new Set(now.enum.map((value) => JSON.stringify(value)));
  const added = now.enum.filter((value) => !oldValues.has(JSON.stringify(value)));
  const removed = was.enum.filter((value) => !newValues.has(JSON.stringify(value)));
  if (added.length > 0) emit(feature, 'enum-value-added', was.enum, now.enum);
  if (removed.length > 0) emit(feature, 'enum-value-removed', was.enum, now.enum);
}

/** A field of a removed operation or parent is implied by that removal; likewise for additions. */
function markImpliedChanges(changes: FeatureChange[]): void {
  const structural = new Map<string, string>();
  for (const change of changes) {
    const event = structuralEvent(change.kind);
    if (event) structural.set(featureKey(change.feature), event);
  }
  for (const change of changes) {
    const event = structuralEvent(change.kind);
    if (!event) continue;
    const parent = parentFeature(change.feature);
    if (parent && structural.get(featureKey(parent)) === event) change.implied = true;
  }
}

/** Whether a change kind adds or removes a feature (enum values aside). */
export function structuralEvent(kind: string): 'added' | 'removed' | undefined {
  if (kind.endsWith('-removed') && !kind.includes('enum')) return 'removed';
  if (kind.endsWith('-added') && !kind.includes('enum')) return 'added';
  return undefined;
}

export interface OrderedChange {
  feature: FeatureRef;
  kind: string;
  severity: ChangeSeverity;
}

/** Breaking first, then by feature, then by kind. */
export function compareChanges(a: OrderedChange, b: OrderedChange): number {
  return compareSeverity(a.severity, b.severity) || compareFeatureRefs(a.feature, b.feature) || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0);
}
