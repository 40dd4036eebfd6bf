import { pushExpansion, pushLiteral, splitExpansions, type ShellWord, type WordPart } from './shellWords.js';

/**
 * `sh`: POSIX shell with the bash extensions scripts use. `make`: a Makefile recipe, where
 * `$$` is the shell's `$` and `$(VAR)`, `${VAR}`, `$V` are make's own expansions.
 */
export type ShellDialect = 'sh' | 'make';

/** One simple command: `curl -s http://x`, the parts of a pipeline or `&&` list are separate commands. */
export interface ShellCommand {
  words: ShellWord[];
  /** What a here-document or here-string feeds on stdin, expansions kept (null when none). */
  stdin: WordPart[] | null;
  /** Here-document bodies as offset ranges, for commands that run them as scripts (`bash <<EOF`, Dockerfile `RUN <<EOF`). */
  hereDocuments: Array<{ start: number; end: number }>;
  /** The next command of the pipeline (`curl ... | jq ...`), which reads this one's output. */
  pipeTo?: ShellCommand;
}

export interface TokenizeProblem {
  offset: number;
  message: string;
}

export interface TokenizedShell {
  commands: ShellCommand[];
  problems: TokenizeProblem[];
}

/** Deeper `$( $( ... ) )` nesting is not parsed, so that garbage cannot exhaust the stack. */
export const MAX_NESTING = 12;

