import type { ScanUsage } from '../analyser/matchUsages.js';
import type { FeatureRecord } from '../database/compatDatabase.js';
import { CompatIndex } from '../database/compatIndex.js';
import { changeMessage } from '../diff/changeMessage.js';
import { structuralEvent } from '../diff/diffSurfaces.js';
import { describeFeature } from '../surface/feature.js';
import { compareApiVersions, type ApiVersion } from '../versions/apiVersion.js';
import { spokenVersion, type SpokenVersion } from './spokenVersion.js';
import type { TargetDaemon } from './targets.js';
import { compareText } from '../text.js';

/**
 * - breaking: the call stops working or silently loses something after the upgrade;
 * - behaviour-change: it still works but sends or receives something else;
 * - deprecation: it works, but the new version announces its end;
 * - newly-possible: the call needs more than the old daemon serves and works after the upgrade.
 */
export type AuditSeverity = 'breaking' | 'behaviour-change' | 'deprecation' | 'newly-possible';

export const AUDIT_SEVERITIES: readonly AuditSeverity[] = ['breaking', 'behaviour-change', 'deprecation', 'newly-possible'];

export interface AuditItem {
  severity: AuditSeverity;
  /** `pin-refused`, `feature-removed`, a change kind (`response-field-type-changed`), `feature-deprecated`, `newly-supported`. */
  kind: string;
  file: string;
  line: number;
  column: number;
  endpoint: string | null;
  feature: string | null;
  /** The API version that makes the change, where there is one. */
  version: ApiVersion | null;
  message: string;
}

export interface AuditResult {
  schemaVersion: number;
  from: TargetDaemon;
  to: TargetDaemon;
  items: AuditItem[];
  summary: Record<AuditSeverity, number> & { usages: number };
}

export const AUDIT_SCHEMA_VERSION = 1;

function spokenText(spoken: SpokenVersion): string {
  return spoken.kind === 'refused' ? `refused (pin ${spoken.pin})` : `${spoken.version}${spoken.kind === 'unversioned' ? ' (unversioned)' : ''}`;
}

/** What changes for the code when the daemon goes from `from` to `to`. */
export function auditUpgrade(usages: readonly ScanUsage[], from: TargetDaemon, to: TargetDaemon): AuditResult {
  const items: AuditItem[] = [];
  for (const usage of usages) items.push(...auditUsage(usage, from, to));
  const unique = new Map(items.map((item) => [`${item.file}:${item.line}:${item.column} ${item.kind} ${item.message}`, item]));
  const sorted = [...unique.values()].sort(compareItems);
  const summary = { usages: usages.length, breaking: 0, 'behaviour-change': 0, deprecation: 0, 'newly-possible': 0 };
  for (const item of sorted) summary[item.severity]++;
  return { schemaVersion: AUDIT_SCHEMA_VERSION, from, to, items: sorted, summary };
}

function auditUsage(usage: ScanUsage, from: TargetDaemon, to: TargetDaemon): AuditItem[] {
  const before = spokenVersion(usage, from);
  const after = spokenVersion(usage, to);
  const endpoint = usage.method && usage.path ? `${usage.method} ${usage.path}` : null;
  const item = (severity: AuditSeverity, kind: string, message: string, feature: FeatureRecord | null = null, version: ApiVersion | null = null): AuditItem => ({
    severity,
    kind,
    file: usage.file,
    line: usage.line,
    column: usage.column,
    endpoint,
    feature: feature ? describeFeature(feature) : null,
    version,
    message,
  });

  if (after.kind === 'refused') {
    if (before.kind === 'refused') return [];
    const limit = after.reason === 'too-old' ? `its minimum is ${to.minApiVersion}` : `its maximum is ${to.maxApiVersion}`;
    return [item('breaking', 'pin-refused', `${endpoint ?? 'the call'} is pinned to ${after.pin}: ${to.label} refuses it (${limit})`)];
  }
  if (before.kind === 'refused') {
    return [item('newly-possible', 'pin-accepted', `${endpoint ?? 'the call'} is pinned to ${before.pin}: ${from.label} refuses it, ${to.label} accepts it`)];
  }
  const items: AuditItem[] = [];
  const needs = usage.minVersion && !usage.minVersionIsFloor ? usage.minVersion : null;
  if (needs && compareApiVersions(before.version, needs) < 0 && compareApiVersions(after.version, needs) >= 0) {
    items.push(item('newly-possible', 'newly-supported', `${endpoint} needs ${needs} (${usage.minVersionReason?.feature}): it works from ${to.label} on, not on ${from.label}`));
  }
  if (before.version === after.version) return items;
  const low = compareApiVersions(before.version, after.version) < 0 ? before.version : after.version;
  const high = low === before.version ? after.version : before.version;
  for (const feature of usage.features) {
    const presentBefore = CompatIndex.isPresentAt(feature, before.version);
    const presentAfter = CompatIndex.isPresentAt(feature, after.version);
    if (presentBefore && !presentAfter) {
      items.push(item('breaking', 'feature-removed', `${describeFeature(feature)} is gone at ${spokenText(after)}: the call speaks ${spokenText(before)} today`, feature, feature.removed));
      continue;
    }
    if (!presentAfter) continue;
    if (feature.deprecated && compareApiVersions(feature.deprecated, low) > 0 && compareApiVersions(feature.deprecated, high) <= 0) {
      const instead = feature.replacement ? `; use ${feature.replacement}` : '';
      items.push(item('deprecation', 'feature-deprecated', `${describeFeature(feature)} is deprecated from ${feature.deprecated}${instead}`, feature, feature.deprecated));
    }
    for (const change of feature.changes) {
      if (structuralEvent(change.kind) || change.severity === 'deprecation' || change.severity === 'addition') continue;
      if (compareApiVersions(change.version, low) <= 0 || compareApiVersions(change.version, high) > 0) continue;
      const severity: AuditSeverity = change.severity === 'breaking' ? 'breaking' : 'behaviour-change';
      items.push(item(severity, change.kind, `${changeMessage(feature, change.kind, change.from, change.to)} in ${change.version}`, feature, change.version));
    }
  }
  return items;
}

function compareItems(a: AuditItem, b: AuditItem): number {
  return (
    AUDIT_SEVERITIES.indexOf(a.severity) - AUDIT_SEVERITIES.indexOf(b.severity) ||
    compareText(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareText(a.message, b.message)
  );
}
