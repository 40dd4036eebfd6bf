/**
 * The variables a Makefile defines (`NAME = value`, `:=`, `::=`, `?=`, `+=`, with
 * `export`/`override`), so that recipes can be read as make hands them to the shell:
 * `$(CURL) $(ENGINE)/info` becomes `curl -fsS --unix-socket ... http://localhost/v1.44/info`.
 * A variable that is unknown (never set, set by `!=` or `$(shell ...)`, set differently
 * under conditions, in a `define`) stays as written, so the shell scan sees `{}` there.
 */
import { RegionBuilder, type LineIndex, type TextRegion } from './textRegion.js';

/** Expanded text: `literal` is final text (a `$` in it is the shell's), otherwise a make reference kept as written. */
interface Segment {
  text: string;
  literal: boolean;
}

type Variable =
  | { flavor: 'recursive'; raw: string }
  | { flavor: 'simple'; segments: Segment[] }
  | { flavor: 'unknown' };

/** `[export|override|private ]NAME op value` (outside recipes). */
const ASSIGNMENT = /^[ \t]*(?:(?:export|override|private|unexport)[ \t]+)*([^\s:#=!?+$(){}]+)[ \t]*(:::=|::=|:=|\?=|\+=|!=|=)[ \t]*([\s\S]*)$/;
const DEFINE = /^[ \t]*(?:(?:export|override|private)[ \t]+)*define[ \t]+([^\s:#=!?+$(){}]+)/;
const CONDITIONAL_START = /^[ \t]*(?:ifeq|ifneq|ifdef|ifndef)\b/;
const CONDITIONAL_END = /^[ \t]*endif\b/;
const VARIABLE_NAME = /^[^\s:#=$(){}]+$/;
/** Automatic variables (`$@`, `$<`...): known only when a rule runs. */
const AUTOMATIC = new Set(['@', '<', '^', '+', '?', '*', '%', '|']);
const MAX_DEPTH = 32;
const MAX_LENGTH = 65_536;
const SHELL_FUNCTION = Symbol('shell');

export class MakeVariables {
  private readonly variables = new Map<string, Variable>();

  /** Reads every variable assignment of the Makefile, in order, as make does before running recipes. */
  static collect(lines: LineIndex): MakeVariables {
    const result = new MakeVariables();
    let seenRule = false;
    let inDefine = false;
    let conditionalDepth = 0;
    let line = 1;
    while (line <= lines.lineCount) {
      const text = lines.lineText(line);
      const last = lastContinuedLine(lines, line);
      if (inDefine) inDefine = !/^[ \t]*endef\b/.test(text);
      else if (text.startsWith('\t') && seenRule) {
        // a recipe line
      } else {
        const logical = joinContinuations(lines, line, last);
        const define = DEFINE.exec(logical);
        if (define) {
          inDefine = true;
          result.variables.set(define[1], { flavor: 'unknown' });
        } else if (CONDITIONAL_START.test(logical)) conditionalDepth++;
        else if (CONDITIONAL_END.test(logical)) conditionalDepth = Math.max(0, conditionalDepth - 1);
        else {
          const assignment = ASSIGNMENT.exec(logical);
          if (assignment) result.assign(assignment[1], assignment[2], stripComment(assignment[3]), conditionalDepth > 0);
          else if (/^[^\t#:=][^#=]*?:(?![=:]?=)/.test(logical)) seenRule = true;
        }
      }
      line = last + 1;
    }
    return result;
  }

  get isEmpty(): boolean {
    return this.variables.size === 0;
  }

  /**
   * The text from `start` to `end` with the make variables whose values are known put in
   * place, each value placed at its `$(` in the file; null when nothing was replaced.
   */
  expandRange(lines: LineIndex, start: number, end: number): TextRegion | null {
    if (this.isEmpty) return null;
    const text = lines.text;
    const builder = new RegionBuilder();
    let copied = start;
    let replaced = false;
    const copyTo = (to: number): void => {
      appendSource(builder, lines, copied, to);
      copied = to;
    };
    for (let at = text.indexOf('$', start); at !== -1 && at < end; at = text.indexOf('$', at)) {
      if (text[at + 1] === '$') {
        at += 2; // the shell's `$`
        continue;
      }
      const reference = referenceAt(text, at, end);
      if (!reference) {
        at++;
        continue;
      }
      const value = reference.name === null ? null : this.valueOf(reference.name, 0, new Set());
      if (value === null) {
        at = reference.end;
        continue;
      }
      copyTo(at);
      builder.appendSubstitute(toRecipeText(value), lines.position(at));
      copied = reference.end;
      at = reference.end;
      replaced = true;
    }
    if (!replaced) return null;
    copyTo(end);
    return builder.build();
  }

  private assign(name: string, op: string, value: string, conditional: boolean): void {
    const previous = this.variables.get(name);
    let next: Variable;
    switch (op) {
      case '!=':
        next = { flavor: 'unknown' };
        break;
      case '?=':
        if (previous) return;
        next = { flavor: 'recursive', raw: value };
        break;
      case '+=':
        if (!previous) next = { flavor: 'recursive', raw: value };
        else if (previous.flavor === 'unknown') return;
        else if (previous.flavor === 'recursive') next = { flavor: 'recursive', raw: `${previous.raw} ${value}` };
        else {
          const appended = this.expand(value, 0, new Set());
          next = appended === SHELL_FUNCTION ? { flavor: 'unknown' } : { flavor: 'simple', segments: [...previous.segments, { text: ' ', literal: true }, ...appended] };
        }
        break;
      case '=':
        next = { flavor: 'recursive', raw: value };
        break;
      default: {
        const expanded = this.expand(value, 0, new Set());
        next = expanded === SHELL_FUNCTION ? { flavor: 'unknown' } : { flavor: 'simple', segments: expanded };
      }
    }
    // Under ifeq/ifdef, a value that differs from one already set means either may hold.
    if (conditional && previous && variableKey(previous) !== variableKey(next)) next = { flavor: 'unknown' };
    this.variables.set(name, next);
  }

  /** A variable's value, or null when it is not known. */
  private valueOf(name: string, depth: number, seen: ReadonlySet<string>): Segment[] | null {
    const variable = this.variables.get(name);
    if (!variable || variable.flavor === 'unknown' || seen.has(name) || depth > MAX_DEPTH) return null;
    if (variable.flavor === 'simple') return variable.segments;
    const expanded = this.expand(variable.raw, depth + 1, new Set([...seen, name]));
    return expanded === SHELL_FUNCTION ? null : expanded;
  }

  /** Make's expansion of `text`: known variables replaced, other references kept as written. */
  private expand(text: string, depth: number, seen: ReadonlySet<string>): Segment[] | typeof SHELL_FUNCTION {
    const segments: Segment[] = [];
    let length = 0;
    const push = (piece: string, literal: boolean): void => {
      length += piece.length;
      const last = segments[segments.length - 1];
      if (last && last.literal === literal) last.text += piece;
      else segments.push({ text: piece, literal });
    };
    let at = 0;
    while (at < text.length) {
      if (length > MAX_LENGTH) return SHELL_FUNCTION;
      const dollar = text.indexOf('$', at);
      if (dollar === -1) {
        push(text.slice(at), true);
        break;
      }
      push(text.slice(at, dollar), true);
      if (text[dollar + 1] === '$') {
        push('$', true);
        at = dollar + 2;
        continue;
      }
      const reference = referenceAt(text, dollar, text.length);
      if (!reference) {
        push('$', true);
        at = dollar + 1;
        continue;
      }
      if (reference.isShell) return SHELL_FUNCTION;
      const value = reference.name === null ? null : this.valueOf(reference.name, depth + 1, seen);
      if (value === null) push(text.slice(dollar, reference.end), false);
      else for (const segment of value) push(segment.text, segment.literal);
      at = reference.end;
    }
    return segments;
  }
}

/** A make reference at `$`: `$(NAME)`, `${NAME}`, `$N`; name null for functions and substitution references. */
function referenceAt(text: string, at: number, end: number): { name: string | null; end: number; isShell: boolean } | null {
  const next = text[at + 1];
  if (next === undefined || at + 1 >= end) return null;
  if (next === '$') return null;
  if (next === '(' || next === '{') {
    const close = next === '(' ? ')' : '}';
    let depth = 0;
    for (let index = at + 1; index < end; index++) {
      if (text[index] === next) depth++;
      else if (text[index] === close && --depth === 0) {
        const inner = text.slice(at + 2, index);
        return { name: VARIABLE_NAME.test(inner) ? inner : null, end: index + 1, isShell: /^shell[ \t]/.test(inner) };
      }
    }
    return null;
  }
  if (/\s/.test(next)) return null;
  return { name: AUTOMATIC.has(next) ? null : next, end: at + 2, isShell: false };
}

/** Final text as a recipe line: a `$` the shell should see is written `$$` again; references stay as written. */
function toRecipeText(segments: readonly Segment[]): string {
  return segments.map((segment) => (segment.literal ? segment.text.replace(/\$/g, '$$$$') : segment.text)).join('');
}

function variableKey(variable: Variable): string {
  switch (variable.flavor) {
    case 'unknown':
      return 'unknown';
    case 'recursive':
      return `=${variable.raw}`;
    case 'simple':
      return `:=${JSON.stringify(variable.segments)}`;
  }
}

/** Copies file text line by line, so each line keeps its own position. */
function appendSource(builder: RegionBuilder, lines: LineIndex, from: number, to: number): void {
  let at = from;
  while (at < to) {
    const newline = lines.text.indexOf('\n', at);
    const stop = newline === -1 || newline >= to ? to : newline + 1;
    builder.append(lines.text.slice(at, stop), lines.position(at));
    at = stop;
  }
}

/** A line ending in an odd number of backslashes continues on the next one. */
export function lastContinuedLine(lines: LineIndex, first: number): number {
  let line = first;
  while (line < lines.lineCount && /(?:^|[^\\])(?:\\\\)*\\$/.test(lines.lineText(line))) line++;
  return line;
}

/** Outside recipes, make joins a backslash-newline and the blanks around it into one space. */
function joinContinuations(lines: LineIndex, first: number, last: number): string {
  const pieces: string[] = [];
  for (let line = first; line <= last; line++) {
    const text = lines.lineText(line);
    pieces.push(line < last ? text.slice(0, -1).trimEnd() : text);
  }
  return pieces.map((piece, index) => (index === 0 ? piece : piece.trimStart())).join(' ');
}

/** Drops a `# comment` (not an escaped `\#`) and the blanks at the end. */
function stripComment(value: string): string {
  const hash = value.search(/(?<!\\)#/);
  return (hash === -1 ? value : value.slice(0, hash)).trim();
}
