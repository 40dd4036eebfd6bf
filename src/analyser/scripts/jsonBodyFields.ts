import { type WordPart } from './shellWords.js';

export interface BodyFields {
  /** Dotted field paths in document order: `HostConfig`, `HostConfig.Init`, `Mounts[].Type`. */
  fields: string[];
  dynamic: string[];
}

/**
 * Stands in for an expansion while the text is parsed as JSON: valid inside a string
 * (`"$IMAGE"`) and as a bare value (`{"Tty": $TTY}`), where JSON.parse reads it as Infinity.
 */
const EXPANSION_STAND_IN = '1e999';
const MAX_DEPTH = 64;

/** The field paths of a JSON request body given as shell text. */
export function jsonBodyFields(parts: readonly WordPart[]): BodyFields {
  const result: BodyFields = { fields: [], dynamic: [] };
  const text = parts.map((part) => (part.expansion ? EXPANSION_STAND_IN : part.text)).join('');
  if (text.trim() === '') return result;
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    result.dynamic.push(/^\s*[{[]/.test(text) ? 'body: not valid JSON' : 'body: not a JSON document');
    return result;
  }
  if (document === Infinity) {
    result.dynamic.push(`body: ${parts.map((part) => part.text).join('')}`);
    return result;
  }
  const fields = new Set<string>();
  collectFields(document, '', fields, result.dynamic, 0);
  result.fields = [...fields];
  return result;
}

/** Objects add `.key`, arrays `[]`; maps cannot be told from objects in JSON, so they read as objects. */
function collectFields(value: unknown, prefix: string, fields: Set<string>, dynamic: string[], depth: number): void {
  if (depth > MAX_DEPTH) {
    dynamic.push(`body: fields nested deeper than ${MAX_DEPTH} levels were not read`);
    return;
  }
  if (value === Infinity && prefix !== '') {
    dynamic.push(`body: ${prefix.replace(/\[\]$/, '')} is not literal`);
    return;
  }
  if (Array.isArray(value)) {
    for (const element of value) collectFields(element, `${prefix}[]`, fields, dynamic, depth + 1);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    if (key.includes(EXPANSION_STAND_IN)) {
      dynamic.push(`body: a field name under ${prefix || 'the top level'} is not literal`);
      continue;
    }
    const path = prefix === '' ? key : `${prefix}.${key}`;
    fields.add(path);
    collectFields(child, path, fields, dynamic, depth + 1);
  }
}
