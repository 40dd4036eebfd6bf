/**
 * Which response fields a jq filter reads: a small parser for the jq language and an
 * abstract evaluation that follows parts of the input document through the filter.
 * Supported: field access chains, `.[]`, `[n]`, `["key"]`, slices, `|`, `,`, `select`,
 * `map`, `keys`, `length`, object and array construction, string interpolation,
 * comparisons and arithmetic, `if`, `try`, `//`, `as $x |` and most builtins (whose
 * results are taken as computed values). Anything else (`reduce`, `def`, `..` ...) gives
 * up without failing: the parse returns null, or the value stops being followed.
 */

import { leavesOnly } from '../usage.js';

/** What a filter may produce: a part of the input document, a constructed array or object, or anything else. */
export type JqValue =
  | { kind: 'path'; path: string }
  | { kind: 'array'; elements: JqValue[] }
  | { kind: 'object'; fields: Map<string, JqValue[]> }
  | { kind: 'other' };

export interface JqReads {
  /** Field paths read, in database notation (`[].Names`, `NetworkSettings.Ports{}[].HostPort`), leaves only, in the order read. */
  reads: string[];
  /** What the filter outputs, for a jq further down the pipeline. */
  outputs: JqValue[];
}

/** The whole input document. */
export const JQ_ROOT: JqValue = { kind: 'path', path: '' };

const OTHER: JqValue = { kind: 'other' };
const MAX_FILTER_LENGTH = 10_000;
const MAX_DEPTH = 64;
const MAX_STEPS = 20_000;
const MAX_VALUES = 32;
/** Distinct field paths one filter may read; more is generated text, not a script. */
const MAX_READS = 256;

/**
 * The fields `filter` reads when it is given `inputs` (the response document by
 * default). Null when the filter uses syntax this reader does not know.
 */
export function jqReads(filter: string, inputs: readonly JqValue[] = [JQ_ROOT]): JqReads | null {
  if (filter.length > MAX_FILTER_LENGTH) return null;
  let ast: Node;
  try {
    ast = new JqParser(filter).parseProgram();
  } catch (error) {
    if (error instanceof JqUnsupported) return null;
    throw error;
  }
  const evaluator = new Evaluator();
  const outputs: JqValue[] = [];
  try {
    for (const input of inputs) outputs.push(...evaluator.evaluate(ast, input, new Map(), 0));
  } catch (error) {
    if (!(error instanceof JqUnsupported)) throw error;
  }
  return { reads: leavesOnly([...evaluator.reads]), outputs: limitValues(outputs) };
}

class JqUnsupported extends Error {}

// ---------------------------------------------------------------------------------------
// Syntax

type Node =
  | { t: 'identity' }
  | { t: 'recurse' }
  | { t: 'field'; target: Node; name: string; key: boolean }
  | { t: 'iterate'; target: Node }
  | { t: 'index'; target: Node; index: Node }
  | { t: 'slice'; target: Node; from: Node | null; to: Node | null }
  | { t: 'pipe'; left: Node; right: Node }
  | { t: 'comma'; left: Node; right: Node }
  | { t: 'alternative'; left: Node; right: Node }
  | { t: 'binary'; left: Node; right: Node }
  | { t: 'update'; op: string; left: Node; right: Node }
  | { t: 'negate'; operand: Node }
  | { t: 'literal'; value: string | number | boolean | null }
  | { t: 'string'; parts: Node[] }
  | { t: 'format' }
  | { t: 'array'; body: Node | null }
  | { t: 'object'; entries: Array<{ key: Node | string; value: Node }> }
  | { t: 'call'; name: string; args: Node[] }
  | { t: 'variable'; name: string }
  | { t: 'if'; branches: Array<{ condition: Node; body: Node }>; otherwise: Node | null }
  | { t: 'try'; body: Node; handler: Node | null }
  | { t: 'optional'; body: Node }
  | { t: 'bind'; source: Node; name: string; body: Node };

