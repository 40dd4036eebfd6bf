/**
 * Escaping for everything the report shows that it did not write itself: file names,
 * request paths, field names and messages come from the scanned code and may hold any
 * character. Every renderer goes through these functions; none builds markup or script
 * from such text any other way.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text for HTML element content and for double- or single-quoted attribute values.
 * Control characters other than tab and newline are shown as U+FFFD (HTML forbids them).
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\ufffd');
}

/**
 * JSON for a `<script type="application/json">` element, read back with JSON.parse:
 * `<`, `>` and `&` are written as \u escapes so that no `</script>` or `<!--` can end or
 * change the element, and U+2028/U+2029 so that the text is also a valid JavaScript literal.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Code-derived text collapsed to one line: newlines and tabs become spaces. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\t\u2028\u2029]+/g, ' ');
}

/**
 * Plain text for Markdown (GitHub Flavored), inside or outside a table cell: every character
 * that could start markup mid-line (emphasis, code, links, images, HTML, entities, tables,
 * strikethrough, math) is backslash-escaped, so that `<img onerror=...>`, `**bold**`,
 * `[link](url)` and `|` show as written. The text is kept on one line, so that nothing
 * can start a heading, list or quote.
 */
export function escapeMarkdown(text: string): string {
  return oneLine(text).replace(/[\\`*_[\]<>|&~!#$]/g, (character) => `\\${character}`);
}

/**
 * A code span holding `text` as written. The fence is one backtick longer than the
 * longest run inside; `|` is written `\|`, which GitHub reads as a pipe even in a code span
 * inside a table (and as `\|` outside tables, so use this in table cells only).
 */
export function markdownCodeInCell(text: string): string {
  const line = oneLine(text).replace(/\|/g, '\\|');
  return codeSpan(line);
}

/** A code span outside a table: `|` stays as written. */
export function markdownCode(text: string): string {
  return codeSpan(oneLine(text));
}

function codeSpan(line: string): string {
  if (line === '') return '` `';
  const longest = Math.max(0, ...[...line.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = line.startsWith('`') || line.endsWith('`') || (line.startsWith(' ') && line.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
}
