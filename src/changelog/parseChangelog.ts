import { parseApiVersion, type ApiVersion } from '../versions/apiVersion.js';
import { HTTP_METHODS, type HttpMethod } from '../surface/feature.js';

/** One bullet of Docker's "Engine API version history" (CHANGELOG.md). */
export interface ChangelogBullet {
  version: ApiVersion;
  /** 1-based line of the bullet in CHANGELOG.md. */
  line: number;
  text: string;
  /** Endpoints the bullet names, path templates normalised to `{}` placeholders. */
  endpoints: Array<{ method: HttpMethod; path: string }>;
  /** Backticked identifiers that may name a parameter or field (`HostConfig.Init`, `force`). */
  names: string[];
  /**
   * Two names joined as parent and child, both ways round: "The `HostConfig` field now includes
   * `NanoCpus`" and "`Addr` as part of a node's `Status`" name `HostConfig.NanoCpus` and `Status.Addr`.
   * Reconciliation keeps the ones that name a real field.
   */
  nestedNames: string[];
  deprecation: boolean;
  removal: boolean;
}

/** `## v1.41 API changes`; the oldest sections are `###`. */
const SECTION_PATTERN = /^#{2,3}\s+v(\d+\.\d+)\s+API changes/i;
const HEADING_PATTERN = /^(#+)\s*/;
const BULLET_PATTERN = /^[*-]\s+/;
/** `GET` and the `Get` some bullets write. */
const METHOD_ALTERNATIVES = HTTP_METHODS.flatMap((method) => [method, method[0] + method.slice(1).toLowerCase()]).join('|');
/** A path runs to the next space or backtick, except inside `(id or name)`, `<plugin name>`, `{id or name}`. */
const PATH_SOURCE = '/(?:\\([^)`]*\\)|<[^>`]*>|\\{[^}`]*\\}|[^\\s`(<{])*';
const ENDPOINT_PATTERN = new RegExp(`\`?\\b(${METHOD_ALTERNATIVES})\`?\\s+\`?(${PATH_SOURCE})`, 'g');
const NAME_PATTERN = /`([A-Za-z_][A-Za-z0-9_.\-[\]{}]*)`/g;

/**
 * `/images/(name)/json`, `/containers/{name:.*}/json`, `/plugins/pull?name=<x>`, `/networks/`,
 * `/volumes{name}` -> `/images/{}/json`...
 */
export function normalizeChangelogPath(path: string): string {
  return (
    path
      .replace(/[?].*$/, '')
      .replace(/\([^)]*\)/g, '{}')
      .replace(/<[^>]*>/g, '{}')
      .replace(/\{[^}]*\}/g, '{}')
      // No path template runs a parameter into a word: `/volumes{name}` lacks its slash.
      .replace(/([^/])\{\}/g, '$1/{}')
      .replace(/[.,;:)]+$/, '')
      .replace(/(.)\/+$/, '$1')
  );
}

interface OpenBullet {
  line: number;
  lines: string[];
  /** Opened by a sub-heading ("#### Deprecated Config fields in ..."): its paragraphs and `-` list belong to it. */
  underHeading: boolean;
}

export function parseChangelog(text: string): ChangelogBullet[] {
  const bullets: ChangelogBullet[] = [];
  let version: ApiVersion | null = null;
  let current: OpenBullet | null = null;
  let afterBlankLine = false;

  const flush = (): void => {
    if (current && version) bullets.push(describeBullet(version, current.line, current.lines.join(' ')));
    current = null;
  };

  text.split(/\r?\n/).forEach((raw, index) => {
    const wasAfterBlankLine = afterBlankLine;
    afterBlankLine = raw.trim() === '';
    const section = SECTION_PATTERN.exec(raw);
    if (section) {
      flush();
      version = parseApiVersion(section[1]);
      return;
    }
    const heading = HEADING_PATTERN.exec(raw);
    if (heading) {
      flush();
      if (heading[1].length <= 2) version = null;
      else current = { line: index + 1, lines: [raw.replace(HEADING_PATTERN, '')], underHeading: true };
      return;
    }
    if (BULLET_PATTERN.test(raw) && !(current?.underHeading && raw.startsWith('-'))) {
      flush();
      current = { line: index + 1, lines: [raw.replace(BULLET_PATTERN, '')], underHeading: false };
      return;
    }
    if (afterBlankLine) return;
    // After a blank line only indented text continues a bullet; a flush-left paragraph stands alone.
    if (wasAfterBlankLine && !/^\s/.test(raw) && !current?.underHeading) flush();
    if (current) current.lines.push(raw.trim().replace(BULLET_PATTERN, ''));
  });
  flush();
  return bullets;
}

function describeBullet(version: ApiVersion, line: number, text: string): ChangelogBullet {
  const endpoints: ChangelogBullet['endpoints'] = [];
  for (const match of text.matchAll(ENDPOINT_PATTERN)) {
    const method = match[1].toUpperCase() as HttpMethod;
    const path = normalizeChangelogPath(match[2]);
    if (!endpoints.some((endpoint) => endpoint.method === method && endpoint.path === path)) endpoints.push({ method, path });
  }
  const names: string[] = [];
  for (const match of text.matchAll(NAME_PATTERN)) {
    const name = match[1];
    if (HTTP_METHODS.includes(name as HttpMethod)) continue;
    if (/^(true|false|null|\d.*)$/.test(name)) continue;
    if (!names.includes(name)) names.push(name);
  }
  return {
    version,
    line,
    text,
    endpoints,
    names,
    nestedNames: names.flatMap((parent) => names.filter((child) => child !== parent).map((child) => `${parent}.${child}`)),
    deprecation: /\bdeprecat/i.test(text),
    removal: /\b(removed|no longer (returns|includes|contains|accepts|supports)|dropped)\b/i.test(text),
  };
}