const KEYWORDS = new Set(['if', 'then', 'elif', 'else', 'end', 'as', 'def', 'reduce', 'foreach', 'try', 'catch', 'label', 'import', 'include', 'and', 'or', '__loc__']);
const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const COMPARISONS = ['==', '!=', '<=', '>=', '<', '>'];
const UPDATES = ['|=', '+=', '-=', '*=', '/=', '%=', '//='];

class JqParser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  parseProgram(): Node {
    const node = this.parsePipe();
    this.skipBlanks();
    if (this.pos < this.text.length) this.fail();
    return node;
  }

  private fail(): never {
    throw new JqUnsupported();
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) this.fail();
  }

  private skipBlanks(): void {
    for (;;) {
      while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
      if (this.text[this.pos] !== '#') return;
      const newline = this.text.indexOf('\n', this.pos);
      this.pos = newline === -1 ? this.text.length : newline + 1;
    }
  }

  /** Consumes `token` when it comes next (after blanks); words must not run on into an identifier. */
  private accept(token: string): boolean {
    this.skipBlanks();
    if (!this.text.startsWith(token, this.pos)) return false;
    if (/^[A-Za-z_]/.test(token) && /[A-Za-z0-9_]/.test(this.text[this.pos + token.length] ?? '')) return false;
    this.pos += token.length;
    return true;
  }

  private expect(token: string): void {
    if (!this.accept(token)) this.fail();
  }

  private peekWord(): string | null {
    this.skipBlanks();
    IDENTIFIER.lastIndex = this.pos;
    return IDENTIFIER.exec(this.text)?.[0] ?? null;
  }

  /** `a | b`, `a as $x | b` (lowest precedence, right associative). */
  private parsePipe(): Node {
    this.enter();
    if (this.peekWord() === 'def') this.fail();
    const left = this.parseComma();
    let node: Node;
    if (this.peekWord() === 'as') {
      this.accept('as');
      this.skipBlanks();
      if (this.text[this.pos] !== '$') this.fail(); // destructuring patterns are not followed
      this.pos++;
      const name = this.identifier();
      this.expect('|');
      node = { t: 'bind', source: left, name, body: this.parsePipe() };
    } else if (this.acceptPipe()) node = { t: 'pipe', left, right: this.parsePipe() };
    else node = left;
    this.depth--;
    return node;
  }

  /** A `|` that is not `|=`. */
  private acceptPipe(): boolean {
    this.skipBlanks();
    if (this.text[this.pos] !== '|' || this.text[this.pos + 1] === '=') return false;
    this.pos++;
    return true;
  }

  private parseComma(): Node {
    let node = this.parseAlternative();
    while (this.accept(',')) node = { t: 'comma', left: node, right: this.parseAlternative() };
    return node;
  }

  /** `a // b` (right associative), with the update operators (`|=`, `+=`, `=`) just above it. */
  private parseAlternative(): Node {
    const left = this.parseUpdate();
    this.skipBlanks();
    if (this.text.startsWith('?//', this.pos)) this.fail();
    if (this.text.startsWith('//', this.pos) && this.text[this.pos + 2] !== '=') {
      this.pos += 2;
      return { t: 'alternative', left, right: this.parseAlternative() };
    }
    return left;
  }

  private parseUpdate(): Node {
    const left = this.parseOr();
    this.skipBlanks();
    const op = UPDATES.find((candidate) => this.text.startsWith(candidate, this.pos)) ?? (this.text[this.pos] === '=' && this.text[this.pos + 1] !== '=' ? '=' : null);
    if (!op) return left;
    this.pos += op.length;
    return { t: 'update', op, left, right: this.parseAlternative() };
  }

  private parseOr(): Node {
    let node = this.parseAnd();
    while (this.accept('or')) node = { t: 'binary', left: node, right: this.parseAnd() };
    return node;
  }

  private parseAnd(): Node {
    let node = this.parseComparison();
    while (this.accept('and')) node = { t: 'binary', left: node, right: this.parseComparison() };
    return node;
  }

  private parseComparison(): Node {
    const left = this.parseAdditive();
    this.skipBlanks();
    const op = COMPARISONS.find((candidate) => this.text.startsWith(candidate, this.pos));
    if (!op) return left;
    this.pos += op.length;
    return { t: 'binary', left, right: this.parseAdditive() };
  }

  private parseAdditive(): Node {
    let node = this.parseMultiplicative();
    for (;;) {
      this.skipBlanks();
      const char = this.text[this.pos];
      if ((char !== '+' && char !== '-') || this.text[this.pos + 1] === '=') return node;
      this.pos++;
      node = { t: 'binary', left: node, right: this.parseMultiplicative() };
    }
  }

  private parseMultiplicative(): Node {
    let node = this.parseUnary();
    for (;;) {
      this.skipBlanks();
      const char = this.text[this.pos];
      const next = this.text[this.pos + 1];
      if (!(char === '*' || char === '%' || (char === '/' && next !== '/')) || next === '=') return node;
      this.pos++;
      node = { t: 'binary', left: node, right: this.parseUnary() };
    }
  }

  private parseUnary(): Node {
    this.skipBlanks();
    if (this.text[this.pos] === '-') {
      this.pos++;
      return { t: 'negate', operand: this.parsePostfix() };
    }
    return this.parsePostfix();
  }

  /** A term followed by `.name`, `."key"`, `[...]`, `?`. */
  private parsePostfix(): Node {
    this.enter();
    let node = this.parseTerm();
    for (;;) {
      this.skipBlanks();
      const char = this.text[this.pos];
      if (char === '?' && this.text[this.pos + 1] !== '/') {
        this.pos++;
        node = { t: 'optional', body: node };
      } else if (char === '[') {
        node = this.parseBracketSuffix(node);
      } else if (char === '.' && this.text[this.pos + 1] !== '.' && (this.text[this.pos + 1] === '"' || this.text[this.pos + 1] === '[' || /[A-Za-z_]/.test(this.text[this.pos + 1] ?? ''))) {
        this.pos++;
        node = this.parseDotSuffix(node);
      } else break;
    }
    this.depth--;
    return node;
  }

  /** After a `.`: `name`, `"key"` or `[...]`. */
  private parseDotSuffix(target: Node): Node {
    const char = this.text[this.pos];
    if (char === '"') {
      const key = this.stringLiteralText();
      return { t: 'field', target, name: key, key: true };
    }
    if (char === '[') return this.parseBracketSuffix(target);
    return { t: 'field', target, name: this.identifier(), key: false };
  }

  private parseBracketSuffix(target: Node): Node {
    this.expect('[');
    if (this.accept(']')) return { t: 'iterate', target };
    if (this.accept(':')) {
      const to = this.parsePipe();
      this.expect(']');
      return { t: 'slice', target, from: null, to };
    }
    const index = this.parsePipe();
    if (this.accept(':')) {
      const to = this.accept(']') ? null : this.parsePipe();
      if (to !== null) this.expect(']');
      return { t: 'slice', target, from: index, to };
    }
    this.expect(']');
    if (index.t === 'literal' && typeof index.value === 'string') return { t: 'field', target, name: index.value, key: true };
    return { t: 'index', target, index };
  }

  private parseTerm(): Node {
    this.skipBlanks();
    const char = this.text[this.pos];
    if (char === undefined) this.fail();
    if (char === '.') {
      if (this.text[this.pos + 1] === '.') {
        this.pos += 2;
        return { t: 'recurse' };
      }
      this.pos++;
      const next = this.text[this.pos];
      if (next === '"' || next === '[' || /[A-Za-z_]/.test(next ?? '')) return this.parseDotSuffix({ t: 'identity' });
      return { t: 'identity' };
    }
    if (char === '(') {
      this.pos++;
      const inner = this.parsePipe();
      this.expect(')');
      return inner;
    }
    if (char === '[') {
      this.pos++;
      if (this.accept(']')) return { t: 'array', body: null };
      const body = this.parsePipe();
      this.expect(']');
      return { t: 'array', body };
    }
    if (char === '{') return this.parseObject();
    if (char === '"') return this.parseString();
    if (char === '$') {
      this.pos++;
      if (this.text.startsWith('__loc__', this.pos)) {
        this.pos += '__loc__'.length;
        return { t: 'literal', value: null };
      }
      return { t: 'variable', name: this.identifier() };
    }
    if (char === '@') {
      this.pos++;
      this.identifier();
      this.skipBlanks();
      if (this.text[this.pos] === '"') return this.parseString();
      return { t: 'format' };
    }
    NUMBER.lastIndex = this.pos;
    const number = NUMBER.exec(this.text);
    if (number) {
      this.pos += number[0].length;
      return { t: 'literal', value: Number(number[0]) };
    }
    const word = this.peekWord();
    if (word === null) this.fail();
    switch (word) {
      case 'if':
        return this.parseIf();
      case 'try': {
        this.accept('try');
        const body = this.parsePostfix();
        const handler = this.accept('catch') ? this.parsePostfix() : null;
        return { t: 'try', body, handler };
      }
      case 'true':
      case 'false':
      case 'null':
        this.pos += word.length;
        return { t: 'literal', value: word === 'true' ? true : word === 'false' ? false : null };
      default:
        if (KEYWORDS.has(word)) this.fail();
        return this.parseCall();
    }
  }

  private parseCall(): Node {
    const name = this.identifier();
    if (this.text.startsWith('::', this.pos)) this.fail();
    const args: Node[] = [];
    this.skipBlanks();
    if (this.text[this.pos] === '(') {
      this.pos++;
      do args.push(this.parsePipe());
      while (this.accept(';'));
      this.expect(')');
    }
    return { t: 'call', name, args };
  }

  private parseIf(): Node {
    this.expect('if');
    const branches: Array<{ condition: Node; body: Node }> = [];
    let otherwise: Node | null = null;
    for (;;) {
      const condition = this.parsePipe();
      this.expect('then');
      branches.push({ condition, body: this.parsePipe() });
      if (this.accept('elif')) continue;
      if (this.accept('else')) otherwise = this.parsePipe();
      this.expect('end');
      return { t: 'if', branches, otherwise };
    }
  }

  /** `{a, "b": .x, $v, (.k): .v, c: .y | .z}`. */
  private parseObject(): Node {
    this.expect('{');
    const entries: Array<{ key: Node | string; value: Node }> = [];
    if (this.accept('}')) return { t: 'object', entries };
    do {
      this.skipBlanks();
      const char = this.text[this.pos];
      let key: Node | string;
      let shorthand: Node | null = null;
      if (char === '$') {
        this.pos++;
        const name = this.identifier();
        key = name;
        shorthand = { t: 'variable', name };
      } else if (char === '"') {
        const parsed = this.parseString();
        key = parsed.t === 'literal' && typeof parsed.value === 'string' ? parsed.value : parsed;
        if (typeof key === 'string') shorthand = { t: 'field', target: { t: 'identity' }, name: key, key: true };
      } else if (char === '(') {
        this.pos++;
        key = this.parsePipe();
        this.expect(')');
      } else if (char === '@') {
        this.fail();
      } else {
        key = this.identifier();
        shorthand = { t: 'field', target: { t: 'identity' }, name: key, key: false };
      }
      if (this.accept(':')) entries.push({ key, value: this.parseObjectValue() });
      else if (shorthand) entries.push({ key, value: shorthand });
      else this.fail();
    } while (this.accept(','));
    this.expect('}');
    return { t: 'object', entries };
  }

  /** An object value: pipes allowed, commas end it. */
  private parseObjectValue(): Node {
    this.enter();
    const left = this.parseAlternative();
    const node: Node = this.acceptPipe() ? { t: 'pipe', left, right: this.parseObjectValue() } : left;
    this.depth--;
    return node;
  }

  /** A string literal; with `\(...)` interpolations it is a computed string. */
  private parseString(): Node {
    if (this.text[this.pos] !== '"') this.fail();
    this.pos++;
    const parts: Node[] = [];
    let literal = '';
    while (this.pos < this.text.length) {
      const char = this.text[this.pos];
      if (char === '"') {
        this.pos++;
        return parts.length === 0 ? { t: 'literal', value: literal } : { t: 'string', parts };
      }
      if (char === '\\') {
        const next = this.text[this.pos + 1];
        if (next === '(') {
          this.pos += 2;
          parts.push(this.parsePipe());
          this.expect(')');
          continue;
        }
        literal += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'u' ? this.unicodeEscape() : (next ?? '');
        this.pos += next === 'u' ? 6 : 2;
        continue;
      }
      literal += char;
      this.pos++;
    }
    this.fail();
  }

  private unicodeEscape(): string {
    const hex = this.text.slice(this.pos + 2, this.pos + 6);
    return /^[0-9a-fA-F]{4}$/.test(hex) ? String.fromCharCode(parseInt(hex, 16)) : '';
  }

  /** The text of a string literal without interpolations (`."8080/tcp"`). */
  private stringLiteralText(): string {
    const node = this.parseString();
    if (node.t !== 'literal' || typeof node.value !== 'string') this.fail();
    return node.value;
  }

  private identifier(): string {
    IDENTIFIER.lastIndex = this.pos;
    const match = IDENTIFIER.exec(this.text);
    if (!match) this.fail();
    this.pos += match[0].length;
    return match[0];
  }
}

