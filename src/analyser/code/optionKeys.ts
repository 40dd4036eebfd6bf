import { alternatives, oneOf, type AbstractValue, type ObjectValue } from './abstractValue.js';

/** The keys an options object sends, flattened to dotted paths, and what stayed unknown. */
export interface OptionKeys {
  paths: string[];
  conditional: string[];
  dynamic: string[];
}

// Objects nest a few levels in practice (HostConfig.Mounts[].BindOptions...); the cap stops cycles.
const MAX_DEPTH = 10;

/**
 * `{ HostConfig: { Init: true }, Mounts: [{ Type: 'bind' }] }` -> `HostConfig`,
 * `HostConfig.Init`, `Mounts`, `Mounts[].Type`. Keys behind an unresolved spread are
 * reported in `dynamic` under the path they hang from.
 */
export function flattenOptionKeys(value: AbstractValue, label: string): OptionKeys {
  const result: OptionKeys = { paths: [], conditional: [], dynamic: [] };
  visit(value, '', result, label, 0, false);
  result.paths = [...new Set(result.paths)];
  result.conditional = [...new Set(result.conditional)];
  result.dynamic = [...new Set(result.dynamic)];
  return result;
}

function visit(value: AbstractValue, prefix: string, result: OptionKeys, label: string, depth: number, conditional: boolean): void {
  if (depth > MAX_DEPTH) return;
  const options = alternatives(value).flatMap((option) => (option.kind === 'json' ? alternatives(option.value) : [option]));
  const objects = options.filter((option): option is ObjectValue => option.kind === 'object');
  // A key is sent whatever path the code takes when every alternative is an object that sets it
  // unconditionally: a helper called from two places with `{ Image, name }` sends both each time.
  const everyAlternativeIsObject = objects.length === options.length;
  for (const key of new Set(objects.flatMap((object) => [...object.properties.keys()]))) {
    const holders = objects.filter((object) => object.properties.has(key));
    const path = prefix === '' ? key : `${prefix}.${key}`;
    result.paths.push(path);
    const keyConditional = conditional || !everyAlternativeIsObject || holders.length < objects.length || holders.some((object) => object.conditional?.has(key));
    if (keyConditional) result.conditional.push(path);
    visit(oneOf(holders.map((object) => object.properties.get(key)!)), path, result, label, depth + 1, keyConditional);
  }
  for (const object of objects) {
    if (object.open) result.dynamic.push(prefix === '' ? `${label}: some keys could not be resolved` : `${label}: keys of ${prefix} could not be resolved`);
  }
  const underCondition = conditional || options.length > 1;
  for (const option of options) {
    if (option.kind === 'array') {
      for (const element of option.elements) if (element.kind === 'object' || element.kind === 'oneOf') visit(element, `${prefix}[]`, result, label, depth + 1, underCondition);
    } else if (option.kind === 'unknown' && prefix === '') {
      result.dynamic.push(`${label}: ${option.reason}`);
    } else if (option.kind === 'response' && prefix === '') {
      // `service.update(info.Spec)`: what the daemon sent, sent back; its keys are not in the code.
      result.dynamic.push(`${label}: taken from a response of the daemon`);
    }
  }
}

/** Top-level keys only: for query strings. */
export function topLevelKeys(keys: OptionKeys): string[] {
  return keys.paths.filter((path) => !path.includes('.') && !path.includes('['));
}
