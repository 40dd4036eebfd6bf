import { statSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The package.json key that holds a configuration. */
export const PACKAGE_JSON_KEY = 'dockerApiCompat';

/** How a configuration file is read. `rc` is JSON when it starts with `{`, YAML otherwise. */
export type ConfigFormat = 'package.json' | 'json' | 'yaml' | 'rc';

/**
 * The files searched in each folder, in order: the first one present wins and the others
 * in that folder are ignored. JavaScript and TypeScript configurations are never searched:
 * the tool does not run code from the tree it scans.
 */
export const CONFIG_FILES: ReadonlyArray<{ name: string; format: ConfigFormat }> = [
  { name: 'package.json', format: 'package.json' },
  { name: '.docker-api-compatrc', format: 'rc' },
  { name: '.docker-api-compatrc.json', format: 'json' },
  { name: '.docker-api-compatrc.yaml', format: 'yaml' },
  { name: '.docker-api-compatrc.yml', format: 'yaml' },
  { name: 'docker-api-compat.config.json', format: 'json' },
  { name: 'docker-api-compat.config.yaml', format: 'yaml' },
  { name: 'docker-api-compat.config.yml', format: 'yaml' },
];

export interface ConfigCandidate {
  path: string;
  format: ConfigFormat;
}

/**
 * The configuration files that exist, nearest folder first and in the order of
 * CONFIG_FILES within a folder, from `folder` up to and including the project root (the
 * first folder holding `.git`, file or folder) or the file-system root. The caller takes
 * the first that is a configuration (a package.json counts only with the key).
 */
export function* configCandidates(folder: string): Generator<ConfigCandidate> {
  while (true) {
    for (const candidate of CONFIG_FILES) {
      const path = join(folder, candidate.name);
      if (statPath(path)?.isFile()) yield { path, format: candidate.format };
    }
    const parent = dirname(folder);
    if (parent === folder || statPath(join(folder, '.git'))) return;
    folder = parent;
  }
}

/** The format of a file named with --config, by its name. */
export function formatOfPath(path: string): ConfigFormat | 'javascript' {
  const name = basename(path).toLowerCase();
  if (name === 'package.json') return 'package.json';
  if (/\.(?:[cm]?[jt]s|[jt]sx)$/.test(name)) return 'javascript';
  if (name.endsWith('.json')) return 'json';
  if (name.endsWith('.yaml') || name.endsWith('.yml')) return 'yaml';
  return 'rc';
}

/** The file's stats, or undefined when it does not exist or cannot be reached (a folder without permission). */
export function statPath(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}
