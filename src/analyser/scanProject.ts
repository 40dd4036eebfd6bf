import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { Project, ts, type SourceFile } from 'ts-morph';
import type { CompatIndex } from '../database/compatIndex.js';
import { compareApiVersions, type ApiVersion } from '../versions/apiVersion.js';
import { oldestEngineServing } from '../versions/engineReleases.js';
import { CodeAnalyser, type ModuleLoader } from './code/codeAnalyser.js';
import { lineAndColumnOf } from './code/syntaxWalk.js';
import { discoverFiles, isCodeFile, toPortablePath, type DiscoveredFile } from './discoverFiles.js';
import { matchUsages, type ScanUsage } from './matchUsages.js';
import { findSuppressionDirectives, type SuppressionDirective } from '../lint/suppressions.js';
import { findLocalModules, type LocalModules } from './localPackages.js';
import { learnsFromImports } from './importerUse.js';
import { exportedFunctionNames, reExportedSpecifiers, resolveScannedImport, selectFilesToParse } from './prefilter.js';
import { classifyScriptFile, looksLikeShellScript, scanScriptFile } from './scripts/scanScriptFile.js';
import type { CliInvocation, FileFindings, ScanNote, SourcePosition, VersionSetting } from './usage.js';
import { isStackOverflow } from '../errors.js';
import { compareText, lineBreakPattern } from '../text.js';

/** Bumped whenever a consumer of `scan --format json` would have to change. */
export const SCAN_SCHEMA_VERSION = 1;

export interface ScanOptions {
  paths: string[];
  cwd: string;
  index: CompatIndex;
  include?: string[];
  ignore?: string[];
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
}

export interface ScanSummary {
  /** The oldest API version with everything the code uses; null when it calls nothing. */
  minApiVersion: ApiVersion | null;
  minApiVersionIsFloor: boolean;
  /** The oldest Docker Engine release serving minApiVersion ("or earlier" with the floor). */
  minEngine: string | null;
  files: number;
  usages: number;
  /** Usages with something that could not be resolved. */
  dynamicUsages: number;
  /** The call-sites that set minApiVersion. */
  setBy: SourcePosition[];
}

export interface ScanResult {
  schemaVersion: number;
  summary: ScanSummary;
  usages: ScanUsage[];
  versionSettings: VersionSetting[];
  cliInvocations: CliInvocation[];
  notes: ScanNote[];
  /** Inline `docker-api-compat-disable-next-line` comments, for the linter. */
  directives: SuppressionDirective[];
}

// Larger files are generated bundles or data, not code someone maintains against the API.
const MAX_FILE_BYTES = 2 * 1024 * 1024;

interface ReadFile {
  file: DiscoveredFile;
  text?: string;
  note?: ScanNote;
}

