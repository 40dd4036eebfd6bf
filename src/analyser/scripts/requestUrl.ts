import { parseApiVersion, type ApiVersion } from '../../versions/apiVersion.js';
import { containsPlaceholder, restorePlaceholders, withPlaceholders, type WordPart } from './shellWords.js';

/** The host part of a URL; placeholders restored (`$DOCKER_HOST`). */
export interface UrlHost {
  /** Host name as written, without user info and port; '' for `http:/path` and `http:///path`. */
  name: string;
  /** The whole host is one expansion (`$DOCKER_HOST/containers/json`). */
  isExpansion: boolean;
  port: string | null;
}

/** A curl/wget URL taken apart, with unknown parts kept apart from known ones. */
export interface RequestUrl {
  scheme: string | null;
  /** null for a bare path, which curl and wget cannot request on their own. */
  host: UrlHost | null;
  /** Path without the `/v1.NN` prefix and query, expansions as `{}`; null when it is not known at all. */
  path: string | null;
  /** The path as written starts with `/v2/`: the registry API, never the Engine. */
  isRegistryPath: boolean;
  /** A `/v1.NN/` prefix: the version when literal, null when it is an expansion (`/v$API/`). */
  versionPrefix: { version: ApiVersion | null } | null;
  query: string[];
  /** `kind: reason` entries for the parts that are not literal. */
  dynamic: string[];
  /** What the reader should know about how the tool reads the URL (curl's `http:/v1.41/...`). */
  notes: string[];
}

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):(\/+)/;
const LITERAL_VERSION_SEGMENT = /^v(\d+\.\d+)$/;
/** `v1.41$1`, `v1.41${ENDPOINT}`: a whole version, then the path comes from an expansion. */
const VERSION_THEN_EXPANSION = /^v(\d+\.\d{2})(\uE000\d+\uE001[\s\S]*)$/;
/** `v$API`, `v1.${MINOR}`: a version prefix whose value is not known. */
const EXPANDED_VERSION_SEGMENT = /^v[\d.]*\uE000\d+\uE001[\d.\uE000\uE001]*$/;
const LONE_PLACEHOLDER = /^\uE000(\d+)\uE001$/;

