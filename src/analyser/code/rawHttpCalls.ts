import { Node, SyntaxKind, type CallExpression } from 'ts-morph';
import { descendantsOfKind } from './syntaxWalk.js';
import type { HttpMethod } from '../../surface/feature.js';
import { newRawUsage, type RawUsage } from '../usage.js';
import { alternatives, concatValues, holeName, mentionsParameter, parametersMentioned, patternText, UNKNOWN, type AbstractValue, type ObjectValue } from './abstractValue.js';
import { functionDeclaringParameter, ROOT_CONTEXT, type ResolveContext } from './valueResolver.js';
import type { CodeAnalyser, FoundUsage } from './codeAnalyser.js';
import { flattenOptionKeys, topLevelKeys } from './optionKeys.js';
import { describeRequestTargets, type RequestTarget } from './requestTarget.js';

/**
 * Requests written against an HTTP library rather than a Docker client: node's
 * http/https, fetch, axios, got, undici, and raw request lines on a net socket. A
 * request counts only when it demonstrably goes to a Docker daemon: a socket path
 * that names docker, the Docker ports 2375/2376, $DOCKER_HOST, or a client object
 * set up that way.
 */

const METHODS = new Set<HttpMethod>(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const AXIOS_DATA_METHODS = new Set(['post', 'put', 'patch']);
const VERB_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);

/** What one HTTP call looks like once its arguments are read. */
interface HttpRequestShape {
  library: string;
  url: AbstractValue;
  method?: AbstractValue;
  defaultMethod: HttpMethod;
  query?: AbstractValue;
  headers?: AbstractValue;
  body?: AbstractValue;
  /** Evidence that the target is a Docker daemon (socket path, host, dispatcher). */
  transport: AbstractValue[];
  /** Sent over a unix socket (a `socketPath` option), whatever its path: no browser or remote API. */
  overUnixSocket?: boolean;
  /** The request's options come whole from the function's callers: its transport is theirs to say. */
  optionsFromCaller?: boolean;
}

/** Method names under which an HTTP library or a socket sends a request (`http.get`, `axios.post`, `socket.write`). */
const HTTP_METHOD_NAMES = new Set([...VERB_METHODS, 'del', 'request', 'fetch', 'write', 'end']);

