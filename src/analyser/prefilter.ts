import { dirname, posix } from 'node:path';

/**
 * Text that makes a file a starting point of the scan: a Docker client library, the
 * socket, the Docker ports or variables, a versioned Engine path, a modem, a socket
 * path, or child_process (the docker CLI). Most of a project's files contain none of
 * these.
 *
 * Engine path segments alone (`/containers`, `/images`) are not enough: web code is full
 * of them (`/images/logo.png`, `/api/containers`). A file whose only hint is such a path
 * is parsed when it imports, or is imported by, a file with a marker: that is where the
 * socket or client it talks through comes from.
 */
const DOCKER_MARKERS =
  /dockerode|docker-modem|node-docker-api|@docker\/node-sdk|docker\.sock|DOCKER_(HOST|API_VERSION|SOCK|CERT_PATH)|:237[56]\b|\/v1\.\d+\/|child_process|execa|\bmodem\b|socketPath/;

export function hasDockerMarkers(text: string): boolean {
  return DOCKER_MARKERS.test(text);
}

const IMPORT_PATTERNS = [
  /\bfrom\s*['"]([^'"]+)['"]/g,
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  /^\s*import\s*['"]([^'"]+)['"]/gm,
];

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
  const base = posix.normalize(posix.join(dirname(fromPath).split('\\').join('/'), specifier));
  const withoutJs = base.replace(/\.(m|c)?js$/, '');
  for (const stem of base === withoutJs ? [base] : [base, withoutJs]) {
    for (const suffix of RESOLVE_SUFFIXES) {
      const candidate = `${stem}${suffix}`;
      if (known.has(candidate)) return candidate;
    }
  }
  return undefined;
}

/** Adds the files `links` leads to from `start`, up to `depth` steps away. */
function addLinked(selected: Set<string>, start: string[], links: Map<string, string[]>, depth: number): void {
  let frontier = start;
  for (let step = 0; step < depth; step++) {
    const next: string[] = [];
    for (const path of frontier) {
      for (const linked of links.get(path) ?? []) {
        if (selected.has(linked)) continue;
        selected.add(linked);
        next.push(linked);
      }
    }
    frontier = next;
  }
}

/**
 * The files to parse: those with markers, the files that import them and the files
 * that import those (wrappers called from elsewhere), and the files all of these
 * import, two levels deep (config modules, URL helpers, option builders, classes
 * handed a client by their importer).
 */
export function selectFilesToParse(texts: Map<string, string>, localPackages: ReadonlyMap<string, string> = new Map()): Set<string> {
  const known = new Set(texts.keys());
  const imports = new Map<string, string[]>();
  const importers = new Map<string, string[]>();
  for (const [path, text] of texts) {
    const targets = importedSpecifiers(text)
      .map((specifier) => (specifier.startsWith('.') ? resolveRelativeImport(path, specifier, known) : localPackages.get(specifier)))
      .filter((target): target is string => target !== undefined);
    imports.set(path, targets);
    for (const target of targets) {
      const list = importers.get(target) ?? [];
      list.push(path);
      importers.set(target, list);
    }
  }
  const selected = new Set([...texts].filter(([, text]) => hasDockerMarkers(text)).map(([path]) => path));
  addLinked(selected, [...selected], importers, 2);
  addLinked(selected, [...selected], imports, 2);
  return selected;
}
