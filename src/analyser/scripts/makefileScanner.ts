import { scanShellText, type ShellScanOptions } from './commandScanner.js';
import { lastContinuedLine, MakeVariables } from './makeVariables.js';
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
  const variables = MakeVariables.collect(lines);
  let seenRule = false;
  let inDefine = false;
  let line = 1;
  while (line <= lines.lineCount) {
    const text = lines.lineText(line);
    const last = lastContinuedLine(lines, line);
    if (inDefine) inDefine = !/^\s*endef\b/.test(text);
    else if (text.startsWith('\t') && seenRule) scanRecipe(lines, line, last, variables, context);
    else if (/^\s*define\b/.test(text)) inDefine = true;
    else {
      scanVersionAssignment(text, line, context);
      if (!ANY_ASSIGNMENT.test(text) && RULE.test(text)) {
        seenRule = true;
        scanInlineRecipe(lines, line, last, variables, context);
      } else scanShellFunctions(lines, line, last, variables, context);
    }
    line = last + 1;
  }
}

function endOfLine(lines: LineIndex, line: number): number {
  return lines.lineStart(line) + lines.lineText(line).length;
}

function scanRecipe(lines: LineIndex, first: number, last: number, variables: MakeVariables, context: ScanContext): void {
  const prefix = RECIPE_PREFIX.exec(lines.lineText(first))?.[0].length ?? 0;
  // The tab that starts each continuation line is removed by make; to the shell it is only a blank.
  scanMakeShellText(lines, lines.lineStart(first) + prefix, endOfLine(lines, last), variables, context);
}

/** `target: prerequisites ; command`. */
function scanInlineRecipe(lines: LineIndex, first: number, last: number, variables: MakeVariables, context: ScanContext): void {
  const text = lines.lineText(first);
  const semicolon = text.indexOf(';', text.indexOf(':'));
  if (semicolon === -1 || text.slice(0, semicolon).includes('#')) return;
  scanMakeShellText(lines, lines.lineStart(first) + semicolon + 1, endOfLine(lines, last), variables, context);
}

/** `VERSION := $(shell curl -s ...)`: make runs the argument in a shell. */
function scanShellFunctions(lines: LineIndex, first: number, last: number, variables: MakeVariables, context: ScanContext): void {
  const start = lines.lineStart(first);
  const text = lines.text.slice(start, endOfLine(lines, last));
  for (let at = text.indexOf('$(shell'); at !== -1; at = text.indexOf('$(shell', at + 1)) {
    const close = matchingParenthesis(text, at + 1);
    if (close !== -1) scanMakeShellText(lines, start + at + '$(shell'.length, start + close, variables, context);
  }
}

/** Shell text of the Makefile, with the make variables it uses put in place first, as make does. */
function scanMakeShellText(lines: LineIndex, start: number, end: number, variables: MakeVariables, context: ScanContext): void {
  const expanded = variables.expandRange(lines, start, end);
  if (!expanded) return scanShellText(lines, context, RECIPE, { start, end });
  // `$(Q)curl ...` with `Q = @`: make's prefixes may come out of a variable too.
  const prefix = /^[ \t@+-]*/.exec(expanded.text)?.[0].length ?? 0;
  scanShellText(expanded, context, RECIPE, { start: prefix, end: expanded.text.length });
}

function matchingParenthesis(text: string, open: number): number {
  let depth = 0;
  for (let at = open; at < text.length; at++) {
    if (text[at] === '(') depth++;
    else if (text[at] === ')' && --depth === 0) return at;
  }
  return -1;
}

/** `LEGACY_ENV := DOCKER_API_VERSION=1.24`, used as `$(LEGACY_ENV) docker version`: a variable holding an assignment. */
const ASSIGNMENT_IN_VALUE = /^([ \t]*(?:(?:export|override|private)[ \t]+)*[^\s:#=]+[ \t]*(?:::?=|:::=|\?=|\+=|=)(?:[^#]*?[\s='"])?)DOCKER_API_VERSION=(?:"([^"]*)"|'([^']*)'|([^\s#'"]*))/;

function scanVersionAssignment(text: string, line: number, context: ScanContext): void {
  if (!text.includes('DOCKER_API_VERSION')) return;
  const match = VERSION_ASSIGNMENT.exec(text);
  if (!match) {
    // Reported where the value is written, once: the recipes that use the variable do not report it again.
    const held = ASSIGNMENT_IN_VALUE.exec(text);
    if (held) context.findings.versionSettings.push({ ...context.at({ line, column: held[1].length + 1 }), ...versionValue(held[2] ?? held[3] ?? held[4]) });
    return;
  }
  // `!=` assigns a shell command's output: never a literal version.
  const value = match[3].replace(/(?<!\\)#.*$/, '').trim();
  const setting = match[2] === '!=' ? { version: null, raw: value } : versionValue(value);
  context.findings.versionSettings.push({ ...context.at({ line, column: match[1].length + 1 }), ...setting });
}
