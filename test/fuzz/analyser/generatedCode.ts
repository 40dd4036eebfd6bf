import fc from 'fast-check';
import { dockerodeMethodTable } from '../../../src/analyser/clients/dockerodeMethodTable.js';
import type { CompatDatabase } from '../../../src/database/compatDatabase.js';
import type { CorpusFile } from './corpus.js';

/**
 * Random programs that talk to the Engine API the ways the analyser recognises
 * (dockerode held directly, by a subclass, a wrapper or a singleton; docker-modem's dial;
 * fetch with an undici dispatcher, directly or through a helper; http.request on the socket;
 * axios; the request package), sending and reading names that are partly the database's own, partly
 * near misses and junk. The oracle does not need to know what the program does: whatever
 * the analyser reports must be in the database or flagged as unknown.
 */
export interface NamePools {
  /** Body and response field paths of the database (`HostConfig.Mounts[].Type`). */
  fields: string[];
  queryNames: string[];
  /** Every operation, with its own names: calls mostly send and read those, so that they match. */
  operations: Array<{ method: string; path: string; body: string[]; response: string[]; query: string[] }>;
}

export function namePools(database: CompatDatabase): NamePools {
  const fields = new Set<string>();
  const queryNames = new Set<string>();
  const byOperation = new Map<string, NamePools['operations'][number]>();
  const key = (method: string, path: string) => `${method} ${path.replace(/\{[^}]*\}/g, '{}')}`;
  for (const feature of database.features) {
    if (feature.location === 'operation') byOperation.set(key(feature.method, feature.path), { method: feature.method, path: feature.path, body: [], response: [], query: [] });
  }
  for (const feature of database.features) {
    const operation = byOperation.get(key(feature.method, feature.path))!;
    if (feature.name === '') continue;
    if (feature.location === 'body') operation.body.push(feature.name);
    if (feature.location === 'response' && (feature.status ?? '').startsWith('2')) operation.response.push(feature.name);
    if (feature.location === 'query') operation.query.push(feature.name);
    if (feature.location === 'body' || feature.location === 'response') fields.add(feature.name);
    if (feature.location === 'query') queryNames.add(feature.name);
  }
  return { fields: [...fields].sort(), queryNames: [...queryNames].sort(), operations: [...byOperation.values()] };
}

const JUNK_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', ' ', 'a.b', '[]', '{}', '0', 'HostConfg', 'hostconfig', 'IMAGE', 'Imagee', 'x-registry-auth', 'Labels.a', 'ñ', '$ref'];

function quoteKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
}

/** `HostConfig.Mounts[].Type` as an object literal that sends it: `{ HostConfig: { Mounts: [{ Type: v }] } }`. */
function nestedLiteral(path: string, value: string): string {
  const segments = path.split(/(\[\]|\{\}|\.)/).filter((part) => part !== '' && part !== '.');
  let text = value;
  for (let position = segments.length - 1; position >= 0; position--) {
    const segment = segments[position];
    if (segment === '[]') text = `[${text}]`;
    else if (segment === '{}') text = `{ someKey: ${text} }`;
    else text = `{ ${quoteKey(segment)}: ${text} }`;
  }
  return text;
}

/** A read of a field path off `name`: `r.NetworkSettings.Ports['80/tcp'][0].HostPort`. */
function readExpression(name: string, path: string, optional: boolean): string {
  const dot = optional ? '?.' : '.';
  let text = name;
  for (const segment of path.split(/(\[\]|\{\}|\.)/).filter((part) => part !== '' && part !== '.')) {
    if (segment === '[]') text += optional ? '?.[0]' : '[0]';
    else if (segment === '{}') text += optional ? "?.['key']" : "['key']";
    else text += /^[A-Za-z_$][\w$]*$/.test(segment) ? `${dot}${segment}` : `${optional ? '?.' : ''}[${JSON.stringify(segment)}]`;
  }
  return text;
}

/**
 * A key of a generated object, drawn before the operation is known: `own` picks one of
 * the operation's names (by index), `any` one of the whole database, `junk` a near miss
 * or a hostile key, `word` a made-up identifier, `syntax` a spread, computed key or method.
 */
interface KeySlot {
  kind: 'own' | 'any' | 'junk' | 'word' | 'syntax';
  pick: number;
  word: string;
  value: string;
}

const SYNTAX_ENTRIES = ['...extra', '[computed]: 1', "['Host' + 'Config']: {}", 'method() {}', 'get x() { return 1; }'];

