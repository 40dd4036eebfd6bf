import { statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { globby } from 'globby';
import { CompatError } from '../errors.js';

export const CODE_EXTENSIONS = ['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs'];

/** What `scan` reads unless told otherwise: code, scripts, Dockerfiles, Makefiles, CI YAML and env files. */
export const DEFAULT_INCLUDE = [
  `**/*.{${CODE_EXTENSIONS.join(',')}}`,
  '**/*.{sh,bash,zsh,yml,yaml,env,mk}',
  '**/{Dockerfile,Makefile,GNUmakefile,.env}',
  '**/*.Dockerfile',
  '**/Dockerfile.*',
  '**/.env.*',
];

/** Never worth reading: dependencies, build output, declaration files, bundles. */
export const DEFAULT_IGNORE = [
  '**/node_modules/**',
  '**/.git/**',
  '**/dist/**',
  '**/build/**',
  '**/coverage/**',
  '**/.next/**',
  '**/vendor/**',
  '**/*.d.ts',
  '**/*.d.mts',
  '**/*.d.cts',
  '**/*.min.js',
  '**/*.bundle.js',
];

export interface DiscoverOptions {
  /** Files or folders to scan, relative to cwd. */
  paths: string[];
  cwd: string;
  include?: string[];
  ignore?: string[];
}

export interface DiscoveredFile {
  /** Relative to cwd, `/`-separated. */
  path: string;
  absolutePath: string;
}

/**
 * The files a scan reads, honouring .gitignore files, sorted so that output never
 * depends on the file system's order. Symbolic links are not followed (no loops).
 */
export async function discoverFiles(options: DiscoverOptions): Promise<DiscoveredFile[]> {
  const include = options.include && options.include.length > 0 ? options.include : DEFAULT_INCLUDE;
  const ignore = [...DEFAULT_IGNORE, ...(options.ignore ?? [])];
  const found = new Set<string>();
  for (const path of options.paths.length > 0 ? options.paths : ['.']) {
    const absolute = resolve(options.cwd, path);
    let stats;
    try {
      stats = statSync(absolute);
    } catch {
      throw new CompatError('usage', `${path}: no such file or directory`);
    }
    if (stats.isFile()) {
      found.add(absolute);
      continue;
    }
    const entries = await globby(include, {
      cwd: absolute,
      ignore,
      gitignore: true,
      dot: true,
      absolute: true,
      followSymbolicLinks: false,
      onlyFiles: true,
      suppressErrors: true,
    });
    for (const entry of entries) found.add(resolve(entry));
  }
  return [...found]
    .map((absolutePath) => ({ absolutePath, path: toPortablePath(relative(options.cwd, absolutePath)) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export function toPortablePath(path: string): string {
  return path.split(sep).join('/');
}

export function isCodeFile(path: string): boolean {
  const extension = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return CODE_EXTENSIONS.includes(extension) && !/\.d\.[mc]?ts$/.test(path);
}
