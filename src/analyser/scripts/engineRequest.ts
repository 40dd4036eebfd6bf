import type { CompatIndex } from '../../database/compatIndex.js';
import { HTTP_METHODS, type HttpMethod } from '../../surface/feature.js';
import type { RawUsage, SourcePosition } from '../usage.js';
import type { HttpCommand, SentData } from './httpCommand.js';
import { jsonBodyFields } from './jsonBodyFields.js';
import { parseRequestUrl, type RequestUrl } from './requestUrl.js';
import { containsPlaceholder, literalText, restorePlaceholders, sourceText, withPlaceholders, type WordPart } from './shellWords.js';
import { quotedIfOdd } from '../../text.js';

/**
 * How sure the command line alone makes us that a URL reaches a Docker daemon.
 * `daemon`: a docker socket, port 2375/2376, `$DOCKER_HOST`, `tcp://`.
 * `engine-path`: an unnamed socket or a DOCKER_* variable; the path must be an Engine API path.
 * `versioned-engine-path`: localhost and the like; a `/v1.NN/` prefix and an Engine API path are both needed.
 */
type TargetConfidence = 'daemon' | 'engine-path' | 'versioned-engine-path' | 'not-docker';

const DOCKER_PORTS = new Set(['2375', '2376']);
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '0.0.0.0', 'host.docker.internal']);
/** Names that mention docker but serve something else. */
const NOT_THE_DAEMON = /registry|hub|mirror|index\.docker\.io|docs\.docker/i;
/** First path segments of the Engine API, for when no database index is at hand. */
const ENGINE_ROOTS = new Set([
  '_ping', 'auth', 'build', 'commit', 'configs', 'containers', 'distribution', 'events', 'exec', 'grpc', 'images', 'info',
  'networks', 'nodes', 'plugins', 'secrets', 'services', 'session', 'swarm', 'system', 'tasks', 'version', 'volumes',
]);
/**
 * Headers every HTTP client sets; not reported, as the JS/TS recogniser does not either.
 * A Content-Type written by hand with -H is reported: it says what the body is.
 */
const TRANSPORT_HEADERS = new Set(['content-length', 'host', 'accept', 'connection']);

/** One RawUsage per URL of the command that goes to a Docker daemon. */
export function engineUsages(command: HttpCommand, at: SourcePosition, index: CompatIndex | undefined): RawUsage[] {
  const usages: RawUsage[] = [];
  const { urls, optionWords } = separateOptionWords(command.urls);
  for (const urlParts of urls) {
    const url = parseRequestUrl(urlParts, command.tool);
    const method = resolveMethod(command);
    if (!reachesDaemon(command, url, method.method, index)) continue;
    const usage = buildUsage(command, url, method, at);
    usage.dynamic.push(...optionWords.map((word) => `options: ${word} may hold more options`));
    usages.push(usage);
  }
  return usages;
}

/**
 * A lone unquoted expansion next to a literal URL (`curl $CURL_OPTS http://...`) is taken
 * for options; a bare word (`out.txt`) is more likely a misread option value than a host.
 */
function separateOptionWords(candidates: readonly WordPart[][]): { urls: WordPart[][]; optionWords: string[] } {
  const plausible = candidates.filter((parts) => parts.some((part) => part.expansion || /[/:]/.test(part.text)));
  const isLoneExpansion = (parts: WordPart[]): boolean => parts.length === 1 && parts[0].expansion;
  if (plausible.every(isLoneExpansion)) return { urls: plausible, optionWords: [] };
  return {
    urls: plausible.filter((parts) => !isLoneExpansion(parts)),
    optionWords: plausible.filter(isLoneExpansion).map((parts) => parts[0].text),
  };
}

function reachesDaemon(command: HttpCommand, url: RequestUrl, method: HttpMethod | null, index: CompatIndex | undefined): boolean {
  switch (targetConfidence(command, url)) {
    case 'daemon':
      return true;
    case 'engine-path':
      return isEnginePath(url.path, method, index);
    case 'versioned-engine-path':
      return url.versionPrefix !== null && isEnginePath(url.path, method, index);
    case 'not-docker':
      return false;
  }
}

function targetConfidence(command: HttpCommand, url: RequestUrl): TargetConfidence {
  if (url.isRegistryPath) return 'not-docker';
  if (command.unixSocket) return /docker/i.test(sourceText(command.unixSocket)) ? 'daemon' : 'engine-path';
  const host = url.host;
  if (host === null || (url.scheme !== null && !['http', 'https', 'tcp'].includes(url.scheme))) return 'not-docker';
  if (url.scheme === 'tcp' || (host.port !== null && DOCKER_PORTS.has(host.port))) return 'daemon';
  if (host.isExpansion) {
    if (/DOCKER_HOST/i.test(host.name)) return 'daemon';
    if (/docker/i.test(host.name) && !NOT_THE_DAEMON.test(host.name)) return 'engine-path';
    return 'versioned-engine-path';
  }
  const name = host.name.toLowerCase();
  if (LOCAL_HOSTS.has(name) || (name.includes('docker') && !NOT_THE_DAEMON.test(name))) return 'versioned-engine-path';
  return 'not-docker';
}

/** Whether the Engine API has an operation at this path (any method: a wrong method is for the checker to report). */
function isEnginePath(path: string | null, method: HttpMethod | null, index: CompatIndex | undefined): boolean {
  if (path === null) return false;
  if (!index) return ENGINE_ROOTS.has(path.split('/')[1] ?? '');
  return index.operationsAtPath(path).length > 0 || index.findOperation(method ?? 'GET', path) !== undefined;
}

