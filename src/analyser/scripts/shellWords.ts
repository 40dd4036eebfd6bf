/**
 * Words of a shell command after quote removal. Expansions (`$VAR`, `${VAR}`, `$(cmd)`,
 * backquotes, make's `$(VAR)`, `${{ expr }}`) are kept as written: their values are
 * not known to a static scan.
 */
export interface WordPart {
  /** Literal text after quote removal, or the expansion exactly as written. */
  text: string;
  expansion: boolean;
}

export interface ShellWord {
  parts: WordPart[];
  /** Offsets of the word in its region's text, end exclusive. */
  start: number;
  end: number;
  /** The region text at start..end is the word's value exactly (an exec-form argument, no quoting). */
  verbatim?: boolean;
}

/** Appends literal text, merging it into a preceding literal part. */
export function pushLiteral(parts: WordPart[], text: string): void {
  if (text === '') {
    // An empty quoted string still makes a word (`''`), so keep an empty part when there is none.
    if (parts.length === 0) parts.push({ text: '', expansion: false });
    return;
  }
  const last = parts[parts.length - 1];
  if (last && !last.expansion) last.text += text;
  else parts.push({ text, expansion: false });
}

export function pushExpansion(parts: WordPart[], text: string): void {
  const last = parts[parts.length - 1];
  if (last && !last.expansion && last.text === '') parts.pop();
  parts.push({ text, expansion: true });
}

export function hasExpansion(parts: readonly WordPart[]): boolean {
  return parts.some((part) => part.expansion);
}

/** The word's text when it holds no expansion, else null. */
export function literalText(parts: readonly WordPart[]): string | null {
  return hasExpansion(parts) ? null : parts.map((part) => part.text).join('');
}

/** The word's text with expansions as written (`$ID`), for messages and raw values. */
export function sourceText(parts: readonly WordPart[]): string {
  return parts.map((part) => part.text).join('');
}

/** Drops the first `count` characters of the parts (for `-XPOST`, `--header=...`). */
export function dropPrefix(parts: readonly WordPart[], count: number): WordPart[] {
  const result: WordPart[] = [];
  let remaining = count;
  for (const part of parts) {
    if (remaining <= 0) result.push(part);
    else if (part.expansion) remaining = 0; // never split an expansion
    else if (part.text.length > remaining) {
      result.push({ text: part.text.slice(remaining), expansion: false });
      remaining = 0;
    } else remaining -= part.text.length;
  }
  return result;
}

/** Private-use characters that stand for an expansion while a word is parsed as a URL or JSON. */
export const EXPANSION_OPEN = '\uE000';
export const EXPANSION_CLOSE = '\uE001';

/** The parts as one string, each expansion replaced by `\uE000<index>\uE001`. */
export function withPlaceholders(parts: readonly WordPart[]): { text: string; expansions: string[] } {
  const expansions: string[] = [];
  let text = '';
  for (const part of parts) {
    if (part.expansion) {
      text += `${EXPANSION_OPEN}${expansions.length}${EXPANSION_CLOSE}`;
      expansions.push(part.text);
    } else {
      // Strip stray private-use characters so they cannot be mistaken for placeholders.
      text += part.text.replace(/[\uE000\uE001]/g, '');
    }
  }
  return { text, expansions };
}

/** A placeholder string back to how it was written. */
export function restorePlaceholders(text: string, expansions: readonly string[]): string {
  return text.replace(/\uE000(\d+)\uE001/g, (_, index: string) => expansions[Number(index)] ?? '');
}

/** A placeholder string back to word parts: its literal runs, and the expansions its placeholders stand for. */
export function partsFromPlaceholders(text: string, expansions: readonly string[]): WordPart[] {
  const parts: WordPart[] = [];
  let last = 0;
  for (const match of text.matchAll(/\uE000(\d+)\uE001/g)) {
    pushLiteral(parts, text.slice(last, match.index));
    pushExpansion(parts, expansions[Number(match[1])] ?? '');
    last = match.index! + match[0].length;
  }
  pushLiteral(parts, text.slice(last));
  return parts;
}

export function containsPlaceholder(text: string): boolean {
  return text.includes(EXPANSION_OPEN);
}

const MAX_EXPANSION_SCAN = 4096;

/**
 * Splits unquoted text that the shell would not word-split (a here-document body, an
 * exec-form argument) into literal and expansion parts. Quotes stay literal.
 */
export function splitExpansions(text: string): WordPart[] {
  const parts: WordPart[] = [];
  let literalStart = 0;
  let at = text.indexOf('$');
  while (at !== -1 && at < text.length - 1) {
    const end = expansionEnd(text, at);
    if (end === -1) {
      at = text.indexOf('$', at + 1);
      continue;
    }
    pushLiteral(parts, text.slice(literalStart, at));
    pushExpansion(parts, text.slice(at, end));
    literalStart = end;
    at = text.indexOf('$', end);
  }
  pushLiteral(parts, text.slice(literalStart));
  return parts.length > 0 ? parts : [{ text: '', expansion: false }];
}

/** End (exclusive) of the expansion starting with `$` at `at`, or -1 when there is none. */
function expansionEnd(text: string, at: number): number {
  const next = text[at + 1];
  if (next === '{' || next === '(') {
    const close = next === '{' ? '}' : ')';
    let depth = 0;
    const limit = Math.min(text.length, at + MAX_EXPANSION_SCAN);
    for (let index = at + 1; index < limit; index++) {
      if (text[index] === next) depth++;
      else if (text[index] === close && --depth === 0) return index + 1;
    }
    return -1;
  }
  const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(at + 1, at + 256));
  return name ? at + 1 + name[0].length : -1;
}
