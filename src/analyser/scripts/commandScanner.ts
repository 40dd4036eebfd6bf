import { commandProgram } from './commandWords.js';
import { parseCurlArguments } from './curlCommand.js';
import { dockerCliCommand } from './dockerCli.js';
import { engineUsages } from './engineRequest.js';
import { rawSocketRequest } from './rawSocketRequest.js';
import { outputIsConsumed, responseReads } from './responseReads.js';
import type { SourcePosition } from '../usage.js';
import type { ScanContext } from './scanContext.js';
import { ShellScript, type ExpandedWords, type ExpansionScope } from './shellScript.js';
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

/** The script a nested one (`sh -c '...'`, `bash <<EOF`) runs in, for the variables it sets. */
type EnclosingScript = { script: ShellScript; scope: ExpansionScope } | null;

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ash', 'ksh']);
const INLINE_SCRIPT_FLAG = /^-[A-Za-z]*c[A-Za-z]*$/;

/** Tokenizes shell text (all of the region, or a range of it) and records what its commands do. */
export function scanShellText(region: TextRegion, context: ScanContext, options: ShellScanOptions, range?: { start: number; end: number }, depth = 0, enclosing: EnclosingScript = null): void {
  if (depth > MAX_NESTING) return;
  const { commands, problems } = tokenizeShell(region.text, options.dialect, range, depth);
  for (const problem of problems) context.note('warning', problem.message, region.position(problem.offset).line);
  const script = new ShellScript(region, commands, enclosing);
  for (const command of commands) analyseCommand(command, region, context, options, depth, script);
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
  analyseCommand({ words, stdin: null, hereDocuments: [] }, builder.build(), context, options, 0, null);
}

function analyseCommand(command: ShellCommand, region: TextRegion, context: ScanContext, options: ShellScanOptions, depth: number, script: ShellScript | null): void {
  // Inline scripts and here-documents are read from the text as written.
  const writtenProgram = commandProgram(command.words);
  const written = writtenProgram?.name ?? null;
  const args = writtenProgram?.args ?? [];
  const runsShell = written !== null && SHELLS.has(written);
  // `sh -c "DOCKER_API_VERSION=1.44 node app.js"`: the script is read as a script below, not as one word.
  const inlineScript = runsShell ? inlineScriptWord(args) : undefined;
  collectVersionSettings(command.words.filter((word) => word !== inlineScript), region, context);
  const scope = script?.scopeOf(command) ?? null;
  const expanded = script && scope ? script.expandWords(command.words, scope) : { words: command.words, usesPositional: false };
  // A call of a script function named like a program (`curl() { command curl ...; }`) is reported through the function.
  const program = script?.isFunctionCall(command) ? null : commandProgram(expanded.words);
  if (program && (program.name === 'curl' || program.name === 'wget')) {
    reportHttpCommand(command, program.name, context.atOffset(region, program.word.start), expanded, region, context, script, scope);
  } else if (program && command.pipeTo && (program.name === 'echo' || program.name === 'printf')) {
    reportSocketRequest(program, command.pipeTo, context.atOffset(region, program.word.start), context, script, scope);
  } else if (program && (program.name === 'docker' || program.name === 'docker-compose') && options.reportCli) {
    context.findings.cliInvocations.push({ ...context.atOffset(region, program.word.start), command: dockerCliCommand(program.name, program.args) });
  }
  const inner: EnclosingScript = script && scope ? { script, scope } : null;
  const runsInlineScript = runsShell && scanInlineScript(args, region, context, options, depth, inner);
  const runsHereDocument = command.words.length === 0 || (runsShell && !runsInlineScript);
  for (const body of command.hereDocuments) {
    if (runsHereDocument) scanShellText(region, context, options, body, depth + 1, inner);
    else collectEnvFileLines(region, body, context);
  }
}

/**
 * A curl or wget command: one usage per Engine request. In a shell function whose URL
 * or options use the function's arguments (`api() { curl ... "$1"; }`), one per call of
 * the function instead, at the call, with the call's arguments in place of `$1`...
 */