// ---------------------------------------------------------------------------------------
// Evaluation

type Environment = ReadonlyMap<string, JqValue[]>;

/** Builtins whose output is the input's elements, in some order. */
const KEEPS_INPUT = new Set(['sort', 'unique', 'reverse', 'flatten', 'debug', 'stderr']);
/** Builtins whose output is one element of the input array. */
const ELEMENT_OF_INPUT = new Set(['first', 'last', 'min', 'max', 'add']);
/** Builtins that produce nothing. */
const NO_OUTPUT = new Set(['empty', 'error', 'halt', 'halt_error']);
/** Builtins with arguments that produce the outputs of their last argument. */
const OUTPUTS_OF_LAST_ARGUMENT = new Set(['first', 'last', 'limit', 'nth', 'until']);
/** Builtins whose arguments are paths to change or remove, not reads. */
const PATH_ARGUMENTS = new Set(['del', 'delpaths', 'path', 'paths', 'pick', 'setpath', 'getpath', 'leaf_paths']);
/** Builtins that walk the whole document: what they reach is not followed. */
const WHOLE_DOCUMENT = new Set(['recurse', 'walk', 'env', 'input', 'inputs']);

class Evaluator {
  readonly reads = new Set<string>();
  private steps = 0;

  evaluate(node: Node, input: JqValue, env: Environment, depth: number): JqValue[] {
    if (++this.steps > MAX_STEPS || depth > MAX_DEPTH * 2) throw new JqUnsupported();
    const next = depth + 1;
    switch (node.t) {
      case 'identity':
        return [input];
      case 'recurse':
      case 'format':
      case 'literal':
        return [OTHER];
      case 'field':
        return this.each(node.target, input, env, next, (value) => this.field(value, node.name, node.key));
      case 'iterate':
        return this.each(node.target, input, env, next, (value) => this.elements(value));
      case 'index': {
        const keys = this.evaluate(node.index, input, env, next);
        const numeric = isNumericLiteral(node.index);
        return this.each(node.target, input, env, next, (value) => (numeric ? this.elements(value) : keys.length > 0 ? [OTHER] : []));
      }
      case 'slice':
        if (node.from) this.evaluate(node.from, input, env, next);
        if (node.to) this.evaluate(node.to, input, env, next);
        return this.each(node.target, input, env, next, (value) => [value]);
      case 'pipe':
        return this.each(node.left, input, env, next, (value) => this.evaluate(node.right, value, env, next));
      case 'comma':
        return limitValues([...this.evaluate(node.left, input, env, next), ...this.evaluate(node.right, input, env, next)]);
      case 'alternative':
        return limitValues([...this.evaluate(node.left, input, env, next), ...this.evaluate(node.right, input, env, next)]);
      case 'binary':
        this.evaluate(node.left, input, env, next);
        this.evaluate(node.right, input, env, next);
        return [OTHER];
      case 'update':
        // The left side names paths to change; only a plain `=` evaluates its right side against the input.
        if (node.op !== '|=') this.evaluate(node.right, input, env, next);
        return [input];
      case 'negate':
        this.evaluate(node.operand, input, env, next);
        return [OTHER];
      case 'string':
        for (const part of node.parts) this.evaluate(part, input, env, next);
        return [OTHER];
      case 'array':
        return [{ kind: 'array', elements: node.body ? this.evaluate(node.body, input, env, next) : [] }];
      case 'object': {
        const fields = new Map<string, JqValue[]>();
        for (const entry of node.entries) {
          if (typeof entry.key !== 'string') this.evaluate(entry.key, input, env, next);
          const values = this.evaluate(entry.value, input, env, next);
          if (typeof entry.key === 'string') fields.set(entry.key, limitValues([...(fields.get(entry.key) ?? []), ...values]));
        }
        return [{ kind: 'object', fields }];
      }
      case 'variable':
        return env.get(node.name) ?? [OTHER];
      case 'if': {
        const outputs: JqValue[] = [];
        for (const branch of node.branches) {
          this.evaluate(branch.condition, input, env, next);
          outputs.push(...this.evaluate(branch.body, input, env, next));
        }
        outputs.push(...(node.otherwise ? this.evaluate(node.otherwise, input, env, next) : [input]));
        return limitValues(outputs);
      }
      case 'try': {
        const outputs = this.evaluate(node.body, input, env, next);
        if (node.handler) this.evaluate(node.handler, OTHER, env, next);
        return outputs;
      }
      case 'optional':
        return this.evaluate(node.body, input, env, next);
      case 'bind': {
        const outputs: JqValue[] = [];
        for (const value of this.evaluate(node.source, input, env, next)) {
          const inner = new Map(env);
          inner.set(node.name, [value]);
          outputs.push(...this.evaluate(node.body, input, inner, next));
        }
        return limitValues(outputs);
      }
      case 'call':
        return this.call(node.name, node.args, input, env, next);
    }
  }

