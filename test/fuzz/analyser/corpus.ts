import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** A file of a scanned tree: path relative to the project root, `/`-separated. */
export interface CorpusFile {
  path: string;
  text: string;
}

export interface CorpusProject {
  /** `test/fixtures/dashboard-backend` */
  root: string;
  files: CorpusFile[];
}

const CODE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const SCRIPT = /(\.(sh|bash|ya?ml|env|mk)$|(^|\/)(Dockerfile|Makefile|\.env)$)/;
/** Only files the fixtures keep for other tests' sake, or that are not code at all. */
const LEFT_OUT = /(^|\/)(node_modules|\.git)(\/|$)|\.d\.[mc]?ts$/;

function walk(folder: string, base: string, out: CorpusFile[]): void {
  for (const name of readdirSync(folder).sort()) {
    const absolute = join(folder, name);
    const path = relative(base, absolute).split('\\').join('/');
    if (LEFT_OUT.test(path)) continue;
    const stats = statSync(absolute);
    if (stats.isDirectory()) walk(absolute, base, out);
    else if (stats.isFile() && stats.size < 256 * 1024) out.push({ path, text: readFileSync(absolute, 'utf8') });
  }
}

/**
 * The fixture folders whose files are mutated: the labelled projects (README.md of
 * test/fixtures) and the small projects of the rule, script, report and config tests. A fixed
 * list, so that a fixed seed means the same cases until this list changes: a folder added to
 * test/fixtures (the pathological inputs of test/fixtures/hardening, say) joins by being named here.
 */
export const CORPUS_FOLDERS = [
  'test/fixtures/config',
  'test/fixtures/daemon',
  'test/fixtures/dashboard-backend',
  'test/fixtures/dockerode-deploy-tool',
  'test/fixtures/mixed-monorepo',
  'test/fixtures/modem-and-sdks',
  'test/fixtures/not-docker',
  'test/fixtures/ops-scripts',
  'test/fixtures/report',
  'test/fixtures/reporters',
  'test/fixtures/rules',
  'test/fixtures/scripts',
  'test/fixtures/testcontainers-helper',
  'examples/deploy-tool',
];

let projects: CorpusProject[] | undefined;

/**
 * The fixture projects: real-looking code in every client style the analyser knows. Every
 * file is kept (package.json files name workspace packages), but only code and script files
 * are ever mutated.
 */
export function corpusProjects(): CorpusProject[] {
  if (projects) return projects;
  projects = CORPUS_FOLDERS.filter((root) => existsSync(join(REPO_ROOT, root)))
    .map((root) => {
      const files: CorpusFile[] = [];
      walk(join(REPO_ROOT, root), join(REPO_ROOT, root), files);
      return { root, files };
    })
    .filter((project) => project.files.some((file) => isMutable(file.path)));
  return projects;
}

export function isMutable(path: string): boolean {
  return CODE.test(path) || SCRIPT.test(path);
}

/** Every code or script file of every fixture project, with the project it belongs to. */
export function corpusFiles(): Array<CorpusFile & { project: string }> {
  return corpusProjects().flatMap((project) => project.files.filter((file) => isMutable(file.path)).map((file) => ({ ...file, project: project.root })));
}
