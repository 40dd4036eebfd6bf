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
