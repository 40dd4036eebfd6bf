import { parseCurlArguments } from './curlCommand.js';
import { dockerCliCommand } from './dockerCli.js';
import { engineUsages } from './engineRequest.js';
import type { ScanContext } from './scanContext.js';
import { MAX_NESTING, tokenizeShell, type ShellCommand, type ShellDialect } from './shellTokenizer.js';
import { literalText, sourceText, splitExpansions, type ShellWord } from './shellWords.js';
import { RegionBuilder, type LineColumn, type TextRegion } from './textRegion.js';
import { versionAssignedInEnvLine, versionAssignedInWord } from './versionSettings.js';
import { parseWgetArguments } from './wgetCommand.js';

export interface ShellScanOptions {
  dialect: ShellDialect;
  /** Report `docker ...` invocations; off for YAML values that may be prose (a step's `name: docker login`). */
  reportCli: boolean;
}

/** Words before the program that only set up how it runs (`sudo -E`, `timeout 5`, `if`, compose's `CMD`). */
const WRAPPERS = new Set(['sudo', 'doas', 'exec', 'command', 'builtin', 'nohup', 'time', 'nice', 'ionice', 'timeout', 'env', 'stdbuf', 'unbuffer', 'if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', 'CMD']);
const WRAPPER_OPTIONS_WITH_VALUE: Record<string, ReadonlySet<string>> = {
  sudo: new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U']),
  doas: new Set(['-u', '-C']),
  env: new Set(['-u', '-C', '-S']),
  nice: new Set(['-n']),
  ionice: new Set(['-c', '-n']),
  timeout: new Set(['-s', '-k', '--signal', '--kill-after']),
  stdbuf: new Set(['-i', '-o', '-e']),
};
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ash', 'ksh']);
const ASSIGNMENT_PREFIX = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;
const INLINE_SCRIPT_FLAG = /^-[A-Za-z]*c[A-Za-z]*$/;

/** Tokenizes shell text (all of the region, or a range of it) and records what its commands do. */
export function scanShellText(region: TextRegion, context: ScanContext, options: ShellScanOptions, range?: { start: number; end: number }, depth = 0): void {
  if (depth > MAX_NESTING) return;
  const { commands, problems } = tokenizeShell(region.text, options.dialect, range, depth);
  for (const problem of problems) context.note('warning', problem.message, region.position(problem.offset).line);
  for (const command of commands) analyseCommand(command, region, context, options, depth);
}

/** An exec-form command (`["curl", "-f", "http://..."]`): each argument is one word, at its place in the file. */
export function scanArgv(items: ReadonlyArray<{ text: string; at: LineColumn }>, context: ScanContext, options: ShellScanOptions): void {
  const builder = new RegionBuilder();
  const words: ShellWord[] = [];
  let offset = 0;
  for (const item of items) {
    if (!builder.isEmpty) {
      builder.appendSeparator(' ');
      offset++;
    }
    builder.append(item.text, item.at);
    words.push({ parts: splitExpansions(item.text), start: offset, end: offset + item.text.length, verbatim: true });
    offset += item.text.length;
  }
  analyseCommand({ words, stdin: null, hereDocuments: [] }, builder.build(), context, options, 0);
}

function analyseCommand(command: ShellCommand, region: TextRegion, context: ScanContext, options: ShellScanOptions, depth: number): void {
  collectVersionSettings(command.words, region, context);
  const at = programIndex(command.words);
  const programWord = at === -1 ? null : command.words[at];
  const program = programWord ? programName(programWord) : null;
  const args = command.words.slice(at + 1);
  if (programWord && (program === 'curl' || program === 'wget')) {
    const parsed = program === 'curl' ? parseCurlArguments(args, command.stdin) : parseWgetArguments(args);
    context.findings.usages.push(...engineUsages(parsed, context.atOffset(region, programWord.start), context.index));
  } else if (programWord && (program === 'docker' || program === 'docker-compose') && options.reportCli) {
    context.findings.cliInvocations.push({ ...context.atOffset(region, programWord.start), command: dockerCliCommand(program, args) });
  }
  const runsInlineScript = program !== null && SHELLS.has(program) && scanInlineScript(args, region, context, options, depth);
  const runsHereDocument = command.words.length === 0 || (program !== null && SHELLS.has(program) && !runsInlineScript);
  for (const body of command.hereDocuments) {
    if (runsHereDocument) scanShellText(region, context, options, body, depth + 1);
    else collectEnvFileLines(region, body, context);
  }
}

