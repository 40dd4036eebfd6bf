import * as fs from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { globby } from 'globby';
import { CompatError } from '../errors.js';
import type { ScanNote } from './usage.js';

export const CODE_EXTENSIONS = ['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs'];

/** What `scan` reads unless told otherwise: code, scripts, Dockerfiles, Makefiles, CI YAML, env files and package.json scripts. */
export const DEFAULT_INCLUDE = [
  `**/*.{${CODE_EXTENSIONS.join(',')}}`,
  '**/*.{sh,bash,zsh,yml,yaml,env,mk}',
  '**/{Dockerfile,Containerfile,Makefile,GNUmakefile,.env,.envrc,package.json}',
  '**/*.Dockerfile',
  '**/{Dockerfile,Containerfile}.*',
  '**/.env.*',
  // Files without an extension: entrypoints, health checks and bin/ tools are often shell
  // scripts. Only those starting with a shell's #! line are read (see scanProject).
  '**/!(*.*)',
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
  /**
   * Told of each folder the walk could not list (permission denied, removed meanwhile), so
   * that the scan says it is incomplete; without it, such folders are skipped silently.
   */
  onSkippedFolder?: (note: ScanNote) => void;
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
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
    // `scan "$SRC"` with SRC unset would otherwise scan the whole working directory.
    if (path === '') throw new CompatError('usage', '"": empty path given');
    const absolute = resolve(options.cwd, path);
    let stats;
    try {
      stats = fs.statSync(absolute);
    } catch (error) {
      throw new CompatError('usage', `${path}: ${pathErrorText((error as NodeJS.ErrnoException).code)}`);
    }
    if (stats.isFile()) {
      found.add(absolute);
      continue;
    }
    // A named pipe or device (`scan /dev/stdin`) would block the read or confuse the walk.
    if (!stats.isDirectory()) throw new CompatError('usage', `${path}: not a file or folder (a device, pipe or socket)`);
    const unlisted = new Map<string, string | undefined>();
    const gitignore = options.gitignore ?? true;
    const entries = await globby(include, {
      cwd: absolute,
      ignore,
      gitignore,
      dot: true,
      absolute: true,
      followSymbolicLinks: false,
      onlyFiles: true,
      // Errors do not stop the walk, but each folder that could not be listed is recorded.
      suppressErrors: true,
      fs: { ...fs, readdir: recordingReaddir(unlisted) } as unknown as Partial<typeof fs>,
    });
    for (const entry of entries) found.add(resolve(entry));
    if (entries.length === 0 && gitignore) {
      // A folder named on the command line that .gitignore hides entirely (a build output, a
      // generated corpus): say so, rather than report a clean project.
      const hidden = await globby(include, { cwd: absolute, ignore, dot: true, followSymbolicLinks: false, onlyFiles: true, suppressErrors: true });
      if (hidden.length > 0) {
        options.onSkippedFolder?.({ file: toPortablePath(relative(options.cwd, absolute)) || '.', kind: 'skipped', message: `every file in it is excluded by .gitignore (${hidden.length} files); pass --no-gitignore to scan them` });
      }
    }
    for (const [folder, code] of unlisted) {
      options.onSkippedFolder?.({ file: toPortablePath(relative(options.cwd, folder)) || '.', kind: 'skipped', message: `folder ${folderErrorText(code)}; its files were not scanned` });
    }
  }
  return [...found]
    .map((absolutePath) => ({ absolutePath, path: toPortablePath(relative(options.cwd, absolutePath)) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** fs.readdir as fast-glob calls it, noting the folders it fails on (fast-glob then skips them). */
function recordingReaddir(unlisted: Map<string, string | undefined>): typeof fs.readdir {
  type Callback = (error: NodeJS.ErrnoException | null, entries: unknown) => void;
  return ((path: fs.PathLike, options: unknown, callback?: Callback) => {
    const done = (callback ?? options) as Callback;
    const record: Callback = (error, entries) => {
      if (error) unlisted.set(resolve(String(path)), error.code);
      done(error, entries);
    };
    if (callback) fs.readdir(path, options as { withFileTypes: true }, record);
    else fs.readdir(path, record);
  }) as unknown as typeof fs.readdir;
}

/** Why a path named on the command line cannot be scanned. */
function pathErrorText(code: string | undefined): string {
  // ENOTDIR: a file stands where the path has a folder (`a.ts/x`).
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'no such file or directory';
  if (code === 'ELOOP') return 'symbolic link loop';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return `cannot be read (${code ?? 'unknown error'})`;
}

function folderErrorText(code: string | undefined): string {
  if (code === 'EACCES' || code === 'EPERM') return 'not readable (permission denied)';
  if (code === 'ENOENT') return 'deleted during the scan';
  return `not readable (${code ?? 'unknown error'})`;
}

export function toPortablePath(path: string): string {
  return path.split(sep).join('/');
}

export function isCodeFile(path: string): boolean {
  const extension = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return CODE_EXTENSIONS.includes(extension) && !/\.d\.[mc]?ts$/.test(path);
}