  private each(node: Node, input: JqValue, env: Environment, depth: number, then: (value: JqValue) => JqValue[]): JqValue[] {
    const outputs: JqValue[] = [];
    for (const value of this.evaluate(node, input, env, depth)) outputs.push(...then(value));
    return limitValues(outputs);
  }

  /**
   * `.name` / `["key"]`: on the document it is a read. A map key (`["8080/tcp"]`) is kept
   * as a plain segment, which the matching step maps to `{}` under a map field; one that
   * the dotted notation cannot hold (`["com.example.team"]`, `[""]`) is written `{}`.
   */
  private field(value: JqValue, name: string, key: boolean): JqValue[] {
    switch (value.kind) {
      case 'path': {
        const segment = key && (name === '' || /[.[\]{}\s]/.test(name)) ? '{}' : name;
        const path = segment === '{}' ? `${value.path}{}` : value.path === '' ? segment : `${value.path}.${segment}`;
        if (this.reads.size < MAX_READS) this.reads.add(path);
        return [{ kind: 'path', path }];
      }
      case 'object':
        return value.fields.get(name) ?? [OTHER];
      default:
        return [OTHER];
    }
  }

  /** `.[]`, `.[0]`: the elements of an array (`[]`) or the values of an object. */
  private elements(value: JqValue): JqValue[] {
    switch (value.kind) {
      case 'path':
        return [{ kind: 'path', path: `${value.path}[]` }];
      case 'array':
        return value.elements;
      case 'object':
        return limitValues([...value.fields.values()].flat());
      default:
        return [OTHER];
    }
  }

