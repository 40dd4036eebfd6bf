/** Where a JSON text first breaks the grammar, and why. */
export interface JsonSyntaxError {
  /** Offset in the text (UTF-16 code units). */
  offset: number;
  message: string;
}

class Stop extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

/**
 * Checks that a text is strict JSON (RFC 8259), with messages that are the same on every
 * Node version (V8's differ between releases and not all of them give a position).
 * Also rejects duplicate keys, which JSON.parse silently lets the last one win.
 * The values themselves are then read with the `yaml` package, which keeps positions.
 */
export function checkJsonSyntax(text: string): JsonSyntaxError | null {
  let at = 0;

  const skipSpace = (): void => {
    while (at < text.length && (text[at] === ' ' || text[at] === '\t' || text[at] === '\n' || text[at] === '\r')) at++;
  };

  const unexpected = (expected: string): never => {
    throw new Stop(at, `expected ${expected}, found ${found()}`);
  };

  const found = (): string => {
    if (at >= text.length) return 'the end of the file';
    const rest = text.slice(at);
    if (rest.startsWith('//') || rest.startsWith('/*')) return 'a comment: JSON has no comments';
    if (rest.startsWith("'")) return 'a single quote: JSON strings take double quotes';
    const string = /^"(?:[^"\\\n]|\\.)*"/.exec(rest)?.[0];
    if (string) return `the string ${string}`;
    const word = /^[A-Za-z_$][\w$-]*/.exec(rest)?.[0];
    if (word) return `the word ${word}: JSON strings take double quotes`;
    return JSON.stringify(text[at]);
  };

  const readString = (): string => {
    const start = at;
    at++;
    let value = '';
    while (true) {
      if (at >= text.length || text[at] === '\n' || text[at] === '\r') throw new Stop(start, 'unterminated string');
      const char = text[at];
      if (char === '"') {
        at++;
        return value;
      }
      if (char === '\\') {
        const escape = text[at + 1] ?? '';
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) throw new Stop(at, 'invalid escape: \\u takes four hexadecimal digits');
          value += String.fromCharCode(Number.parseInt(text.slice(at + 2, at + 6), 16));
          at += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(escape) || escape === '') throw new Stop(at, `invalid escape "\\${escape}" in a string`);
        value += escape;
        at += 2;
        continue;
      }
      if (char.charCodeAt(0) < 0x20) throw new Stop(at, 'control character in a string: write it as an escape such as \\t');
      value += char;
      at++;
    }
  };

  const readNumber = (): void => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(at));
    if (!match || /^[\d.eE+-]/.test(text.slice(at + match[0].length))) {
      const token = /^[-+\w.]*/.exec(text.slice(at))?.[0] ?? text[at];
      throw new Stop(at, `invalid number "${token}"`);
    }
    at += match[0].length;
  };

  const readValue = (): void => {
    skipSpace();
    const char = text[at];
    if (char === '{') return readObject();
    if (char === '[') return readArray();
    if (char === '"') {
      readString();
      return;
    }
    if (char === '-' || (char >= '0' && char <= '9')) return readNumber();
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, at) && !/[\w$]/.test(text[at + literal.length] ?? '')) {
        at += literal.length;
        return;
      }
    }
    unexpected('a value');
  };

  const readObject = (): void => {
    at++;
    skipSpace();
    if (text[at] === '}') {
      at++;
      return;
    }
    const keys = new Set<string>();
    while (true) {
      skipSpace();
      if (text[at] === '}') throw new Stop(at, 'expected a property name, found "}": JSON allows no comma after the last property');
      if (text[at] !== '"') unexpected('a double-quoted property name');
      const keyStart = at;
      const key = readString();
      if (keys.has(key)) throw new Stop(keyStart, `duplicate key "${key}"`);
      keys.add(key);
      skipSpace();
      if (text[at] !== ':') unexpected(`":" after the property name "${key}"`);
      at++;
      readValue();
      skipSpace();
      if (text[at] === ',') {
        at++;
        continue;
      }
      if (text[at] === '}') {
        at++;
        return;
      }
      unexpected(`"," or "}" after the value of "${key}"`);
    }
  };

  const readArray = (): void => {
    at++;
    skipSpace();
    if (text[at] === ']') {
      at++;
      return;
    }
    while (true) {
      skipSpace();
      if (text[at] === ']') throw new Stop(at, 'expected a value, found "]": JSON allows no comma after the last item');
      readValue();
      skipSpace();
      if (text[at] === ',') {
        at++;
        continue;
      }
      if (text[at] === ']') {
        at++;
        return;
      }
      unexpected('"," or "]" after a list item');
    }
  };

  try {
    skipSpace();
    if (at >= text.length) throw new Stop(at, 'the file is empty: expected a JSON object');
    readValue();
    skipSpace();
    if (at < text.length) unexpected('nothing after the JSON value');
    return null;
  } catch (error) {
    if (error instanceof Stop) return { offset: error.offset, message: error.message };
    throw error;
  }
}