/** The `request` package and its promise wrappers: `request(url, options, callback)`, `request.get(...)`. */
export const REQUEST_PACKAGES = new Set(['request', 'request-promise', 'request-promise-native']);
const REQUEST_VERBS: Record<string, string> = { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', del: 'DELETE', delete: 'DELETE', head: 'HEAD' };

export function isHttpMethodName(name: string): boolean {
  return HTTP_METHOD_NAMES.has(name);
}

export function recogniseRawHttpCall(call: CallExpression, analyser: CodeAnalyser): FoundUsage[] | undefined {
  const shape = requestShape(call, analyser, ROOT_CONTEXT) ?? shapeWithCallersClient(call, analyser);
  if (!shape) return undefined;
  const targets = describeRequestTargets(shape.url);
  const docker = isDockerTransport(shape, targets, analyser);
  // A helper on a configured unix socket, or one handed its whole options, is the Engine's when
  // its callers' sockets or paths say so (`/v1.43/containers/json`).
  const callersChoose = endpointFromCaller(shape, targets);
  if (!docker && !(callersChoose && (shape.overUnixSocket === true || shape.optionsFromCaller === true))) return undefined;
  const fromCallers = callersChoose ? usagesAtCallers(call, shape, analyser, !docker) : [];
  if (fromCallers.length > 0 || !docker) return fromCallers;
  return targets.map((target) => ({ usage: buildUsage(call, call, shape, target, analyser), callNode: call, receivesResponse: true }));
}

/**
 * `async function inspect(api, id) { return api.get(`/containers/${id}/json`) }` called with an
 * axios instance set up for the socket: the request is written here, its client comes from the
 * callers. The first caller whose client is an HTTP client lends its transport.
 */
function shapeWithCallersClient(call: CallExpression, analyser: CodeAnalyser): HttpRequestShape | undefined {
  const expression = call.getExpression();
  if (!Node.isPropertyAccessExpression(expression)) return undefined;
  const receiver = analyser.resolver.resolve(expression.getExpression());
  const parameters = parametersMentioned(receiver);
  if (receiver.kind !== 'unknown' || parameters.length === 0) return undefined;
  const helper = functionDeclaringParameter(call, parameters);
  if (!helper) return undefined;
  for (const site of analyser.callSitesOf(helper, 2)) {
    const shape = requestShape(call, analyser, site.context);
    if (shape && shape.transport.some((value) => value.kind !== 'nullish')) return shape;
  }
  return undefined;
}

/**
 * Whether the caller chooses the endpoint: the method, or a path we cannot place without
 * the caller's arguments. `/containers/${id}/json` with `id` a parameter is a known
 * endpoint (the id fills its `{id}`); `${base}${path}` with `path` a parameter is not.
 */
function endpointFromCaller(shape: HttpRequestShape, targets: RequestTarget[]): boolean {
  if (shape.method !== undefined && mentionsParameter(shape.method)) return true;
  return mentionsParameter(shape.url) && targets.some((target) => target.path === null);
}

/**
 * A request helper (`getJson(path)`, `request(method, path, body)`) whose endpoint is
 * chosen by its callers: one usage per call-site, located there, where the endpoint
 * is written.
 */
function usagesAtCallers(call: CallExpression, shape: HttpRequestShape, analyser: CodeAnalyser, checkEachCaller: boolean): FoundUsage[] {
  const helper = functionDeclaringParameter(call, [...parametersMentioned(shape.url), ...(shape.method ? parametersMentioned(shape.method) : [])]);
  if (!helper) return [];
  const found: FoundUsage[] = [];
  // A caller that passes the endpoint literally is where the request is written, even when the
  // body it passes comes from further up.
  const endpointOpen = (_caller: CallExpression, context: ResolveContext) => {
    const bound = requestShape(call, analyser, context);
    return bound !== undefined && endpointFromCaller(bound, describeRequestTargets(bound.url));
  };
  const sites = analyser.callSitesOf(helper, 2, endpointOpen).flatMap((site) => {
    const bound = requestShape(call, analyser, site.context);
    return bound ? [{ site, bound, targets: describeRequestTargets(bound.url) }] : [];
  });
  // The helper's own socket is one daemon's: when some callers' requests say it is Docker's, the
  // others' Engine paths (`/info`, `/version`) go there too.
  const socketIsDockers = shape.overUnixSocket === true && !shape.optionsFromCaller && sites.some(({ bound, targets }) => isDockerTransport(bound, targets, analyser));
  for (const { site, bound, targets } of sites) {
    const goesToDocker = socketIsDockers ? targets.some((target) => target.path !== null && analyser.isEnginePath(target.path)) : isDockerTransport(bound, targets, analyser);
    if (checkEachCaller && !goesToDocker) continue;
    for (const target of targets) {
      const usage = buildUsage(site.call, call, { ...bound, library: `${shape.library} via ${helperName(helper)}` }, target, analyser);
      found.push({ usage, callNode: site.call, receivesResponse: true, requestCall: call });
    }
  }
  return found;
}

function helperName(helper: Node): string {
  const named = helper as { getName?(): string | undefined };
  const name = named.getName?.() ?? helper.getParentIfKind(SyntaxKind.VariableDeclaration)?.getName() ?? helper.getParentIfKind(SyntaxKind.PropertyAssignment)?.getName();
  return name ?? 'a helper';
}

function calleeValue(call: CallExpression, analyser: CodeAnalyser, context: ResolveContext): { receiver?: AbstractValue; name?: string; callee: AbstractValue } {
  const expression = call.getExpression();
  if (Node.isPropertyAccessExpression(expression)) {
    const receiver = analyser.resolver.resolve(expression.getExpression(), context);
    const name = expression.getName();
    return { receiver, name, callee: analyser.resolver.memberOf(receiver, name, context) };
  }
  if (Node.isIdentifier(expression) && expression.getText() === 'fetch' && !expression.getSymbol()?.getDeclarations().length) {
    return { callee: { kind: 'module', specifier: 'fetch', member: [] } };
  }
  return { callee: analyser.resolver.resolve(expression, context) };
}

function moduleOf(value: AbstractValue | undefined): { specifier: string; member: string[] } | undefined {
  // `(tls ? https : http).request(...)`: either module sends the same request.
  if (value?.kind === 'oneOf') {
    const modules = value.options.map(moduleOf);
    const [first] = modules;
    const same = first !== undefined && modules.every((module) => module !== undefined && sameTransport(module.specifier, first.specifier) && module.member.join('.') === first.member.join('.'));
    // Named for the family (`http`), not for whichever branch the condition lists first.
    return same ? { ...first, specifier: transportFamily(first.specifier) } : undefined;
  }
  if (!value || value.kind !== 'module') return undefined;
  return { specifier: value.specifier.replace(/^node:/, ''), member: value.member.filter((name) => name !== 'default') };
}

function transportFamily(specifier: string): string {
  return specifier === 'https' ? 'http' : specifier;
}

function sameTransport(a: string, b: string): boolean {
  return transportFamily(a) === transportFamily(b);
}

function arg(call: CallExpression, index: number, analyser: CodeAnalyser, context: ResolveContext): AbstractValue {
  const node = call.getArguments()[index];
  return node ? analyser.resolver.resolve(node, context) : { kind: 'nullish' };
}

function property(value: AbstractValue, name: string): AbstractValue | undefined {
  const found = alternatives(value)
    .filter((option): option is ObjectValue => option.kind === 'object')
    .map((option) => option.properties.get(name))
    .filter((entry): entry is AbstractValue => entry !== undefined);
  return found.length === 0 ? undefined : found.length === 1 ? found[0] : { kind: 'oneOf', options: found };
}

function isStringLike(value: AbstractValue): boolean {
  return patternText(value) !== undefined || value.kind === 'oneOf';
}

/** `f(url, options)` or `f(options)`: the options, and the URL written first or under one of the options' keys. */
function urlOrOptions(call: CallExpression, urlKeys: string[], analyser: CodeAnalyser, context: ResolveContext): { url: AbstractValue | undefined; options: AbstractValue; urlFirst: boolean } {
  const first = arg(call, 0, analyser, context);
  if (isStringLike(first)) return { url: first, options: arg(call, 1, analyser, context), urlFirst: true };
  const url = urlKeys.map((key) => property(first, key)).find((value) => value !== undefined);
  return { url: url ?? optionsParameter(first), options: first, urlFirst: false };
}

/**
 * Options a helper takes whole from its callers (`send(options)` over `http.request(options)`,
 * `{ ...options, socketPath }`): the URL is theirs to give, as a parameter's hole.
 */
function optionsParameter(options: AbstractValue): AbstractValue | undefined {
  if (options.kind !== 'unknown' && !(options.kind === 'object' && options.open)) return undefined;
  const [name] = parametersMentioned(options);
  return name === undefined ? undefined : UNKNOWN(`parameter ${name}`);
}

function requestShape(call: CallExpression, analyser: CodeAnalyser, context: ResolveContext): HttpRequestShape | undefined {
  const { receiver, name, callee } = calleeValue(call, analyser, context);
  const module = moduleOf(callee);
  if (module) return moduleCallShape(call, module, analyser, context);
  if (receiver?.kind === 'httpClient' && name) return instanceCallShape(call, receiver, name, analyser, context);
  if (callee.kind === 'httpClient') return instanceCallShape(call, callee, undefined, analyser, context);
  if (name === 'write' || name === 'end') return socketWriteShape(call, receiver, analyser, context);
  return undefined;
}

function moduleCallShape(call: CallExpression, module: { specifier: string; member: string[] }, analyser: CodeAnalyser, context: ResolveContext): HttpRequestShape | undefined {
  const { specifier, member } = module;
  const [first] = member;
  if ((specifier === 'http' || specifier === 'https') && (first === 'request' || first === 'get') && member.length === 1) {
    return nodeHttpShape(call, analyser, specifier, context);
  }
  if (specifier === 'fetch' || ((specifier === 'undici' || specifier === 'node-fetch') && (first === 'fetch' || (specifier === 'node-fetch' && member.length === 0)))) {
    return urlAndOptionsShape(call, 'fetch', analyser, context);
  }
  if (specifier === 'undici' && first === 'request' && member.length === 1) {
    const shape = urlAndOptionsShape(call, 'undici', analyser, context);
    return { ...shape, query: property(arg(call, 1, analyser, context), 'query') };
  }
  if (specifier === 'axios') {
    if (member.length === 0) return axiosShape(call, undefined, { kind: 'object', properties: new Map(), open: false }, analyser, context);
    if (member.length === 1 && (first === 'request' || VERB_METHODS.has(first))) return axiosShape(call, first, { kind: 'object', properties: new Map(), open: false }, analyser, context);
  }
  if (specifier === 'got') {
    if (member.length === 0) return gotShape(call, undefined, { kind: 'nullish' }, analyser, context);
    if (member.length === 1 && VERB_METHODS.has(first)) return gotShape(call, first, { kind: 'nullish' }, analyser, context);
  }
  if (REQUEST_PACKAGES.has(specifier) && (member.length === 0 || (member.length === 1 && first in REQUEST_VERBS))) {
    return requestPackageShape(call, specifier, member.length === 0 ? undefined : REQUEST_VERBS[first], analyser, context);
  }
  return undefined;
}

/**
 * The `request` package: `request(url, options, cb)`, `request(options, cb)`, `request.get(...)`;
 * `http://unix:/var/run/docker.sock:/info` names a socket as got's URLs do. `json: {...}` is the body.
 */
function requestPackageShape(call: CallExpression, library: string, verb: string | undefined, analyser: CodeAnalyser, context: ResolveContext): HttpRequestShape {
  const { url: written, options } = urlOrOptions(call, ['uri', 'url'], analyser, context);
  const uri = written ?? UNKNOWN('no url');
  const base = property(options, 'baseUrl');
  const url = base ? normaliseSlashes(concatValues([base, { kind: 'string', value: '/' }, uri], holeName)) : uri;
  const json = property(options, 'json');
  return {
    library,
    url,
    method: verb ? { kind: 'string', value: verb } : property(options, 'method'),
    defaultMethod: 'GET',
    query: property(options, 'qs'),
    headers: property(options, 'headers'),
    body: json && alternatives(json).some((option) => option.kind === 'object') ? json : property(options, 'body'),
    transport: [url, property(options, 'socketPath') ?? { kind: 'nullish' }],
  };
}

/** `fetch(url, init)` and undici's `request(url, options)`: a URL, then method, headers, body and a dispatcher. */
function urlAndOptionsShape(call: CallExpression, library: string, analyser: CodeAnalyser, context: ResolveContext): HttpRequestShape {
  const url = arg(call, 0, analyser, context);
  const options = arg(call, 1, analyser, context);
  return {
    library,
    url,
    method: property(options, 'method'),
    defaultMethod: 'GET',
    headers: property(options, 'headers'),
    body: property(options, 'body'),
    // `http://localhost:2375/...`: the URL itself can name the daemon.
    transport: [property(options, 'dispatcher') ?? { kind: 'nullish' }, analyser.globalDispatcher(), url],
  };
}

/** `http.request(options, cb)`, `http.request(url, options, cb)`, `http.get(...)`. */
function nodeHttpShape(call: CallExpression, analyser: CodeAnalyser, library: string, context: ResolveContext): HttpRequestShape {
  const { url: written, options, urlFirst } = urlOrOptions(call, ['path'], analyser, context);
  const url = written ?? UNKNOWN('no path');
  const host = property(options, 'host') ?? property(options, 'hostname');
  const port = property(options, 'port');
  return {
    library,
    url,
    method: property(options, 'method'),
    defaultMethod: 'GET',
    headers: property(options, 'headers'),
    body: writtenBody(call, analyser, context),
    transport: [property(options, 'socketPath') ?? { kind: 'nullish' }, host ?? { kind: 'nullish' }, port ?? { kind: 'nullish' }, urlFirst ? url : { kind: 'nullish' }],
    overUnixSocket: hasSocketPath(options),
    optionsFromCaller: !urlFirst && optionsParameter(options) !== undefined,
  };
}

/** The body of a node http request: `req.write(x)` / `req.end(x)` on the request object. */
function writtenBody(call: CallExpression, analyser: CodeAnalyser, context: ResolveContext): AbstractValue | undefined {
  const parent = call.getParent();
  if (parent && Node.isPropertyAccessExpression(parent) && ['end', 'write'].includes(parent.getName())) {
    const chained = parent.getParent();
    if (chained && Node.isCallExpression(chained) && chained.getArguments()[0]) return analyser.resolver.resolve(chained.getArguments()[0], context);
  }
  const declaration = call.getFirstAncestorByKind(SyntaxKind.VariableDeclaration);
  if (!declaration || declaration.getInitializer() !== call) return undefined;
  const name = declaration.getName();
  const scope = declaration.getFirstAncestor((ancestor) => Node.isBlock(ancestor) || Node.isSourceFile(ancestor));
  for (const write of scope ? descendantsOfKind(scope, SyntaxKind.CallExpression) : []) {
    const callee = write.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || callee.getExpression().getText() !== name) continue;
    if (!['write', 'end'].includes(callee.getName()) || !write.getArguments()[0]) continue;
    return analyser.resolver.resolve(write.getArguments()[0], context);
  }
  return undefined;
}