  private call(name: string, args: Node[], input: JqValue, env: Environment, depth: number): JqValue[] {
    if (WHOLE_DOCUMENT.has(name)) return [OTHER];
    if (args.length === 0) {
      if (NO_OUTPUT.has(name)) return [];
      if (KEEPS_INPUT.has(name)) return [input];
      if (ELEMENT_OF_INPUT.has(name)) return this.elements(input);
      if (name === 'to_entries') return [{ kind: 'array', elements: [this.entry(input)] }];
      return [OTHER];
    }
    const onElements = (argument: Node): JqValue[] => limitValues(this.elements(input).flatMap((element) => this.evaluate(argument, element, env, depth)));
    switch (name) {
      case 'select':
        this.evaluate(args[0], input, env, depth);
        return [input];
      case 'map':
        return [{ kind: 'array', elements: onElements(args[0]) }];
      case 'map_values':
        onElements(args[0]);
        return [input];
      case 'with_entries':
        this.evaluate(args[0], this.entry(input), env, depth);
        return [OTHER];
      case 'sort_by':
      case 'unique_by':
        onElements(args[0]);
        return [input];
      case 'min_by':
      case 'max_by':
        onElements(args[0]);
        return this.elements(input);
      case 'group_by':
        onElements(args[0]);
        return [{ kind: 'array', elements: [{ kind: 'array', elements: this.elements(input) }] }];
      case 'any':
      case 'all':
        if (args.length === 1) onElements(args[0]);
        else {
          for (const generated of this.evaluate(args[0], input, env, depth)) this.evaluate(args[1], generated, env, depth);
        }
        return [OTHER];
      case 'add':
        return this.evaluate(args[0], input, env, depth);
      case 'error':
        this.evaluate(args[0], input, env, depth);
        return [];
      default:
        if (PATH_ARGUMENTS.has(name)) return name === 'del' || name === 'pick' ? [input] : [OTHER];
        if (OUTPUTS_OF_LAST_ARGUMENT.has(name)) {
          for (const argument of args.slice(0, -1)) this.evaluate(argument, input, env, depth);
          return this.evaluate(args[args.length - 1], input, env, depth);
        }
        for (const argument of args) this.evaluate(argument, input, env, depth);
        return [OTHER];
    }
  }

