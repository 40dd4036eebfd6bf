import { readFile } from 'node:fs/promises';
import { dirname, posix, resolve } from 'node:path';
import { globby } from 'globby';
import { toPortablePath } from './discoverFiles.js';

/**
 * The workspace's own packages (a monorepo's `packages/*`), by package name, with
 * the source file that stands for the package's entry point. Code imports them by
 * name (`import { docker } from '@acme/docker-shared'`), and the analyser follows
 * those imports like relative ones. `.gitignore` counts as it does for the scan
 * (`--no-gitignore` scans of an ignored tree find its packages too).
 */
export async function findLocalPackages(roots: string[], cwd: string, knownFiles: ReadonlySet<string>, gitignore = true): Promise<Map<string, string>> {
  const packages = new Map<string, string>();
  for (const root of roots.length > 0 ? roots : ['.']) {
    const manifests = await globby('**/package.json', {
      cwd: resolve(cwd, root),
      ignore: ['**/node_modules/**', '**/.git/**'],
      gitignore,
      absolute: true,
      followSymbolicLinks: false,
      suppressErrors: true,
    }).catch(() => []);
    for (const manifest of manifests.sort()) {
      let parsed: { name?: unknown; main?: unknown; types?: unknown; module?: unknown; exports?: unknown };
      try {
        parsed = JSON.parse(await readFile(manifest, 'utf8'));
      } catch {
        continue;
      }
      if (typeof parsed.name !== 'string' || packages.has(parsed.name)) continue;
      const folder = toPortablePath(posix.relative(toPortablePath(resolve(cwd)), toPortablePath(dirname(manifest))));
      const entry = entryFile(folder, parsed, knownFiles);
      if (entry) packages.set(parsed.name, entry);
    }
  }
  return packages;
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
