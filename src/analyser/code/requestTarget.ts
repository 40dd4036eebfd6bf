import { alternatives, CIRCULAR_REFERENCE, holesOf, patternText, type AbstractValue } from './abstractValue.js';

/** A URL or path as far as it is known, taken apart. */
export interface RequestTarget {
  /** Path without scheme, host, `/v1.NN` prefix and query; unknown parts as `{}`; null when nothing is known. */
  path: string | null;
  query: string[];
  /** Query keys present in only some of the alternatives (added under a condition). */
  conditionalQuery: string[];
  /** API version from a `/v1.NN/` prefix. */
  pin: string | null;
  dynamic: string[];
  /** The path as written contains `?` (docker-modem then appends the options). */
  hasQuestionMark: boolean;
  /** `host:port` of an absolute URL, or the socket of a `unix:` URL. */
  host: string | null;
  /** How URL parsers read what is written, when that differs from how it looks (`http:/v1.41/...`). */
  notes?: string[];
}

// `/v1.41/...`, or `/v1.41` then a hole holding the rest (`${base}${path}` with base ending in the version).
const VERSION_PREFIX = /^\/v(\d+\.\d+)(?=\/|$|\{\})/;

interface ParsedUrl {
  host: string | null;
  path: string;
  query: string;
  hasQuestionMark: boolean;
  /** `http:/v1.41/...`: one slash after the scheme, which URL parsers read differently. */
  oddSlashes: boolean;
}

