import { dirname, posix } from 'node:path';
import { RECEIVER_NAME_ALTERNATION } from './code/clientLibraries.js';
import { learnsFromImportsInText } from './importerUse.js';
import { teachesNothingByTokens } from './importerTokens.js';
import { LocalModules } from './localPackages.js';

/**
 * Text that makes a file a starting point of the scan: a Docker client library, the
 * socket, the Docker ports or variables, a versioned Engine path, a modem, a socket
 * path, or child_process, execa, @actions/exec or zx (the docker CLI, curl). Most of a project's files contain none of
 * these.
 *
 * Engine path segments alone (`/containers`, `/images`) are not enough: web code is full
 * of them (`/images/logo.png`, `/api/containers`). A file whose only hint is such a path
 * is parsed when it imports, or is imported by, a file with a marker: that is where the
 * socket or client it talks through comes from.
 */
const DOCKER_MARKERS =
  /dockerode|docker-modem|node-docker-api|@docker\/node-sdk|docker\.sock|DOCKER_(HOST|API_VERSION|SOCK|CERT_PATH)|:237[56]\b|\/v1\.\d+\/|child_process|execa|@actions\/exec|['"]zx(?:\/globals)?['"]|^#!.*\bzx\b|\bmodem\b|socketPath/;

export function hasDockerMarkers(text: string): boolean {
  return DOCKER_MARKERS.test(text);
}

/**
 * What an imported module without markers needs to hold Engine calls the analysis can
 * recognise: a method called on a receiver named like a client (`container.inspect()` in a
 * helper handed a container), or an HTTP request whose target its caller passes in.
 */
const CLIENT_RECEIVER_CALL = new RegExp(String.raw`\b(${RECEIVER_NAME_ALTERNATION})\s*\??\.\s*\w+\s*\(`, 'i');
const HTTP_REQUESTS = /\bfetch\s*\(|['"](node:)?(http|https|net|axios|got|undici|node-fetch)['"]|(\brequire\s*\(\s*|\bfrom\s*)['"]request(-promise(-native)?)?['"]/;

export function mayHoldEngineCalls(text: string): boolean {
  return CLIENT_RECEIVER_CALL.test(text) || HTTP_REQUESTS.test(text);
}

const REQUIRE_PATTERN = /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g;
const IMPORT_PATTERNS = [/\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, REQUIRE_PATTERN, /^\s*import\s*['"]([^'"]+)['"]/gm];

/** `require('...')` specifiers, found by text. */
export function requiredSpecifiers(text: string): string[] {
  return [...text.matchAll(REQUIRE_PATTERN)].map((match) => match[1]);
}

/** Module specifiers a file imports, found by text (no parse). */
export function importedSpecifiers(text: string): string[] {
  const specifiers = new Set<string>();
  for (const pattern of IMPORT_PATTERNS) {
    for (const match of text.matchAll(pattern)) specifiers.add(match[1]);
  }
  return [...specifiers];
}

const RESOLVE_SUFFIXES = ['', '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '/index.ts', '/index.tsx', '/index.js', '/index.mjs', '/index.cjs'];

/** Resolves `./client` or `./client.js` (standing for client.ts) against the set of known files. */
export function resolveRelativeImport(fromPath: string, specifier: string, known: ReadonlySet<string>): string | undefined {
  return resolveModulePath(posix.join(dirname(fromPath).split('\\').join('/'), specifier), known);
}

/** The known file a module path names, with or without its extension, or the index file of a folder. */
export function resolveModulePath(path: string, known: ReadonlySet<string>): string | undefined {
  const base = posix.normalize(path);
  const withoutJs = base.replace(/\.(m|c)?js$/, '');
  for (const stem of base === withoutJs ? [base] : [base, withoutJs]) {
    for (const suffix of RESOLVE_SUFFIXES) {
      const candidate = `${stem}${suffix}`;
      if (known.has(candidate)) return candidate;
    }
  }
  return undefined;
}

// `export * from './a'`, `export * as a from './a'`, `export { b as c } from './b'`; the specifier captured.
const EXPORT_ALL = String.raw`\*(?:\s+as\s+\w+)?`;
const EXPORT_NAMED = String.raw`\{[^}]*\}`;
const FROM_MODULE = String.raw`\s*from\s*['"]([^'"]+)['"]`;
/** A line that re-exports values; a module with any other line (code, a type-only re-export) is not passed through. */
const RE_EXPORT_LINE = new RegExp(String.raw`^\s*export\s+(?:${EXPORT_ALL}|${EXPORT_NAMED})${FROM_MODULE}\s*;?\s*$`);
const RE_EXPORTS = new RegExp(String.raw`\bexport\s+(?:${EXPORT_ALL}|(?:type\s+)?${EXPORT_NAMED})${FROM_MODULE}`, 'g');

/** The modules a file re-exports from. */
export function reExportedSpecifiers(text: string): string[] {
  return [...text.matchAll(RE_EXPORTS)].map((match) => match[1]);
}

/**
 * A module that only passes on what others export (`export * from './client'`,
 * `export { docker as sharedDocker } from './docker'`): an index file of a package.
 */
export function isReExportModule(text: string): boolean {
  let reExports = 0;
  for (const line of text.split(/\r?\n/)) {
    const code = line.replace(/\/\/.*$/, '').trim();
    if (code === '' || code.startsWith('/*') || code.startsWith('*')) continue;
    if (!RE_EXPORT_LINE.test(code)) return false;
    reExports++;
  }
  return reExports > 0;
}

// `export function name(`, `export async function* name(`; `export const name = (a, b) =>`,
// `= async x =>`, `= function` (parameters with their own brackets are not matched); `export default function`.
const EXPORTED_FUNCTION_DECLARATION = new RegExp(
  String.raw`(?:^|[\s;])(?:export\s+(?:async\s+)?function\b\s*\*?\s*([\w$]+)\s*[(<]|export\s+const\s+([\w$]+)\s*=\s*(?:async\s+)?(?:function\b|\w+\s*=>|\([^()]*\)\s*(?::\s*[\w<>\[\]., |]+)?=>)|export\s+default\s+(?:async\s+)?function\b)`,
  'g',
);

/**
 * Whether a module declares and exports a function by that name (`default` for the default
 * export), read from its text: a function declared in the code, not a client's method.
 * What the patterns do not match (`export { list }`, a bound method) says no.
 */
export function exportsFunctionNamed(text: string, exportedName: string): boolean {
  return exportedFunctionNames(text).has(exportedName);
}

/** The names of the functions a module declares and exports, `default` included (see exportsFunctionNamed). */
export function exportedFunctionNames(text: string): Set<string> {
  const names = new Set<string>();
  if (!text.includes('export')) return names;
  // One pass over the text, whatever the number of names asked for: a pattern per name compiled a regular expression each time.
  for (const match of text.matchAll(EXPORTED_FUNCTION_DECLARATION)) names.add(match[1] ?? match[2] ?? 'default');
  return names;
}

/** The scanned file an import names: a relative path, or a workspace package by name. */
export function resolveScannedImport(fromPath: string, specifier: string, known: ReadonlySet<string>, localModules: LocalModules): string | undefined {
  return specifier.startsWith('.') ? resolveRelativeImport(fromPath, specifier, known) : localModules.resolve(fromPath, specifier, known);
}

/**
 * Adds the files `links` leads to from `start`, up to `depth` steps away. A re-export
 * module does not count as a step: `import { docker } from '@acme/docker'` reaches the
 * client behind the package's index file.
 */
function addLinked(selected: Set<string>, start: string[], links: Map<string, string[]>, depth: number, passThrough: ReadonlySet<string>): void {
  let frontier = start.map((path) => ({ path, stepsLeft: depth }));
  while (frontier.length > 0) {
    const next: typeof frontier = [];
    for (const { path, stepsLeft } of frontier) {
      if (stepsLeft === 0) continue;
      for (const linked of links.get(path) ?? []) {
        if (selected.has(linked)) continue;
        selected.add(linked);
        next.push({ path: linked, stepsLeft: passThrough.has(linked) ? stepsLeft : stepsLeft - 1 });
      }
    }
    frontier = next;
  }
}

/**
 * The files to parse: those with markers; the files they import (config modules, URL
 * helpers, option builders, functions handed a client); and the files that import them
 * and use what they import in a way the analysis learns from (see learnsFromImports):
 * wrappers and clients called from elsewhere, request helpers called with known paths.
 * Re-export modules are passed through. Modules further away are parsed on demand, when a
 * value the analysis needs comes from one (CodeAnalyser's module loader). In a large
 * monorepo, whose files import each other densely, following every import and importer
 * a step further reaches most of the code.
 */
export function selectFilesToParse(
  texts: Map<string, string>,
  localModules: LocalModules = new LocalModules(),
  learns: (path: string, text: string, dockerSpecifiers: ReadonlySet<string>) => boolean = learnsFromImportsInText,
): Set<string> {
  const known = new Set(texts.keys());
  const resolve = (from: string, specifier: string) => resolveScannedImport(from, specifier, known, localModules);
  // Each file's imports of scanned files, with the specifier as written.
  const resolvedImports = new Map<string, Array<{ specifier: string; target: string }>>();
  const importers = new Map<string, string[]>();
  const reExportModules = new Set<string>();
  for (const [path, text] of texts) {
    const resolved = importedSpecifiers(text).flatMap((specifier) => {
      const target = resolve(path, specifier);
      return target === undefined ? [] : [{ specifier, target }];
    });
    resolvedImports.set(path, resolved);
    for (const { target } of resolved) {
      const list = importers.get(target) ?? [];
      list.push(path);
      importers.set(target, list);
    }
    if (text.includes('export') && isReExportModule(text)) reExportModules.add(path);
  }
  const seeds = [...texts].filter(([, text]) => hasDockerMarkers(text)).map(([path]) => path);
  const selected = new Set(seeds);
  // Imported modules whose values the analysis needs are parsed on demand; parsed here are
  // those whose own calls may be Engine calls (helpers handed a client or a URL).
  const importedHelpers = new Set<string>();
  const imports = new Map([...resolvedImports].map(([path, resolved]) => [path, resolved.map((entry) => entry.target)]));
  addLinked(importedHelpers, seeds, imports, 1, reExportModules);
  for (const path of importedHelpers) if (reExportModules.has(path) || mayHoldEngineCalls(texts.get(path)!)) selected.add(path);
  // The Docker side: files with markers and the re-export modules in front of them.
  const dockerSide = new Set(seeds);
  for (let frontier = seeds; frontier.length > 0; ) {
    frontier = frontier.flatMap((path) => importers.get(path) ?? []).filter((path) => reExportModules.has(path) && !dockerSide.has(path));
    for (const path of frontier) dockerSide.add(path);
  }
  for (const path of dockerSide) selected.add(path);
  const candidates = new Set([...dockerSide].flatMap((path) => importers.get(path) ?? []).filter((path) => !dockerSide.has(path)));
  for (const path of candidates) {
    if (selected.has(path)) continue;
    const dockerSpecifiers = new Set(resolvedImports.get(path)!.filter((entry) => dockerSide.has(entry.target)).map((entry) => entry.specifier));
    // Most importers of a large project are settled by their tokens; the others are parsed.
    if (teachesNothingByTokens(path, texts.get(path)!, dockerSpecifiers)) continue;
    if (learns(path, texts.get(path)!, dockerSpecifiers)) selected.add(path);
  }
  return selected;
}