export function parseRequestUrl(parts: readonly WordPart[], tool: 'curl' | 'wget'): RequestUrl {
  const { text: written, expansions } = withPlaceholders(parts);
  const text = written.trim();
  const url: RequestUrl = { scheme: null, host: null, path: null, isRegistryPath: false, versionPrefix: null, query: [], dynamic: [], notes: [] };
  const { authority, rest, scheme, oddSlashes } = splitAuthority(text, tool);
  if (oddSlashes && authority) {
    // Docker's old examples wrote `http:/v1.24/containers/json`; curl (7.62 and later) skips one to three
    // slashes and takes the next segment for the host, so that version never reaches the daemon.
    const host = restorePlaceholders(authority, expansions);
    const path = restorePlaceholders(rest, expansions);
    url.notes.push(`curl reads ${restorePlaceholders(text, expansions)} as host ${host} and path ${path || '/'}; write http://localhost/${host}${path} for the path as written`);
  }
  url.scheme = scheme;
  if (authority !== null) url.host = parseHost(authority, expansions);
  const withoutFragment = rest.replace(/#[\s\S]*$/, '');
  const questionMark = withoutFragment.indexOf('?');
  const rawPath = questionMark === -1 ? withoutFragment : withoutFragment.slice(0, questionMark);
  url.isRegistryPath = /^\/v2(?:\/|$)/.test(rawPath);
  // `$URL` or `http://localhost$ENDPOINT`: the path is inside the expansion.
  if (rawPath === '' && authority !== null && /\uE001$/.test(authority)) url.dynamic.push(`path: the URL is ${restorePlaceholders(text, expansions)}`);
  else readPath(url, rawPath, expansions);
  if (questionMark !== -1) readQuery(url, withoutFragment.slice(questionMark + 1), expansions);
  return url;
}

/**
 * `http://host/p`, `host:2375/p`, `$DOCKER_HOST/p`. curl also accepts one or three slashes
 * after the scheme and reads a host after them all the same (`http:/v1.41/info` goes to host
 * v1.41, path /info); for wget such a URL is taken as a path on no host.
 */
function splitAuthority(text: string, tool: 'curl' | 'wget'): { scheme: string | null; authority: string | null; rest: string; oddSlashes: boolean } {
  const scheme = SCHEME.exec(text);
  if (scheme) {
    const afterScheme = text.slice(scheme[0].length);
    const slashes = scheme[2].length;
    if (slashes !== 2 && (tool !== 'curl' || slashes > 3)) return { scheme: scheme[1].toLowerCase(), authority: '', rest: `/${afterScheme}`, oddSlashes: false };
    const authority = afterScheme.split(/[/?#]/, 1)[0];
    return { scheme: scheme[1].toLowerCase(), authority, rest: afterScheme.slice(authority.length), oddSlashes: slashes !== 2 };
  }
  if (text.startsWith('/')) return { scheme: null, authority: null, rest: text, oddSlashes: false };
  const authority = text.split(/[/?#]/, 1)[0];
  return { scheme: null, authority, rest: text.slice(authority.length), oddSlashes: false };
}

function parseHost(authority: string, expansions: readonly string[]): UrlHost {
  const hostAndPort = authority.slice(authority.lastIndexOf('@') + 1);
  let name = hostAndPort;
  let port: string | null = null;
  const bracketed = /^(\[[^\]]*\])(?::(.*))?$/.exec(hostAndPort);
  if (bracketed) {
    name = bracketed[1];
    port = bracketed[2] ?? null;
  } else {
    const colon = hostAndPort.lastIndexOf(':');
    if (colon !== -1) {
      name = hostAndPort.slice(0, colon);
      port = hostAndPort.slice(colon + 1);
    }
  }
  return {
    name: restorePlaceholders(name, expansions),
    isExpansion: LONE_PLACEHOLDER.test(name),
    port: port === null ? null : restorePlaceholders(port, expansions),
  };
}

function readPath(url: RequestUrl, rawPath: string, expansions: readonly string[]): void {
  const segments = rawPath.split('/').slice(1);
  const first = segments[0] ?? '';
  const literalVersion = LITERAL_VERSION_SEGMENT.exec(first);
  const versionThenPath = VERSION_THEN_EXPANSION.exec(first);
  if (versionThenPath) {
    url.versionPrefix = { version: parseApiVersion(versionThenPath[1]) };
    url.dynamic.push(`path: the path is ${restorePlaceholders([versionThenPath[2], ...segments.slice(1)].join('/'), expansions)}`);
    return;
  }
  if (literalVersion) {
    url.versionPrefix = { version: parseApiVersion(literalVersion[1]) };
    segments.shift();
  } else if (EXPANDED_VERSION_SEGMENT.test(first) || isVersionVariable(first, expansions)) {
    url.versionPrefix = { version: null };
    url.dynamic.push(`version prefix: /${restorePlaceholders(first, expansions)} is not literal`);
    segments.shift();
  }
  const written = segments.map((segment) => {
    if (!containsPlaceholder(segment)) return segment;
    url.dynamic.push(`path: {} is ${restorePlaceholders(segment, expansions)}`);
    return '{}';
  });
  url.path = `/${written.join('/')}`;
}

/** `/$API_VERSION/containers/json`: a lone expansion named like a version stands for the prefix. */
function isVersionVariable(segment: string, expansions: readonly string[]): boolean {
  const lone = LONE_PLACEHOLDER.exec(segment);
  return lone !== null && /version/i.test(expansions[Number(lone[1])] ?? '');
}

function readQuery(url: RequestUrl, query: string, expansions: readonly string[]): void {
  for (const pair of query.split('&')) {
    const name = pair.split('=', 1)[0];
    if (name === '') continue;
    if (containsPlaceholder(name)) url.dynamic.push(`query: parameter name ${restorePlaceholders(name, expansions)} is not literal`);
    else if (!url.query.includes(decodeSafely(name))) url.query.push(decodeSafely(name));
  }
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