/** axios(config), axios(url, config), axios.get(url, config), axios.post(url, data, config), and instance methods. */
function axiosShape(call: CallExpression, verb: string | undefined, defaults: AbstractValue, analyser: CodeAnalyser, context: ResolveContext): HttpRequestShape {
  const first = arg(call, 0, analyser, context);
  let config: AbstractValue;
  let url: AbstractValue | undefined;
  let data: AbstractValue | undefined;
  if (!verb || verb === 'request') {
    ({ url, options: config } = urlOrOptions(call, ['url'], analyser, context));
    data = property(config, 'data');
  } else if (AXIOS_DATA_METHODS.has(verb)) {
    url = first;
    data = arg(call, 1, analyser, context);
    config = arg(call, 2, analyser, context);
  } else {
    url = first;
    config = arg(call, 1, analyser, context);
  }
  const baseURL = property(config, 'baseURL') ?? property(defaults, 'baseURL');
  const fullUrl = baseURL && url && !/^[a-z]+:\/\//i.test(patternText(url) ?? '') ? concatValues([baseURL, url], holeName) : url ?? baseURL ?? UNKNOWN('no url');
  const method = verb && verb !== 'request' ? ({ kind: 'string', value: verb } as AbstractValue) : property(config, 'method');
  return {
    library: 'axios',
    url: fullUrl,
    method,
    defaultMethod: 'GET',
    query: property(config, 'params') ?? property(defaults, 'params'),
    headers: property(config, 'headers') ?? property(defaults, 'headers'),
    body: data,
    transport: [property(config, 'socketPath') ?? property(defaults, 'socketPath') ?? { kind: 'nullish' }, baseURL ?? { kind: 'nullish' }, url ?? { kind: 'nullish' }],
    overUnixSocket: hasSocketPath(config) || hasSocketPath(defaults),
  };
}