function keySlots(): fc.Arbitrary<KeySlot[]> {
  const value = fc.oneof(
    fc.constantFrom("'x'", '1', 'true', 'null', '[]', '{}', 'someVariable', 'process.env.X', '`t${a}`', "['a', 'b']", 'JSON.stringify({ a: [1] })'),
    fc.string({ maxLength: 5 }).map((text) => JSON.stringify(text)),
  );
  const slot = fc.record({
    kind: fc.constantFrom<KeySlot['kind']>('own', 'own', 'own', 'own', 'any', 'junk', 'word', 'syntax'),
    pick: fc.nat(),
    word: fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,8}$/),
    value,
  });
  return fc.array(slot, { maxLength: 6 });
}

function slotName(slot: KeySlot, own: readonly string[], pools: NamePools): string | undefined {
  switch (slot.kind) {
    case 'own':
      return own.length > 0 ? own[slot.pick % own.length] : pools.fields[slot.pick % pools.fields.length];
    case 'any':
      return pools.fields[slot.pick % pools.fields.length];
    case 'junk':
      return JUNK_KEYS[slot.pick % JUNK_KEYS.length];
    case 'word':
      return slot.word;
    case 'syntax':
      return undefined;
  }
}

/** The object literal the slots describe, with `own` names taken from `own`. */
function renderObject(slots: readonly KeySlot[], own: readonly string[], pools: NamePools): string {
  const parts = slots.map((slot) => {
    const path = slotName(slot, own, pools);
    if (path === undefined) return SYNTAX_ENTRIES[slot.pick % SYNTAX_ENTRIES.length];
    const literal = nestedLiteral(path, slot.value);
    // `{ A: { B: v } }` -> `A: { B: v }`: one property of the outer literal.
    return literal.startsWith('{ ') ? literal.slice(2, -2) : `${quoteKey(path)}: ${slot.value}`;
  });
  return `{ ${parts.join(', ')} }`;
}

/** Reads of the result: the operation's own response fields mostly, some others and some nonsense. */
function renderReads(reads: ReadonlyArray<{ slot: KeySlot; optional: boolean }>, name: string, own: readonly string[], pools: NamePools): string {
  return reads
    .map(({ slot, optional }) => {
      const path = slot.kind === 'syntax' ? ['length', '[].Id', 'Bogus.Field'][slot.pick % 3] : slotName(slot, own, pools)!;
      return `use(${readExpression(name, path, optional)});`;
    })
    .join(' ');
}

type Operation = NamePools['operations'][number];

interface PathChoice {
  operation: number;
  parameter: string;
  prefix: string;
  tail: string;
  query: Array<{ own: boolean; pick: number }>;
}

function pathChoice(pools: NamePools): fc.Arbitrary<PathChoice> {
  return fc.record({
    operation: fc.nat({ max: pools.operations.length - 1 }),
    parameter: fc.constantFrom("'abc123'", 'id', "'library/ubuntu:22.04'", "'a/b/c'", "''", 'name', 'encodeURIComponent(ref)'),
    prefix: fc.constantFrom('', '/v1.24', '/v1.41', '/v1.44', '/v1.55', '/v1.60', '/v1.4', '/1.41', '${base}', '/v${VERSION}'),
    tail: fc.constantFrom('', '', '', '/', 'x', '/extra'),
    query: fc.array(fc.record({ own: fc.boolean(), pick: fc.nat() }), { maxLength: 3 }),
  });
}

function renderPath(choice: PathChoice, pools: NamePools): { operation: Operation; path: string } {
  const operation = pools.operations[choice.operation];
  const names = choice.query.map(({ own, pick }) => (own && operation.query.length > 0 ? operation.query[pick % operation.query.length] : ['all', 'bogus', '', ...pools.queryNames][pick % (pools.queryNames.length + 3)]));
  const query = names.length > 0 ? `?${names.map((name) => `${name}=1`).join('&')}` : '';
  const tail = choice.tail === '/' ? '' : choice.tail;
  return { operation, path: `${choice.prefix}${operation.path.replace(/\{[^}]*\}/g, () => `\${${choice.parameter}}`)}${tail}${query}` };
}

