import { ts } from 'ts-morph';

/**
 * Whether an importer of Docker code surely teaches the analysis nothing (see
 * learnsFromImports), read from its tokens instead of a parse: the tokenizer is several
 * times faster than the parser, and most importers of a large project only pass their own
 * parameters to the functions they import (`results.push(stopPreview(input))`).
 *
 * True only when every use of every imported name is one this reading is sure of: a call
 * whose arguments are the calling function's own parameters (or `undefined`, or cast to
 * `never`) and whose result is dropped, returned or passed on. Anything else, including
 * code the tokenizer cannot read alone (JSX, a regular expression it cannot place), says
 * false, and the importer is parsed and checked.
 */
export function teachesNothingByTokens(path: string, text: string, dockerSpecifiers: ReadonlySet<string>): boolean {
  // JSX text is not tokens: an apostrophe or `//` in it would hide the code after it.
  if (/\.[jt]sx$/.test(path) || (/\.[cm]?js$/.test(path) && /<\/|\/>/.test(text))) return false;
  const tokens = tokenize(text);
  const reading = tokens && TokenReading.of(tokens);
  if (!reading) return false;
  const names = reading.importedNames(dockerSpecifiers);
  if (!names) return false;
  return names.size === 0 || reading.everyUseIsOpaqueCall(names);
}

interface Token {
  kind: ts.SyntaxKind;
  /** The identifier's name or the literal's value. */
  value: string;
  lineBreakBefore: boolean;
}

/** Token kinds after which a `/` divides; anywhere else it starts a regular expression. */
const ENDS_OPERAND = new Set([
  ts.SyntaxKind.Identifier, ts.SyntaxKind.ThisKeyword, ts.SyntaxKind.SuperKeyword, ts.SyntaxKind.TrueKeyword, ts.SyntaxKind.FalseKeyword,
  ts.SyntaxKind.NullKeyword, ts.SyntaxKind.NumericLiteral, ts.SyntaxKind.BigIntLiteral, ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral, ts.SyntaxKind.TemplateTail, ts.SyntaxKind.RegularExpressionLiteral,
  ts.SyntaxKind.CloseParenToken, ts.SyntaxKind.CloseBracketToken, ts.SyntaxKind.CloseBraceToken, ts.SyntaxKind.PlusPlusToken, ts.SyntaxKind.MinusMinusToken,
]);

let scanner: ts.Scanner | undefined;