/** Scans files and folders for Engine API calls and matches them against the database. */
export async function scanProject(scanOptions: ScanOptions): Promise<ScanResult> {
  const options = { ...scanOptions, cwd: resolve(scanOptions.cwd) };
  const notes: ScanNote[] = [];
  const files = await discoverFiles({ ...options, onSkippedFolder: (note) => notes.push(note) });
  const read = readAll(files);
  notes.push(...read.flatMap((entry) => (entry.note ? [entry.note] : [])));
  const texts = new Map(read.filter((entry) => entry.text !== undefined).map((entry) => [entry.file.path, entry]));

  const findings: FileFindings[] = [];
  for (const entry of texts.values()) {
    const kind = classifyScriptFile(entry.file.path) ?? (!isCodeFile(entry.file.path) && looksLikeShellScript(entry.text!) ? 'shell' : null);
    if (!kind) continue;
    try {
      findings.push(scanScriptFile(entry.file.path, entry.text!, kind, { index: options.index }));
    } catch (error) {
      // Deeply nested YAML can overflow the parser's stack: that file is skipped, not the scan.
      if (!isStackOverflow(error)) throw error;
      notes.push({ file: entry.file.path, kind: 'skipped', message: TOO_DEEP });
    }
  }
  const settingsInScripts = findings.flatMap((finding) => finding.versionSettings);

  const codeTexts = new Map([...texts.values()].filter((entry) => isCodeFile(entry.file.path)).map((entry) => [entry.file.path, entry.text!]));
  const localModules = await findLocalModules(options.paths, options.cwd, new Set(codeTexts.keys()), options.gitignore);
  findings.push(...analyseCode(codeTexts, texts, { ...options, localModules }, settingsInScripts, notes));

  const usages = withoutRepeats(matchUsages(sortByPosition(findings.flatMap((finding) => finding.usages)), options.index));
  attachSourceLines(usages, texts);
  notes.push(...findings.flatMap((finding) => finding.notes));
  return {
    schemaVersion: SCAN_SCHEMA_VERSION,
    summary: summarize(usages, texts.size, options.index),
    usages,
    versionSettings: sortByPosition(findings.flatMap((finding) => finding.versionSettings)),
    cliInvocations: sortByPosition(findings.flatMap((finding) => finding.cliInvocations)),
    notes: notes.sort((a, b) => compareText(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || compareText(a.message, b.message)),
    directives: [...texts.values()].flatMap((entry) => findSuppressionDirectives(entry.file.path, entry.text!, isCodeFile(entry.file.path))),
  };
}

/**
 * Reads the files one after the other with synchronous calls: from the page cache that is
 * several times faster than as many promise round trips (four per file), and the scan has
 * nothing else to do meanwhile.
 */
function readAll(files: DiscoveredFile[]): ReadFile[] {
  return files.map(readOne);
}

function readOne(file: DiscoveredFile): ReadFile {
  let bytes: Buffer | undefined;
  let size: number;
  // The size is checked before reading, through the open descriptor: a bundle or data file
  // of hundreds of MB named .js is skipped without being loaded.
  let descriptor: number | undefined;
  try {
    descriptor = openSync(file.absolutePath, 'r');
    // A file without an extension (LICENSE, a compiled tool) is read only when it starts like a shell script.
    if (isUnnamedKind(file.path) && !looksLikeShellScript(readHead(descriptor))) return { file };
    size = fstatSync(descriptor).size;
    if (size <= MAX_FILE_BYTES) bytes = readFileSync(descriptor);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EACCES' || code === 'EPERM' ? 'not readable (permission denied)' : code === 'ENOENT' ? 'deleted during the scan' : `not readable (${code ?? (error as Error).message})`;
    return { file, note: { file: file.path, kind: 'skipped', message: reason } };
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
  if (bytes === undefined || bytes.length > MAX_FILE_BYTES) {
    const megabytes = Math.max(size, bytes?.length ?? 0) / 1024 / 1024;
    return { file, note: { file: file.path, kind: 'skipped', message: `too large to be hand-written code (${megabytes.toFixed(1)} MB)` } };
  }
  if (bytes.subarray(0, 8192).includes(0)) return { file, note: { file: file.path, kind: 'skipped', message: 'binary file' } };
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (isMinified(text)) return { file, note: { file: file.path, kind: 'skipped', message: 'minified code (very long lines)' } };
  const note: ScanNote | undefined = text.includes('\ufffd') && !bytes.includes(Buffer.from('\ufffd'))
    ? { file: file.path, kind: 'warning', message: 'not valid UTF-8: read with replacement characters' }
    : undefined;
  return { file, text, note };
}

/** A file that neither its extension nor its name says the kind of: a shell script only by its #! line. */
function isUnnamedKind(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return !name.includes('.') && classifyScriptFile(path) === null;
}

function readHead(descriptor: number): string {
  const head = Buffer.alloc(256);
  return head.toString('utf8', 0, readSync(descriptor, head, 0, head.length, 0));
}

function isMinified(text: string): boolean {
  if (text.length < 20_000) return false;
  const sample = text.slice(0, 100_000);
  const lines = sample.split('\n').length;
  return sample.length / lines > 500;
}

function analyseCode(
  codeTexts: Map<string, string>,
  all: Map<string, ReadFile>,
  options: ScanOptions & { localModules: LocalModules },
  settingsInScripts: VersionSetting[],
  notes: ScanNote[],
): FileFindings[] {
  const known = new Set(codeTexts.keys());
  // The parsed files: scanned path (relative, as in findings) by ts-morph's path, and back.
  const parsedByAbsolutePath = new Map<string, string>();
  const absolutePathOf = new Map<string, string>();
  const project = new Project({
    compilerOptions: {
      allowJs: true,
      checkJs: false,
      noLib: true,
      noResolve: true,
      types: [],
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      jsx: ts.JsxEmit.Preserve,
      target: ts.ScriptTarget.ESNext,
    },
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
    skipLoadingLibFiles: true,
    // Imports resolve among the parsed files only, as relative imports and workspace packages
    // resolve in selectFilesToParse; TypeScript's resolver probed a dozen paths per import.
    resolutionHost: () => ({
      resolveModuleNames: (moduleNames, containingFile) =>
        moduleNames.map((specifier) => {
          const from = parsedByAbsolutePath.get(containingFile);
          const target = from === undefined ? undefined : resolveScannedImport(from, specifier, known, options.localModules);
          const resolvedFileName = target === undefined ? undefined : absolutePathOf.get(target);
          return resolvedFileName === undefined ? undefined : { resolvedFileName, isExternalLibraryImport: false };
        }),
    }),
    // The texts are already read (and decoded); on the real file system ts-morph would read and
    // parse each file once more before overwriting it with our text.
    useInMemoryFileSystem: true,
  });
  // Each file is parsed once (or attempted: undefined when it was too deeply nested to keep).
  const parsed = new Map<string, SourceFile | undefined>();
  const parseOne = (path: string, fileNotes: ScanNote[] = notes): SourceFile | undefined => {
    if (parsed.has(path)) return parsed.get(path);
    const sourceFile = parseCodeFile(project, path, all.get(path)!.file.absolutePath, codeTexts.get(path)!, fileNotes);
    parsed.set(path, sourceFile);
    if (sourceFile) {
      parsedByAbsolutePath.set(sourceFile.getFilePath(), path);
      absolutePathOf.set(path, sourceFile.getFilePath());
    }
    return sourceFile;
  };
  const parse = (paths: string[]): SourceFile[] => paths.flatMap((path) => parseOne(path) ?? []);
  // An importer is parsed into the project to be checked, and kept only if the analysis learns from it.
  const importerLearns = (path: string, _text: string, dockerSpecifiers: ReadonlySet<string>): boolean => {
    const importerNotes: ScanNote[] = [];
    const sourceFile = parseOne(path, importerNotes);
    if (sourceFile && !learnsFromImports(sourceFile.compilerNode, dockerSpecifiers)) {
      parsed.delete(path);
      parsedByAbsolutePath.delete(sourceFile.getFilePath());
      absolutePathOf.delete(path);
      project.removeSourceFile(sourceFile);
      return false;
    }
    notes.push(...importerNotes);
    return true;
  };
  const selected = selectFilesToParse(codeTexts, options.localModules, importerLearns);
  if (selected.size === 0) return [];
  const sourceFiles = parse([...selected].sort());
  const exportedFunctions = new Map<string, Set<string>>();
  const moduleLoader: ModuleLoader = {
    unparsedModules(fromFile, specifier) {
      const from = parsedByAbsolutePath.get(fromFile.getFilePath());
      const target = from === undefined ? undefined : resolveScannedImport(from, specifier, known, options.localModules);
      if (target === undefined) return [];
      if (!parsed.has(target)) return [target];
      // A parsed re-export module (`export * from './defaults'`) whose export was not found: what it passes on.
      return reExportedSpecifiers(codeTexts.get(target)!)
        .map((reExported) => resolveScannedImport(target, reExported, known, options.localModules))
        .filter((path): path is string => path !== undefined && !parsed.has(path));
    },
    load: parse,
    declaresFunction(fromFile, specifier, exportedName) {
      return this.unparsedModules(fromFile, specifier).some((path) => {
        // Functions are called from many places: each module's text is searched once.
        let names = exportedFunctions.get(path);
        if (names === undefined) exportedFunctions.set(path, (names = exportedFunctionNames(codeTexts.get(path)!)));
        return names.has(exportedName);
      });
    },
  };
  const analyser = new CodeAnalyser({
    root: options.cwd,
    index: options.index,
    environmentApiVersion: agreedVersion(settingsInScripts),
    isLocalModule: (specifier) => options.localModules.has(specifier),
    moduleLoader,
  });
  try {
    return analyser.analyseProject(sourceFiles);
  } catch (error) {
    // The limits above should prevent this; if some shape still overflows, the scan says which
    // files lost their results instead of crashing (files are analysed together, so all of them).
    if (!isStackOverflow(error)) throw error;
    for (const sourceFile of sourceFiles) {
      notes.push({ file: relativePathOf(options.cwd, sourceFile), kind: 'skipped', message: 'not analysed: the code analysis ran out of stack (code nested too deeply somewhere in the project)' });
    }
    return [];
  }
}

/** Parses one file into the project; a file too deeply nested to analyse is left out with a note. */
function parseCodeFile(project: Project, path: string, absolutePath: string, text: string, notes: ScanNote[]): SourceFile | undefined {
  let sourceFile: SourceFile;
  try {
    sourceFile = project.createSourceFile(absolutePath, text, { overwrite: true });
  } catch (error) {
    // TypeScript's parser is recursive: a few thousand nested brackets or callbacks overflow it.
    if (!isStackOverflow(error)) throw error;
    notes.push({ file: path, kind: 'skipped', message: TOO_DEEP });
    return undefined;
  }
  // Parsed, but ts-morph's and the analyser's walks are recursive too: skip it before they overflow.
  if (syntaxDepth(sourceFile.compilerNode) > MAX_SYNTAX_DEPTH) {
    project.removeSourceFile(sourceFile);
    notes.push({ file: path, kind: 'skipped', message: TOO_DEEP });
    return undefined;
  }
  const diagnostic = (sourceFile.compilerNode as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics?.[0];
  if (diagnostic) {
    const { line } = lineAndColumnOf(sourceFile.compilerNode, diagnostic.start);
    // TypeScript's messages end with a period (`':' expected.`): drop it before the clause that follows.
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ').replace(/\.$/, '');
    notes.push({ file: path, line, kind: 'parse-error', message: `syntax error: ${message}; scanned as far as the parser recovered` });
  }
  return sourceFile;
}

const TOO_DEEP = 'nested too deeply to analyse (generated code?); not scanned';

// Syntax levels (a bracket, a call, a `+` each add one or more) past which a file is not
// analysed. Hand-written code stays far below; the walks over it need a few frames per level.
const MAX_SYNTAX_DEPTH = 1000;

/** The deepest nesting of a syntax tree, measured without recursion. */
function syntaxDepth(root: ts.Node): number {
  let deepest = 0;
  const stack: Array<[ts.Node, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > deepest) deepest = depth;
    ts.forEachChild(node, (child) => {
      stack.push([child, depth + 1]);
    });
  }
  return deepest;
}

function relativePathOf(cwd: string, sourceFile: SourceFile): string {
  return toPortablePath(relative(cwd, sourceFile.getFilePath()));
}

/** The DOCKER_API_VERSION every setting agrees on, if they do. */
function agreedVersion(settings: VersionSetting[]): string | undefined {
  const versions = new Set(settings.map((setting) => setting.version));
  if (versions.size !== 1) return undefined;
  return [...versions][0] ?? undefined;
}

function summarize(usages: ScanUsage[], files: number, index: CompatIndex): ScanSummary {
  let minApiVersion: ApiVersion | null = null;
  let floor = false;
  let newestExact: ApiVersion | null = null;
  for (const usage of usages) {
    if (!usage.minVersion) continue;
    if (!usage.minVersionIsFloor && (!newestExact || compareApiVersions(usage.minVersion, newestExact) > 0)) newestExact = usage.minVersion;
    if (!minApiVersion || compareApiVersions(usage.minVersion, minApiVersion) > 0) {
      minApiVersion = usage.minVersion;
      floor = usage.minVersionIsFloor;
    } else if (usage.minVersion === minApiVersion && !usage.minVersionIsFloor) floor = false;
  }
  // As for one call: a version only known as "or earlier" does not raise what the code needs for sure.
  if (floor && newestExact && compareApiVersions(minApiVersion!, newestExact) > 0) {
    minApiVersion = newestExact;
    floor = false;
  }
  const engine = minApiVersion ? oldestEngineServing(index.database.engines, minApiVersion) : undefined;
  const setBy = minApiVersion && !floor
    ? usages.filter((usage) => usage.minVersion === minApiVersion).map(({ file, line, column }) => ({ file, line, column }))
    : [];
  return {
    minApiVersion,
    minApiVersionIsFloor: floor,
    minEngine: engine ? engine.engine : null,
    files,
    usages: usages.length,
    dynamicUsages: usages.filter((usage) => usage.dynamic.length > 0).length,
    setBy,
  };
}

function attachSourceLines(usages: ScanUsage[], texts: Map<string, ReadFile>): void {
  const lines = new Map<string, string[]>();
  for (const usage of usages) {
    const text = texts.get(usage.file)?.text;
    if (text === undefined) continue;
    if (!lines.has(usage.file)) lines.set(usage.file, text.split(lineBreakPattern(isCodeFile(usage.file))));
    usage.sourceLine = lines.get(usage.file)![usage.line - 1]?.trim();
  }
}

/**
 * One record per request: a path segment with two possible values (`os.hostname() || 'localhost'`,
 * a curl in both branches of an `if`) gave the same request once per value, and a helper that
 * sends through undici or falls back to fetch gave it once per library (`via` names both).
 */
function withoutRepeats(usages: ScanUsage[]): ScanUsage[] {
  const kept = new Map<string, ScanUsage>();
  for (const usage of usages) {
    const key = JSON.stringify({ ...usage, via: undefined });
    const same = kept.get(key);
    if (!same) kept.set(key, usage);
    else if (!same.via.split(' or ').includes(usage.via)) same.via = [...same.via.split(' or '), usage.via].sort(compareText).join(' or ');
  }
  return [...kept.values()];
}

function sortByPosition<T extends SourcePosition>(items: T[]): T[] {
  return [...items].sort((a, b) => compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(JSON.stringify(a), JSON.stringify(b)));
}

