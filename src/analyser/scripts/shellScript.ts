/**
 * What a whole shell script tells about each of its commands: the literal values of its
 * variables, its functions and their calls, and which commands' output is captured into
 * a variable. Nothing is executed; a value the text does not settle stays an expansion.
 */
import { commandProgram, echoArguments, isAssignmentWord, programIndex } from './commandWords.js';
import type { ShellCommand } from './shellTokenizer.js';
import { literalText, pushExpansion, pushLiteral, splitExpansions, type ShellWord, type WordPart } from './shellWords.js';
import type { TextRegion } from './textRegion.js';

export interface ShellFunction {
  name: string;
  /** The command that names it (`api()`, `function api`). */
  definition: ShellCommand;
  /** Offsets of the body, from its `{` to the end of its `}`. */
  start: number;
  end: number;
  /** Names declared `local` (or `declare`/`typeset`) in the body. */
  locals: Set<string>;
  /** Offsets of the body's `shift` commands and how far each shifts. */
  shifts: Array<{ offset: number; count: number }>;
  /** `$1` cannot be followed through the body: `set --`, a computed `shift $n`, or shifts with loops or `case` around. */
  positionalUnknown: boolean;
}

/** Where words are expanded: their offset, the function they are in, and a call's arguments when one is followed. */
export interface ExpansionScope {
  offset: number;
  fn: ShellFunction | null;
  /** The words a call passes, when a function body is expanded for that call; null when unknown. */
  args: readonly ShellWord[] | null;
}

export interface ExpandedWords {
  words: ShellWord[];
  /** Some word refers to `$1`, `$@`..., directly or through a variable assigned from one. */
  usesPositional: boolean;
}

/** A call of a script function: the command, the function name word and the words passed. */
export interface FunctionCall {
  command: ShellCommand;
  nameWord: ShellWord;
  args: ShellWord[];
}

interface Assignment {
  name: string;
  offset: number;
  /** The value as written; null when it is not a literal one (command substitution, `read`, `for`, `+=`, arrays). */
  value: WordPart[] | null;
  fn: ShellFunction | null;
  local: boolean;
}

type Resolution = { kind: 'unset' } | { kind: 'unknown' } | { kind: 'value'; parts: WordPart[] };

interface ExpansionState {
  resolving: Set<Assignment>;
  usesPositional: boolean;
}

const UNSET: Resolution = { kind: 'unset' };
const UNKNOWN: Resolution = { kind: 'unknown' };
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_:.-]*$/;
const DECLARATIONS = new Set(['export', 'readonly', 'declare', 'typeset', 'local']);
/** Words that start a loop or a `case`, wherever they stand in a command (`if ...; then while ...`). */
const LOOP_WORDS = new Set(['while', 'until', 'for', 'case', 'select']);
const RESERVED_BEFORE_ASSIGNMENT = new Set(['then', 'else', 'elif', 'do', '{', '!', 'if', 'while', 'until']);
const READ_OPTIONS_WITH_VALUE = new Set(['-p', '-a', '-d', '-t', '-n', '-N', '-u', '-i']);
/** More functions than this in one script are not followed (bounds the work on generated text). */
const MAX_FUNCTIONS = 1000;
/** A value longer than this, after expansion, is treated as unknown. */
const MAX_VALUE_LENGTH = 8192;
const MAX_VALUE_PARTS = 128;
/** Expansion steps one script may take; beyond it every variable is unknown. */
const MAX_STEPS = 200_000;

export class ShellScript {
  private readonly functions: ShellFunction[] = [];
  private readonly functionOf = new Map<ShellCommand, ShellFunction>();
  private readonly assignments: Assignment[] = [];
  private readonly assignmentsByName = new Map<string, Assignment[]>();
  private readonly callsByName = new Map<string, FunctionCall[]>();
  /** Commands whose output a `VAR=$(...)` captures, with the variable. */
  private readonly captures: Array<{ name: string; start: number; end: number }> = [];
  private readonly pipeFrom = new Map<ShellCommand, ShellCommand>();
  private readonly valueCache = new Map<Assignment, { parts: WordPart[] | null; usesPositional: boolean }>();
  private readers: Map<string, ShellCommand[]> | null = null;
  private readonly loopsIn = new Set<ShellFunction>();
  private readonly functionCalls = new Set<ShellCommand>();
  private steps = 0;

