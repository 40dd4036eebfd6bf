import { readFile } from 'node:fs/promises';
import { basename, dirname, posix, resolve } from 'node:path';
import { globby } from 'globby';
import { ts } from 'ts-morph';
import { toPortablePath } from './discoverFiles.js';
import { resolveModulePath } from './prefilter.js';

/** A tsconfig/jsconfig `paths` entry: `@/*` -> `src/*`, for the files under the config's folder. */
interface PathAlias {
  /** The folder whose files the config covers, relative to the working directory ('' for it). */
  scope: string;
  prefix: string;
  /** After the `*`; undefined for an exact alias without one. */
  suffix: string | undefined;
  /** Targets relative to the working directory, each with at most one `*`. */
  targets: string[];
}

/**
 * The modules a bare specifier can name inside the scanned project: workspace packages by
 * name (and their subpaths: `@acme/server/constants`), and tsconfig or jsconfig `paths`
 * aliases (`@/lib/docker`, `~/utils`). Code imports them like relative modules, and the
 * analyser follows them the same way.
 */
export class LocalModules {
  constructor(
    /** Package name -> the source file standing for its entry point. */
    readonly packages: ReadonlyMap<string, string> = new Map(),
    /** Package name -> its folder. */
    private readonly packageFolders: ReadonlyMap<string, string> = new Map(),
    private readonly aliases: PathAlias[] = [],
  ) {}

  resolve(fromPath: string, specifier: string, known: ReadonlySet<string>): string | undefined {
    const entry = this.packages.get(specifier);
    if (entry !== undefined) return entry;
    for (const alias of this.aliases) {
      if (alias.scope !== '' && !fromPath.startsWith(`${alias.scope}/`)) continue;
      const star = matchAlias(alias, specifier);
      if (star === undefined) continue;
      for (const target of alias.targets) {
        const found = resolveModulePath(target.replace('*', star), known);
        if (found) return found;
      }
    }
    const owner = this.packageOf(specifier);
    if (!owner) return undefined;
    // `@acme/server/constants`: the subpath in the package's folder, or in its sources.
    const [name, folder] = owner;
    const subpath = specifier.slice(name.length + 1);
    const root = folder === '' ? '' : `${folder}/`;
    return resolveModulePath(`${root}${subpath}`, known) ?? resolveModulePath(`${root}src/${subpath}`, known);
  }

  /** Whether a specifier may name a module of the project (a package or an alias) rather than a dependency. */
  has(specifier: string): boolean {
    return this.packages.has(specifier) || this.packageOf(specifier) !== undefined || this.aliases.some((alias) => matchAlias(alias, specifier) !== undefined);
  }

  private packageOf(specifier: string): [string, string] | undefined {
    for (const [name, folder] of this.packageFolders) if (specifier.startsWith(`${name}/`)) return [name, folder];
    return undefined;
  }
}

/** What the alias's `*` stands for in the specifier ('' for an exact alias), or undefined when it does not match. */
function matchAlias(alias: PathAlias, specifier: string): string | undefined {
  if (alias.suffix === undefined) return specifier === alias.prefix ? '' : undefined;
  if (!specifier.startsWith(alias.prefix) || !specifier.endsWith(alias.suffix) || specifier.length < alias.prefix.length + alias.suffix.length) return undefined;
  return specifier.slice(alias.prefix.length, specifier.length - alias.suffix.length);
}

/** The workspace packages and the path aliases of the projects under the roots. */
export async function findLocalModules(roots: string[], cwd: string, knownFiles: ReadonlySet<string>, gitignore = true): Promise<LocalModules> {
  // One walk of the tree for both kinds of file: on a large monorepo each walk is a tenth of a second.
  const found = await filesUnderRoots(['**/package.json', '**/tsconfig.json', '**/jsconfig.json'], roots, cwd, gitignore);
  const manifests = found.filter((path) => basename(path) === 'package.json');
  const folders = new Map<string, string>();
  const packages = await findLocalPackages(manifests, cwd, knownFiles, folders);
  return new LocalModules(packages, folders, await findPathAliases(found.filter((path) => basename(path) !== 'package.json'), cwd));
}

async function findPathAliases(configs: string[], cwd: string): Promise<PathAlias[]> {
  const aliases: PathAlias[] = [];
  for (const config of configs) {
    const paths = await readPaths(config, 0);
    if (!paths) continue;
    const scope = relativeToCwd(cwd, dirname(config));
    for (const [pattern, targets] of Object.entries(paths.paths)) {
      if (!Array.isArray(targets) || (pattern.match(/\*/g) ?? []).length > 1) continue;
      const star = pattern.indexOf('*');
      aliases.push({
        scope,
        prefix: star === -1 ? pattern : pattern.slice(0, star),
        suffix: star === -1 ? undefined : pattern.slice(star + 1),
        targets: targets.filter((target): target is string => typeof target === 'string').map((target) => relativeToCwd(cwd, resolve(paths.base, target))),
      });
    }
  }
  // Longer prefixes first, as TypeScript picks the longest match.
  return aliases.sort((a, b) => b.prefix.length - a.prefix.length);
}

/**
 * A config's `paths` with the folder its targets are relative to (`baseUrl`, else the config
 * that declares them), following `extends` to a file a few levels deep. Comments and trailing
 * commas are allowed, as TypeScript allows them.
 */