const BLANKS = new Set([' ', '\t', '\r', '\f', '\v']);
const WORD_BREAKS = new Set([' ', '\t', '\r', '\f', '\v', '\n', ';', '&', '|', '(', ')', '<', '>']);
const PLAIN_RUN = /[^\s;&|()<>'"`$\\]+/y;
const REDIRECT_OPERATORS = ['<<<', '<<-', '&>>', '<<', '&>', '>>', '>&', '<&', '>|', '<>', '>', '<'];
const FD_REDIRECT = /\d+(?=[<>])/y;
const ANSI_C_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', e: '\x1b', a: '\x07' };

/**
 * Splits shell text into simple commands and their words, the way the shell would
 * before expanding anything. Commands inside `$(...)`, backquotes and `<(...)` are
 * returned too. Never throws: unterminated quotes and the like become problems.
 */
export function tokenizeShell(text: string, dialect: ShellDialect, range?: { start: number; end: number }, depth = 0): TokenizedShell {
  const tokenizer = new ShellTokenizer(text, dialect, range?.start ?? 0, range?.end ?? text.length, depth);
  tokenizer.parseCommands(null);
  return { commands: tokenizer.commands, problems: tokenizer.problems };
}

interface PendingHereDocument {
  command: ShellCommand;
  delimiter: string;
  stripTabs: boolean;
  quoted: boolean;
}

class ShellTokenizer {
  readonly commands: ShellCommand[] = [];
  readonly problems: TokenizeProblem[] = [];
  private pos: number;
  private closer: string | null = null;
  private pendingHereDocuments: PendingHereDocument[] = [];
  /** Characters bracket matching may still look at; bounds the work on adversarial input. */
  private bracketBudget: number;
  /** Last offsets of closing characters: an opener after them cannot be closed, without searching again. */
  private readonly lastCloseParenthesis: number;
  private readonly lastSingleQuote: number;
  private readonly lastTemplateClose: number;

  constructor(
    private readonly text: string,
    private readonly dialect: ShellDialect,
    start: number,
    private readonly end: number,
    private depth: number,
  ) {
    this.pos = start;
    this.bracketBudget = 4 * (end - start) + 100_000;
    // Searched within the range only: a Makefile tokenizes each recipe line of a large file on its own.
    this.lastCloseParenthesis = lastIndexWithin(text, ')', start, end);
    this.lastSingleQuote = lastIndexWithin(text, "'", start, end);
    this.lastTemplateClose = lastIndexWithin(text, '}}', start, end);
  }

  /** Reads commands up to `closer` (`)` or a backquote) or the end; true when the closer was found. */
  parseCommands(closer: string | null): boolean {
    const outerCloser = this.closer;
    this.closer = closer;
    let command = newCommand();
    let hasRedirect = false;
    let pipedFrom: ShellCommand | null = null;
    /** Ends the current command; `piped` when a `|` or `|&` ends it. An empty command (a newline after `|`) keeps the pipe open. */
    const finish = (piped = false): void => {
      if (command.words.length > 0 || hasRedirect) {
        this.commands.push(command);
        if (pipedFrom) pipedFrom.pipeTo = command;
        pipedFrom = piped ? command : null;
      } else if (!piped && pipedFrom && this.text[this.pos] !== '\n') pipedFrom = null;
      command = newCommand();
      hasRedirect = false;
    };
    let closed = false;
    while (this.pos < this.end) {
      const char = this.text[this.pos];
      const next = this.text[this.pos + 1];
      if (BLANKS.has(char)) this.pos++;
      else if (char === '\\' && next === '\n') this.pos += 2;
      else if (char === '\n') {
        finish();
        this.pos++;
        this.readHereDocumentBodies();
      } else if (char === '#') this.skipComment();
      else if (closer !== null && char === closer) {
        this.pos++;
        closed = true;
        break;
      } else if ((char === '&' && next === '>') || char === '<' || char === '>') {
        this.parseRedirect(command);
        hasRedirect = true;
      } else if (char === ';' || char === '&' || char === '|') {
        finish(char === '|' && next !== '|');
        this.pos += next === char || (char === '|' && next === '&') ? 2 : 1;
      } else if (char === '(' || char === ')') {
        finish();
        this.pos++;
      } else if (this.atFdRedirect()) {
        hasRedirect = true;
        this.parseRedirect(command);
      } else {
        const word = this.readWord();
        if (word) command.words.push(word);
        else this.pos++; // cannot happen for the characters above; never loop forever
      }
    }
    finish();
    this.closer = outerCloser;
    return closed;
  }

  private atFdRedirect(): boolean {
    FD_REDIRECT.lastIndex = this.pos;
    const match = FD_REDIRECT.exec(this.text);
    if (!match || this.pos + match[0].length >= this.end) return false;
    this.pos += match[0].length;
    return true;
  }

  private skipComment(): void {
    const newline = this.text.indexOf('\n', this.pos);
    this.pos = newline === -1 || newline > this.end ? this.end : newline;
  }

  private readWord(): ShellWord | null {
    const start = this.pos;
    const parts: WordPart[] = [];
    while (this.pos < this.end) {
      const char = this.text[this.pos];
      if (WORD_BREAKS.has(char)) break;
      if (char === '`') {
        if (this.closer === '`') break;
        this.readBackquote(parts);
      } else if (char === '\\') this.readEscape(parts);
      else if (char === "'") this.readSingleQuoted(parts);
      else if (char === '"') this.readDoubleQuoted(parts);
      else if (char === '$') this.readDollar(parts, false);
      else this.readPlainRun(parts);
    }
    if (this.pos === start) return null;
    return { parts: parts.length > 0 ? parts : [{ text: '', expansion: false }], start, end: this.pos };
  }

  private readPlainRun(parts: WordPart[]): void {
    PLAIN_RUN.lastIndex = this.pos;
    const match = PLAIN_RUN.exec(this.text);
    const stop = match ? Math.min(this.pos + match[0].length, this.end) : this.pos + 1;
    pushLiteral(parts, this.text.slice(this.pos, stop));
    this.pos = stop;
  }

  private readEscape(parts: WordPart[]): void {
    const next = this.text[this.pos + 1];
    if (next === '\n') this.pos += 2; // line continuation inside a word
    else if (this.pos + 1 >= this.end) this.pos++;
    else {
      pushLiteral(parts, next);
      this.pos += 2;
    }
  }

  private readSingleQuoted(parts: WordPart[]): void {
    const close = this.text.indexOf("'", this.pos + 1);
    if (close === -1 || close >= this.end) {
      this.problem('unterminated single quote; read as a literal quote');
      pushLiteral(parts, "'");
      this.pos++;
      return;
    }
    pushLiteral(parts, this.text.slice(this.pos + 1, close));
    this.pos = close + 1;
  }

  private readDoubleQuoted(parts: WordPart[]): void {
    const anyClose = this.text.indexOf('"', this.pos + 1);
    if (anyClose === -1 || anyClose >= this.end) {
      this.problem('unterminated double quote; read as a literal quote');
      pushLiteral(parts, '"');
      this.pos++;
      return;
    }
    const opening = this.pos;
    this.pos++;
    pushLiteral(parts, '');
    while (this.pos < this.end) {
      const char = this.text[this.pos];
      if (char === '"') {
        this.pos++;
        return;
      }
      if (char === '\\') {
        const next = this.text[this.pos + 1];
        if (next === '\n') this.pos += 2;
        else if (next === '$' || next === '`' || next === '"' || next === '\\') {
          pushLiteral(parts, next);
          this.pos += 2;
        } else {
          pushLiteral(parts, '\\');
          this.pos++;
        }
      } else if (char === '$') this.readDollar(parts, true);
      else if (char === '`') this.readBackquote(parts);
      else {
        let stop = this.pos + 1;
        while (stop < this.end && !'"\\$`'.includes(this.text[stop])) stop++;
        pushLiteral(parts, this.text.slice(this.pos, stop));
        this.pos = stop;
      }
    }
    this.problemAt(opening, 'unterminated double quote; read to the end');
  }

  private readDollar(parts: WordPart[], inDoubleQuotes: boolean): void {
    if (this.dialect === 'make') this.readMakeDollar(parts, inDoubleQuotes);
    else this.readShellDollar(parts, inDoubleQuotes);
  }

  /** Make expands first: `$$` leaves a shell `$`, anything else after `$` is make's own variable. */
  private readMakeDollar(parts: WordPart[], inDoubleQuotes: boolean): void {
    const next = this.text[this.pos + 1];
    if (next === '$') {
      this.pos++;
      this.readShellDollar(parts, inDoubleQuotes);
    } else if (next === '(' || next === '{') {
      const close = this.matchBracket(this.pos + 1);
      if (close === -1) return this.literalDollar(parts);
      this.scanMakeShellFunction(this.pos, close);
      pushExpansion(parts, this.text.slice(this.pos, close + 1));
      this.pos = close + 1;
    } else if (next === undefined || this.pos + 1 >= this.end || WORD_BREAKS.has(next)) this.literalDollar(parts);
    else {
      pushExpansion(parts, this.text.slice(this.pos, this.pos + 2));
      this.pos += 2;
    }
  }

  /** `$(shell curl ...)` runs its argument in a shell: read the commands in it. */
  private scanMakeShellFunction(dollar: number, close: number): void {
    if (!this.text.startsWith('$(shell', dollar) || !BLANKS.has(this.text[dollar + 7]) || this.depth >= MAX_NESTING) return;
    const inner = new ShellTokenizer(this.text, 'make', dollar + 8, close, this.depth + 1);
    inner.parseCommands(null);
    this.commands.push(...inner.commands);
    this.problems.push(...inner.problems);
  }

  private readShellDollar(parts: WordPart[], inDoubleQuotes: boolean): void {
    const next = this.text[this.pos + 1];
    const afterNext = this.text[this.pos + 2];
    if (this.pos + 1 >= this.end) return this.literalDollar(parts);
    if (next === "'" && !inDoubleQuotes) return this.readAnsiCQuoted(parts);
    if (next === '"' && !inDoubleQuotes) {
      this.pos++;
      return this.readDoubleQuoted(parts);
    }
    if (next === '{' && afterNext === '{') return this.readTemplateExpression(parts);
    if (next === '{' || (next === '(' && afterNext === '(')) {
      const close = this.matchBracket(this.pos + 1);
      if (close === -1) return this.literalDollar(parts);
      pushExpansion(parts, this.text.slice(this.pos, close + 1));
      this.pos = close + 1;
      return;
    }
    if (next === '(') return this.readCommandSubstitution(parts);
    const name = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/.exec(this.text.slice(this.pos + 1, Math.min(this.end, this.pos + 257)));
    if (!name) return this.literalDollar(parts);
    pushExpansion(parts, `$${name[0]}`);
    this.pos += 1 + name[0].length;
  }

  private literalDollar(parts: WordPart[]): void {
    pushLiteral(parts, '$');
    this.pos++;
  }

  /** `${{ matrix.api }}` (GitHub Actions, Tekton): substituted before the shell runs. */
  private readTemplateExpression(parts: WordPart[]): void {
    if (this.lastTemplateClose < this.pos + 3) return this.literalDollar(parts);
    const close = this.text.indexOf('}}', this.pos + 3);
    pushExpansion(parts, this.text.slice(this.pos, close + 2));
    this.pos = close + 2;
  }

  private readAnsiCQuoted(parts: WordPart[]): void {
    if (this.lastSingleQuote < this.pos + 2) {
      this.problem("unterminated $'...' quote; read as literal text");
      return this.literalDollar(parts);
    }
    let value = '';
    let at = this.pos + 2;
    while (at < this.end && this.text[at] !== "'") {
      if (this.text[at] === '\\' && at + 1 < this.end) {
        const escaped = this.text[at + 1];
        value += ANSI_C_ESCAPES[escaped] ?? `\\${escaped}`;
        at += 2;
      } else value += this.text[at++];
    }
    if (at >= this.end) {
      this.problem("unterminated $'...' quote; read as literal text");
      return this.literalDollar(parts);
    }
    pushLiteral(parts, value);
    this.pos = at + 1;
  }

  private readCommandSubstitution(parts: WordPart[]): void {
    const start = this.pos;
    if (this.lastCloseParenthesis < start + 2) return this.literalDollar(parts);
    if (this.depth >= MAX_NESTING) {
      const end = this.matchBracket(start + 1);
      if (end === -1) return this.literalDollar(parts);
      this.problem('command substitutions nested too deep; the inner ones were not read');
      this.pos = end + 1;
    } else {
      this.pos += 2;
      if (!this.nested(')')) this.problemAt(start, 'unterminated $( ... ); read to the end');
    }
    pushExpansion(parts, this.text.slice(start, this.pos));
  }

  private readBackquote(parts: WordPart[]): void {
    const start = this.pos;
    const close = this.text.indexOf('`', start + 1);
    if (close === -1 || close >= this.end) {
      this.problem('unterminated backquote; read as a literal character');
      pushLiteral(parts, '`');
      this.pos++;
      return;
    }
    if (this.depth >= MAX_NESTING) this.pos = close + 1;
    else {
      this.pos++;
      this.nested('`');
    }
    pushExpansion(parts, this.text.slice(start, this.pos));
  }

  private nested(closer: string): boolean {
    this.depth++;
    const savedHereDocuments = this.pendingHereDocuments;
    this.pendingHereDocuments = [];
    const closed = this.parseCommands(closer);
    this.pendingHereDocuments = savedHereDocuments;
    this.depth--;
    return closed;
  }

  private parseRedirect(command: ShellCommand): void {
    const char = this.text[this.pos];
    if ((char === '<' || char === '>') && this.text[this.pos + 1] === '(') return this.readProcessSubstitution(command);
    const operator = REDIRECT_OPERATORS.find((candidate) => this.text.startsWith(candidate, this.pos)) ?? char;
    this.pos += operator.length;
    while (this.pos < this.end && BLANKS.has(this.text[this.pos])) this.pos++;
    const target = this.readWord();
    if (!target) return;
    if (operator === '<<' || operator === '<<-') {
      const written = this.text.slice(target.start, target.end);
      this.pendingHereDocuments.push({
        command,
        delimiter: target.parts.map((part) => part.text).join(''),
        stripTabs: operator === '<<-',
        quoted: /['"\\]/.test(written),
      });
    } else if (operator === '<<<') command.stdin = target.parts;
  }

  /** `<(curl ...)` is an argument whose commands run too. */
  private readProcessSubstitution(command: ShellCommand): void {
    const start = this.pos;
    const parts: WordPart[] = [];
    if (this.depth >= MAX_NESTING) {
      const end = this.matchBracket(start + 1);
      this.pos = end === -1 ? this.end : end + 1;
    } else {
      this.pos += 2;
      this.nested(')');
    }
    pushExpansion(parts, this.text.slice(start, this.pos));
    command.words.push({ parts, start, end: this.pos });
  }

  /** Called at the start of the line after a command with `<<EOF`: the bodies come next. */
  private readHereDocumentBodies(): void {
    const pending = this.pendingHereDocuments;
    this.pendingHereDocuments = [];
    for (const hereDocument of pending) {
      const bodyStart = this.pos;
      let bodyEnd = -1;
      while (this.pos < this.end) {
        const newline = this.text.indexOf('\n', this.pos);
        const lineEnd = newline === -1 || newline > this.end ? this.end : newline;
        const line = this.text.slice(this.pos, lineEnd);
        const candidate = hereDocument.stripTabs ? line.replace(/^\t+/, '') : line;
        if (candidate.trimEnd() === hereDocument.delimiter) {
          bodyEnd = this.pos;
          this.pos = Math.min(lineEnd + 1, this.end);
          break;
        }
        this.pos = lineEnd + 1;
      }
      if (bodyEnd === -1) {
        this.problemAt(bodyStart, `here-document without its closing ${hereDocument.delimiter} line; read to the end`);
        bodyEnd = this.end;
        this.pos = this.end;
      }
      const body = this.text.slice(bodyStart, bodyEnd);
      hereDocument.command.hereDocuments.push({ start: bodyStart, end: bodyEnd });
      hereDocument.command.stdin = hereDocument.quoted ? [{ text: body, expansion: false }] : splitExpansions(body);
    }
  }

  /** Index of the bracket closing the one at `open`, skipping quoted text; -1 when none. */
  private matchBracket(open: number): number {
    const opening = this.text[open];
    const closing = opening === '(' ? ')' : '}';
    let depth = 0;
    for (let at = open; at < this.end; at++) {
      if (--this.bracketBudget < 0) return -1;
      const char = this.text[at];
      if (char === '\\') at++;
      else if (char === "'" || char === '"') {
        const close = this.text.indexOf(char, at + 1);
        if (close !== -1 && close < this.end) {
          this.bracketBudget -= close - at;
          at = close;
        }
      } else if (char === opening) depth++;
      else if (char === closing && --depth === 0) return at;
    }
    return -1;
  }

  private problem(message: string): void {
    this.problemAt(this.pos, message);
  }

  private problemAt(offset: number, message: string): void {
    this.problems.push({ offset, message });
  }
}

function newCommand(): ShellCommand {
  return { words: [], stdin: null, hereDocuments: [] };
}

/** Last index of `needle` wholly inside `start..end` (end exclusive), or -1. */
function lastIndexWithin(text: string, needle: string, start: number, end: number): number {
  const found = text.slice(start, end).lastIndexOf(needle);
  return found === -1 ? -1 : start + found;
}
