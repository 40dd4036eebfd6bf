import { scanShellText, type ShellScanOptions } from './commandScanner.js';
import type { ScanContext } from './scanContext.js';
import type { LineIndex } from './textRegion.js';
import { versionValue } from './versionSettings.js';

const RECIPE: ShellScanOptions = { dialect: 'make', reportCli: true };
/** A recipe line: tab, then make's own prefixes (`@` silent, `-` ignore errors, `+` always run). */
const RECIPE_PREFIX = /^\t[ \t@+-]*/;
/** `[target: ][export|override ]DOCKER_API_VERSION := value`, every make assignment operator. */
const VERSION_ASSIGNMENT = /^((?:[^\t#:=][^#:=]*:[ \t]+)?[ \t]*(?:(?:export|override|private)[ \t]+)*)DOCKER_API_VERSION[ \t]*(:::=|::=|:=|\?=|\+=|!=|=)[ \t]*(.*)$/;
const ANY_ASSIGNMENT = /^[ \t]*(?:(?:export|override|private)[ \t]+)*[^\s:#=]+[ \t]*(?:::?=|:::=|\?=|\+=|!=|=)/;
const RULE = /^[^\t#:=][^#=]*?:(?![=:]?=)/;

/** Recipes (make dialect: `$$VAR` is the shell's), inline `target: ; cmd` recipes, `$(shell ...)`, and DOCKER_API_VERSION assignments. */
export function scanMakefile(lines: LineIndex, context: ScanContext): void {
  let seenRule = false;
  let inDefine = false;
  let line = 1;
  while (line <= lines.lineCount) {
    const text = lines.lineText(line);
    const last = lastContinuedLine(lines, line);
    if (inDefine) inDefine = !/^\s*endef\b/.test(text);
    else if (text.startsWith('\t') && seenRule) scanRecipe(lines, line, last, context);
    else if (/^\s*define\b/.test(text)) inDefine = true;
    else {
      scanVersionAssignment(text, line, context);
      if (!ANY_ASSIGNMENT.test(text) && RULE.test(text)) {
        seenRule = true;
        scanInlineRecipe(lines, line, last, context);
      } else scanShellFunctions(lines, line, last, context);
    }
    line = last + 1;
  }
}

/** A line ending in an odd number of backslashes continues on the next one. */
function lastContinuedLine(lines: LineIndex, first: number): number {
  let line = first;
  while (line < lines.lineCount && /(?:^|[^\\])(?:\\\\)*\\$/.test(lines.lineText(line))) line++;
  return line;
}

function endOfLine(lines: LineIndex, line: number): number {
  return lines.lineStart(line) + lines.lineText(line).length;
}

function scanRecipe(lines: LineIndex, first: number, last: number, context: ScanContext): void {
  const prefix = RECIPE_PREFIX.exec(lines.lineText(first))?.[0].length ?? 0;
  // The tab that starts each continuation line is removed by make; to the shell it is only a blank.
  scanShellText(lines, context, RECIPE, { start: lines.lineStart(first) + prefix, end: endOfLine(lines, last) });
}

/** `target: prerequisites ; command`. */
function scanInlineRecipe(lines: LineIndex, first: number, last: number, context: ScanContext): void {
  const text = lines.lineText(first);
  const semicolon = text.indexOf(';', text.indexOf(':'));
  if (semicolon === -1 || text.slice(0, semicolon).includes('#')) return;
  scanShellText(lines, context, RECIPE, { start: lines.lineStart(first) + semicolon + 1, end: endOfLine(lines, last) });
}

/** `VERSION := $(shell curl -s ...)`: make runs the argument in a shell. */
function scanShellFunctions(lines: LineIndex, first: number, last: number, context: ScanContext): void {
  const start = lines.lineStart(first);
  const text = lines.text.slice(start, endOfLine(lines, last));
  for (let at = text.indexOf('$(shell'); at !== -1; at = text.indexOf('$(shell', at + 1)) {
    const close = matchingParenthesis(text, at + 1);
    if (close !== -1) scanShellText(lines, context, RECIPE, { start: start + at + '$(shell'.length, end: start + close });
  }
}

function matchingParenthesis(text: string, open: number): number {
  let depth = 0;
  for (let at = open; at < text.length; at++) {
    if (text[at] === '(') depth++;
    else if (text[at] === ')' && --depth === 0) return at;
  }
  return -1;
}

function scanVersionAssignment(text: string, line: number, context: ScanContext): void {
  if (!text.includes('DOCKER_API_VERSION')) return;
  const match = VERSION_ASSIGNMENT.exec(text);
  if (!match) return;
  // `!=` assigns a shell command's output: never a literal version.
  const value = match[3].replace(/(?<!\\)#.*$/, '').trim();
  const setting = match[2] === '!=' ? { version: null, raw: value } : versionValue(value);
  context.findings.versionSettings.push({ ...context.at({ line, column: match[1].length + 1 }), ...setting });
}
