import { parseApiVersion, type ApiVersion } from '../../versions/apiVersion.js';
import { containsPlaceholder, restorePlaceholders, withPlaceholders, type WordPart } from './shellWords.js';

export const API_VERSION_VARIABLE = 'DOCKER_API_VERSION';

export interface VersionValue {
  version: ApiVersion | null;
  raw: string;
}

/** `1.41` -> 1.41; `${{ matrix.api }}`, `$(API)` or `latest` -> null, with the text kept as raw. */
export function versionValue(raw: string): VersionValue {
  return { version: parseApiVersion(raw), raw };
}

/** `NAME=VALUE` at the start of the word or after `=` (`--env=NAME=VALUE`, `--build-arg NAME=VALUE` is its own word). */
const ASSIGNMENT_IN_WORD = /(?:^|=)DOCKER_API_VERSION=([\s\S]*)$/;

/**
 * The value a shell word assigns to DOCKER_API_VERSION: `export DOCKER_API_VERSION=1.41`,
 * `DOCKER_API_VERSION=1.41 docker ps`, `-e DOCKER_API_VERSION=1.41`, `echo "DOCKER_API_VERSION=1.41" >> $GITHUB_ENV`.
 */
export function versionAssignedInWord(parts: readonly WordPart[]): VersionValue | null {
  if (!parts.some((part) => !part.expansion && part.text.includes(`${API_VERSION_VARIABLE}=`))) return null;
  const { text, expansions } = withPlaceholders(parts);
  const match = ASSIGNMENT_IN_WORD.exec(text);
  if (!match) return null;
  const raw = restorePlaceholders(match[1], expansions);
  return { version: containsPlaceholder(match[1]) ? null : parseApiVersion(match[1]), raw };
}

/** `KEY=value` lines as in .env files; the value unquoted and without a trailing comment. */
const ENV_LINE = /^([ \t]*(?:export[ \t]+)?)DOCKER_API_VERSION[ \t]*=[ \t]*(.*)$/;

/** A DOCKER_API_VERSION line of an env file (or a here-document writing one): the name's column and the value. */
export function versionAssignedInEnvLine(line: string): { column: number; value: VersionValue } | null {
  if (!line.includes(API_VERSION_VARIABLE)) return null;
  const match = ENV_LINE.exec(line);
  if (!match) return null;
  return { column: match[1].length + 1, value: versionValue(unquoteEnvValue(match[2])) };
}

/** `"1.41"` and `'1.41'` lose their quotes; unquoted values lose a ` # comment`. */
export function unquoteEnvValue(value: string): string {
  const quote = value[0];
  if (quote === '"' || quote === "'") {
    const close = value.indexOf(quote, 1);
    return close === -1 ? value.slice(1) : value.slice(1, close);
  }
  const comment = value.search(/\s#/);
  return (comment === -1 ? value : value.slice(0, comment)).trim();
}
