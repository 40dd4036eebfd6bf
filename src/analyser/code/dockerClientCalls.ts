import { Node, type CallExpression } from 'ts-morph';
import type { ClientMethod, ClientRequest } from '../clients/clientMethodTable.js';
import { newRawUsage, type RawUsage, type VersionPin } from '../usage.js';
import { alternatives, mentionsParameter, pinKey, type AbstractValue, type ClientObject } from './abstractValue.js';
import { classFromReceiverName, clientMethod, hasClientClass } from './clientLibraries.js';
import type { CodeAnalyser, FoundUsage } from './codeAnalyser.js';
import { flattenOptionKeys, topLevelKeys } from './optionKeys.js';
import { isInlineCallback } from './valueResolver.js';
import { recogniseModemDial } from './modemDial.js';

const AUTH_KEYS = new Set(['username', 'password', 'auth', 'serveraddress', 'identitytoken', 'registrytoken', 'email']);

/** `docker.createContainer({...})`, `container.start()`, `docker.container.list()`: the requests a client method sends. */
export function recogniseClientCall(call: CallExpression, analyser: CodeAnalyser): FoundUsage[] | undefined {
  const callee = call.getExpression();
  if (Node.isElementAccessExpression(callee)) return recogniseComputedMethodCall(call, callee, analyser);
  let client: ClientObject | undefined;
  let name: string;
  let at: Node;
  if (Node.isPropertyAccessExpression(callee)) {
    name = callee.getName();
    at = callee.getNameNode();
    client = findReceiverClient(callee.getExpression(), name, analyser);
  } else {
    // A method taken off its client: `const dial = promisify(modem.dial.bind(modem)); dial({...})`.
    const bound = alternatives(analyser.resolver.resolve(callee)).find((option): option is { kind: 'clientMethod'; client: ClientObject; name: string } => option.kind === 'clientMethod');
    if (!bound) return undefined;
    client = bound.client;
    name = bound.name;
    at = callee;
  }
  if (!client) return undefined;
  const method = clientMethod(client.library, client.className, name);
  if (!method) return undefined;
  if (method.className === 'Modem' && method.name === 'dial') return recogniseModemDial(call, client, analyser);
  if (method.requests.length === 0) return [];
  const optionsValue = (request: ClientRequest) => {
    const node = optionsArgument(call, method, request, analyser);
    return node ? analyser.resolveThroughCallers(node) : undefined;
  };
  const sent = method.requests.map((request, index) => ({ request, index })).filter(({ request }) => requestConditionHolds(request, optionsValue(request)));
  // buildImage adds `session` to the build only with the BuildKit session request it opens first.
  const withoutSession = sent.some(({ request }) => request.path === '/session') ? undefined : 'session';
  return sent.map(({ request, index }) => {
    const adjusted = withoutSession && request.fixedQuery?.includes(withoutSession) ? { ...request, fixedQuery: request.fixedQuery.filter((name) => name !== withoutSession) } : request;
    return buildUsage(call, at, client!, method, adjusted, index, analyser);
  });
}

/** `client[action]()`: a client method chosen at run time; the endpoint cannot be known. */
function recogniseComputedMethodCall(call: CallExpression, callee: Node & { getExpression(): Node; getArgumentExpression(): Node | undefined }, analyser: CodeAnalyser): FoundUsage[] | undefined {
  const receiver = analyser.resolver.resolve(callee.getExpression());
  const client = alternatives(receiver).find((option): option is { kind: 'client'; client: ClientObject } => option.kind === 'client')?.client;
  if (!client) return undefined;
  const key = analyser.resolver.resolve(callee.getArgumentExpression());
  if (key.kind === 'string') {
    const method = clientMethod(client.library, client.className, key.value);
    if (!method) return undefined;
    return method.requests.map((request, index) => buildUsage(call, callee.getArgumentExpression()!, client, method, request, index, analyser));
  }
  const usage = newRawUsage({
    ...analyser.position(callee.getArgumentExpression() ?? call),
    client: client.library,
    via: `${client.className}[${analyser.resolver.describe(callee.getArgumentExpression() ?? call)}]`,
    pin: pinOf(client, analyser),
    dynamic: [`method: ${client.className} method chosen at run time`],
  });
  return [{ usage, callNode: call, receivesResponse: true }];
}

