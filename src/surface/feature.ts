/**
 * What a feature of the Engine API is, independent of any one version: an
 * operation, one of its parameters, a request body field, a response status or a
 * response field. Identity ignores path-parameter names (`/images/{name}/json` and
 * `/images/{id}/json` are one operation) and the case of header names.
 */

import { compareText } from '../text.js';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

export const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

export type FeatureLocation = 'operation' | 'query' | 'path' | 'header' | 'body' | 'response';

export const FEATURE_LOCATIONS: readonly FeatureLocation[] = ['operation', 'path', 'query', 'header', 'body', 'response'];

export interface FeatureRef {
  method: HttpMethod;
  /** Path template as the spec writes it, e.g. `/containers/{id}/json`. */
  path: string;
  location: FeatureLocation;
  /** Parameter name or dotted field path; empty for an operation or a response status. */
  name: string;
  /** HTTP status code, for responses only. */
  status?: string;
}

/** `/images/{name}/json` -> `/images/{}/json`. */
export function normalizePathTemplate(path: string): string {
  return path.replace(/\{[^}]*\}/g, '{}');
}

export function operationKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${normalizePathTemplate(path)}`;
}

/**
 * The identity of a feature across versions. Path parameters are keyed by their
 * position, since renaming `{name}` to `{id}` changes nothing on the wire.
 */
export function featureKey(feature: FeatureRef): string {
  const operation = operationKey(feature.method, feature.path);
  switch (feature.location) {
    case 'operation':
      return operation;
    case 'path':
      return `${operation} path #${pathParameterIndex(feature.path, feature.name)}`;
    case 'header':
      return `${operation} header ${feature.name.toLowerCase()}`;
    case 'response':
      return `${operation} response ${feature.status ?? ''} ${feature.name}`;
    default:
      return `${operation} ${feature.location} ${feature.name}`;
  }
}

export function pathParameterNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]*)\}/g)].map((match) => match[1]);
}

function pathParameterIndex(path: string, name: string): number {
  return pathParameterNames(path).indexOf(name);
}

/** Human-readable name of a feature: `POST /containers/create body HostConfig.Init`. */
export function describeFeature(feature: FeatureRef): string {
  const operation = `${feature.method} ${feature.path}`;
  switch (feature.location) {
    case 'operation':
      return operation;
    case 'response':
      return feature.name === ''
        ? `${operation} response ${feature.status}`
        : `${operation} response ${feature.status} field ${feature.name}`;
    case 'body':
      return `${operation} body field ${feature.name}`;
    default:
      return `${operation} ${feature.location} parameter ${feature.name}`;
  }
}

const LOCATION_ORDER = new Map(FEATURE_LOCATIONS.map((location, index) => [location, index]));

/** The one order every list of features is printed in: by path, method, location, status, name. */
export function compareFeatureRefs(a: FeatureRef, b: FeatureRef): number {
  return (
    compareText(normalizePathTemplate(a.path), normalizePathTemplate(b.path)) ||
    HTTP_METHODS.indexOf(a.method) - HTTP_METHODS.indexOf(b.method) ||
    LOCATION_ORDER.get(a.location)! - LOCATION_ORDER.get(b.location)! ||
    compareText(a.status ?? '', b.status ?? '') ||
    compareText(a.name, b.name)
  );
}

/**
 * The feature that encloses this one: a field's parent field, a top-level field's
 * response status, a parameter's operation. Undefined for an operation.
 */
export function parentFeature(feature: FeatureRef): FeatureRef | undefined {
  const operation: FeatureRef = { method: feature.method, path: feature.path, location: 'operation', name: '' };
  if (feature.location === 'operation') return undefined;
  if (feature.location !== 'body' && feature.location !== 'response') return operation;
  if (feature.name === '') return operation;
  const parentName = parentFieldPath(feature.name);
  if (parentName === '' && feature.location === 'body') return operation;
  return { ...feature, name: parentName };
}

/** `Mounts[].BindOptions` -> `Mounts`; `EndpointsConfig{}.IPAMConfig` -> `EndpointsConfig`; `[].Names` -> ``. */
export function parentFieldPath(name: string): string {
  const lastDot = name.lastIndexOf('.');
  const parent = lastDot === -1 ? '' : name.slice(0, lastDot);
  return parent.replace(/(\[\]|\{\})+$/, '');
}
