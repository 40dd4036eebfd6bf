import type { ApiVersion } from '../versions/apiVersion.js';
import { readDeprecationNote } from './deprecationNotes.js';
import { featureKey, HTTP_METHODS, type FeatureRef, type HttpMethod } from './feature.js';
import { flattenSchema, readSchemaFacts, describeSchemaType, type FeatureFacts, type SchemaObject } from './schemaFlattener.js';

export interface SurfaceFeature {
  ref: FeatureRef;
  facts: FeatureFacts;
}

/** Everything one API version offers, keyed by `featureKey`. */
export interface SpecSurface {
  version: ApiVersion;
  features: Map<string, SurfaceFeature>;
}

type SwaggerDocument = { paths?: Record<string, Record<string, unknown>> };

function isObject(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Normalises a dereferenced Swagger 2.0 document into its features. */
export function buildSurface(document: SwaggerDocument, version: ApiVersion): SpecSurface {
  const features = new Map<string, SurfaceFeature>();
  const add = (ref: FeatureRef, facts: FeatureFacts): void => {
    features.set(featureKey(ref), { ref, facts });
  };

  for (const [path, pathItem] of Object.entries(document.paths ?? {})) {
    const sharedParameters = Array.isArray(pathItem.parameters) ? pathItem.parameters : [];
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method.toLowerCase()];
      if (!isObject(operation)) continue;
      const operationRef: FeatureRef = { method, path, location: 'operation', name: '' };
      add(operationRef, operationFacts(operation));
      const parameters = mergeParameters(sharedParameters, Array.isArray(operation.parameters) ? operation.parameters : []);
      for (const parameter of parameters) addParameter(add, method, path, parameter);
      addResponses(add, method, path, operation.responses);
    }
  }
  return { version, features };
}

function operationFacts(operation: SchemaObject): FeatureFacts {
  const note = readDeprecationNote(operation.description, operation.deprecated);
  if (!note) return {};
  return note.replacement ? { deprecated: true, replacement: note.replacement } : { deprecated: true };
}

/** Operation-level parameters override path-level ones with the same name and location. */
function mergeParameters(shared: unknown[], own: unknown[]): SchemaObject[] {
  const byIdentity = new Map<string, SchemaObject>();
  for (const parameter of [...shared, ...own]) {
    if (isObject(parameter)) byIdentity.set(`${String(parameter.in)} ${String(parameter.name)}`, parameter);
  }
  return [...byIdentity.values()];
}

type AddFeature = (ref: FeatureRef, facts: FeatureFacts) => void;

function addParameter(add: AddFeature, method: HttpMethod, path: string, parameter: SchemaObject): void {
  const name = String(parameter.name);
  switch (parameter.in) {
    case 'query':
    case 'path':
    case 'header': {
      const facts = readSchemaFacts(parameter, parameter.description);
      if (parameter.required === true) facts.required = true;
      add({ method, path, location: parameter.in, name }, facts);
      return;
    }
    case 'body':
    case 'formData': {
      const schema = isObject(parameter.schema) ? parameter.schema : parameter;
      for (const field of flattenSchema(schema)) add({ method, path, location: 'body', name: field.name }, field.facts);
      return;
    }
  }
}

function addResponses(add: AddFeature, method: HttpMethod, path: string, responses: unknown): void {
  if (!isObject(responses)) return;
  for (const [status, response] of Object.entries(responses)) {
    if (!isObject(response)) continue;
    const schema = isObject(response.schema) ? response.schema : undefined;
    const statusFacts: FeatureFacts = schema ? { type: describeSchemaType(schema) } : {};
    add({ method, path, location: 'response', name: '', status }, statusFacts);
    if (!schema) continue;
    for (const field of flattenSchema(schema)) {
      add({ method, path, location: 'response', name: field.name, status }, field.facts);
    }
  }
}
