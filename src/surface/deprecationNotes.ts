/**
 * Docker's Swagger files mark deprecation in prose ("Deprecated: this field is
 * deprecated in API v1.44 and up. Use EndpointSettings.MacAddress instead."), rarely
 * with the `deprecated` flag. We record the fact and the replacement's name, never
 * the prose itself.
 */
export interface DeprecationNote {
  deprecated: true;
  /** What the spec says to use instead, as an identifier (`EndpointSettings.MacAddress`). */
  replacement?: string;
}

// Each pattern says that the thing being described is deprecated, not something it mentions:
// "MAINTAINER (deprecated)" or "the deprecated legacy builder" do not count.
const DEPRECATION_MARKERS: readonly RegExp[] = [
  /^\s*(?:>\s*)?(?:\*\*|_)?deprecated(?:\*\*|_)?\s*[:.]/im,
  /\b(?:this|the)\s+(?:field|parameter|option|endpoint|property|value|flag|setting|filter|api)\s+(?:is|has\s+been|was)\s+(?:now\s+)?deprecated\b/i,
  /^\s*(?:>\s*)?deprecated\s+(?:since|in|as\s+of)\b/im,
  /\bis\s+deprecated\s+(?:since|in|as\s+of|and\s+will)\b/i,
];

const REPLACEMENT_PATTERNS: readonly RegExp[] = [
  /\buse\s+(?:the\s+)?`([^`]+)`(?:\s+(?:field|parameter|option|endpoint|property))?\s+instead\b/i,
  /\b[Uu]se\s+(?:the\s+)?([A-Z][A-Za-z0-9]*(?:\.[A-Za-z0-9[\]{}]+)*)(?:\s+(?:field|parameter|option|endpoint|property))?\s+instead\b/,
  /\binside\s+the\s+`([^`]+)`\s+map\s+instead\b/i,
  /\bthe\s+`?([A-Za-z-]+)`?\s+(?:field|parameter)\s+in\s+`?([A-Za-z]+)`?\s+should\s+be\s+used\s+instead\b/i,
  /\bin\s+favou?r\s+of\s+(?:the\s+)?`([^`]+)`/i,
  /\breplaced\s+by\s+(?:the\s+)?`([^`]+)`/i,
  /\brenamed\s+to\s+["`]([^"`]+)["`]/i,
];

export function readDeprecationNote(description: unknown, flag?: unknown): DeprecationNote | undefined {
  const text = typeof description === 'string' ? description : '';
  const marked = flag === true || DEPRECATION_MARKERS.some((pattern) => pattern.test(text));
  if (!marked) return undefined;
  const replacement = findReplacement(text);
  return replacement ? { deprecated: true, replacement } : { deprecated: true };
}

function findReplacement(text: string): string | undefined {
  for (const pattern of REPLACEMENT_PATTERNS) {
    const match = pattern.exec(text);
    if (match) return match[2] ? `${match[2]}.${match[1]}` : match[1].trim();
  }
  return undefined;
}
