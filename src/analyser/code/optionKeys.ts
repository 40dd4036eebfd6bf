import { alternatives, type AbstractValue } from './abstractValue.js';

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
  const options = alternatives(value);
  const underCondition = conditional || options.length > 1;
  for (const option of options) {
    if (option.kind === 'object') {
      for (const [key, child] of option.properties) {
        const path = prefix === '' ? key : `${prefix}.${key}`;
        result.paths.push(path);
        if (underCondition || option.conditional?.has(key)) result.conditional.push(path);
        visit(child, path, result, label, depth + 1, underCondition || (option.conditional?.has(key) ?? false));
      }
      if (option.open) result.dynamic.push(prefix === '' ? `${label}: some keys could not be resolved` : `${label}: keys of ${prefix} could not be resolved`);
    } else if (option.kind === 'array') {
      for (const element of option.elements) if (element.kind === 'object' || element.kind === 'oneOf') visit(element, `${prefix}[]`, result, label, depth + 1, underCondition);
    } else if (option.kind === 'json') {
      visit(option.value, prefix, result, label, depth, underCondition);
    } else if (option.kind === 'unknown' && prefix === '') {
      result.dynamic.push(`${label}: ${option.reason}`);
    }
  }
}

/** Top-level keys only: for query strings. */
export function topLevelKeys(keys: OptionKeys): string[] {
  return keys.paths.filter((path) => !path.includes('.') && !path.includes('['));
}
