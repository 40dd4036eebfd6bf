import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { isMap, isScalar, type Node } from 'yaml';
import { loadDatabase } from '../database/compatDatabase.js';
import { CompatError } from '../errors.js';
import { resolveTargets, type TargetContext } from '../lint/targets.js';
import { ConfigSource } from './configSource.js';
import { PACKAGE_JSON_KEY, configCandidates, formatOfPath, statPath } from './discoverConfig.js';
import { validateConfig, type LintConfig, type ValidateContext } from './validateConfig.js';

export type { LintConfig } from './validateConfig.js';

export interface LoadConfigOptions {
  /** Where the search starts; also what messages name files relative to. */
  cwd: string;
  /** A file given with --config, relative to cwd: used instead of searching. */
  configPath?: string;
  /** What target queries are checked against; default: the bundled database. */
  targetContext?: TargetContext;
  /** The rule ids a configuration may name; default: the registry in rules/index.ts. */
  ruleIds?: readonly string[];
}

export interface LoadedConfig {
  /** Absolute path of the file read, or null when none was found. */
  path: string | null;
  config: LintConfig;
}

/**
 * The configuration for lint's `--config` option: a file name reads that file, `false`
 * (--no-config) reads none, absent searches from cwd.
 */
export async function loadConfigOption(option: string | string[] | boolean | undefined, options: Omit<LoadConfigOptions, 'configPath'>): Promise<LoadedConfig> {
  if (option === false) return { path: null, config: { rules: {} } };
  if (Array.isArray(option)) throw new CompatError('usage', '--config may be given once');
  if (option === true) throw new CompatError('usage', '--config needs a file name');
  return loadConfig({ ...options, configPath: option });
}

/**
 * Finds and reads the configuration for a lint run (see docs/configuration.md): the
 * nearest of package.json "dockerApiCompat", .docker-api-compatrc[.json|.yaml|.yml] and
 * docker-api-compat.config.{json,yaml,yml}, from cwd up to the project root. Never loads
 * JavaScript. Every problem is one `config` CompatError, `file:line:column: cause`.
 */
export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const cwd = resolve(options.cwd);
  if (options.configPath !== undefined) return loadExplicit(cwd, options.configPath, options);
  for (const candidate of configCandidates(cwd)) {
    const text = await readConfigText(candidate.path);
    if (candidate.format === 'package.json' && !text.includes(`"${PACKAGE_JSON_KEY}"`)) continue;
    const source = new ConfigSource(displayPath(cwd, candidate.path), text, candidate.format);
    const root = candidate.format === 'package.json' ? packageKeyValue(source) : source.root;
    if (root === undefined) continue;
    return { path: candidate.path, config: validateConfig(root, source, await validateContext(candidate.path, options)) };
  }
  return { path: null, config: { rules: {} } };
}

async function loadExplicit(cwd: string, configPath: string, options: LoadConfigOptions): Promise<LoadedConfig> {
  if (configPath.trim() === '') throw new CompatError('usage', '--config needs a file name');
  const path = resolve(cwd, configPath);
  const stats = statPath(path);
  if (!stats) throw new CompatError('config', `${configPath}: no such file (given with --config)`);
  if (!stats.isFile()) throw new CompatError('config', `${configPath}: not a file (given with --config)`);
  const format = formatOfPath(path);
  if (format === 'javascript') {
    throw new CompatError('config', `${configPath}: JavaScript and TypeScript configurations are not supported (the linter never runs code from the project); use JSON or YAML`);
  }
  const source = new ConfigSource(displayPath(cwd, path), await readConfigText(path), format);
  const root = format === 'package.json' ? packageKeyValue(source) : source.root;
  if (root === undefined) throw source.errorAtOffset(0, `no "${PACKAGE_JSON_KEY}" key in this package.json`);
  return { path, config: validateConfig(root, source, await validateContext(path, options)) };
}

/** The value of package.json's top-level `dockerApiCompat` key; undefined when there is none. */
function packageKeyValue(source: ConfigSource): Node | null | undefined {
  const root = source.root;
  if (!isMap(root)) return undefined;
  const pair = root.items.find((item) => isScalar(item.key) && item.key.value === PACKAGE_JSON_KEY);
  if (!pair) return undefined;
  return (pair.value as Node | null) ?? null;
}

async function validateContext(path: string, options: LoadConfigOptions): Promise<ValidateContext> {
  const ruleIds = options.ruleIds ?? Object.keys((await import('../../rules/index.js')).RULES);
  let targetContext = options.targetContext;
  return {
    path,
    ruleIds,
    checkTarget(query: string): void {
      targetContext ??= loadDatabase();
      resolveTargets([query], targetContext);
    },
  };
}

async function readConfigText(path: string): Promise<string> {
  try {
    return (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    throw new CompatError('config', `${path}: cannot read the configuration: ${(error as Error).message}`);
  }
}

/** Files are named relative to the folder lint runs in, as editors and terminals link them. */
function displayPath(cwd: string, path: string): string {
  const shown = relative(cwd, path);
  return shown === '' || isAbsolute(shown) ? path : shown;
}