  constructor(
    private readonly region: TextRegion,
    readonly commands: readonly ShellCommand[],
    /** The script this one is nested in (`sh -c '...'`, `bash <<EOF`), and where. */
    private readonly parent: { script: ShellScript; scope: ExpansionScope } | null = null,
  ) {
    const ordered = commands.filter((command) => command.words.length > 0).sort((a, b) => a.words[0].start - b.words[0].start);
    this.findFunctions(ordered);
    for (const command of commands) {
      if (command.pipeTo) this.pipeFrom.set(command.pipeTo, command);
      if (command.words.length > 0) this.collectAssignments(command);
    }
    for (const fn of this.loopsIn) if (fn.shifts.length > 0) fn.positionalUnknown = true;
    this.captures.sort((a, b) => a.start - b.start);
    this.assignments.sort((a, b) => a.offset - b.offset);
    for (const assignment of this.assignments) {
      if (assignment.fn?.locals.has(assignment.name)) assignment.local = true;
      const list = this.assignmentsByName.get(assignment.name) ?? [];
      list.push(assignment);
      this.assignmentsByName.set(assignment.name, list);
    }
    this.findCalls(ordered);
  }

  /** The function whose body holds the command, if any. */
  functionContaining(command: ShellCommand): ShellFunction | null {
    return this.functionOf.get(command) ?? null;
  }

  /** The scope a command of this script is expanded in. */
  scopeOf(command: ShellCommand): ExpansionScope {
    return { offset: command.words[0]?.start ?? 0, fn: this.functionContaining(command), args: null };
  }

  /** Whether the command runs a function of this script (`api /info`) rather than a program. */
  isFunctionCall(command: ShellCommand): boolean {
    return this.functionCalls.has(command);
  }

  callsOf(fn: ShellFunction): FunctionCall[] {
    return this.callsByName.get(fn.name) ?? [];
  }

  /**
   * The words with every variable whose value the script settles replaced by it; in a
   * function expanded for a call, `$1`... are that call's arguments. An unquoted lone
   * expansion with blanks in its value splits into several words, as the shell does.
   */
  expandWords(words: readonly ShellWord[], scope: ExpansionScope): ExpandedWords {
    const state: ExpansionState = { resolving: new Set(), usesPositional: false };
    const result: ShellWord[] = [];
    for (const word of words) {
      const only = word.parts.length === 1 && word.parts[0].expansion ? word.parts[0].text : null;
      if (only !== null && /^\$(?:[@*]|\{[@*]\})$/.test(only)) {
        state.usesPositional = true;
        const args = this.argumentsAt(scope);
        if (args) {
          result.push(...args);
          continue;
        }
      }
      const parts = this.expandParts(word.parts, scope, state);
      const unquoted = only !== null && !word.verbatim && this.region.text.slice(word.start, word.end) === only;
      const literal = unquoted ? literalText(parts) : null;
      if (literal !== null && literal !== only) {
        // Word splitting of an unquoted expansion: `$CURL http://...` with CURL="curl -s".
        for (const piece of literal.split(/[ \t\n]+/).filter((text) => text !== '')) result.push({ parts: [{ text: piece, expansion: false }], start: word.start, end: word.end });
        continue;
      }
      result.push({ ...word, parts });
    }
    return { words: result, usesPositional: state.usesPositional };
  }

  /** The parts with known variables replaced (a here-document body, a here-string). */
  expandText(parts: readonly WordPart[], scope: ExpansionScope): WordPart[] {
    return this.expandParts(parts, scope, { resolving: new Set(), usesPositional: false });
  }

  /** The variable a `VAR=$(...)` assigns this command's output to, when the command ends its pipeline inside one. */
  capturedInto(command: ShellCommand): string | null {
    if (command.pipeTo || command.words.length === 0) return null;
    const start = command.words[0].start;
    // Captures are sorted by start; the innermost one holding the command starts last.
    for (let index = lastStartingBefore(this.captures, start, (capture) => capture.start); index >= 0; index--) {
      const capture = this.captures[index];
      if (start < capture.end) return capture.name;
    }
    return null;
  }