/** got(url, options), got.post(url, options), instances from got.extend({ prefixUrl }). */
function gotShape(call: CallExpression, verb: string | undefined, defaults: AbstractValue, analyser: CodeAnalyser, context: ResolveContext): HttpRequestShape {
  const { url: written, options } = urlOrOptions(call, ['url'], analyser, context);
  const url = written ?? UNKNOWN('no url');
  const prefix = property(defaults, 'prefixUrl') ?? property(options, 'prefixUrl');
  const fullUrl = prefix ? concatValues([prefix, { kind: 'string', value: '/' }, url], holeName) : url;
  const method = verb ? ({ kind: 'string', value: verb } as AbstractValue) : property(options, 'method') ?? property(defaults, 'method');
  return {
    library: 'got',
    url: normaliseSlashes(fullUrl),
    method,
    defaultMethod: 'GET',
    query: property(options, 'searchParams') ?? property(defaults, 'searchParams'),
    headers: property(options, 'headers'),
    body: property(options, 'json') ?? property(options, 'body'),
    transport: [fullUrl, property(options, 'socketPath') ?? { kind: 'nullish' }],
  };
}

function normaliseSlashes(value: AbstractValue): AbstractValue {
  const text = patternText(value);
  if (value.kind !== 'string' || text === undefined) return value;
  return { kind: 'string', value: value.value.replace(/([^:])\/{2,}/g, '$1/') };
}