async function readPaths(config: string, depth: number): Promise<{ paths: Record<string, unknown>; base: string } | undefined> {
  if (depth > 4) return undefined;
  let parsed: { compilerOptions?: { paths?: unknown; baseUrl?: unknown }; extends?: unknown };
  try {
    const result = ts.parseConfigFileTextToJson(config, await readFile(config, 'utf8'));
    if (result.error || !result.config) return undefined;
    parsed = result.config;
  } catch {
    return undefined;
  }
  const options = parsed.compilerOptions ?? {};
  const baseUrl = typeof options.baseUrl === 'string' ? resolve(dirname(config), options.baseUrl) : undefined;
  if (options.paths && typeof options.paths === 'object') return { paths: options.paths as Record<string, unknown>, base: baseUrl ?? dirname(config) };
  // Inherited paths: only from a file (`./tsconfig.base.json`), not from a package's config.
  const parents = (Array.isArray(parsed.extends) ? parsed.extends : [parsed.extends]).filter((parent): parent is string => typeof parent === 'string' && parent.startsWith('.'));
  for (const parent of parents.reverse()) {
    const inherited = await readPaths(resolve(dirname(config), parent.endsWith('.json') ? parent : `${parent}.json`), depth + 1);
    if (inherited) return baseUrl ? { paths: inherited.paths, base: baseUrl } : inherited;
  }
  return undefined;
}

/**
 * The workspace's own packages (a monorepo's `packages/*`), by package name, with
 * the source file that stands for the package's entry point. Code imports them by
 * name (`import { docker } from '@acme/docker-shared'`), and the analyser follows
 * those imports like relative ones. `.gitignore` counts as it does for the scan
 * (`--no-gitignore` scans of an ignored tree find its packages too).
 */
async function findLocalPackages(manifests: string[], cwd: string, knownFiles: ReadonlySet<string>, folders: Map<string, string>): Promise<Map<string, string>> {
  const packages = new Map<string, string>();
  for (const manifest of manifests) {
    let parsed: { name?: unknown; main?: unknown; types?: unknown; module?: unknown; exports?: unknown };
    try {
      parsed = JSON.parse(await readFile(manifest, 'utf8'));
    } catch {
      continue;
    }
    if (typeof parsed.name !== 'string' || packages.has(parsed.name)) continue;
    const folder = relativeToCwd(cwd, dirname(manifest));
    if (!folders.has(parsed.name)) folders.set(parsed.name, folder);
    const entry = entryFile(folder, parsed, knownFiles);
    if (entry) packages.set(parsed.name, entry);
  }
  return packages;
}

/** Files matching the patterns under each root (never in node_modules or .git; .gitignore as the scan takes it), in order. */
async function filesUnderRoots(patterns: string[], roots: string[], cwd: string, gitignore: boolean): Promise<string[]> {
  const found: string[] = [];
  for (const root of roots.length > 0 ? roots : ['.']) {
    const files = await globby(patterns, {
      cwd: resolve(cwd, root),
      ignore: ['**/node_modules/**', '**/.git/**'],
      gitignore,
      absolute: true,
      followSymbolicLinks: false,
      suppressErrors: true,
    }).catch(() => []);
    found.push(...files.sort());
  }
  return found;
}

/** A path as findings give it: relative to the working directory, `/`-separated. */
function relativeToCwd(cwd: string, path: string): string {
  return toPortablePath(posix.relative(toPortablePath(resolve(cwd)), toPortablePath(path)));
}

/** The source behind `main`/`exports`/`types`: dist/index.js stands for src/index.ts. */
function entryFile(folder: string, manifest: { main?: unknown; types?: unknown; module?: unknown; exports?: unknown }, knownFiles: ReadonlySet<string>): string | undefined {
  const declared = [exportTarget(manifest.exports), manifest.module, manifest.main, manifest.types].filter((value): value is string => typeof value === 'string');
  const candidates: string[] = [];
  for (const target of declared) {
    const clean = target.replace(/^\.\//, '');
    const stem = clean.replace(/\.(d\.)?[mc]?[jt]sx?$/, '');
    candidates.push(clean, `${stem}.ts`, `${stem}.tsx`, `${stem}.js`, stem.replace(/^(dist|build|lib|out)\//, 'src/') + '.ts', stem.replace(/^(dist|build|lib|out)\//, 'src/') + '.js');
  }
  candidates.push('src/index.ts', 'src/index.js', 'index.ts', 'index.js', 'lib/index.js');
  const root = folder === '' ? '' : `${folder}/`;
  return candidates.map((candidate) => posix.normalize(`${root}${candidate}`)).find((candidate) => knownFiles.has(candidate));
}

function exportTarget(exports: unknown): string | undefined {
  if (typeof exports === 'string') return exports;
  if (!exports || typeof exports !== 'object') return undefined;
  const root = (exports as Record<string, unknown>)['.'] ?? exports;
  if (typeof root === 'string') return root;
  if (!root || typeof root !== 'object') return undefined;
  const conditions = root as Record<string, unknown>;
  for (const key of ['types', 'import', 'require', 'default', 'node']) {
    const value = conditions[key];
    if (typeof value === 'string') return value;
    const nested = exportTarget(value);
    if (nested) return nested;
  }
  return undefined;
}
