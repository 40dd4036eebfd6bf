import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CompatError } from '../errors.js';
import { packageRoot } from '../packageRoot.js';

/** Environment variable naming the folder of archived upstream specs. */
export const SPEC_DIR_ENV = 'DOCKER_API_COMPAT_SPEC_DIR';

export interface SpecDirectory {
  path: string;
  /** How it was chosen, for messages. */
  origin: 'option' | 'environment' | 'default';
}

export interface SpecDirectoryOptions {
  /** What relative paths (the option, the environment, the default) are resolved against. */
  cwd?: string;
  /** A folder about to be filled (`specs fetch`): a named one need not exist yet. */
  mayBeMissing?: boolean;
}

/**
 * The folder of archived specs: `--spec-dir`, else $DOCKER_API_COMPAT_SPEC_DIR, else
 * `../shared/docker-engine-api` beside this package's folder or the working directory.
 */
export function resolveSpecDirectory(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env, options: SpecDirectoryOptions = {}): SpecDirectory {
  const cwd = options.cwd ?? process.cwd();
  const named = (path: string, origin: SpecDirectory['origin'], from: string): SpecDirectory =>
    options.mayBeMissing && !existsSync(resolve(cwd, path)) ? { path: resolve(cwd, path), origin } : checked({ path: resolve(cwd, path), origin }, from);
  if (explicit) return named(explicit, 'option', '--spec-dir');
  const fromEnv = env[SPEC_DIR_ENV];
  if (fromEnv) return named(fromEnv, 'environment', SPEC_DIR_ENV);
  const candidates = [resolve(packageRoot(), '..', 'shared', 'docker-engine-api'), resolve(cwd, '..', 'shared', 'docker-engine-api')];
  const found = candidates.find(isDirectory);
  if (!found) {
    throw new CompatError(
      'usage',
      `no spec directory: pass --spec-dir DIR or set ${SPEC_DIR_ENV} (looked for ${candidates.join(' and ')})`,
    );
  }
  return { path: found, origin: 'default' };
}

/** The default folder if it exists, for tests and tools that skip without it. */
export function findDefaultSpecDirectory(env: NodeJS.ProcessEnv = process.env): string | undefined {
  try {
    return resolveSpecDirectory(undefined, env).path;
  } catch {
    return undefined;
  }
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

function checked(directory: SpecDirectory, origin: string): SpecDirectory {
  if (!existsSync(directory.path)) throw new CompatError('usage', `${directory.path}: spec directory does not exist (from ${origin})`);
  if (!isDirectory(directory.path)) throw new CompatError('usage', `${directory.path}: not a directory (from ${origin})`);
  return directory;
}