const RECEIVERS: Record<string, string> = {
  Docker: 'docker',
  Container: 'docker.getContainer(id)',
  Image: "docker.getImage('library/ubuntu')",
  Volume: "docker.getVolume('data')",
  Network: "docker.getNetwork('net')",
  Exec: 'docker.getExec(execId)',
  Plugin: "docker.getPlugin('vieux/sshfs')",
  Service: 'docker.getService(id)',
  Task: 'docker.getTask(id)',
  Node: 'docker.getNode(id)',
  Secret: 'docker.getSecret(id)',
  Config: 'docker.getConfig(id)',
  Modem: 'docker.modem',
};

/** The operation a dockerode method's first request goes to, for its own names. */
function operationOfMethod(pools: NamePools, method: string, path: string): Operation | undefined {
  const normal = path.replace(/\{[^}]*\}/g, '{}');
  return pools.operations.find((operation) => operation.method === method && operation.path.replace(/\{[^}]*\}/g, '{}') === normal);
}

function statement(pools: NamePools): fc.Arbitrary<string> {
  const methods = dockerodeMethodTable.filter((method) => RECEIVERS[method.className] !== undefined);
  const reads = fc.array(fc.record({ slot: fc.record({ kind: fc.constantFrom<KeySlot['kind']>('own', 'own', 'own', 'any', 'junk', 'syntax'), pick: fc.nat(), word: fc.constant('x'), value: fc.constant('') }), optional: fc.boolean() }), { maxLength: 4 });
  const verb = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'get', 'PATCH', 'method');
  return fc.oneof(
    // dockerode, promise or callback form, with the result's fields read.
    fc.record({ entry: fc.constantFrom(...methods), options: keySlots(), reads, callback: fc.boolean() }).map(({ entry, options, reads: fields, callback }) => {
      const request = entry.requests[0];
      const operation = request ? operationOfMethod(pools, request.method, request.path) : undefined;
      const own = operation ? (request.options === 'query' ? operation.query : operation.body.length > 0 ? operation.body : operation.query) : [];
      const count = Math.max(1, (entry.optionsArg ?? 0) + 1);
      const args = Array.from({ length: count }, (_, position) => (position === entry.optionsArg ? renderObject(options, own, pools) : "'arg'"));
      const read = (name: string) => renderReads(fields, name, operation?.response ?? [], pools);
      if (callback) return `${RECEIVERS[entry.className]}.${entry.name}(${[...args, `(err, data) => { ${read('data')} }`].join(', ')});`;
      return `{ const result = await ${RECEIVERS[entry.className]}.${entry.name}(${args.join(', ')}); ${read('result')} }`;
    }),
    // fetch over the socket.
    fc.record({ choice: pathChoice(pools), body: keySlots(), reads }).map(({ choice, body, reads: fields }) => {
      const { operation, path } = renderPath(choice, pools);
      return `{ const response = await fetch(\`http://localhost${path}\`, { method: '${operation.method}', dispatcher: agent, body: JSON.stringify(${renderObject(body, operation.body, pools)}) }); const json = await response.json(); ${renderReads(fields, 'json', operation.response, pools)} }`;
    }),
    // http.request on the socket.
    fc.record({ choice: pathChoice(pools), verb, body: keySlots() }).map(({ choice, verb: written, body }) => {
      const { operation, path } = renderPath(choice, pools);
      return `http.request({ socketPath: '/var/run/docker.sock', path: \`${path}\`, method: '${written === 'method' ? operation.method : written}' }, (res) => res.resume()).end(JSON.stringify(${renderObject(body, operation.body, pools)}));`;
    }),
    // axios with a socket: query parameters in `params`, the body as the second argument.
    fc.record({ choice: pathChoice(pools), options: keySlots(), reads }).map(({ choice, options, reads: fields }) => {
      const { operation, path } = renderPath(choice, pools);
      const method = operation.method.toLowerCase();
      const call =
        method === 'get' || method === 'delete' || method === 'head'
          ? `api.${method}(\`${path}\`, { params: ${renderObject(options, operation.query, pools)} })`
          : `api.${method}(\`${path}\`, ${renderObject(options, operation.body, pools)})`;
      return `{ const { data } = await ${call}; ${renderReads(fields, 'data', operation.response, pools)} }`;
    }),
    // A request helper that strips leading slashes and hands fetch's Response back.
    fc.record({ choice: pathChoice(pools), reads }).map(({ choice, reads: fields }) => {
      const { operation, path } = renderPath(choice, pools);
      return `{ const response = await engineFetch(\`${path}\`); if (!response.ok) use(response.status); const json = await response.json(); ${renderReads(fields, 'json', operation.response, pools)} }`;
    }),
    // The request package, with the socket in the URL.
    fc.record({ choice: pathChoice(pools), body: keySlots(), verb: fc.constantFrom('get', 'post', 'del', 'put', '') }).map(({ choice, body, verb: written }) => {
      const { operation, path } = renderPath(choice, pools);
      const callee = written === '' ? 'request' : `request.${written}`;
      return `${callee}({ uri: \`http://unix:/var/run/docker.sock:${path}\`, method: '${operation.method}', json: ${renderObject(body, operation.body, pools)} }, (err, res, body) => use(body));`;
    }),
    // Options built in steps: elements pushed onto a list, a nested field set under a condition.
    fc.record({ element: keySlots(), extra: keySlots(), condition: fc.boolean() }).map(({ element, extra, condition }) => {
      return `{ const list = []; list.push(${renderObject(element, pools.fields, pools)}); const options = { Image: 'x', HostConfig: { Mounts: list } }; ${condition ? 'if (extra) ' : ''}options.HostConfig.Extra = ${renderObject(extra, pools.fields, pools)}; await docker.createContainer(options); }`;
    }),
    // docker-modem's dial: options go to the query, or to query and body on a POST whose path ends in '?'.
    fc.record({ choice: pathChoice(pools), options: keySlots(), question: fc.boolean() }).map(({ choice, options, question }) => {
      const { operation, path } = renderPath(choice, pools);
      return `docker.modem.dial({ path: \`${path.replace(/\?.*$/, '')}${question ? '?' : ''}\`, method: '${operation.method}', options: ${renderObject(options, [...operation.query, ...operation.body], pools)}, statusCodes: { 200: true } }, (err, data) => use(data));`;
    }),
  );
}