  /**
   * Commands after `offset`, up to the next assignment of `name`, that feed `$name` on
   * stdin: `<<<"$name"`, `echo "$name" | ...`, a here-document holding only it.
   */
  commandsReading(name: string, after: number): ShellCommand[] {
    const assignments = this.assignmentsByName.get(name) ?? [];
    const next = assignments[lastStartingBefore(assignments, after + 1, (assignment) => assignment.offset) + 1];
    const before = next ? next.offset : Infinity;
    const readers = this.readersByName().get(name) ?? [];
    const result: ShellCommand[] = [];
    for (let index = lastStartingBefore(readers, after + 1, (command) => command.words[0].start) + 1; index < readers.length; index++) {
      if (readers[index].words[0].start >= before) break;
      result.push(readers[index]);
    }
    return result;
  }

  /** Commands whose stdin is one variable, by the variable's name (built on first use). */
  private readersByName(): Map<string, ShellCommand[]> {
    if (this.readers) return this.readers;
    this.readers = new Map();
    for (const command of this.commands) {
      if (command.words.length === 0) continue;
      const source = this.pipeFrom.get(command);
      const name = (command.stdin && loneVariableName(command.stdin)) || (source && echoedVariableName(source));
      if (!name) continue;
      const list = this.readers.get(name) ?? [];
      list.push(command);
      this.readers.set(name, list);
    }
    for (const list of this.readers.values()) list.sort((a, b) => a.words[0].start - b.words[0].start);
    return this.readers;
  }

  // -------------------------------------------------------------------------------------
  // Functions and calls

  /**
   * `name() {`, `function name {`, `function name() {`: the body is the brace group that
   * follows, matched by counting `{` and `}` command words in one pass.
   */
  private findFunctions(ordered: readonly ShellCommand[]): void {
    /** Open brace groups, each with the function it is the body of and the innermost function around it. */
    const open: Array<{ fn: ShellFunction | null; innermost: ShellFunction | null }> = [];
    const openGroup = (fn: ShellFunction | null): void => {
      open.push({ fn, innermost: fn ?? open[open.length - 1]?.innermost ?? null });
    };
    let pendingName: { name: string; definition: ShellCommand } | null = null;
    for (const command of ordered) {
      const words = command.words;
      const first = literalText(words[0].parts);
      const current = open[open.length - 1]?.innermost;
      if (current) this.functionOf.set(command, current);
      if (first === '{') {
        const fn = pendingName && this.functions.length < MAX_FUNCTIONS ? this.newFunction(pendingName.name, pendingName.definition, words[0].start) : null;
        openGroup(fn);
        if (fn) this.functionOf.set(command, fn);
        pendingName = null;
      } else if (first === '}') {
        const closed = open.pop();
        if (closed?.fn) closed.fn.end = words[0].end;
        pendingName = null;
      } else {
        pendingName = this.definedName(command);
        if (pendingName && first === 'function' && words.length > 2 && literalText(words[2].parts) === '{') {
          const fn = this.functions.length < MAX_FUNCTIONS ? this.newFunction(pendingName.name, command, words[2].start) : null;
          openGroup(fn);
          if (fn) this.functionOf.set(command, fn);
          pendingName = null;
        }
      }
    }
  }

  private newFunction(name: string, definition: ShellCommand, start: number): ShellFunction {
    const fn: ShellFunction = { name, definition, start, end: this.region.text.length, locals: new Set(), shifts: [], positionalUnknown: false };
    this.functions.push(fn);
    return fn;
  }

