import { lineStartsOf } from '../text.js';

/**
 * Inline suppression, as users know it from eslint:
 *
 *   // docker-api-compat-disable-next-line removed-feature -- migrating in #123
 *   # docker-api-compat-disable-next-line unversioned-request   (scripts, YAML)
 *
 * Several rules are separated by commas; no rule means every rule; the text after
 * `--` is the justification, carried into SARIF.
 */
export interface SuppressionDirective {
  file: string;
  /** Line of the comment. */
  line: number;
  column: number;
  /** The line whose findings it suppresses. */
  targetLine: number;
  rules: string[];
  reason?: string;
}

const DIRECTIVE = /(?:\/\/|\/\*|#|<!--)\s*docker-api-compat-disable-next-line\b([^\r\n\u2028\u2029]*)/g;

/** Finds the directives in a file's text; `isCode`: lines are counted as in JS/TS, else as in scripts. */
export function findSuppressionDirectives(file: string, text: string, isCode: boolean): SuppressionDirective[] {
  if (!text.includes('docker-api-compat-disable')) return [];
  const directives: SuppressionDirective[] = [];
  const lineStarts = lineStartsOf(text, isCode);
  for (const match of text.matchAll(DIRECTIVE)) {
    const offset = match.index ?? 0;
    let line = lineStarts.findIndex((start) => start > offset);
    line = line === -1 ? lineStarts.length : line;
    const column = offset - lineStarts[line - 1] + 1;
    const body = match[1].replace(/\*\/\s*$|-->\s*$/, '').trim();
    const [ruleText, ...reasonParts] = body.split(/\s--\s?|^--\s?/);
    const rules = ruleText.split(',').map((rule) => rule.trim()).filter(Boolean);
    const reason = reasonParts.join(' -- ').trim();
    directives.push({ file, line, column, targetLine: line + 1, rules, ...(reason ? { reason } : {}) });
  }
  return directives;
}