const PREAMBLES = [
  "import Docker from 'dockerode';\nimport http from 'node:http';\nimport axios from 'axios';\nimport request from 'request';\nimport { Agent } from 'undici';\n",
  "const Docker = require('dockerode');\nconst http = require('http');\nconst axios = require('axios');\nconst request = require('request');\nconst { Agent } = require('undici');\n",
];

/** How the program holds its client: made directly, a subclass, a wrapper built from options, a lazy singleton. */
const CLIENT_SETUPS = [
  (options: string) => `const docker = new Docker(${options});`,
  (options: string) => `class Engine extends Docker { names() { return this.listContainers({ all: true }); } }\nconst docker = new Engine(${options});`,
  (options: string) => `class Holder { constructor(settings) { this.client = new Docker(settings); } }\nconst docker = new Holder(${options}).client;`,
  (options: string) => `class Registry { static get() { if (!Registry.instance) Registry.instance = new Registry(); return Registry.instance; } constructor() { this.client = new Docker(${options}); } }\nconst docker = Registry.get().client;`,
];

const CLIENT_OPTIONS = ['{}', "{ socketPath: '/var/run/docker.sock' }", "{ version: 'v1.41' }", "{ version: '1.41' }", '{ version: `v${VERSION}` }', "{ host: 'localhost', port: 2375, version: 'v1.99' }", 'options'];

/** One generated file, `src/generated.ts` or `.js`, with its client set up and 1 to 6 statements. */
export function generatedProgram(pools: NamePools): fc.Arbitrary<CorpusFile> {
  return fc
    .tuple(fc.nat({ max: PREAMBLES.length - 1 }), fc.constantFrom(...CLIENT_OPTIONS), fc.nat({ max: CLIENT_SETUPS.length - 1 }), fc.array(statement(pools), { minLength: 1, maxLength: 6 }), fc.constantFrom('ts', 'js', 'mjs', 'cjs'))
    .map(([preamble, clientOptions, setup, statements, extension]) => ({
      path: `src/generated.${extension}`,
      text: [
        PREAMBLES[preamble],
        "const VERSION = '1.43';",
        "const base = '/v1.44';",
        CLIENT_SETUPS[setup](clientOptions),
        "const agent = new Agent({ connect: { socketPath: '/var/run/docker.sock' } });",
        "const api = axios.create({ socketPath: '/var/run/docker.sock' });",
        'function use(value) { return value; }',
        "async function engineFetch(endpoint) { const trimmed = endpoint.replace(/^\\/+/, ''); return fetch(`http://localhost/${trimmed}`, { dispatcher: agent }); }",
        'export async function main(id, name, ref, execId, extra, computed, someVariable) {',
        ...statements.map((line) => `  ${line}`),
        '}',
        '',
      ].join('\n'),
    }));
}