  /** The name a command defines: `api` followed by `()`, or `function api`. */
  private definedName(command: ShellCommand): { name: string; definition: ShellCommand } | null {
    const words = command.words;
    const first = literalText(words[0].parts);
    if (first === 'function' && words.length >= 2) {
      const name = literalText(words[1].parts)?.replace(/\(\)$/, '') ?? '';
      return FUNCTION_NAME.test(name) ? { name, definition: command } : null;
    }
    if (words.length !== 1 || first === null || !FUNCTION_NAME.test(first)) return null;
    const after = this.region.text.slice(words[0].end, words[0].end + 64);
    return /^[ \t]*\([ \t]*\)/.test(after) ? { name: first, definition: command } : null;
  }

  private findCalls(ordered: readonly ShellCommand[]): void {
    if (this.functions.length === 0) return;
    const byName = new Map(this.functions.map((fn) => [fn.name, fn]));
    for (const command of ordered) {
      const at = programIndex(command.words);
      if (at === -1) continue;
      const name = literalText(command.words[at].parts);
      const fn = name === null ? undefined : byName.get(name);
      // `command curl ...` runs the program even where a function `curl` is defined.
      const bypassed = at > 0 && ['command', 'builtin'].includes(literalText(command.words[at - 1].parts) ?? '');
      if (!fn || bypassed || fn.definition === command || this.isInside(command, fn)) continue;
      this.functionCalls.add(command);
      const calls = this.callsByName.get(fn.name) ?? [];
      calls.push({ command, nameWord: command.words[at], args: command.words.slice(at + 1) });
      this.callsByName.set(fn.name, calls);
    }
  }

  /** Whether the command is in the body of `fn`, or of a function defined inside it. */
  private isInside(command: ShellCommand, fn: ShellFunction): boolean {
    let inner = this.functionOf.get(command);
    for (let hops = 0; inner && hops < 64; hops++) {
      if (inner === fn) return true;
      const outer = this.functionOf.get(inner.definition);
      inner = outer === inner ? undefined : outer;
    }
    return false;
  }

  // -------------------------------------------------------------------------------------
  // Assignments

  private collectAssignments(command: ShellCommand): void {
    const words = command.words;
    const fn = this.functionOf.get(command) ?? null;
    for (const word of words) this.collectDefaultAssignments(word, fn);
    // `then API=v1.44`, `{ API=x; }`: the keywords before an assignment do not make it a command prefix.
    let first = 0;
    while (first < words.length && RESERVED_BEFORE_ASSIGNMENT.has(literalText(words[first].parts) ?? '')) first++;
    let at = first;
    while (at < words.length && isAssignmentWord(words[at])) at++;
    if (at === words.length) {
      for (const word of words.slice(first)) this.assignWord(word, fn, false);
      return;
    }
    // How often a `shift` in a loop or a case branch runs is not known.
    if (fn && words.some((word) => LOOP_WORDS.has(literalText(word.parts) ?? ''))) this.loopsIn.add(fn);
    const program = commandProgram(words);
    const name = program?.name ?? null;
    const args = program?.args ?? [];
    if (name !== null && DECLARATIONS.has(name)) return this.collectDeclaration(name, args, fn);
    switch (name) {
      case 'for':
      case 'select':
        return this.assignUnknown(args[0], fn);
      case 'read': {
        for (let index = 0; index < args.length; index++) {
          const text = literalText(args[index].parts) ?? '';
          if (READ_OPTIONS_WITH_VALUE.has(text)) {
            if (text === '-a') this.assignUnknown(args[index + 1], fn);
            index++;
          } else if (!text.startsWith('-')) this.assignUnknown(args[index], fn);
        }
        return;
      }
      case 'getopts':
        return this.assignUnknown(args[1], fn);
      case 'printf':
        if (literalText(args[0]?.parts ?? []) === '-v') this.assignUnknown(args[1], fn);
        return;
      case 'mapfile':
      case 'readarray':
        return this.assignUnknown(args[args.length - 1], fn);
      case 'unset':
        for (const arg of args) this.assignUnknown(arg, fn);
        return;
      case 'shift': {
        const count = args.length === 0 ? 1 : Number(literalText(args[0].parts) ?? NaN);
        if (fn && Number.isInteger(count)) fn.shifts.push({ offset: program!.word.start, count });
        else if (fn) fn.positionalUnknown = true;
        return;
      }
      case 'set':
        if (fn && literalText(args[0]?.parts ?? []) === '--') fn.positionalUnknown = true;
        return;
    }
  }