/** `http://localhost:2375/v1.41/x?y=1`, `http://unix:/var/run/docker.sock:/x` (got), `unix:///var/run/docker.sock/x`, `/x?y`. */
export function splitUrl(text: string): ParsedUrl {
  let rest = text;
  let host: string | null = null;
  let oddSlashes = false;
  const gotUnix = /^(?:https?:\/\/)?unix:([^:]+):(\/.*)?$/.exec(rest);
  if (gotUnix) {
    host = gotUnix[1];
    rest = gotUnix[2] ?? '/';
  } else {
    // `${protocol}://localhost/_ping`: a scheme chosen at run time is still a scheme.
    const absolute = /^(?:[a-z][a-z0-9+.-]*|\{\}):\/\/([^/?#]*)(.*)$/i.exec(rest);
    const oneSlash = /^https?:(\/[^/][\s\S]*)$/i.exec(rest);
    if (absolute) {
      host = absolute[1];
      rest = absolute[2] || '/';
    } else if (oneSlash) {
      // `baseURL: 'http:/v1.39'`, from Docker's old curl examples. Node's legacy url.parse (older
      // axios, request) sends the path as written; WHATWG parsers (fetch, undici, axios 1.x) do not.
      oddSlashes = true;
      rest = oneSlash[1];
    } else if (/^\{\}(?=\/)/.test(rest)) {
      // `${DOCKER_HOST}/containers/json`: an unknown base URL, then the path.
      host = '{}';
      rest = rest.slice(2);
    }
  }
  const questionMark = rest.indexOf('?');
  const hashless = rest.replace(/#.*$/, '');
  return {
    host,
    path: questionMark === -1 ? hashless : hashless.slice(0, questionMark),
    query: questionMark === -1 ? '' : hashless.slice(questionMark + 1),
    hasQuestionMark: questionMark !== -1,
    oddSlashes,
  };
}

export function queryKeys(query: string): { keys: string[]; dynamic: boolean } {
  const keys: string[] = [];
  let dynamic = false;
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const key = decodeURIComponentSafe(pair.split('=')[0]);
    if (key === '{}' || key.includes('{}')) dynamic = true;
    else keys.push(key);
  }
  return { keys, dynamic };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Takes one or several alternative URLs apart; alternatives with the same path merge their query keys. */
export function describeRequestTargets(value: AbstractValue): RequestTarget[] {
  const byPath = new Map<string, RequestTarget[]>();
  const unresolved: RequestTarget[] = [];
  for (const option of alternatives(value)) {
    const target = describeOne(option);
    if (target.path === null) unresolved.push(target);
    else byPath.set(target.path, [...(byPath.get(target.path) ?? []), target]);
  }
  const merged = [...byPath.values()].map(mergeTargets);
  // A recursive URL helper with a base case (`n > 0 ? urlB(n - 1) : '/containers/json'`) gives the
  // base path and a circular branch: the request is not only the base path, so say it is dynamic.
  const circular = `path: ${CIRCULAR_REFERENCE}`;
  if (merged.length > 0 && unresolved.some((target) => target.dynamic.includes(circular))) {
    for (const target of merged) if (!target.dynamic.includes(circular)) target.dynamic.push(circular);
  }
  return merged.length > 0 ? merged : unresolved.slice(0, 1);
}

/** The first (usually only) target of a value. */
export function describeRequestTarget(value: AbstractValue): RequestTarget {
  return describeRequestTargets(value)[0] ?? describeOne(value);
}

function describeOne(value: AbstractValue): RequestTarget {
  const text = patternText(value);
  const target: RequestTarget = { path: null, query: [], conditionalQuery: [], pin: null, dynamic: [], hasQuestionMark: false, host: null };
  if (text === undefined || /^\{\}$/.test(text)) {
    target.dynamic.push(`path: ${value.kind === 'unknown' ? value.reason : holesOf(value)[0] ?? value.kind}`);
    return target;
  }
  // Code whose URL depends on itself never sends what it seems to (at run time: a TDZ error or
  // `undefined`); the parts around the hole may look like a real path (`{}/json` reads as a base
  // URL and `/json`), so the request is dynamic, never a call to that path.
  if (holesOf(value).includes(CIRCULAR_REFERENCE)) target.dynamic.push(`path: ${CIRCULAR_REFERENCE}`);
  const url = splitUrl(text);
  target.host = url.host;
  if (url.oddSlashes) target.notes = ['the URL has one slash after http:; read here as a path, as older clients (Node\'s url.parse) send it; fetch, undici and axios 1.x read the first segment as the host instead; write http://localhost/...'];
  target.hasQuestionMark = url.hasQuestionMark;
  let path = url.path;
  const version = VERSION_PREFIX.exec(path);
  if (version) {
    target.pin = version[1];
    path = path.slice(version[0].length) || '/';
  } else if (/^\/v\{\}(?=\/)/.test(path) || /^\/\{\}\/(containers|images|networks|volumes|exec|info|version|_ping|services|nodes|swarm|plugins|secrets|configs|tasks|events|system|build)\b/.test(path)) {
    target.dynamic.push('version prefix');
    path = path.replace(/^\/v?\{\}/, '');
  }
  if (!/[A-Za-z_]/.test(path.replace(/\{\}/g, ''))) {
    // Nothing but placeholders: the endpoint is chosen at run time.
    target.dynamic.push('path: built at run time');
    return target;
  }
  target.path = path === '' ? '/' : path;
  const keys = queryKeys(url.query);
  target.query = keys.keys;
  if (keys.dynamic) target.dynamic.push('query: some parameter names could not be resolved');
  return target;
}

function mergeTargets(targets: RequestTarget[]): RequestTarget {
  if (targets.length === 1) return targets[0];
  const all = new Set(targets.flatMap((target) => target.query));
  const everywhere = [...all].filter((key) => targets.every((target) => target.query.includes(key)));
  const pins = new Set(targets.map((target) => target.pin));
  return {
    path: targets[0].path,
    query: [...all],
    conditionalQuery: [...all].filter((key) => !everywhere.includes(key)),
    pin: pins.size === 1 ? targets[0].pin : null,
    dynamic: [...new Set([...targets.flatMap((target) => target.dynamic), ...(pins.size > 1 ? ['version prefix differs between branches'] : [])])],
    hasQuestionMark: targets.some((target) => target.hasQuestionMark),
    host: targets[0].host,
  };
}
