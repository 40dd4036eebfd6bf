/**
 * Engine API calls and API version settings in files that are not JS/TS: shell scripts,
 * Dockerfiles, Makefiles, CI and compose YAML, env files, package.json scripts. Everything is read as text;
 * nothing is executed.
 */
import type { CompatIndex } from '../../database/compatIndex.js';
import { emptyFindings, type FileFindings } from '../usage.js';
import type { ScriptKind } from './classifyScriptFile.js';
import { scanShellText } from './commandScanner.js';
import { scanDockerfile } from './dockerfileScanner.js';
import { scanMakefile } from './makefileScanner.js';
import { scanPackageScripts } from './packageScripts.js';
import { ScanContext } from './scanContext.js';
import { LineIndex, normalizeLineEndings } from './textRegion.js';
import { versionAssignedInEnvLine } from './versionSettings.js';
import { scanYaml } from './yamlScanner.js';

export { classifyScriptFile, looksLikeShellScript, type ScriptKind } from './classifyScriptFile.js';

export interface ScanScriptOptions {
  /**
   * Engine API operations, to tell a Docker call from a look-alike when the target alone
   * does not say (an unnamed unix socket, localhost). Without it, the first path segment is checked.
   */
  index?: CompatIndex;
}

/** Larger files are not scripts anyone writes by hand; they are skipped with a note. */
const MAX_SCRIPT_CHARACTERS = 8 * 1024 * 1024;
const BINARY_SAMPLE = 8192;

/**
 * The Engine API calls (curl, wget), DOCKER_API_VERSION settings and docker CLI uses in
 * one file. Pure and deterministic; never throws: what cannot be read becomes a note.
 */
export function scanScriptFile(relativePath: string, text: string, kind: ScriptKind, options: ScanScriptOptions = {}): FileFindings {
  const findings = emptyFindings();
  const context = new ScanContext(relativePath, options.index, findings);
  try {
    const unreadable = unreadableReason(text);
    if (unreadable) context.note('skipped', unreadable);
    else scanByKind(new LineIndex(normalizeLineEndings(text)), kind, context);
  } catch (error) {
    // A bug here must not stop the scan of a whole repository; report it against the file.
    context.note('parse-error', `scan of this file stopped: ${error instanceof Error ? error.message : String(error)}`);
  }
  return sortFindings(findings);
}

function scanByKind(lines: LineIndex, kind: ScriptKind, context: ScanContext): void {
  switch (kind) {
    case 'shell':
      return scanShellText(lines, context, { dialect: 'sh', reportCli: true });
    case 'dockerfile':
      return scanDockerfile(lines, context);
    case 'makefile':
      return scanMakefile(lines, context);
    case 'ci-yaml':
      return scanYaml(lines, context);
    case 'env':
      return scanEnvFile(lines, context);
    case 'package-scripts':
      return scanPackageScripts(lines, context);
    default:
      context.note('skipped', `unknown script kind ${String(kind)}`);
  }
}

function scanEnvFile(lines: LineIndex, context: ScanContext): void {
  for (let line = 1; line <= lines.lineCount; line++) {
    const assigned = versionAssignedInEnvLine(lines.lineText(line));
    if (assigned) context.findings.versionSettings.push({ ...context.at({ line, column: assigned.column }), ...assigned.value });
  }
}

function unreadableReason(text: unknown): string | null {
  if (typeof text !== 'string') return 'not text';
  if (text.length > MAX_SCRIPT_CHARACTERS) return `larger than ${MAX_SCRIPT_CHARACTERS / 1024 / 1024} MB; not scanned`;
  const sample = text.slice(0, BINARY_SAMPLE);
  if (sample.includes('\u0000')) return 'binary content (NUL bytes); not scanned';
  const controls = sample.match(/[\u0001-\u0008\u000e-\u001f\u007f\ufffd]/g)?.length ?? 0;
  if (controls > sample.length / 10) return 'binary content (control characters); not scanned';
  return null;
}

/** By line, then column; stable, so findings at one place keep the order they were found in. */
function sortFindings(findings: FileFindings): FileFindings {
  const byPosition = (a: { line: number; column: number }, b: { line: number; column: number }): number => a.line - b.line || a.column - b.column;
  findings.usages.sort(byPosition);
  findings.versionSettings.sort(byPosition);
  findings.cliInvocations.sort(byPosition);
  findings.notes.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return findings;
}