/** A method on an HTTP client object: an axios instance, a got instance, an undici Client or Pool. */
function instanceCallShape(call: CallExpression, client: AbstractValue & { kind: 'httpClient' }, name: string | undefined, analyser: CodeAnalyser, context: ResolveContext): HttpRequestShape | undefined {
  switch (client.library) {
    case 'axios':
      if (!name || name === 'request' || VERB_METHODS.has(name)) return axiosShape(call, name, client.config, analyser, context);
      return undefined;
    case 'got':
      if (!name || VERB_METHODS.has(name)) return gotShape(call, name, client.config, analyser, context);
      return undefined;
    case 'net-socket':
      return name === 'write' || name === 'end' ? socketWriteShape(call, client, analyser, context) : undefined;
    case 'undici-client': {
      if (name !== 'request') return undefined;
      const options = arg(call, 0, analyser, context);
      const origin = property(client.config, 'origin') ?? { kind: 'string', value: '' };
      return {
        library: 'undici',
        url: concatValues([origin, property(options, 'path') ?? UNKNOWN('no path')], holeName),
        method: property(options, 'method'),
        defaultMethod: 'GET',
        query: property(options, 'query'),
        headers: property(options, 'headers'),
        body: property(options, 'body'),
        transport: [client],
      };
    }
    default:
      return undefined;
  }
}

