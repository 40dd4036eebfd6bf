import { scanArgv, scanShellText, type ShellScanOptions } from './commandScanner.js';
import type { ScanContext } from './scanContext.js';
import { tokenizeShell } from './shellTokenizer.js';
import { literalText, sourceText } from './shellWords.js';
import { RegionBuilder, type LineColumn, type LineIndex, type TextRegion } from './textRegion.js';
import { API_VERSION_VARIABLE, versionAssignedInWord, versionValue } from './versionSettings.js';

const SHELL: ShellScanOptions = { dialect: 'sh', reportCli: true };
const KEYWORD = /^\s*([A-Za-z]+)(?=\s|$)/;
const PARSER_DIRECTIVE = /^\s*#\s*([A-Za-z]+)\s*=\s*(\S+)\s*$/;
/** `<<EOF`, `<<-EOF`, `<<"EOF"` in RUN/COPY/ADD (BuildKit here-documents). */
const HERE_DOCUMENT = /<<(-?)\s*(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;
const INSTRUCTIONS_WITH_HERE_DOCUMENTS = new Set(['RUN', 'COPY', 'ADD']);

/** RUN, CMD, ENTRYPOINT and HEALTHCHECK commands (shell and exec form, here-documents), ENV and ARG settings. */
export function scanDockerfile(lines: LineIndex, context: ScanContext): void {
  const escape = escapeCharacter(lines);
  let line = 1;
  while (line <= lines.lineCount) {
    const text = lines.lineText(line);
    if (text.trim() === '' || /^\s*#/.test(text)) {
      line++;
      continue;
    }
    const instruction = readInstruction(lines, line, escape);
    scanInstruction(instruction.region, 0, context);
    line = instruction.nextLine;
  }
}

/** `# escape=`` ` (Windows images) changes the line-continuation character. */
function escapeCharacter(lines: LineIndex): string {
  for (let line = 1; line <= lines.lineCount; line++) {
    const directive = PARSER_DIRECTIVE.exec(lines.lineText(line));
    if (!directive) break;
    if (directive[1].toLowerCase() === 'escape') return directive[2][0];
  }
  return '\\';
}

/**
 * One instruction with its continuation lines joined as Docker joins them (escape and
 * newline removed, comment and blank lines inside dropped), then any here-document lines.
 */
function readInstruction(lines: LineIndex, first: number, escape: string): { region: TextRegion; nextLine: number } {
  const builder = new RegionBuilder();
  let line = first;
  while (line <= lines.lineCount) {
    const text = lines.lineText(line);
    const column = { line, column: 1 };
    line++;
    if (line - 1 !== first && (text.trim() === '' || /^\s*#/.test(text))) continue;
    const trimmed = text.trimEnd();
    if (!trimmed.endsWith(escape)) {
      builder.append(text, column);
      break;
    }
    builder.append(trimmed.slice(0, -1), column);
  }
  const joined = builder.build().text;
  const keyword = KEYWORD.exec(joined)?.[1].toUpperCase() ?? '';
  if (INSTRUCTIONS_WITH_HERE_DOCUMENTS.has(keyword)) line = appendHereDocuments(lines, line, joined, builder);
  return { region: builder.build(), nextLine: line };
}

/** Adds the lines of each here-document the instruction opens, up to and with its delimiter line. */
function appendHereDocuments(lines: LineIndex, from: number, instruction: string, builder: RegionBuilder): number {
  let line = from;
  for (const marker of instruction.matchAll(HERE_DOCUMENT)) {
    const stripTabs = marker[1] === '-';
    while (line <= lines.lineCount) {
      const text = lines.lineText(line);
      builder.appendSeparator('\n').append(text, { line, column: 1 });
      line++;
      if ((stripTabs ? text.replace(/^\t+/, '') : text).trimEnd() === marker[3]) break;
    }
  }
  return line;
}

function scanInstruction(region: TextRegion, from: number, context: ScanContext): void {
  const text = region.text;
  const keyword = KEYWORD.exec(text.slice(from));
  if (!keyword) return;
  const argumentsStart = from + keyword[0].length;
  switch (keyword[1].toUpperCase()) {
    case 'RUN':
      return scanCommandArgument(region, skipFlags(text, argumentsStart), context);
    case 'CMD':
    case 'ENTRYPOINT':
      return scanCommandArgument(region, argumentsStart, context);
    case 'HEALTHCHECK': {
      const command = /^(?:\s+--\S+)*\s+CMD(?=\s)/i.exec(text.slice(argumentsStart));
      if (command) scanCommandArgument(region, argumentsStart + command[0].length, context);
      return;
    }
    case 'ONBUILD':
      return scanInstruction(region, argumentsStart, context);
    case 'ENV':
    case 'ARG':
      return scanVariableInstruction(region, argumentsStart, keyword[1].toUpperCase() === 'ENV', context);
  }
}

/** `RUN --mount=type=cache,target=/x --network=none curl ...`: the flags are Docker's, not the command's. */
function skipFlags(text: string, from: number): number {
  const flags = /^(?:\s+--\S+)*/.exec(text.slice(from));
  return from + (flags?.[0].length ?? 0);
}

/** Exec form (a JSON array) runs the program directly; anything else, including invalid JSON, goes to `/bin/sh -c`. */
function scanCommandArgument(region: TextRegion, from: number, context: ScanContext): void {
  const text = region.text;
  const start = from + (text.slice(from).length - text.slice(from).trimStart().length);
  if (text[start] === '[') {
    const argv = execFormArguments(region, start);
    if (argv) return scanArgv(argv, context, SHELL);
  }
  scanShellText(region, context, SHELL, { start, end: text.length });
}

function execFormArguments(region: TextRegion, start: number): Array<{ text: string; at: LineColumn }> | null {
  const source = region.text.slice(start).split('\n', 1)[0];
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) return null;
  let cursor = 0;
  return parsed.map((item: string) => {
    // Place each argument at its JSON string in the source (just after the opening quote).
    const found = source.indexOf(JSON.stringify(item), cursor);
    const offset = found === -1 ? cursor : found + 1;
    if (found !== -1) cursor = found + JSON.stringify(item).length;
    return { text: item, at: region.position(start + offset) };
  });
}

/** `ENV DOCKER_API_VERSION=1.41 OTHER=x`, `ARG DOCKER_API_VERSION=1.41` and the old `ENV DOCKER_API_VERSION 1.41`. */
function scanVariableInstruction(region: TextRegion, from: number, isEnv: boolean, context: ScanContext): void {
  const words = tokenizeShell(region.text, 'sh', { start: from, end: region.text.length }).commands.flatMap((command) => command.words);
  for (const word of words) {
    const assigned = versionAssignedInWord(word.parts);
    if (assigned) context.findings.versionSettings.push({ ...context.atOffset(region, word.start), ...assigned });
  }
  if (isEnv && words.length > 1 && literalText(words[0].parts) === API_VERSION_VARIABLE) {
    const raw = words.slice(1).map((word) => sourceText(word.parts)).join(' ');
    context.findings.versionSettings.push({ ...context.atOffset(region, words[0].start), ...versionValue(raw) });
  }
}