/**
 * Requests the library sends only under a condition on the options, such as
 * buildImage's BuildKit session (`opts.version === "2"`). Conditions we cannot
 * read keep the request.
 */
function requestConditionHolds(request: ClientRequest, options: AbstractValue | undefined): boolean {
  if (!request.condition) return true;
  const match = /^opts\??\.(\w+)\s*===\s*["']([^"']*)["']$/.exec(request.condition.trim());
  if (!match) return true;
  const values = options ? alternatives(options).map((option) => (option.kind === 'object' ? option.properties.get(match[1]) : undefined)) : [undefined];
  return values.some((value) => value !== undefined && (value.kind !== 'string' || value.value === match[2]));
}

function findReceiverClient(receiverNode: Node, methodName: string, analyser: CodeAnalyser): ClientObject | undefined {
  const receiver = analyser.resolver.resolve(receiverNode);
  const clients = clientsIn(receiver, analyser);
  const client = clientWithMethod(clients, methodName);
  if (client || clients.length > 0 || receiver.kind !== 'unknown') return client;
  // `function start(c) { return c.start() }` called with `docker.getContainer(id)`: the callers say what it is.
  if (mentionsParameter(receiver)) {
    const fromCallers = clientWithMethod(clientsIn(analyser.resolveThroughCallers(receiverNode), analyser), methodName);
    if (fromCallers) return fromCallers;
  }
  return clientByReceiverName(receiverNode, methodName, analyser);
}

function clientsIn(value: AbstractValue, analyser: CodeAnalyser): ClientObject[] {
  return alternatives(value).map((option) => analyser.resolver.clientBehind(option)).flatMap((option) => (option.kind === 'client' ? [option.client] : []));
}

/** The client that has the method; built in several places with different versions (a wrapper constructed twice), its pin is not known. */
function clientWithMethod(clients: ClientObject[], methodName: string): ClientObject | undefined {
  const withMethod = clients.filter((client) => clientMethod(client.library, client.className, methodName));
  if (withMethod.length === 0) return undefined;
  return new Set(withMethod.map((client) => pinKey(client.pin))).size > 1 ? { ...withMethod[0], pin: undefined } : withMethod[0];
}

/** An untraceable receiver named like a client (`container.start()` on a parameter), when the project uses a client library. */
function clientByReceiverName(receiverNode: Node, methodName: string, analyser: CodeAnalyser): ClientObject | undefined {
  const name = Node.isIdentifier(receiverNode) ? receiverNode.getText() : Node.isPropertyAccessExpression(receiverNode) ? receiverNode.getName() : undefined;
  if (!name || !analyser.usesClients(receiverNode.getSourceFile())) return undefined;
  // `elements.forEach((container) => container.remove())`: a callback's element is whatever the list holds.
  const declaration = Node.isIdentifier(receiverNode) ? receiverNode.getSymbol()?.getDeclarations()[0] : undefined;
  if (declaration && Node.isParameterDeclaration(declaration) && isInlineCallback(declaration.getParent())) return undefined;
  const className = classFromReceiverName(name);
  if (!className) return undefined;
  for (const library of analyser.librariesInUse()) {
    if (!hasClientClass(library, className)) continue;
    if (clientMethod(library, className, methodName)) return { library, className, pin: undefined };
  }
  return undefined;
}