/** `socket.write('GET /containers/json HTTP/1.0\r\n\r\n')` on a socket connected to the daemon. */
function socketWriteShape(call: CallExpression, receiver: AbstractValue | undefined, analyser: CodeAnalyser, context: ResolveContext): HttpRequestShape | undefined {
  if (receiver?.kind !== 'httpClient' || receiver.library !== 'net-socket') return undefined;
  const text = arg(call, 0, analyser, context);
  const written = patternText(text);
  if (written === undefined) return undefined;
  const requestLine = /^([A-Z]+) (\S+) HTTP\/1\.[01]\r?\n/.exec(written);
  if (!requestLine) return undefined;
  const [headerText, bodyText] = written.split(/\r?\n\r?\n/, 2);
  const headers: ObjectValue = { kind: 'object', properties: new Map(), open: false };
  for (const line of headerText.split(/\r?\n/).slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.properties.set(line.slice(0, colon).trim(), { kind: 'string', value: line.slice(colon + 1).trim() });
  }
  let body: AbstractValue | undefined;
  if (bodyText && bodyText.trim().startsWith('{')) {
    try {
      body = jsonToValue(JSON.parse(bodyText));
    } catch {
      body = UNKNOWN('request body');
    }
  }
  return { library: 'net', url: { kind: 'string', value: requestLine[2] }, method: { kind: 'string', value: requestLine[1] }, defaultMethod: 'GET', headers, body, transport: [receiver] };
}

function jsonToValue(json: unknown): AbstractValue {
  if (Array.isArray(json)) return { kind: 'array', elements: json.map(jsonToValue), open: false };
  if (json && typeof json === 'object') {
    return { kind: 'object', properties: new Map(Object.entries(json).map(([key, value]) => [key, jsonToValue(value)])), open: false };
  }
  if (typeof json === 'string') return { kind: 'string', value: json };
  if (typeof json === 'number') return { kind: 'number', value: json };
  if (typeof json === 'boolean') return { kind: 'boolean', value: json };
  return { kind: 'nullish' };
}

// ---- is it Docker? -------------------------------------------------------------

const DOCKER_PORTS = /:(2375|2376)\b/;

/** A socket path, host, URL or client object that points at a Docker daemon. */
export function pointsAtDocker(value: AbstractValue, depth = 0): boolean {
  if (depth > 4) return false;
  return alternatives(value).some((option) => {
    if (option.kind === 'httpClient') return pointsAtDocker(option.config, depth + 1);
    if (option.kind === 'object') return [...option.properties.entries()].some(([key, child]) => ['socketPath', 'connect', 'origin', 'options', 'baseURL', 'prefixUrl', 'path', 'host', 'hostname', 'port'].includes(key) && pointsAtDocker(child, depth + 1));
    if (option.kind === 'number') return option.value === 2375 || option.value === 2376;
    if (option.kind === 'unknown') return /docker/i.test(option.reason);
    const text = patternText(option);
    if (text === undefined) return false;
    if (/docker\.sock|dockerd|docker_engine|\/run\/docker|DOCKER_HOST|DOCKER_SOCK/i.test(text)) return true;
    if (DOCKER_PORTS.test(text) || text === '2375' || text === '2376') return true;
    if (option.kind === 'pattern') return option.parts.some((part) => typeof part !== 'string' && /docker/i.test(part.hole));
    return /^(tcp|https?):\/\/docker(:\d+)?(\/|$)/.test(text);
  });
}

