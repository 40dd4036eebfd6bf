import fc from 'fast-check';

/**
 * Edits applied to a real source file. Positions are free naturals taken modulo the
 * file's size when applied, so that shrinking a case (fewer edits, smaller numbers)
 * always yields a valid case.
 */
export type Mutation =
  | { kind: 'delete-token' | 'duplicate-token'; at: number }
  | { kind: 'swap-tokens'; at: number; other: number }
  | { kind: 'insert-token'; at: number; text: string }
  | { kind: 'replace-string'; at: number; text: string }
  | { kind: 'delete-line' | 'duplicate-line'; at: number }
  | { kind: 'swap-lines'; at: number; other: number }
  | { kind: 'insert-text'; at: number; text: string }
  | { kind: 'truncate'; at: number };

/**
 * Tokens of JS/TS and shell, roughly: comments, strings and template literals whole,
 * words, numbers, multi-character operators, any other character. Whitespace is kept as
 * tokens too, so that joining the tokens gives back the text.
 */
const TOKEN = /\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/|`(?:\\[\s\S]|[^`\\])*`|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|[A-Za-z_$][\w$]*|\d[\w.]*|=>|\.\.\.|\?\.|\?\?|[=!]==?|&&|\|\||\$\{|[\s\S]/g;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Where the tokens that are not whitespace are. */
function solidPositions(tokens: string[]): number[] {
  const positions: number[] = [];
  tokens.forEach((token, position) => {
    if (!/^\s+$/.test(token)) positions.push(position);
  });
  return positions;
}

function pick<T>(items: readonly T[], at: number): T | undefined {
  return items.length === 0 ? undefined : items[at % items.length];
}

function applyOne(text: string, mutation: Mutation): string {
  switch (mutation.kind) {
    case 'delete-token':
    case 'duplicate-token':
    case 'swap-tokens':
    case 'insert-token':
    case 'replace-string': {
      const tokens = tokenize(text);
      const solid = solidPositions(tokens);
      if (mutation.kind === 'replace-string') {
        const strings = solid.filter((position) => /^['"`]/.test(tokens[position]));
        const position = pick(strings, mutation.at);
        if (position === undefined) return text;
        const quote = tokens[position][0];
        tokens[position] = `${quote}${mutation.text.split(quote).join('\\' + quote)}${quote}`;
        return tokens.join('');
      }
      const position = pick(solid, mutation.at);
      if (position === undefined) return mutation.kind === 'insert-token' ? mutation.text + text : text;
      if (mutation.kind === 'delete-token') tokens.splice(position, 1);
      else if (mutation.kind === 'duplicate-token') tokens.splice(position, 0, tokens[position]);
      else if (mutation.kind === 'insert-token') tokens.splice(position, 0, mutation.text);
      else if (mutation.kind === 'swap-tokens') {
        const other = pick(solid, mutation.other)!;
        [tokens[position], tokens[other]] = [tokens[other], tokens[position]];
      }
      return tokens.join('');
    }
    case 'delete-line':
    case 'duplicate-line':
    case 'swap-lines': {
      const lines = text.split('\n');
      const position = mutation.at % lines.length;
      if (mutation.kind === 'delete-line') lines.splice(position, 1);
      else if (mutation.kind === 'duplicate-line') lines.splice(position, 0, lines[position]);
      else if (mutation.kind === 'swap-lines') {
        const other = mutation.other % lines.length;
        [lines[position], lines[other]] = [lines[other], lines[position]];
      }
      return lines.join('\n');
    }
    case 'insert-text': {
      const position = mutation.at % (text.length + 1);
      return text.slice(0, position) + mutation.text + text.slice(position);
    }
    case 'truncate':
      return text.slice(0, mutation.at % (text.length + 1));
  }
}

export function applyMutations(text: string, mutations: readonly Mutation[]): string {
  return mutations.reduce(applyOne, text);
}

/**
 * Text worth inserting: the punctuation that unbalances code, keywords that change what
 * a name is bound to, the analyser's own markers, and names from the database (so that
 * mutated calls send and read real fields as well as typos).
 */
export function insertionText(databaseNames: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom(
        '{', '}', '(', ')', '[', ']', ',', ';', ':', '.', '...', '=>', '?.', '?', '=', '+', '!', '&&', '||', '??',
        '"', "'", '`', '${', '/*', '*/', '//', '\\', '\n', '\r\n', '<', '>', '</', '#!', '@',
        'await', 'async', 'function', 'class', 'new', 'this', 'return', 'if', 'else', 'const', 'let', 'var', 'export', 'import', 'default',
        'require(', 'module.exports', 'delete', 'typeof', 'yield', 'super', 'static', 'get', 'set', 'as', 'satisfies', 'enum', 'namespace',
        'docker', 'Docker', 'new Docker()', 'dockerode', 'modem', 'dial', 'socketPath', '/var/run/docker.sock', 'DOCKER_API_VERSION',
        "'/v1.41/containers/json'", '`/v1.43/containers/${id}/start`', "'/containers/{}/json'", '"/v1.99/nope"', '`${base}/images/${a}/${b}/json`',
        'curl --unix-socket /var/run/docker.sock http://localhost/v1.41/containers/json', '| jq .[0].Id', '<<EOF', 'EOF', '$(', '${', '"$@"',
        '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'Object.prototype', '0', '-1', '1e309', 'NaN', 'null', 'undefined',
        '\u0000', '\ufeff', '\u2028', '\ud800', '𝒳', 'é',
      ),
    },
    { weight: 2, arbitrary: databaseNames.length > 0 ? fc.constantFrom(...databaseNames) : fc.constant('HostConfig') },
    { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
  );
}

/** What a string literal is replaced with: paths and names the Engine API has, near misses, junk. */
export function replacementString(databaseNames: readonly string[], paths: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom('', '/v1.24', '/v1.41', '/v1.55', '/v1.99', 'http://localhost/v1.44', 'unix:///var/run/docker.sock:'), fc.constantFrom(...paths)).map(([prefix, path]) => `${prefix}${path}`) },
    { weight: 2, arbitrary: fc.constantFrom(...databaseNames) },
    { weight: 1, arbitrary: fc.constantFrom('/var/run/docker.sock', 'v1.41', '1.41', 'v1.4x', 'POST', 'GET', 'DELETE', 'HEAD', 'get', '', ' ', '?', '?all=1', '/', '//', '{}', '${x}') },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
}

export function mutation(databaseNames: readonly string[], paths: readonly string[]): fc.Arbitrary<Mutation> {
  const at = fc.nat();
  const text = insertionText(databaseNames);
  return fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('delete-token' as const, 'duplicate-token' as const), at }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('swap-tokens' as const), at, other: fc.nat() }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('insert-token' as const), at, text }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('replace-string' as const), at, text: replacementString(databaseNames, paths) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('delete-line' as const, 'duplicate-line' as const), at }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('swap-lines' as const), at, other: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('insert-text' as const), at, text: fc.oneof(text, fc.string({ maxLength: 20 })) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at }) },
  );
}