/** Which argument carries the options: the table's position, or an overload when leading arguments were left out. */
function optionsArgument(call: CallExpression, method: ClientMethod, request: ClientRequest, analyser: CodeAnalyser): Node | undefined {
  const args = call.getArguments();
  const index = request.optionsFrom === undefined ? method.optionsArg : request.optionsFrom;
  if (index === null) return undefined;
  const isCallback = (node: Node | undefined) => node !== undefined && holdsFunction(node, analyser);
  const primary = args[index];
  if (primary && !isCallback(primary)) return primary;
  for (const overload of method.optionsArgOverloads ?? []) {
    const candidate = args[overload];
    if (candidate && !isCallback(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The libraries take a function argument for the callback wherever it stands (dockerode's
 * processArgs, `createImage(opts, cb)` of `createImage(auth, opts, callback)`): a function
 * literal, a name holding one, or a parameter named as callbacks are (`cb`, `done`).
 */
function holdsFunction(node: Node, analyser: CodeAnalyser): boolean {
  if (Node.isArrowFunction(node) || Node.isFunctionExpression(node)) return true;
  if (!Node.isIdentifier(node) && !Node.isPropertyAccessExpression(node)) return false;
  const value = analyser.resolver.resolve(node);
  if (value.kind === 'function' || value.kind === 'clientMethod') return true;
  const name = Node.isIdentifier(node) ? node.getText() : node.getName();
  return value.kind === 'unknown' && CALLBACK_NAME.test(name);
}

const CALLBACK_NAME = /^(cb|callback|done|next|resolve|handler)$|Callback$|Handler$/;

function buildUsage(
  call: CallExpression,
  at: Node,
  client: ClientObject,
  method: ClientMethod,
  request: ClientRequest,
  requestIndex: number,
  analyser: CodeAnalyser,
): FoundUsage {
  const usage = newRawUsage({
    ...analyser.position(at),
    client: client.library,
    via: `${method.className}.${method.name}`,
    method: request.method,
    path: request.path,
    query: [...(request.fixedQuery ?? [])],
    pin: pinOf(client, analyser),
  });
  if (client.pin === undefined) usage.dynamic.push(`version pin: ${client.pinUnknown ?? 'the client object could not be traced to its construction'}`);
  if (client.pinWarning) usage.notes = [client.pinWarning];
  if (request.fixedBody) usage.libraryBody = [...request.fixedBody];
  const libraryKeys = [...(request.alsoReadByLibrary ?? []), ...(request.fixedQuery ?? [])];
  if (libraryKeys.length > 0) usage.libraryKeys = libraryKeys;

  const optionsNode = optionsArgument(call, method, request, analyser);
  if (optionsNode && request.options !== 'none') {
    applyOptions(usage, analyser.resolveThroughCallers(optionsNode), request, analyser.resolver.describe(optionsNode));
  }
  if (request.bodyArg !== undefined && call.getArguments()[request.bodyArg]) {
    const keys = flattenOptionKeys(analyser.resolver.resolve(call.getArguments()[request.bodyArg]), 'body');
    usage.body.push(...keys.paths);
    usage.dynamic.push(...keys.dynamic);
  }
  for (const [wireName, argumentIndex] of Object.entries(request.queryArgs ?? {})) {
    if (call.getArguments()[argumentIndex]) usage.query.push(wireName);
  }
  usage.headers.push(...authHeaders(call, request, optionsNode, analyser));
  // node-docker-api objects made by a request keep its response in `.data`: the last request's reads.
  const resultIsThisRequest =
    (method.result.kind === 'response' && method.result.request === requestIndex) ||
    ((method.result.kind === 'object' || method.result.kind === 'stream') && requestIndex === method.requests.length - 1);
  return { usage, callNode: call, receivesResponse: resultIsThisRequest };
}

export function pinOf(client: ClientObject, analyser: CodeAnalyser): VersionPin | null {
  if (!client.pin) return null;
  const at = client.pin.node ? analyser.position(client.pin.node) : undefined;
  return at ? { version: client.pin.version, source: client.pin.source, at } : { version: client.pin.version, source: client.pin.source };
}

export function applyOptions(usage: RawUsage, value: AbstractValue, request: ClientRequest, label: string): void {
  let options = value;
  // docker-modem's `{ _query, _body }` envelope sends the halves separately.
  if (request.acceptsQueryBodyEnvelope && options.kind === 'object' && (options.properties.has('_query') || options.properties.has('_body'))) {
    const query = flattenOptionKeys(options.properties.get('_query') ?? { kind: 'nullish' }, label);
    const body = flattenOptionKeys(options.properties.get('_body') ?? { kind: 'nullish' }, label);
    usage.query.push(...topLevelKeys(query));
    usage.body.push(...body.paths);
    usage.dynamic.push(...query.dynamic, ...body.dynamic);
    return;
  }
  if (options.kind === 'nullish') return;
  const keys = flattenOptionKeys(options, `options (${label})`);
  const dropped = new Set([...(request.dropped ?? []), 'abortSignal', 'authconfig', 'registryconfig']);
  const forwarded = request.forwardedKeys ? new Set(request.forwardedKeys) : undefined;
  const keep = (path: string) => {
    const top = path.split(/[.[]/)[0];
    return !dropped.has(top) && (!forwarded || forwarded.has(top));
  };
  const renamed = (path: string) => {
    const top = path.split(/[.[]/)[0];
    const wire = request.renamed?.[top];
    return wire ? `${wire}${path.slice(top.length)}` : path;
  };
  const paths = keys.paths.filter(keep).map(renamed);
  usage.dynamic.push(...keys.dynamic);
  if (keys.conditional.length > 0) usage.conditional = keys.conditional.filter(keep).map(renamed);
  switch (request.options) {
    case 'query':
      usage.query.push(...paths.filter((path) => !path.includes('.') && !path.includes('[')));
      break;
    case 'body':
      usage.body.push(...paths);
      break;
    case 'query+body':
      usage.queryOrBody = paths;
      break;
  }
}

function hasAuthKeys(value: AbstractValue): boolean {
  return alternatives(value).some((option) => option.kind === 'object' && [...option.properties.keys()].some((key) => AUTH_KEYS.has(key.toLowerCase())));
}

/** X-Registry-Auth / X-Registry-Config, when the call gives credentials. */
export function authHeaders(call: CallExpression, request: ClientRequest, optionsNode: Node | undefined, analyser: CodeAnalyser): string[] {
  if (!request.headers || request.headers.length === 0) return [];
  const options = optionsNode ? analyser.resolver.resolve(optionsNode) : undefined;
  const sent: string[] = [];
  const optionHas = (key: string) => options !== undefined && alternatives(options).some((option) => option.kind === 'object' && option.properties.has(key));
  const credentialsArgument = call
    .getArguments()
    .some((argument) => argument !== optionsNode && hasAuthKeys(analyser.resolver.resolve(argument)));
  const hijacked = options !== undefined && alternatives(options).some((option) => option.kind === 'object' && option.properties.get('hijack')?.kind === 'boolean' && (option.properties.get('hijack') as { value: boolean }).value);
  for (const header of request.headers ?? []) {
    const lower = header.toLowerCase();
    if (lower === 'x-registry-auth' && (optionHas('authconfig') || credentialsArgument)) sent.push(header);
    else if (lower === 'x-registry-config' && optionHas('registryconfig')) sent.push(header);
    // A hijacked connection asks for an upgrade; a tar body says so in Content-Type (POST /build has it as a parameter).
    else if ((lower === 'connection' || lower === 'upgrade') && hijacked) sent.push(header);
    else if (lower === 'content-type' && request.bodyIsStream) sent.push(header);
    else if (!['x-registry-auth', 'x-registry-config', 'connection', 'upgrade', 'content-type'].includes(lower)) sent.push(header);
  }
  return sent;
}