/** Engine paths that other daemons' APIs have too: alone, they do not make a unix socket Docker's. */
const GENERIC_ENGINE_PATHS = new Set(['/info', '/version', '/events', '/auth']);

function isDockerTransport(shape: HttpRequestShape, targets: RequestTarget[], analyser: CodeAnalyser): boolean {
  if (shape.transport.some((value) => pointsAtDocker(value))) return true;
  return targets.some((target) => {
    if (target.path === null || !analyser.isEnginePath(target.path)) return false;
    // Over a unix socket, an Engine path of Docker's own (`/containers/json`, `/images/create`) is
    // the Engine's, as `curl --unix-socket` is read in scripts.
    if (shape.overUnixSocket === true && !GENERIC_ENGINE_PATHS.has(target.path)) return true;
    // A /v1.NN/ prefix on a path the Engine API has is Docker's signature; registries use /v2/. A
    // relative path needs a unix socket too: `fetch('/v1.2/info')` in a web page asks its own server.
    return target.pin !== null && (target.host !== null || shape.overUnixSocket === true);
  });
}

/** A `socketPath` option whose value is not known to be absent (a configured socket still is one). */
function hasSocketPath(options: AbstractValue | undefined): boolean {
  const socketPath = options && property(options, 'socketPath');
  return socketPath !== undefined && alternatives(socketPath).some((option) => option.kind !== 'nullish');
}

// ---- usage -----------------------------------------------------------------------

/** Where a call is reported: the method name of `engine\n  .delete(...)`, else the callee. */
export function calleeNameNode(call: CallExpression): Node {
  const callee = call.getExpression();
  return Node.isPropertyAccessExpression(callee) ? callee.getNameNode() : callee;
}

function buildUsage(at: CallExpression, call: CallExpression, shape: HttpRequestShape, target: RequestTarget, analyser: CodeAnalyser): RawUsage {
  const usage = newRawUsage({
    ...analyser.position(calleeNameNode(at)),
    client: 'http',
    via: shape.library,
    path: target.path,
    query: [...target.query],
    pin: target.pin ? { version: target.pin, source: 'url' } : null,
    dynamic: [...target.dynamic],
  });
  if (target.notes) usage.notes = [...target.notes];
  if (target.conditionalQuery.length > 0) usage.conditional = [...target.conditionalQuery];
  const methods = shape.method ? alternatives(shape.method).map((option) => (option.kind === 'string' ? option.value.toUpperCase() : undefined)) : [shape.defaultMethod];
  const known = methods.filter((method): method is HttpMethod => method !== undefined && METHODS.has(method as HttpMethod));
  if (known.length === 1 && methods.length === 1) usage.method = known[0];
  else if (!shape.method) usage.method = shape.defaultMethod;
  else usage.dynamic.push('method');
  if (shape.query) {
    const keys = flattenOptionKeys(shape.query, 'query');
    usage.query.push(...topLevelKeys(keys));
    usage.dynamic.push(...keys.dynamic);
    if (keys.conditional.length > 0) usage.conditional = [...(usage.conditional ?? []), ...keys.conditional];
  }
  if (shape.headers) {
    const keys = flattenOptionKeys(shape.headers, 'headers');
    usage.headers.push(...topLevelKeys(keys).filter((header) => !['content-length', 'host', 'accept', 'connection', 'user-agent'].includes(header.toLowerCase())));
  }
  if (shape.body) {
    const body = shape.body.kind === 'json' ? shape.body.value : shape.body;
    const keys = flattenOptionKeys(body, 'body');
    usage.body.push(...keys.paths);
    usage.dynamic.push(...keys.dynamic);
    if (keys.conditional.length > 0) usage.conditional = [...(usage.conditional ?? []), ...keys.conditional];
  }
  return usage;
}