  /** `export A=1`, `readonly A=1`, `local a="$1"`, `declare -g A=1`, `local a`. */
  private collectDeclaration(program: string, args: readonly ShellWord[], fn: ShellFunction | null): void {
    let local = fn !== null && program !== 'export' && program !== 'readonly';
    let array = false;
    for (const word of args) {
      const text = literalText(word.parts);
      if (text?.startsWith('-') || text?.startsWith('+')) {
        if (text.includes('g')) local = false;
        if (/[aA]/.test(text)) array = true;
        continue;
      }
      if (isAssignmentWord(word)) {
        const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(word.parts[0].text)?.[0] ?? '';
        if (local && fn) fn.locals.add(name);
        this.assignWord(word, fn, local, array);
      } else if (local && fn && text !== null && NAME.test(text)) fn.locals.add(text);
    }
  }

  /** `NAME=value` as a shell assignment. */
  private assignWord(word: ShellWord, fn: ShellFunction | null, local: boolean, array = false): void {
    const first = word.parts[0].text;
    const match = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/.exec(first);
    if (!match) return;
    const value = dropLeading(word.parts, match[0].length);
    const isArray = array || (this.region.text[word.end] === '(' && (literalText(value) ?? 'x') === '');
    const isSubstitution = value.length === 1 && value[0].expansion && /^(?:\$\((?!\()|`)/.test(value[0].text);
    if (isSubstitution) this.captures.push({ name: match[1], start: word.start, end: word.end });
    const known = match[2] === '' && !isArray && !isSubstitution;
    this.addAssignment({ name: match[1], offset: word.start, value: known ? value : null, fn, local });
  }

  private assignUnknown(word: ShellWord | undefined, fn: ShellFunction | null): void {
    const name = word ? literalText(word.parts) : null;
    if (name !== null && NAME.test(name)) this.addAssignment({ name, offset: word!.start, value: null, fn, local: false });
  }

  /** `: "${API:=v1.41}"` assigns the default when the variable is unset. */
  private collectDefaultAssignments(word: ShellWord, fn: ShellFunction | null): void {
    for (const part of word.parts) {
      if (!part.expansion) continue;
      const match = /^\$\{([A-Za-z_][A-Za-z0-9_]*):?=([\s\S]*)\}$/.exec(part.text);
      if (match) this.addAssignment({ name: match[1], offset: word.start, value: defaultWordParts(match[2]), fn, local: false });
    }
  }

  private addAssignment(assignment: Assignment): void {
    this.assignments.push(assignment);
  }

  // -------------------------------------------------------------------------------------
  // Expansion

  private expandParts(parts: readonly WordPart[], scope: ExpansionScope, state: ExpansionState): WordPart[] {
    const result: WordPart[] = [];
    for (const part of parts) {
      if (!part.expansion) {
        pushLiteral(result, part.text);
        continue;
      }
      const value = this.expandOne(part.text, scope, state);
      if (value === null) pushExpansion(result, part.text);
      else for (const piece of value) (piece.expansion ? pushExpansion : pushLiteral)(result, piece.text);
    }
    return result.length > 0 ? result : [{ text: '', expansion: false }];
  }

  /** The value of one expansion as parts, or null when it stays as written. */
  private expandOne(text: string, scope: ExpansionScope, state: ExpansionState): WordPart[] | null {
    if (++this.steps > MAX_STEPS) return null;
    const simple = /^\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\})$/.exec(text);
    if (simple) return informative(notASocketAddress(valueOf(this.resolve(simple[1] ?? simple[2], scope, state))));
    const positional = /^\$(?:([1-9])|\{(\d+)\})$/.exec(text);
    if (positional) return valueOf(this.positional(Number(positional[1] ?? positional[2]), scope, state));
    if (/^\$(?:[@*]|\{[@*]\})$/.test(text)) {
      state.usesPositional = true;
      const args = this.argumentsAt(scope);
      if (!args) return null;
      const joined: WordPart[] = [];
      args.forEach((arg, index) => {
        if (index > 0) pushLiteral(joined, ' ');
        for (const piece of arg.parts) (piece.expansion ? pushExpansion : pushLiteral)(joined, piece.text);
      });
      return joined.length > 0 ? joined : [{ text: '', expansion: false }];
    }
    if (/^\$(?:#|\{#\})$/.test(text)) {
      state.usesPositional = true;
      const args = this.argumentsAt(scope);
      return args ? [{ text: String(args.length), expansion: false }] : null;
    }
    const withDefault = /^\$\{([A-Za-z_][A-Za-z0-9_]*|\d+)(:?)([-=?+])([\s\S]*)\}$/.exec(text);
    if (withDefault) return this.expandWithDefault(withDefault[1], withDefault[2] === ':', withDefault[3], withDefault[4], scope, state);
    // `${1%/}`, `${@:2}`, `${#1}`: positional, but not followed.
    if (/^\$\{[#!]?(?:\d|[@*])/.test(text)) state.usesPositional = true;
    return null;
  }

  /** `${NAME:-default}`, `${NAME=default}`, `${NAME:?message}`, `${NAME:+alternative}`. */
  private expandWithDefault(name: string, colon: boolean, op: string, word: string, scope: ExpansionScope, state: ExpansionState): WordPart[] | null {
    const resolution = /^\d+$/.test(name) ? this.positional(Number(name), scope, state) : this.resolve(name, scope, state);
    if (resolution.kind === 'unknown') return null;
    const empty = resolution.kind === 'unset' || (colon && literalText(resolution.parts) === '');
    switch (op) {
      case '-':
      case '=':
        return empty ? this.expandParts(defaultWordParts(word), scope, state) : valueOf(resolution);
      case '?':
        return empty ? null : valueOf(resolution);
      default:
        return empty ? [{ text: '', expansion: false }] : this.expandParts(defaultWordParts(word), scope, state);
    }
  }

  private positional(index: number, scope: ExpansionScope, state: ExpansionState): Resolution {
    state.usesPositional = true;
    const args = this.argumentsAt(scope);
    if (!args || index === 0) return UNKNOWN;
    const arg = args[index - 1];
    return arg ? { kind: 'value', parts: arg.parts } : UNSET;
  }

  /** The call's arguments as `$1`, `$2`... are at the scope's offset, after the `shift`s before it; null when not known. */
  private argumentsAt(scope: ExpansionScope): readonly ShellWord[] | null {
    if (!scope.args || !scope.fn || scope.fn.positionalUnknown) return scope.fn ? null : scope.args;
    const shifted = scope.fn.shifts.reduce((total, shift) => total + (shift.offset < scope.offset ? shift.count : 0), 0);
    return scope.args.slice(shifted);
  }

  /**
   * A variable's value: known when every assignment the script makes to it (in the
   * function, for a local) gives the same value and one of them comes before the use.
   * `unset` when the script never assigned it before (it comes from the environment).
   */
  private resolve(name: string, scope: ExpansionScope, state: ExpansionState): Resolution {
    const local = scope.fn?.locals.has(name) ?? false;
    const candidates = (this.assignmentsByName.get(name) ?? []).filter((assignment) => (local ? assignment.fn === scope.fn : !assignment.local));
    if (candidates.length === 0) return this.parent ? this.parent.script.resolve(name, this.parent.scope, state) : UNSET;
    const assignedBefore = candidates.some((assignment) => assignment.offset < scope.offset || (scope.fn !== null && assignment.fn !== scope.fn));
    if (!assignedBefore) return UNSET;
    let value: WordPart[] | null = null;
    for (const assignment of candidates) {
      const parts = this.assignmentValue(assignment, scope, state);
      if (parts === null) return UNKNOWN;
      if (value === null) value = parts;
      else if (!sameParts(value, parts)) return UNKNOWN;
    }
    return value === null ? UNKNOWN : { kind: 'value', parts: value };
  }

  private assignmentValue(assignment: Assignment, scope: ExpansionScope, state: ExpansionState): WordPart[] | null {
    if (assignment.value === null || state.resolving.has(assignment)) return null;
    const args = assignment.fn !== null && assignment.fn === scope.fn ? scope.args : null;
    const cached = args === null ? this.valueCache.get(assignment) : undefined;
    if (cached) {
      state.usesPositional ||= cached.usesPositional;
      return cached.parts;
    }
    const inner: ExpansionState = { resolving: state.resolving, usesPositional: false };
    state.resolving.add(assignment);
    const expanded = this.expandParts(assignment.value, { offset: assignment.offset, fn: assignment.fn, args }, inner);
    state.resolving.delete(assignment);
    const tooLarge = expanded.length > MAX_VALUE_PARTS || expanded.reduce((length, part) => length + part.text.length, 0) > MAX_VALUE_LENGTH;
    const parts = tooLarge ? null : expanded;
    state.usesPositional ||= inner.usesPositional;
    // A value computed while another assignment was half-resolved may depend on that: cache only clean results.
    if (args === null && state.resolving.size === 0) this.valueCache.set(assignment, { parts, usesPositional: inner.usesPositional });
    return parts;
  }
}

/** Index of the last entry whose key is below `target` (entries sorted by key), or -1. */
function lastStartingBefore<T>(entries: readonly T[], target: number, key: (entry: T) => number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (key(entries[middle]) < target) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

/**
 * A `unix://`, `npipe://`, `ssh://` or `fd://` address (DOCKER_HOST's default) is no URL
 * curl can fetch: the variable's name tells more than its value, so it stays as written.
 */
function notASocketAddress(parts: WordPart[] | null): WordPart[] | null {
  const first = parts?.[0];
  return first && !first.expansion && /^(?:unix|npipe|ssh|fd):\/\//i.test(first.text) ? null : parts;
}

/** A value with no literal text (`id="$1"` outside a call) says less than the variable's own name: keep `$id`. */
function informative(parts: WordPart[] | null): WordPart[] | null {
  return parts && parts.every((part) => part.expansion) ? null : parts;
}

function valueOf(resolution: Resolution): WordPart[] | null {
  return resolution.kind === 'value' ? resolution.parts : null;
}

/** Parts without their first `count` characters (the `NAME=` of an assignment word). */
function dropLeading(parts: readonly WordPart[], count: number): WordPart[] {
  const [first, ...rest] = parts;
  const remaining = first.text.slice(count);
  const result = remaining === '' ? rest : [{ text: remaining, expansion: false }, ...rest];
  return result.length > 0 ? result : [{ text: '', expansion: false }];
}

/** The word of `${NAME:-word}` as parts: quotes removed, `$VAR` kept as expansions (none in single quotes). */
function defaultWordParts(word: string): WordPart[] {
  const single = /^'([^']*)'$/.exec(word);
  if (single) return [{ text: single[1], expansion: false }];
  const double = /^"([\s\S]*)"$/.exec(word);
  return splitExpansions(double ? double[1] : word);
}

function sameParts(a: readonly WordPart[], b: readonly WordPart[]): boolean {
  return a.length === b.length && a.every((part, index) => part.text === b[index].text && part.expansion === b[index].expansion);
}

/** `name` when the parts are `$name` or `${name}` with only blanks around it. */
function loneVariableName(parts: readonly WordPart[]): string | null {
  const expansions = parts.filter((part) => part.expansion);
  if (expansions.length !== 1 || !parts.every((part) => part.expansion || part.text.trim() === '')) return null;
  return /^\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\})$/.exec(expansions[0].text)?.slice(1).find((name) => name !== undefined) ?? null;
}

/** The variable `echo "$name"`, `printf '%s\n' "$name"` or `printf "$name"` writes. */
function echoedVariableName(command: ShellCommand): string | null {
  const program = commandProgram(command.words);
  if (!program || (program.name !== 'echo' && program.name !== 'printf')) return null;
  let args = program.args;
  if (program.name === 'echo') args = echoArguments(args);
  else if (args.length === 2 && /^%s(?:\\n)?$/.test(literalText(args[0].parts) ?? '')) args = args.slice(1);
  return args.length === 1 ? loneVariableName(args[0].parts) : null;
}
