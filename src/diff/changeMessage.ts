import { describeFeature, type FeatureRef } from '../surface/feature.js';
import type { JsonValue } from '../surface/schemaFlattener.js';

function show(value: JsonValue | undefined): string {
  return value === undefined || value === null ? 'unset' : JSON.stringify(value);
}

function listDifference(left: JsonValue, right: JsonValue): string {
  const rightValues = new Set((Array.isArray(right) ? right : []).map((value) => JSON.stringify(value)));
  return (Array.isArray(left) ? left : [])
    .filter((value) => !rightValues.has(JSON.stringify(value)))
    .map(show)
    .join(', ');
}

/** The one-line message for a change, written from the kind and its values. */
export function changeMessage(feature: FeatureRef, kind: string, from: JsonValue, to: JsonValue): string {
  return `${describeFeature(feature)} ${changeDetail(kind, from, to)}`;
}

function changeDetail(kind: string, from: JsonValue, to: JsonValue): string {
  if (kind.startsWith('required-')) return 'added (required)';
  if (kind === 'response-type-changed' || kind.endsWith('-type-changed')) return `type changed from ${from} to ${to}`;
  if (kind.endsWith('-enum-value-added')) return `gained value(s) ${listDifference(to, from)}`;
  if (kind.endsWith('-enum-value-removed')) return `lost value(s) ${listDifference(from, to)}`;
  if (kind.endsWith('-enum-added')) return `now only accepts ${(Array.isArray(to) ? to : []).map(show).join(', ')}`;
  if (kind.endsWith('-enum-removed')) return 'no longer restricted to a list of values';
  if (kind.endsWith('-format-changed')) return `format changed from ${show(from)} to ${show(to)}`;
  if (kind.endsWith('-default-changed')) return `default changed from ${show(from)} to ${show(to)}`;
  if (kind.endsWith('-became-required')) return 'became required';
  if (kind.endsWith('-became-optional')) return 'became optional';
  if (kind.endsWith('-became-nullable')) return 'became nullable';
  if (kind.endsWith('-became-non-nullable')) return 'is no longer nullable';
  if (kind.endsWith('-undeprecated')) return 'no longer marked deprecated';
  if (kind.endsWith('-deprecated')) return typeof to === 'string' ? `deprecated (use ${to} instead)` : 'deprecated';
  if (kind.endsWith('-added')) return 'added';
  if (kind.endsWith('-removed')) return 'removed';
  return kind;
}