function reportHttpCommand(
  command: ShellCommand,
  tool: 'curl' | 'wget',
  at: SourcePosition | null,
  expanded: ExpandedWords,
  region: TextRegion,
  context: ScanContext,
  script: ShellScript | null,
  scope: ExpansionScope | null,
): void {
  const fn = scope?.fn ?? null;
  const calls = script && fn && expanded.usesPositional ? script.callsOf(fn) : [];
  if (!script || !scope || calls.length === 0) {
    const stdin = script && scope && command.stdin ? script.expandText(command.stdin, scope) : command.stdin;
    const reads = script ? responseReads(script, command) : [];
    reportRequests(expanded.words, stdin, tool, at, reads, context);
    return;
  }
  // The function's own reads of the output apply at every call; if it hands the output back, the caller's do.
  const ownReads = outputIsConsumed(script, command) ? responseReads(script, command) : null;
  for (const call of calls) {
    const callScope = script.scopeOf(call.command);
    const args = script.expandWords(call.args, callScope).words;
    const callFor: ExpansionScope = { ...scope, args };
    const words = script.expandWords(command.words, callFor).words;
    const stdin = command.stdin ? script.expandText(command.stdin, callFor) : null;
    const reads = ownReads ?? responseReads(script, call.command);
    reportRequests(words, stdin, tool, context.atOffset(region, call.nameWord.start), reads, context);
  }
}

function reportRequests(
  words: readonly ShellWord[],
  stdin: ShellCommand['stdin'],
  tool: 'curl' | 'wget',
  at: SourcePosition | null,
  reads: readonly string[],
  context: ScanContext,
): void {
  const program = commandProgram(words);
  if (!program || !at) return;
  const parsed = tool === 'curl' ? parseCurlArguments(program.args, stdin) : parseWgetArguments(program.args);
  for (const usage of engineUsages(parsed, at, context.index)) {
    usage.response = [...reads];
    context.findings.usages.push(usage);
  }
}

/** `echo -e "GET /info HTTP/1.0\r\n" | nc -U /var/run/docker.sock`: a request written by hand on the socket. */
function reportSocketRequest(
  writer: NonNullable<ReturnType<typeof commandProgram>>,
  readerCommand: ShellCommand,
  at: SourcePosition | null,
  context: ScanContext,
  script: ShellScript | null,
  scope: ExpansionScope | null,
): void {
  const readerWords = script && scope ? script.expandWords(readerCommand.words, scope).words : readerCommand.words;
  const reader = commandProgram(readerWords);
  const request = reader ? rawSocketRequest(writer, reader) : null;
  if (!request || !reader?.name || !at) return;
  for (const usage of engineUsages(request, at, context.index)) context.findings.usages.push({ ...usage, via: reader.name });
}

/** `sh -c 'curl ...'`, `bash -ec "..."`: the script runs too. Returns whether there was one. */
/** The word after a shell's `-c` (or `-ec`, `-xc`): the script it runs; null when `-c` has none; undefined without `-c`. */
function inlineScriptWord(args: readonly ShellWord[]): ShellWord | null | undefined {
  const flag = args.findIndex((word) => INLINE_SCRIPT_FLAG.test(literalText(word.parts) ?? ''));
  if (flag === -1) return undefined;
  return args.slice(flag + 1).find((word) => !(literalText(word.parts) ?? '').startsWith('-')) ?? null;
}

function scanInlineScript(args: readonly ShellWord[], region: TextRegion, context: ScanContext, options: ShellScanOptions, depth: number, enclosing: EnclosingScript): boolean {
  const script = inlineScriptWord(args);
  if (script === undefined) return false;
  if (!script || depth >= MAX_NESTING) return true;
  const written = region.text.slice(script.start, script.end);
  if (script.verbatim || !/['"\\$`]/.test(written)) {
    scanShellText(region, context, options, { start: script.start, end: script.end }, depth + 1, enclosing);
  } else if (/^'[^']*'$/.test(written) || /^"[^"\\$`]*"$/.test(written)) {
    // Quoted, with nothing in it the outer shell would change: the text between the quotes, where it is.
    scanShellText(region, context, options, { start: script.start + 1, end: script.end - 1 }, depth + 1, enclosing);
  } else {
    // Quoted with escapes or expansions: read the text the outer shell hands over, placed at the word.
    const opening = region.position(script.start);
    const inner = new RegionBuilder().append(sourceText(script.parts), { line: opening.line, column: opening.column + (/^["']/.test(written) ? 1 : 0) });
    scanShellText(inner.build(), context, options, undefined, depth + 1, enclosing);
  }
  return true;
}

function collectVersionSettings(words: readonly ShellWord[], region: TextRegion, context: ScanContext): void {
  for (const word of words) {
    // A make variable's value put in the recipe is reported where the variable is set, not here.
    if (region.isSubstituted?.(word.start)) continue;
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