/** Index of the word naming the program, after assignments and wrappers; -1 when there is none. */
function programIndex(words: readonly ShellWord[]): number {
  let index = 0;
  while (index < words.length) {
    const first = words[index].parts[0];
    if (first && !first.expansion && ASSIGNMENT_PREFIX.test(first.text)) {
      index++;
      continue;
    }
    const text = literalText(words[index].parts);
    if (text === null || !WRAPPERS.has(text)) return index;
    index = skipWrapperArguments(words, index + 1, text);
  }
  return -1;
}

function skipWrapperArguments(words: readonly ShellWord[], from: number, wrapper: string): number {
  const withValue = WRAPPER_OPTIONS_WITH_VALUE[wrapper] ?? new Set<string>();
  let index = from;
  for (let text = wordText(words, index); text?.startsWith('-') && text !== '-'; text = wordText(words, index)) {
    index += withValue.has(text) ? 2 : 1;
  }
  // `timeout 5 curl ...`, `timeout 2m curl ...`: the duration comes before the program.
  if (wrapper === 'timeout' && /^\d+(\.\d+)?[smhd]?$/.test(wordText(words, index) ?? '')) index++;
  return index;
}

function wordText(words: readonly ShellWord[], index: number): string | null {
  return index < words.length ? literalText(words[index].parts) : null;
}

/** `/usr/bin/curl` -> `curl`. */
function programName(word: ShellWord): string | null {
  const text = literalText(word.parts);
  return text === null ? null : text.slice(text.lastIndexOf('/') + 1).replace(/\.exe$/i, '');
}

/** `sh -c 'curl ...'`, `bash -ec "..."`: the script runs too. Returns whether there was one. */
function scanInlineScript(args: readonly ShellWord[], region: TextRegion, context: ScanContext, options: ShellScanOptions, depth: number): boolean {
  const flag = args.findIndex((word) => INLINE_SCRIPT_FLAG.test(literalText(word.parts) ?? ''));
  if (flag === -1) return false;
  const script = args.slice(flag + 1).find((word) => !(literalText(word.parts) ?? '').startsWith('-'));
  if (!script || depth >= MAX_NESTING) return true;
  const written = region.text.slice(script.start, script.end);
  if (script.verbatim || !/['"\\$`]/.test(written)) {
    scanShellText(region, context, options, { start: script.start, end: script.end }, depth + 1);
  } else if (/^'[^']*'$/.test(written)) {
    scanShellText(region, context, options, { start: script.start + 1, end: script.end - 1 }, depth + 1);
  } else {
    // Quoted with escapes or expansions: read the text the outer shell hands over, placed at the word.
    const opening = region.position(script.start);
    const inner = new RegionBuilder().append(sourceText(script.parts), { line: opening.line, column: opening.column + (/^["']/.test(written) ? 1 : 0) });
    scanShellText(inner.build(), context, options, undefined, depth + 1);
  }
  return true;
}

function collectVersionSettings(words: readonly ShellWord[], region: TextRegion, context: ScanContext): void {
  for (const word of words) {
    const assigned = versionAssignedInWord(word.parts);
    if (assigned) context.findings.versionSettings.push({ ...context.atOffset(region, word.start), ...assigned });
  }
}

/** `cat > .env <<EOF ... EOF` writes an env file: its DOCKER_API_VERSION line is a setting too. */
function collectEnvFileLines(region: TextRegion, body: { start: number; end: number }, context: ScanContext): void {
  let lineStart = body.start;
  for (const line of region.text.slice(body.start, body.end).split('\n')) {
    const assigned = versionAssignedInEnvLine(line);
    if (assigned) context.findings.versionSettings.push({ ...context.atOffset(region, lineStart + assigned.column - 1), ...assigned.value });
    lineStart += line.length + 1;
  }
}
