import { readDeprecationNote } from './deprecationNotes.js';

/** A (dereferenced) Swagger 2.0 schema object, read defensively. */
export type SchemaObject = Record<string, unknown>;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** What one version of the spec says about a feature. Absent keys mean "not stated". */
export interface FeatureFacts {
  /** `string`, `integer`, `boolean`, `object`, `array<string>`, `map<object>`, ... */
  type?: string;
  format?: string;
  enum?: JsonValue[];
  default?: JsonValue;
  required?: boolean;
  nullable?: boolean;
  deprecated?: boolean;
  replacement?: string;
}

export interface FlatField {
  /** Dotted path: `HostConfig.Init`, `Mounts[].BindOptions`, `EndpointsConfig{}.IPAMConfig`, `[].Names`. */
  name: string;
  facts: FeatureFacts;
}

// Docker's schemas nest at most about ten levels; the guard only stops runaway recursion.
const MAX_DEPTH = 24;

function isSchema(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface MergedSchema {
  schema: SchemaObject;
  properties: Map<string, SchemaObject>;
  required: Set<string>;
  descriptions: string[];
}

/** Folds `allOf` into one view: properties and required names of every part. */
function mergeAllOf(schema: SchemaObject, merged: MergedSchema = emptyMerge(schema), seen = new Set<SchemaObject>()): MergedSchema {
  if (seen.has(schema)) return merged;
  seen.add(schema);
  if (typeof schema.description === 'string') merged.descriptions.push(schema.description);
  if (Array.isArray(schema.allOf)) {
    for (const part of schema.allOf) if (isSchema(part)) mergeAllOf(part, merged, seen);
  }
  if (isSchema(schema.properties)) {
    for (const [key, value] of Object.entries(schema.properties)) {
      if (isSchema(value)) merged.properties.set(key, value);
    }
  }
  if (Array.isArray(schema.required)) {
    for (const name of schema.required) if (typeof name === 'string') merged.required.add(name);
  }
  return merged;
}

function emptyMerge(schema: SchemaObject): MergedSchema {
  return { schema, properties: new Map(), required: new Set(), descriptions: [] };
}

function findInAllOf(schema: SchemaObject, key: string, depth = 0): unknown {
  if (schema[key] !== undefined) return schema[key];
  if (depth > MAX_DEPTH || !Array.isArray(schema.allOf)) return undefined;
  for (const part of schema.allOf) {
    if (!isSchema(part)) continue;
    const found = findInAllOf(part, key, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A short, comparable description of a schema's type. */
export function describeSchemaType(schema: SchemaObject, depth = 0): string {
  if (depth > MAX_DEPTH) return 'any';
  const type = findInAllOf(schema, 'type');
  const items = findInAllOf(schema, 'items');
  if (type === 'array' || (type === undefined && isSchema(items))) {
    return isSchema(items) ? `array<${describeSchemaType(items, depth + 1)}>` : 'array<any>';
  }
  const additional = findInAllOf(schema, 'additionalProperties');
  const hasProperties = mergeAllOf(schema).properties.size > 0;
  if (type === 'object' || hasProperties || additional !== undefined) {
    if (!hasProperties && isSchema(additional)) return `map<${describeSchemaType(additional, depth + 1)}>`;
    return 'object';
  }
  return typeof type === 'string' ? type : 'any';
}

function sortedEnum(values: unknown[]): JsonValue[] {
  return [...(values as JsonValue[])].sort((a, b) => {
    const left = JSON.stringify(a);
    const right = JSON.stringify(b);
    return left < right ? -1 : left > right ? 1 : 0;
  });
}

/** Facts common to parameters and schema fields. */
export function readSchemaFacts(schema: SchemaObject, extraDescription?: unknown): FeatureFacts {
  const merged = mergeAllOf(schema);
  const facts: FeatureFacts = { type: describeSchemaType(schema) };
  const format = findInAllOf(schema, 'format');
  if (typeof format === 'string') facts.format = format;
  const values = findInAllOf(schema, 'enum');
  if (Array.isArray(values) && values.length > 0) facts.enum = sortedEnum(values);
  const defaultValue = findInAllOf(schema, 'default');
  if (defaultValue !== undefined) facts.default = defaultValue as JsonValue;
  if (findInAllOf(schema, 'x-nullable') === true) facts.nullable = true;
  const descriptions = [extraDescription, ...merged.descriptions].filter((text) => typeof text === 'string').join('\n\n');
  const deprecation = readDeprecationNote(descriptions, findInAllOf(schema, 'deprecated') ?? schema['x-deprecated']);
  if (deprecation) {
    facts.deprecated = true;
    if (deprecation.replacement) facts.replacement = deprecation.replacement;
  }
  return facts;
}

function joinFieldPath(parent: string, child: string): string {
  return parent === '' ? child : `${parent}.${child}`;
}

/**
 * Flattens a schema into dotted field paths. The root itself is not a field; a root
 * array contributes `[]` (`[].Names`) and a root map `{}`.
 */
export function flattenSchema(root: SchemaObject): FlatField[] {
  const fields: FlatField[] = [];
  const ancestors = new Set<SchemaObject>();

  const visit = (schema: SchemaObject, prefix: string, depth: number): void => {
    if (depth > MAX_DEPTH || ancestors.has(schema)) return;
    ancestors.add(schema);
    const merged = mergeAllOf(schema);
    for (const key of [...merged.properties.keys()].sort()) {
      const child = merged.properties.get(key)!;
      const name = joinFieldPath(prefix, key);
      const facts = readSchemaFacts(child);
      if (merged.required.has(key)) facts.required = true;
      fields.push({ name, facts });
      visit(child, name, depth + 1);
    }
    const additional = findInAllOf(schema, 'additionalProperties');
    if (isSchema(additional)) visit(additional, `${prefix}{}`, depth + 1);
    const items = findInAllOf(schema, 'items');
    if (isSchema(items)) visit(items, `${prefix}[]`, depth + 1);
    ancestors.delete(schema);
  };

  visit(root, '', 0);
  return fields;
}