/** The file's tokens, or undefined when the tokenizer reports an error. */
function tokenize(text: string): Token[] | undefined {
  let failed = false;
  scanner ??= ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard);
  scanner.setText(text);
  scanner.setOnError(() => {
    failed = true;
  });
  const tokens: Token[] = [];
  // Open `{` and template `${` spans: a `}` closes the innermost one.
  const braces: Array<'brace' | 'template'> = [];
  try {
    for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken && !failed; kind = scanner.scan()) {
      if (kind === ts.SyntaxKind.CloseBraceToken && braces.pop() === 'template') {
        kind = scanner.reScanTemplateToken(false);
        if (kind === ts.SyntaxKind.TemplateMiddle) braces.push('template');
      } else if (kind === ts.SyntaxKind.OpenBraceToken) braces.push('brace');
      else if (kind === ts.SyntaxKind.TemplateHead) braces.push('template');
      else if (kind === ts.SyntaxKind.SlashToken || kind === ts.SyntaxKind.SlashEqualsToken) {
        const previous = tokens[tokens.length - 1]?.kind ?? ts.SyntaxKind.Unknown;
        if (!ENDS_OPERAND.has(previous)) kind = scanner.reScanSlashToken();
        // After `)` or `}` a `/` may also start a regular expression (`if (ok) /[/`]/.test(s)`); read as a
        // division, a backtick or comment marker in it would hide code: such a line is not read.
        else if ((previous === ts.SyntaxKind.CloseParenToken || previous === ts.SyntaxKind.CloseBraceToken) && /`|\/\/|\/\*/.test(restOfLine(text, scanner.getTokenEnd()))) failed = true;
      }
      tokens.push({ kind, value: scanner.getTokenValue() ?? scanner.getTokenText(), lineBreakBefore: scanner.hasPrecedingLineBreak() });
    }
  } finally {
    scanner.setText('');
    scanner.setOnError(undefined);
  }
  return failed || braces.length > 0 ? undefined : tokens;
}

// The characters from a position to the end of its line (line ends as the compiler's, see text.ts).
const REST_OF_LINE = /[^\r\n\u2028\u2029]*/y;

function restOfLine(text: string, from: number): string {
  REST_OF_LINE.lastIndex = from;
  return REST_OF_LINE.exec(text)![0];
}

// Inside one operand: names, member access and literals.
const OPERAND_TOKENS = new Set([
  ts.SyntaxKind.Identifier, ts.SyntaxKind.ThisKeyword, ts.SyntaxKind.TrueKeyword, ts.SyntaxKind.FalseKeyword, ts.SyntaxKind.NullKeyword,
  ts.SyntaxKind.DotToken, ts.SyntaxKind.QuestionDotToken, ts.SyntaxKind.NumericLiteral, ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NoSubstitutionTemplateLiteral,
]);
/** An identifier, or a keyword (contextual keywords such as `type` or `of` are names too). */
const isName = (token: Token | undefined): boolean =>
  token !== undefined && (token.kind === ts.SyntaxKind.Identifier || (token.kind >= ts.SyntaxKind.FirstKeyword && token.kind <= ts.SyntaxKind.LastKeyword));
const MODIFIERS = new Set([ts.SyntaxKind.PublicKeyword, ts.SyntaxKind.PrivateKeyword, ts.SyntaxKind.ProtectedKeyword, ts.SyntaxKind.ReadonlyKeyword, ts.SyntaxKind.OverrideKeyword]);
// Keywords that a `(` after them does not make a call.
const NOT_CALLEES = new Set([
  ts.SyntaxKind.IfKeyword, ts.SyntaxKind.WhileKeyword, ts.SyntaxKind.ForKeyword, ts.SyntaxKind.SwitchKeyword, ts.SyntaxKind.CatchKeyword,
  ts.SyntaxKind.FunctionKeyword, ts.SyntaxKind.ReturnKeyword, ts.SyntaxKind.TypeOfKeyword, ts.SyntaxKind.AwaitKeyword, ts.SyntaxKind.YieldKeyword,
  ts.SyntaxKind.VoidKeyword, ts.SyntaxKind.DeleteKeyword, ts.SyntaxKind.NewKeyword, ts.SyntaxKind.InKeyword, ts.SyntaxKind.OfKeyword,
  ts.SyntaxKind.InstanceOfKeyword, ts.SyntaxKind.CaseKeyword, ts.SyntaxKind.ThrowKeyword, ts.SyntaxKind.ElseKeyword, ts.SyntaxKind.DoKeyword, ts.SyntaxKind.WithKeyword,
]);
// Tokens that may start a statement after a line break (automatic semicolon insertion ends the one before).
const STATEMENT_KEYWORDS = new Set([
  ts.SyntaxKind.ConstKeyword, ts.SyntaxKind.LetKeyword, ts.SyntaxKind.VarKeyword, ts.SyntaxKind.ReturnKeyword, ts.SyntaxKind.IfKeyword,
  ts.SyntaxKind.ForKeyword, ts.SyntaxKind.WhileKeyword, ts.SyntaxKind.FunctionKeyword, ts.SyntaxKind.ClassKeyword, ts.SyntaxKind.ExportKeyword,
  ts.SyntaxKind.ThrowKeyword, ts.SyntaxKind.TryKeyword, ts.SyntaxKind.SwitchKeyword, ts.SyntaxKind.BreakKeyword, ts.SyntaxKind.ContinueKeyword,
]);

// Tokens of a return type written with names: `Promise<Map<string, Job[]>> | undefined`.
const TYPE_TOKENS = new Set([
  ts.SyntaxKind.DotToken, ts.SyntaxKind.LessThanToken, ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.OpenBracketToken, ts.SyntaxKind.CloseBracketToken,
  ts.SyntaxKind.BarToken, ts.SyntaxKind.AmpersandToken, ts.SyntaxKind.CommaToken, ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NumericLiteral,
]);
// Tokens at which an arrow function's expression body ends at the latest: separators, closing
// brackets and template spans; `:` (`c ? x => x : other`); `=` (`(x: T) => void = ...` is a
// function type before a variable's value).
const ARROW_BODY_ENDS = new Set([
  ts.SyntaxKind.CommaToken, ts.SyntaxKind.SemicolonToken, ts.SyntaxKind.CloseParenToken, ts.SyntaxKind.CloseBracketToken, ts.SyntaxKind.CloseBraceToken,
  ts.SyntaxKind.ColonToken, ts.SyntaxKind.EqualsToken, ts.SyntaxKind.TemplateMiddle, ts.SyntaxKind.TemplateTail,
]);
// Tokens after which `(` opens an arrow function's parameters rather than a parenthesized expression.
const ARROW_PARAMETERS_AFTER = new Set([
  ts.SyntaxKind.EqualsToken, ts.SyntaxKind.OpenParenToken, ts.SyntaxKind.CommaToken, ts.SyntaxKind.AsyncKeyword, ts.SyntaxKind.ReturnKeyword,
  ts.SyntaxKind.EqualsGreaterThanToken, ts.SyntaxKind.OpenBraceToken, ts.SyntaxKind.SemicolonToken, ts.SyntaxKind.OpenBracketToken,
]);
// `(a): T => ...` is not `T => ...`.
const AFTER_TYPE_OR_MEMBER = new Set([ts.SyntaxKind.ColonToken, ts.SyntaxKind.CloseParenToken, ts.SyntaxKind.DotToken, ts.SyntaxKind.QuestionDotToken]);

/** A function's parameters and the tokens of its body. */
interface Scope {
  names: Set<string>;
  start: number;
  end: number;
}

/** Whether an expression statement ends before this token: `;`, `}`, the end, or a new line that starts another statement. */
function endsStatement(next: Token | undefined): boolean {
  if (next === undefined || next.kind === ts.SyntaxKind.SemicolonToken || next.kind === ts.SyntaxKind.CloseBraceToken) return true;
  return next.lineBreakBefore && (next.kind === ts.SyntaxKind.Identifier || STATEMENT_KEYWORDS.has(next.kind));
}

class TokenReading {
  /** Index of the bracket that closes or opens the one at each index. */
  private readonly partner = new Map<number, number>();
  private readonly importTokens = new Set<number>();
  private scopes?: Scope[];

  /** undefined when the brackets do not pair up. */
  static of(tokens: Token[]): TokenReading | undefined {
    const reading = new TokenReading(tokens);
    return reading.pairBrackets() ? reading : undefined;
  }

  private constructor(private readonly tokens: Token[]) {}

  private pairBrackets(): boolean {
    const tokens = this.tokens;
    const open: number[] = [];
    const closing: Partial<Record<ts.SyntaxKind, ts.SyntaxKind>> = {
      [ts.SyntaxKind.CloseParenToken]: ts.SyntaxKind.OpenParenToken,
      [ts.SyntaxKind.CloseBracketToken]: ts.SyntaxKind.OpenBracketToken,
      [ts.SyntaxKind.CloseBraceToken]: ts.SyntaxKind.OpenBraceToken,
    };
    for (let index = 0; index < tokens.length; index++) {
      const kind = tokens[index].kind;
      if (kind === ts.SyntaxKind.OpenParenToken || kind === ts.SyntaxKind.OpenBracketToken || kind === ts.SyntaxKind.OpenBraceToken) open.push(index);
      const opener = closing[kind];
      if (opener === undefined) continue;
      const at = open.pop();
      if (at === undefined || tokens[at].kind !== opener) return false;
      this.partner.set(at, index);
      this.partner.set(index, at);
    }
    return open.length === 0;
  }

  /**
   * The names bound by imports of Docker code, as learnsFromImports collects them;
   * undefined when an import is not one this reading knows (a re-export, `import x = require`).
   */
  importedNames(dockerSpecifiers: ReadonlySet<string>): Set<string> | undefined {
    const names = new Set<string>();
    const tokens = this.tokens;
    for (let index = 0; index < tokens.length; index++) {
      const token = tokens[index];
      const previous = tokens[index - 1];
      if (token.kind === ts.SyntaxKind.ImportKeyword) {
        const next = tokens[index + 1];
        if (next?.kind === ts.SyntaxKind.OpenParenToken || next?.kind === ts.SyntaxKind.DotToken) continue;
        // `x.import` followed by more than an operator: broken code, which the parser may read as an import.
        if (previous?.kind === ts.SyntaxKind.DotToken || previous?.kind === ts.SyntaxKind.QuestionDotToken) {
          const opensDeclaration = next !== undefined && (isName(next) || next.kind === ts.SyntaxKind.OpenBraceToken || next.kind === ts.SyntaxKind.AsteriskToken || next.kind === ts.SyntaxKind.StringLiteral);
          if (opensDeclaration) return undefined;
          continue;
        }
        const declaration = this.importDeclaration(index);
        if (!declaration) return undefined;
        for (let at = index; at <= declaration.end; at++) this.importTokens.add(at);
        if (dockerSpecifiers.has(declaration.specifier)) for (const name of declaration.names) names.add(name);
        index = declaration.end;
      } else if (token.kind === ts.SyntaxKind.ExportKeyword) {
        // `export * from './docker'`, `export { a } from './docker'`: the module is passed on (unless only its types are).
        let at = index + 1;
        const typeOnly = tokens[at]?.kind === ts.SyntaxKind.TypeKeyword && (tokens[at + 1]?.kind === ts.SyntaxKind.OpenBraceToken || tokens[at + 1]?.kind === ts.SyntaxKind.AsteriskToken);
        if (typeOnly) at++;
        if (tokens[at]?.kind === ts.SyntaxKind.AsteriskToken) at += tokens[at + 1]?.kind === ts.SyntaxKind.AsKeyword ? 3 : 1;
        else if (tokens[at]?.kind === ts.SyntaxKind.OpenBraceToken) at = this.partner.get(at)! + 1;
        else continue;
        if (!typeOnly && tokens[at]?.kind === ts.SyntaxKind.FromKeyword && dockerSpecifiers.has(tokens[at + 1]?.value ?? '')) return undefined;
      } else if (token.value === 'require' && isName(token) && previous?.kind !== ts.SyntaxKind.DotToken && tokens[index + 1]?.kind === ts.SyntaxKind.OpenParenToken) {
        const argument = tokens[index + 2];
        const isString = argument?.kind === ts.SyntaxKind.StringLiteral || argument?.kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral;
        if (!isString || !dockerSpecifiers.has(argument.value)) continue;
        const required = this.requiredNames(index);
        if (!required) return undefined;
        for (const name of required.names) names.add(name);
        // The declaration's own names are not uses.
        for (let at = required.start; at <= index + 3; at++) this.importTokens.add(at);
      }
    }
    return names;
  }

  /** `import a, { b as c, type d } from 'x'`, `import * as n from 'x'`, `import 'x'`: its value names and specifier. */
  private importDeclaration(start: number): { specifier: string; names: string[]; end: number } | undefined {
    const tokens = this.tokens;
    let index = start + 1;
    const names: string[] = [];
    if (tokens[index]?.kind === ts.SyntaxKind.StringLiteral) return { specifier: tokens[index].value, names, end: index };
    let typeOnly = false;
    if (tokens[index]?.kind === ts.SyntaxKind.TypeKeyword && tokens[index + 1]?.kind !== ts.SyntaxKind.CommaToken && tokens[index + 1]?.kind !== ts.SyntaxKind.FromKeyword) {
      typeOnly = true;
      index++;
    }
    const fromClause = tokens[index]?.kind === ts.SyntaxKind.FromKeyword && tokens[index + 1]?.kind === ts.SyntaxKind.StringLiteral;
    if (isName(tokens[index]) && !fromClause) {
      // `import x = require('y')` is a different declaration.
      if (tokens[index + 1]?.kind === ts.SyntaxKind.EqualsToken) return undefined;
      names.push(tokens[index].value);
      index++;
      if (tokens[index]?.kind === ts.SyntaxKind.CommaToken) index++;
    }
    if (tokens[index]?.kind === ts.SyntaxKind.AsteriskToken) {
      if (tokens[index + 1]?.kind !== ts.SyntaxKind.AsKeyword || !isName(tokens[index + 2])) return undefined;
      names.push(tokens[index + 2].value);
      index += 3;
    } else if (tokens[index]?.kind === ts.SyntaxKind.OpenBraceToken) {
      const listed = this.bracedNames(index, ts.SyntaxKind.AsKeyword);
      if (!listed) return undefined;
      names.push(...listed);
      index = this.partner.get(index)! + 1;
    }
    if (tokens[index]?.kind !== ts.SyntaxKind.FromKeyword || tokens[index + 1]?.kind !== ts.SyntaxKind.StringLiteral) return undefined;
    let end = index + 1;
    // `with { type: 'json' }`
    if (tokens[end + 1]?.kind === ts.SyntaxKind.WithKeyword && tokens[end + 2]?.kind === ts.SyntaxKind.OpenBraceToken) end = this.partner.get(end + 2)!;
    return { specifier: tokens[index + 1].value, names: typeOnly ? [] : names, end };
  }

  /** `const x = require('./docker')`, `const { a, b: c } = require('./docker')`: the names; undefined for any other use. */
  private requiredNames(requireAt: number): { names: string[]; start: number } | undefined {
    const tokens = this.tokens;
    const close = this.partner.get(requireAt + 1)!;
    if (close !== requireAt + 3) return undefined;
    const after = tokens[close + 1];
    if (!endsStatement(after) && after.kind !== ts.SyntaxKind.CommaToken) return undefined;
    if (tokens[requireAt - 1]?.kind !== ts.SyntaxKind.EqualsToken) return undefined;
    const bound = tokens[requireAt - 2];
    if (isName(bound) && isDeclarationKeyword(tokens[requireAt - 3])) return { names: [bound.value], start: requireAt - 2 };
    if (bound?.kind !== ts.SyntaxKind.CloseBraceToken) return undefined;
    const open = this.partner.get(requireAt - 2)!;
    const names = isDeclarationKeyword(tokens[open - 1]) ? this.patternNames(open) : undefined;
    return names && { names, start: open };
  }

  /** The names an object binding pattern binds; undefined for defaults and nested patterns. */
  private patternNames(open: number): string[] | undefined {
    return this.bracedNames(open, ts.SyntaxKind.ColonToken);
  }

  /**
   * The local value names of `{ a, b as c, type d }` (an import's list, renamed with `as`) or
   * `{ a, b: c, ...rest }` (a binding pattern, renamed with `:`); undefined for anything else.
   */
  private bracedNames(open: number, rename: ts.SyntaxKind.AsKeyword | ts.SyntaxKind.ColonToken): string[] | undefined {
    const tokens = this.tokens;
    const close = this.partner.get(open)!;
    const names: string[] = [];
    const inImport = rename === ts.SyntaxKind.AsKeyword;
    for (let at = open + 1; at < close; ) {
      // `type d` imports a type only; `...rest` binds a value like any name.
      const typeOnly = inImport && tokens[at].kind === ts.SyntaxKind.TypeKeyword && isName(tokens[at + 1]) && tokens[at + 1].kind !== ts.SyntaxKind.AsKeyword;
      if (typeOnly || (!inImport && tokens[at].kind === ts.SyntaxKind.DotDotDotToken)) at++;
      if (!isName(tokens[at]) && !(inImport && tokens[at].kind === ts.SyntaxKind.StringLiteral)) return undefined;
      let name = tokens[at].value;
      at++;
      if (tokens[at]?.kind === rename) {
        if (!isName(tokens[at + 1])) return undefined;
        name = tokens[at + 1].value;
        at += 2;
      }
      if (!typeOnly) names.push(name);
      if (tokens[at]?.kind === ts.SyntaxKind.CommaToken) at++;
      else if (at !== close) return undefined;
    }
    return names;
  }

  everyUseIsOpaqueCall(names: ReadonlySet<string>): boolean {
    const tokens = this.tokens;
    for (let index = 0; index < tokens.length; index++) {
      const token = tokens[index];
      if (!isName(token) || !names.has(token.value) || this.importTokens.has(index)) continue;
      const previous = tokens[index - 1];
      if (previous?.kind === ts.SyntaxKind.DotToken || previous?.kind === ts.SyntaxKind.QuestionDotToken) continue;
      if (!this.isOpaqueCallNotUsed(index)) return false;
    }
    return true;
  }

  /** `name(input)` whose arguments the caller knows nothing about and whose result is not kept. */
  private isOpaqueCallNotUsed(callee: number): boolean {
    const tokens = this.tokens;
    const open = callee + 1;
    if (tokens[open]?.kind !== ts.SyntaxKind.OpenParenToken || tokens[callee - 1]?.kind === ts.SyntaxKind.NewKeyword || tokens[callee - 1]?.kind === ts.SyntaxKind.FunctionKeyword) return false;
    const close = this.partner.get(open)!;
    for (const [from, to] of this.arguments(open, close)) if (!this.isOpaqueArgument(from, to)) return false;
    return this.isResultDropped(callee, close);
  }

  /** Token ranges [from, to) of the arguments between a call's brackets. */
  private arguments(open: number, close: number): Array<[number, number]> {
    const ranges: Array<[number, number]> = [];
    let from = open + 1;
    for (let at = open + 1; at <= close; at++) {
      if (at === close || this.tokens[at].kind === ts.SyntaxKind.CommaToken) {
        if (at > from || at !== close) ranges.push([from, at]);
        from = at + 1;
      } else if (this.partner.has(at) && this.partner.get(at)! > at) at = this.partner.get(at)!;
    }
    return ranges;
  }

  /** A parameter of an enclosing function, `undefined`, or anything cast to never. */
  private isOpaqueArgument(from: number, to: number): boolean {
    const tokens = this.tokens;
    if (to - from >= 3 && tokens[to - 2].kind === ts.SyntaxKind.AsKeyword && tokens[to - 1].kind === ts.SyntaxKind.NeverKeyword) return this.isOperand(from, to - 2);
    if (to - from !== 1) return false;
    if (tokens[from].kind === ts.SyntaxKind.UndefinedKeyword) return true;
    if (tokens[from].kind !== ts.SyntaxKind.Identifier) return false;
    const name = tokens[from].value;
    return this.functionScopes().some((scope) => scope.start <= from && from < scope.end && scope.names.has(name));
  }

  /** Tokens that form one operand (`input`, `fake.payload`, `build({ a: 1 })`): `as` applies to all of it. */
  private isOperand(from: number, to: number): boolean {
    for (let at = from; at < to; at++) {
      const token = this.tokens[at];
      const partner = this.partner.get(at);
      if (partner !== undefined && partner > at && partner < to) at = partner;
      else if (!OPERAND_TOKENS.has(token.kind)) return false;
    }
    return true;
  }

  /**
   * The call's value is dropped (`name(x);`), returned (`return name(x)`, `() => name(x)`),
   * discarded (`void`) or passed on as an argument (`list.push(name(x))`), as isResultUsed reads it.
   */
  private isResultDropped(callee: number, close: number): boolean {
    const tokens = this.tokens;
    let before = callee - 1;
    while (tokens[before]?.kind === ts.SyntaxKind.AwaitKeyword) before--;
    const previous = tokens[before];
    const next = tokens[close + 1];
    const endsHere = endsStatement(next);
    if (previous === undefined) return endsHere;
    if (previous.kind === ts.SyntaxKind.VoidKeyword) return true;
    if (previous.kind === ts.SyntaxKind.ReturnKeyword) return endsHere;
    // A statement of its own: after `;`, `{`, `}` or, by automatic semicolon insertion, a new line
    // after a complete expression; and in a block or at the top, not in `for (...; name(x); ...)`.
    const startsStatement = previous.kind === ts.SyntaxKind.SemicolonToken || previous.kind === ts.SyntaxKind.OpenBraceToken || previous.kind === ts.SyntaxKind.CloseBraceToken || (tokens[before + 1].lineBreakBefore && ENDS_OPERAND.has(previous.kind));
    if (startsStatement) {
      const enclosing = this.enclosingOpen(before + 1);
      return endsHere && (enclosing === undefined || tokens[enclosing].kind === ts.SyntaxKind.OpenBraceToken);
    }
    if (previous.kind === ts.SyntaxKind.EqualsGreaterThanToken) {
      return endsHere || next.kind === ts.SyntaxKind.CloseParenToken || next.kind === ts.SyntaxKind.CommaToken || next.kind === ts.SyntaxKind.CloseBracketToken;
    }
    const argumentEnds = next !== undefined && (next.kind === ts.SyntaxKind.CommaToken || next.kind === ts.SyntaxKind.CloseParenToken);
    if (!argumentEnds || (previous.kind !== ts.SyntaxKind.OpenParenToken && previous.kind !== ts.SyntaxKind.CommaToken)) return false;
    // A whole argument of a call or `new`: the innermost bracket around it is a call's.
    const open = previous.kind === ts.SyntaxKind.OpenParenToken ? before : this.enclosingOpen(before);
    return open !== undefined && tokens[open].kind === ts.SyntaxKind.OpenParenToken && this.isCallBracket(open);
  }

  private enclosingOpen(index: number): number | undefined {
    for (let at = index; at >= 0; at--) {
      const partner = this.partner.get(at);
      if (partner === undefined) continue;
      if (partner > at) return at;
      at = partner;
    }
    return undefined;
  }

  private isCallBracket(open: number): boolean {
    const before = this.tokens[open - 1];
    if (!before) return false;
    if (before.kind === ts.SyntaxKind.CloseParenToken || before.kind === ts.SyntaxKind.CloseBracketToken) return true;
    return isName(before) && !NOT_CALLEES.has(before.kind) && this.tokens[open - 2]?.kind !== ts.SyntaxKind.FunctionKeyword;
  }

  /** Functions, arrow functions and methods whose parameters this reading can list. */
  private functionScopes(): Scope[] {
    if (this.scopes) return this.scopes;
    const tokens = this.tokens;
    const scopes: Scope[] = [];
    for (let index = 0; index < tokens.length; index++) {
      const token = tokens[index];
      let parameters: number | undefined;
      if (token.kind === ts.SyntaxKind.FunctionKeyword) {
        let at = index + 1;
        if (tokens[at]?.kind === ts.SyntaxKind.AsteriskToken) at++;
        if (isName(tokens[at]) && tokens[at].kind !== ts.SyntaxKind.OpenParenToken) at++;
        if (tokens[at]?.kind === ts.SyntaxKind.OpenParenToken) parameters = at;
      } else if (token.kind === ts.SyntaxKind.EqualsGreaterThanToken) {
        const previous = tokens[index - 1];
        if (previous?.kind === ts.SyntaxKind.CloseParenToken) parameters = this.partner.get(index - 1);
        else if (this.returnTypeColon(index) !== undefined) parameters = this.partner.get(this.returnTypeColon(index)! - 1);
        else if (previous?.kind === ts.SyntaxKind.Identifier && !previous.lineBreakBefore && !AFTER_TYPE_OR_MEMBER.has(tokens[index - 2]?.kind ?? ts.SyntaxKind.Unknown)) {
          scopes.push({ names: new Set([previous.value]), start: index + 1, end: this.arrowBodyEnd(index) });
        }
        if (parameters !== undefined) {
          const names = this.parameterNames(parameters);
          if (names) scopes.push({ names, start: index + 1, end: this.arrowBodyEnd(index) });
        }
        continue;
      } else if (token.kind === ts.SyntaxKind.OpenParenToken && isName(tokens[index - 1]) && !NOT_CALLEES.has(tokens[index - 1].kind)) {
        // A method: `name(params) {` (a call is never followed by a block).
        parameters = index;
      }
      if (parameters === undefined) continue;
      const close = this.partner.get(parameters)!;
      const body = this.bodyAfter(close);
      // `init(x)` then a block on the next line is a call and a block statement, not a method.
      if (body === undefined || tokens[body].lineBreakBefore) continue;
      const names = this.parameterNames(parameters);
      if (names) scopes.push({ names, start: body, end: this.partner.get(body)! });
    }
    return (this.scopes = scopes);
  }

  /** `(input: Spec): Promise<void> =>`: the `:` of a return type made of names, without brackets of its own, before an arrow. */
  private returnTypeColon(arrow: number): number | undefined {
    const tokens = this.tokens;
    for (let at = arrow - 1; at >= 0 && at > arrow - 32; at--) {
      const kind = tokens[at].kind;
      if (kind !== ts.SyntaxKind.ColonToken) {
        if (!isName(tokens[at]) && !TYPE_TOKENS.has(kind)) return undefined;
        continue;
      }
      if (tokens[at - 1]?.kind !== ts.SyntaxKind.CloseParenToken || at === arrow - 1) return undefined;
      // `c ? (x) : T => ...` is a conditional; parameters follow `=`, `(`, `,`, `async` and the like.
      const beforeParameters = tokens[this.partner.get(at - 1)! - 1];
      return beforeParameters === undefined || ARROW_PARAMETERS_AFTER.has(beforeParameters.kind) ? at : undefined;
    }
    return undefined;
  }

  /** The `{` of a body right after a parameter list, past a return type without brackets of its own. */
  private bodyAfter(close: number): number | undefined {
    const tokens = this.tokens;
    let at = close + 1;
    if (tokens[at]?.kind === ts.SyntaxKind.ColonToken) {
      at++;
      while (at < tokens.length && tokens[at].kind !== ts.SyntaxKind.OpenBraceToken) {
        const kind = tokens[at].kind;
        if (kind === ts.SyntaxKind.OpenParenToken || kind === ts.SyntaxKind.SemicolonToken || kind === ts.SyntaxKind.EqualsGreaterThanToken || kind === ts.SyntaxKind.EqualsToken) return undefined;
        at++;
      }
    }
    return tokens[at]?.kind === ts.SyntaxKind.OpenBraceToken ? at : undefined;
  }

  /** Where an arrow function's body ends: its block, or its expression up to a separator or a new line. */
  private arrowBodyEnd(arrow: number): number {
    const tokens = this.tokens;
    if (tokens[arrow + 1]?.kind === ts.SyntaxKind.OpenBraceToken) return this.partner.get(arrow + 1)!;
    for (let at = arrow + 1; at < tokens.length; at++) {
      const kind = tokens[at].kind;
      if (at > arrow + 1 && tokens[at].lineBreakBefore) return at;
      if (ARROW_BODY_ENDS.has(kind)) return at;
      const partner = this.partner.get(at);
      if (partner !== undefined && partner > at) at = partner;
    }
    return tokens.length;
  }

  /** The names a parameter list binds; undefined when it has defaults or anything else this reading does not list. */
  private parameterNames(open: number): Set<string> | undefined {
    const tokens = this.tokens;
    const close = this.partner.get(open)!;
    const names = new Set<string>();
    for (let at = open + 1; at < close; ) {
      while (MODIFIERS.has(tokens[at].kind) && isName(tokens[at + 1])) at++;
      if (tokens[at].kind === ts.SyntaxKind.DotDotDotToken) at++;
      const token = tokens[at];
      if (token.kind === ts.SyntaxKind.OpenBraceToken || token.kind === ts.SyntaxKind.OpenBracketToken) {
        const bound = token.kind === ts.SyntaxKind.OpenBraceToken ? this.patternNames(at) : undefined;
        if (!bound) return undefined;
        for (const name of bound) names.add(name);
        at = this.partner.get(at)! + 1;
      } else if (isName(token)) {
        if (token.kind !== ts.SyntaxKind.ThisKeyword) names.add(token.value);
        at++;
      } else return undefined;
      if (tokens[at]?.kind === ts.SyntaxKind.QuestionToken) at++;
      // A type annotation, up to the next parameter; a default value is not read.
      if (tokens[at]?.kind === ts.SyntaxKind.ColonToken) {
        for (at++; at < close && tokens[at].kind !== ts.SyntaxKind.CommaToken; at++) {
          if (tokens[at].kind === ts.SyntaxKind.EqualsToken) return undefined;
          const partner = this.partner.get(at);
          if (partner !== undefined && partner > at) at = partner;
        }
      }
      if (at === close) break;
      if (tokens[at]?.kind !== ts.SyntaxKind.CommaToken) return undefined;
      at++;
    }
    return names;
  }
}

function isDeclarationKeyword(token: Token | undefined): boolean {
  return token !== undefined && (token.kind === ts.SyntaxKind.ConstKeyword || token.kind === ts.SyntaxKind.LetKeyword || token.kind === ts.SyntaxKind.VarKeyword);
}