  /** One `{key, value}` of `to_entries` over a map at `value`. */
  private entry(value: JqValue): JqValue {
    const entryValue: JqValue = value.kind === 'path' ? { kind: 'path', path: `${value.path}{}` } : OTHER;
    return { kind: 'object', fields: new Map([['key', [OTHER]], ['value', [entryValue]]]) };
  }
}

function isNumericLiteral(node: Node): boolean {
  if (node.t === 'literal') return typeof node.value === 'number';
  return node.t === 'negate' && isNumericLiteral(node.operand);
}

/** Removes repeated values and caps the count, so that `.[], .[]` chains stay small. */
function limitValues(values: JqValue[]): JqValue[] {
  const seen = new Set<string>();
  const kept: JqValue[] = [];
  for (const value of values) {
    const key = valueKey(value, 0);
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(value);
    if (kept.length >= MAX_VALUES) break;
  }
  return kept;
}

function valueKey(value: JqValue, depth: number): string {
  if (depth > 8) return '…';
  switch (value.kind) {
    case 'path':
      return `p:${value.path}`;
    case 'other':
      return 'o';
    case 'array':
      return `a[${value.elements.map((element) => valueKey(element, depth + 1)).join(',')}]`;
    case 'object':
      return `o{${[...value.fields].map(([key, values]) => `${key}=${values.map((element) => valueKey(element, depth + 1)).join('|')}`).join(',')}}`;
  }
}
