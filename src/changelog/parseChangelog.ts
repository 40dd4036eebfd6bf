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
  deprecation: boolean;
  removal: boolean;
}

const SECTION_PATTERN = /^##\s+v(\d+\.\d+)\s+API changes/i;
const BULLET_PATTERN = /^[*-]\s+/;
const ENDPOINT_PATTERN = new RegExp(`\`?\\b(${HTTP_METHODS.join('|')})\`?\\s+\`?(/[^\\s\`]*)`, 'g');
const NAME_PATTERN = /`([A-Za-z_][A-Za-z0-9_.\-[\]{}]*)`/g;

/** `/images/(name)/json`, `/containers/{name:.*}/json`, `/plugins/pull?name=<x>`, `/networks/` -> `/images/{}/json`... */
export function normalizeChangelogPath(path: string): string {
  return (
    path
      .replace(/[?].*$/, '')
      .replace(/\([^)]*\)/g, '{}')
      .replace(/<[^>]*>/g, '{}')
      .replace(/\{[^}]*\}/g, '{}')
      .replace(/[.,;:)]+$/, '')
      .replace(/(.)\/+$/, '$1')
  );
}

export function parseChangelog(text: string): ChangelogBullet[] {
  const bullets: ChangelogBullet[] = [];
  let version: ApiVersion | null = null;
  let current: { line: number; lines: string[] } | null = null;

  const flush = (): void => {
    if (current && version) bullets.push(describeBullet(version, current.line, current.lines.join(' ')));
    current = null;
  };

  text.split(/\r?\n/).forEach((raw, index) => {
    const section = SECTION_PATTERN.exec(raw);
    if (section) {
      flush();
      version = parseApiVersion(section[1]);
      return;
    }
    if (raw.startsWith('#')) {
      flush();
      version = null;
      return;
    }
    if (BULLET_PATTERN.test(raw)) {
      flush();
      current = { line: index + 1, lines: [raw.replace(BULLET_PATTERN, '')] };
      return;
    }
    if (raw.trim() === '') {
      flush();
      return;
    }
    if (current) current.lines.push(raw.trim());
  });
  flush();
  return bullets;
}

function describeBullet(version: ApiVersion, line: number, text: string): ChangelogBullet {
  const endpoints: ChangelogBullet['endpoints'] = [];
  const endpointSpans = new Set<string>();
  for (const match of text.matchAll(ENDPOINT_PATTERN)) {
    const path = normalizeChangelogPath(match[2]);
    endpointSpans.add(match[2]);
    if (!endpoints.some((endpoint) => endpoint.method === match[1] && endpoint.path === path)) {
      endpoints.push({ method: match[1] as HttpMethod, path });
    }
  }
  const names: string[] = [];
  for (const match of text.matchAll(NAME_PATTERN)) {
    const name = match[1];
    if (endpointSpans.has(name) || name.startsWith('/') || HTTP_METHODS.includes(name as HttpMethod)) continue;
    if (/^(true|false|null|\d.*)$/.test(name)) continue;
    if (!names.includes(name)) names.push(name);
  }
  return {
    version,
    line,
    text,
    endpoints,
    names,
    deprecation: /\bdeprecat/i.test(text),
    removal: /\b(removed|no longer (returns|includes|contains|accepts|supports)|dropped)\b/i.test(text),
  };
}
