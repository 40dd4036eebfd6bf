/** Small text helpers shared by the analyser, the linter and the reporters. */

/**
 * Orders strings by UTF-16 code units, the same on every machine and locale
 * (localeCompare would not be): sorted output must not change between runs.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `1 finding`, `3 findings`; `2 entries` with the plural given. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/**
 * Line ends as positions in findings count them: TypeScript's for code (CRLF, a lone CR, LF,
 * U+2028 and U+2029), the shell's for scripts and configuration (CRLF, a lone CR, LF).
 */
const CODE_LINE_BREAK = /\r\n?|\n|\u2028|\u2029/;
const TEXT_LINE_BREAK = /\r\n?|\n/;

export function lineBreakPattern(isCode: boolean): RegExp {
  return isCode ? CODE_LINE_BREAK : TEXT_LINE_BREAK;
}

/** The offsets at which the lines of a text start. */
export function lineStartsOf(text: string, isCode: boolean): number[] {
  const starts = [0];
  for (const match of text.matchAll(new RegExp(lineBreakPattern(isCode).source, 'g'))) starts.push(match.index + match[0].length);
  return starts;
}

/**
 * A name as it reads inside a message: quoted when it could be mistaken for the message's own
 * punctuation or for a missing word (empty, blank at an end, ending in a colon: `read from ":"`).
 */
export function quotedIfOdd(name: string): string {
  return name === '' || name !== name.trim() || name.endsWith(':') ? JSON.stringify(name) : name;
}
