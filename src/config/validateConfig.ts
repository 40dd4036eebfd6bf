import { dirname, resolve } from 'node:path';
import { distance } from 'fastest-levenshtein';
import { isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { isCompatError } from '../errors.js';
import type { RuleSetting } from '../lint/runLint.js';
import { CONFIG_KEYS, CONFIG_SEVERITIES, SEVERITY_FROM_CONFIG, type ConfigSeverity } from './configSchema.js';
import type { ConfigSource } from './configSource.js';

/** A configuration, checked, as `lint` uses it. */
export interface LintConfig {
  /** Target queries as written; each was checked to parse and select something. */
  targets?: string[];
  /** Per rule id, `warn` already mapped to `warning`. */
  rules: Record<string, RuleSetting>;
  include?: string[];
  ignore?: string[];
  /** Absolute: resolved relative to the configuration file. */
  baseline?: string;
}

export interface ValidateContext {
  /** Absolute path of the configuration file. */
  path: string;
  ruleIds: readonly string[];
  /** Throws (any CompatError) when a target query does not parse or selects nothing. */
  checkTarget(query: string): void;
}

const SEVERITY_LIST = CONFIG_SEVERITIES.map((severity) => `"${severity}"`).join(', ');

/**
 * Checks a parsed configuration and returns it. The first problem, in the order of the
 * file, is thrown as a `config` CompatError `file:line:column: cause`.
 */
export function validateConfig(root: Node | null, source: ConfigSource, context: ValidateContext): LintConfig {
  const document = deref(root, source);
  if (document === null && root === null && !source.json) return { rules: {} };
  if (!isMap(document)) throw source.errorAt(root, `the configuration must be an object, got ${describe(document)}`);
  const config: LintConfig = { rules: {} };
  for (const pair of entries(document, source)) {
    const key = keyName(pair, source);
    const value = given(pair.value);
    switch (key) {
      case '$schema':
        if (!isString(deref(value, source))) throw source.errorAt(value ?? keyNode(pair), `"$schema" must be a string, got ${describe(deref(value, source))}`);
        break;
      case 'targets':
        config.targets = readTargets(value, keyNode(pair), source, context);
        break;
      case 'rules':
        config.rules = readRules(value, keyNode(pair), source, context);
        break;
      case 'include':
      case 'ignore':
        config[key] = readGlobs(key, value, keyNode(pair), source);
        break;
      case 'baseline': {
        const file = deref(value, source);
        if (!isString(file) || file.value.trim() === '') throw source.errorAt(value ?? keyNode(pair), `"baseline" must be a file path, got ${describe(file)}`);
        config.baseline = resolve(dirname(context.path), file.value);
        break;
      }
      default:
        throw source.errorAt(keyNode(pair), `unknown key "${key}"${suggest(key, CONFIG_KEYS, 'keys')}`);
    }
  }
  return config;
}

function readTargets(value: Node | null, key: Node, source: ConfigSource, context: ValidateContext): string[] {
  const node = deref(value, source);
  const expected = '"targets" must be a target query such as "docker >= 24.0", or a list of them';
  const items = isSeq(node) ? node.items.map(given) : [value];
  if (!isString(node) && !isSeq(node)) throw source.errorAt(value ?? key, `${expected}, got ${describe(node)}`);
  if (items.length === 0) throw source.errorAt(value, `"targets" is empty: name at least one target, or leave the key out for the default`);
  return items.map((item) => {
    const query = deref(item, source);
    if (!isString(query)) throw source.errorAt(item ?? value, `${expected}, got ${describe(query)} in the list`);
    if (query.value.trim() === '') throw source.errorAt(item, 'empty target query');
    try {
      context.checkTarget(query.value);
    } catch (error) {
      if (isCompatError(error)) throw source.errorAt(item, error.message);
      throw error;
    }
    return query.value;
  });
}

function readRules(value: Node | null, key: Node, source: ConfigSource, context: ValidateContext): Record<string, RuleSetting> {
  const node = deref(value, source);
  if (!isMap(node)) throw source.errorAt(value ?? key, `"rules" must be an object of rule ids and severities, got ${describe(node)}`);
  const rules: Record<string, RuleSetting> = {};
  for (const pair of entries(node, source)) {
    const id = keyName(pair, source);
    if (!context.ruleIds.includes(id)) throw source.errorAt(keyNode(pair), `unknown rule "${id}"${suggest(id, context.ruleIds, 'rules')}`);
    rules[id] = readRuleEntry(id, given(pair.value), keyNode(pair), source);
  }
  return rules;
}

function readRuleEntry(id: string, value: Node | null, key: Node, source: ConfigSource): RuleSetting {
  const node = deref(value, source);
  const shape = `rule "${id}" takes a severity (${SEVERITY_LIST}) or [severity, options]`;
  if (isSeq(node)) {
    const [severityNode, optionsNode, ...extra] = node.items.map(given);
    if (severityNode === undefined || extra.length > 0) throw source.errorAt(value, `${shape}, got a list of ${node.items.length} items`);
    const options = deref(optionsNode ?? null, source);
    if (optionsNode !== undefined && !isMap(options)) {
      throw source.errorAt(optionsNode ?? value, `rule "${id}": options must be an object, got ${describe(options)}`);
    }
    return { severity: readSeverity(id, severityNode ?? value, source), options: options ? (options.toJS(source.document) as Record<string, unknown>) : {} };
  }
  if (!isScalar(node)) throw source.errorAt(value ?? key, `${shape}, got ${describe(node)}`);
  return { severity: readSeverity(id, value, source), options: {} };
}

function readSeverity(id: string, value: Node | null, source: ConfigSource): RuleSetting['severity'] {
  const node = deref(value, source);
  if (isString(node) && (CONFIG_SEVERITIES as readonly string[]).includes(node.value)) return SEVERITY_FROM_CONFIG[node.value as ConfigSeverity];
  const written = isString(node) ? `"${node.value}"` : describe(node);
  throw source.errorAt(value, `rule "${id}": invalid severity ${written}; use one of ${SEVERITY_LIST}`);
}

function readGlobs(key: 'include' | 'ignore', value: Node | null, keyNodeAt: Node, source: ConfigSource): string[] {
  const node = deref(value, source);
  const expected = `"${key}" must be a glob or a list of globs`;
  if (isString(node)) return [node.value];
  if (!isSeq(node)) throw source.errorAt(value ?? keyNodeAt, `${expected}, got ${describe(node)}`);
  return node.items.map(given).map((item) => {
    const glob = deref(item, source);
    if (!isString(glob) || glob.value === '') throw source.errorAt(item ?? value, `${expected}, got ${isString(glob) ? 'an empty string' : describe(glob)} in the list`);
    return glob.value;
  });
}

function entries(map: YAMLMap, source: ConfigSource): Pair[] {
  return map.items.filter((item): item is Pair => {
    if (!isPair(item)) throw source.errorAt(map, 'unexpected item in a mapping');
    return true;
  });
}

function keyNode(pair: Pair): Node {
  return pair.key as Node;
}

function keyName(pair: Pair, source: ConfigSource): string {
  const key = deref(pair.key as Node | null, source);
  if (!isScalar(key) || key.value === null || typeof key.value === 'object') throw source.errorAt(pair.key as Node | null, 'keys must be strings');
  return String(key.value);
}

function isString(node: Node | null): node is Node & { value: string } {
  return isScalar(node) && typeof node.value === 'string';
}

/** A value, or null where nothing is written (`key:` alone, `- ` alone). */
function given(value: unknown): Node | null {
  if (value === null || value === undefined) return null;
  const node = value as Node;
  if (isScalar(node) && node.value === null && node.range && node.range[0] === node.range[1]) return null;
  return node;
}

/** An alias (`*name`) stands for the node it names. */
function deref(node: Node | null | undefined, source: ConfigSource): Node | null {
  if (node === undefined || node === null) return null;
  return isAlias(node) ? ((node.resolve(source.document) as Node | undefined) ?? null) : node;
}

function describe(node: Node | null): string {
  if (node === null) return 'nothing';
  if (isMap(node)) return 'an object';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    if (node.value === null) return 'null';
    if (typeof node.value === 'string') return `the string ${JSON.stringify(node.value)}`;
    if (typeof node.value === 'number' || typeof node.value === 'bigint') return `the number ${String(node.value)}`;
    if (typeof node.value === 'boolean') return String(node.value);
  }
  return 'an unsupported value';
}

/** `; did you mean "x"?` for a near miss, else the names there are. */
export function suggest(name: string, known: readonly string[], what: string): string {
  if (known.length === 0) return '';
  const ranked = known.map((candidate) => ({ candidate, score: distance(name.toLowerCase(), candidate.toLowerCase()) })).sort((a, b) => a.score - b.score || (a.candidate < b.candidate ? -1 : 1));
  const best = ranked[0];
  if (best.score <= Math.max(2, Math.floor(name.length / 3))) return `; did you mean "${best.candidate}"?`;
  return `; known ${what}: ${[...known].sort().join(', ')}`;
}