function resolveMethod(command: HttpCommand): { method: HttpMethod | null; dynamic: string[] } {
  if (!command.explicitMethod) return { method: command.impliedMethod, dynamic: [] };
  const written = literalText(command.explicitMethod);
  if (written === null) return { method: null, dynamic: [`method: ${sourceText(command.explicitMethod)} is not literal`] };
  const upper = written.toUpperCase() as HttpMethod;
  if (HTTP_METHODS.includes(upper)) return { method: upper, dynamic: [] };
  return { method: null, dynamic: [`method: ${written} is not an HTTP method the API uses`] };
}

function buildUsage(command: HttpCommand, url: RequestUrl, method: { method: HttpMethod | null; dynamic: string[] }, at: SourcePosition): RawUsage {
  const headers = requestHeaderNames(command.headers);
  const query = queryNames(command, url);
  const body = command.dataInQuery ? { fields: [], dynamic: opaqueBodyDynamic(command) } : requestBody(command);
  const usage: RawUsage = {
    ...at,
    client: 'curl',
    via: command.tool,
    method: method.method,
    path: url.path,
    query: query.names,
    headers: headers.names,
    body: body.fields,
    response: [],
    pin: url.versionPrefix?.version ? { version: url.versionPrefix.version, source: 'url' } : null,
    dynamic: unique([...method.dynamic, ...baseUrlDynamic(url), ...url.dynamic, ...query.dynamic, ...headers.dynamic, ...body.dynamic, ...command.dynamic]),
  };
  if (url.notes.length > 0) usage.notes = [...url.notes];
  return usage;
}

/** `"$API/containers/json"`: the variable may end in `/v1.41`; DOCKER_HOST never does. */
function baseUrlDynamic(url: RequestUrl): string[] {
  if (!url.host?.isExpansion || url.versionPrefix || /DOCKER_HOST/i.test(url.host.name)) return [];
  return [`version prefix: may be part of ${url.host.name}`];
}

function queryNames(command: HttpCommand, url: RequestUrl): { names: string[]; dynamic: string[] } {
  const names = [...url.query];
  const dynamic: string[] = [];
  const fromData = command.dataInQuery ? command.data : [];
  const queryTexts = [
    ...command.queryArguments.map((parts): SentData => ({ kind: 'text', parts, form: true })),
    ...fromData,
  ];
  for (const data of queryTexts) {
    if (data.kind === 'file') {
      dynamic.push(`query: read from ${quotedIfOdd(data.name)}`);
      continue;
    }
    const { text, expansions } = withPlaceholders(data.parts);
    for (const pair of text.split('&')) {
      // `name=value`, and for --data-urlencode also `name@file`; `=value` and `value` carry no name.
      const name = /^[^=@]*/.exec(pair)?.[0] ?? '';
      if (name === '' || name === pair) continue;
      if (containsPlaceholder(name)) dynamic.push(`query: parameter name ${restorePlaceholders(name, expansions)} is not literal`);
      else if (!names.includes(name)) names.push(name);
    }
  }
  return { names, dynamic };
}

function requestHeaderNames(headers: readonly WordPart[][]): { names: string[]; dynamic: string[] } {
  const names: string[] = [];
  const dynamic: string[] = [];
  for (const parts of headers) {
    const { text, expansions } = withPlaceholders(parts);
    if (text.startsWith('@')) {
      dynamic.push(`headers: read from ${quotedIfOdd(restorePlaceholders(text.slice(1), expansions))}`);
      continue;
    }
    const separator = text.search(/[:;]/);
    const name = (separator === -1 ? text : text.slice(0, separator)).trim();
    // `-H 'Name:'` removes a header curl would send; `-H 'Name;'` sends it empty.
    const removes = text[separator] === ':' && text.slice(separator + 1).trim() === '';
    if (name === '' || removes) continue;
    if (containsPlaceholder(name)) dynamic.push(`headers: ${restorePlaceholders(text, expansions)} is not literal`);
    else if (!TRANSPORT_HEADERS.has(name.toLowerCase()) && !names.includes(name)) names.push(name);
  }
  return { names, dynamic };
}

function requestBody(command: HttpCommand): { fields: string[]; dynamic: string[] } {
  const opaque = opaqueBodyDynamic(command);
  if (opaque.length > 0 || command.data.length === 0) return { fields: [], dynamic: opaque };
  const file = command.data.find((data) => data.kind === 'file');
  if (file?.kind === 'file') return { fields: [], dynamic: [`body: read from ${quotedIfOdd(file.name)}`] };
  const texts = command.data.filter((data): data is Extract<SentData, { kind: 'text' }> => data.kind === 'text');
  if (texts.some((data) => data.form)) return { fields: [], dynamic: ['body: url-encoded form data, not JSON'] };
  // curl joins several -d values with `&`.
  const joined: WordPart[] = texts.flatMap((data, position) => (position === 0 ? data.parts : [{ text: '&', expansion: false }, ...data.parts]));
  return jsonBodyFields(joined);
}

function opaqueBodyDynamic(command: HttpCommand): string[] {
  return command.opaqueBody ? [`body: ${command.opaqueBody}`] : [];
}

function unique(entries: string[]): string[] {
  return [...new Set(entries)];
}
