/**
 * The client method tables (src/analyser/clients/*MethodTable.ts) are generated
 * by scripts/extract-client-tables.mjs from the installed libraries. These tests
 * keep them honest:
 *   1. re-running the extraction reproduces the committed files byte for byte;
 *   2. every method + path is in at least one Docker Engine API spec, except the
 *      library bugs the tables flag with `notInSpec` (pinned below);
 *   3. hand-checked facts from reading the libraries' source;
 *   4. calling every method of the real libraries against a recording HTTP
 *      layer sends the requests the tables describe.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  findClientMethod,
  findClientProperty,
  type ClientMethod,
  type ClientMethodTable,
  type ClientPropertyTable,
  type ClientRequest,
} from '../../src/analyser/clients/clientMethodTable.js';
import { dockerNodeSdkMethodTable } from '../../src/analyser/clients/dockerNodeSdkMethodTable.js';
import { dockerodeMethodTable, dockerodePropertyTable } from '../../src/analyser/clients/dockerodeMethodTable.js';
import { nodeDockerApiMethodTable, nodeDockerApiPropertyTable } from '../../src/analyser/clients/nodeDockerApiMethodTable.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tablesDir = path.join(repoRoot, 'src', 'analyser', 'clients');
const extractScript = path.join(repoRoot, 'scripts', 'extract-client-tables.mjs');
const specDir = path.resolve(repoRoot, process.env.DOCKER_API_COMPAT_SPEC_DIR ?? '../shared/docker-engine-api');
const specFiles = existsSync(specDir) ? readdirSync(specDir).filter((file) => /^v\d+\.\d+\.yaml$/.test(file)) : [];
const specsMissing = specFiles.length === 0;
if (specsMissing) {
  console.warn(`clientMethodTables: skipping the extraction and spec checks: no v*.yaml specs in ${specDir} (set DOCKER_API_COMPAT_SPEC_DIR)`);
}

const tables: Record<string, ClientMethodTable> = {
  dockerode: dockerodeMethodTable,
  'node-docker-api': nodeDockerApiMethodTable,
  '@docker/node-sdk': dockerNodeSdkMethodTable,
};

function allRequests(): Array<{ library: string; method: ClientMethod; request: ClientRequest }> {
  return Object.entries(tables).flatMap(([library, table]) =>
    table.flatMap((method) => method.requests.map((request) => ({ library, method, request }))),
  );
}

function methodOf(table: ClientMethodTable, className: string, name: string): ClientMethod {
  const method = findClientMethod(table, className, name);
  if (!method) throw new Error(`no ${className}.${name} in the table`);
  return method;
}

/** '/containers/{id}/start' -> matches '/containers/ID/start?all=1' (the raw path a library dials). */
function templatePattern(template: string): RegExp {
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/?]+');
  return new RegExp(`^${escaped}(\\?.*)?$`);
}

// ---------------------------------------------------------------------------

describe.skipIf(specsMissing)('extraction is reproducible', () => {
  it('re-running scripts/extract-client-tables.mjs produces exactly the committed tables', () => {
    const outDir = mkdtempSync(path.join(tmpdir(), 'client-tables-'));
    try {
      execFileSync(process.execPath, [extractScript, '--out-dir', outDir, '--spec-dir', specDir, '--quiet'], { cwd: repoRoot });
      for (const file of ['dockerodeMethodTable.ts', 'nodeDockerApiMethodTable.ts', 'dockerNodeSdkMethodTable.ts']) {
        const fresh = readFileSync(path.join(outDir, file), 'utf8');
        const committed = readFileSync(path.join(tablesDir, file), 'utf8');
        expect(committed, `${file} is stale: run node scripts/extract-client-tables.mjs`).toBe(fresh);
      }
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe.skipIf(specsMissing)('every table path is in the Docker Engine API specs', () => {
  /** path template -> methods, over all spec versions */
  const specOperations = new Map<string, Set<string>>();

  beforeAll(async () => {
    for (const file of specFiles) {
      // swagger-parser (not the strict `yaml` package) reads the multi-line quoted scalars of v1.25-v1.38
      const spec = (await SwaggerParser.parse(path.join(specDir, file))) as { paths?: Record<string, object> };
      for (const [template, item] of Object.entries(spec.paths ?? {})) {
        const methods = specOperations.get(template) ?? new Set<string>();
        for (const key of Object.keys(item)) methods.add(key.toUpperCase());
        specOperations.set(template, methods);
      }
    }
  }, 120_000);

  it('every request not flagged notInSpec has its method + path in at least one spec version', () => {
    const missing = allRequests()
      .filter(({ request }) => !request.notInSpec)
      .filter(({ request }) => !specOperations.get(request.path)?.has(request.method))
      .map(({ library, method, request }) => `${library} ${method.className}.${method.name}: ${request.method} ${request.path}`);
    expect(missing).toEqual([]);
  });

  it('every notInSpec flag is true, and the flagged set is exactly the known library bugs', () => {
    const flagged = allRequests().filter(({ request }) => request.notInSpec);
    for (const { request } of flagged) expect(specOperations.get(request.path)?.has(request.method) ?? false).toBe(false);
    expect(flagged.map(({ library, method, request }) => `${library} ${method.className}.${method.name} ${request.method} ${request.path}`).sort()).toEqual([
      // checkpoints are experimental and never made it into the Swagger specs
      'dockerode Container.createCheckpoint POST /containers/{id}/checkpoints',
      'dockerode Container.deleteCheckpoint DELETE /containers/{id}/checkpoints/{checkpoint}',
      'dockerode Container.listCheckpoint GET /containers/{id}/checkpoints',
      // removed in API v1.24, before the first Swagger spec
      'dockerode Container.copy POST /containers/{id}/copy',
      // typo for /images/{name}/history
      '@docker/node-sdk DockerClient.imageHistory GET /image/{name}/history',
      // the API resizes with POST
      'node-docker-api Container.resize GET /containers/{id}/resize',
      // inspect is GET /plugins/{name}/json
      'node-docker-api Plugin.status GET /plugins/{name}',
    ].sort());
  });

  it('every path the tables name without a flag is spelled as a spec spells it', () => {
    for (const { request } of allRequests()) {
      if (request.notInSpec?.includes('has this path')) continue; // no spec has the path at all
      expect(specOperations.has(request.path), request.path).toBe(true);
    }
  });
});

// ---------------------------------------------------------------------------

describe('hand-checked facts', () => {
  it('dockerode createContainer: POST /containers/create, keys split between query and body, resolves a Container', () => {
    const method = methodOf(dockerodeMethodTable, 'Docker', 'createContainer');
    expect(method.optionsArg).toBe(0);
    expect(method.requests).toHaveLength(1);
    expect(method.requests[0]).toMatchObject({ method: 'POST', path: '/containers/create', options: 'query+body' });
    expect(method.requests[0].dropped).toEqual(expect.arrayContaining(['authconfig', 'abortSignal']));
    expect(method.result).toEqual({ kind: 'object', className: 'Container' });
  });

  it('dockerode listContainers: GET /containers/json with the options as query string', () => {
    const method = methodOf(dockerodeMethodTable, 'Docker', 'listContainers');
    expect(method.requests).toEqual([expect.objectContaining({ method: 'GET', path: '/containers/json', options: 'query' })]);
    expect(method.result).toEqual({ kind: 'response', request: 0 });
  });

  it('dockerode Container.start: POST /containers/{id}/start (path ends in ?, so query+body)', () => {
    const method = methodOf(dockerodeMethodTable, 'Container', 'start');
    expect(method.requests).toEqual([expect.objectContaining({ method: 'POST', path: '/containers/{id}/start', options: 'query+body' })]);
  });

  it('dockerode Image.push: X-Registry-Auth from opts.authconfig or the 3rd argument, streamed result', () => {
    const method = methodOf(dockerodeMethodTable, 'Image', 'push');
    const [request] = method.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/images/{name}/push', options: 'query+body' });
    expect(request.headers).toContain('X-Registry-Auth');
    expect(request.dropped).toContain('authconfig');
    expect(method.result).toEqual({ kind: 'stream' });
  });

  it('dockerode run: create, attach, start, wait; createOptions are argument 3, startOptions argument 4', () => {
    const method = methodOf(dockerodeMethodTable, 'Docker', 'run');
    expect(method.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /containers/create',
      'POST /containers/{id}/attach',
      'POST /containers/{id}/start',
      'POST /containers/{id}/wait',
    ]);
    expect(method.optionsArg).toBe(3);
    expect(method.requests[0].fixedBody).toEqual(expect.arrayContaining(['Image', 'Cmd', 'Tty']));
    expect(method.requests[1]).toMatchObject({ optionsFrom: null, fixedQuery: ['stderr', 'stdout', 'stream'] });
    expect(method.requests[2].optionsFrom).toBe(4);
    expect(method.result).toEqual({ kind: 'response', request: 3 });
  });

  it('dockerode pull is createImage with fromImage and tag set by the library', () => {
    const method = methodOf(dockerodeMethodTable, 'Docker', 'pull');
    expect(method.requests).toEqual([expect.objectContaining({ method: 'POST', path: '/images/create', fixedQuery: ['fromImage', 'tag'] })]);
  });

  it('dockerode createImage(auth, opts, cb) also accepts createImage(opts, cb)', () => {
    const method = methodOf(dockerodeMethodTable, 'Docker', 'createImage');
    expect(method.optionsArg).toBe(1);
    expect(method.optionsArgOverloads).toEqual([0]);
  });

  it('dockerode importImage streams a tar and always sets fromSrc', () => {
    const [request] = methodOf(dockerodeMethodTable, 'Docker', 'importImage').requests;
    expect(request).toMatchObject({ path: '/images/create', options: 'query', fixedQuery: ['fromSrc'], bodyIsStream: true });
  });

  it('dockerode buildImage opens a BuildKit session only for version "2", and sends registryconfig as X-Registry-Config', () => {
    const method = methodOf(dockerodeMethodTable, 'Docker', 'buildImage');
    expect(method.requests.map((request) => request.path)).toEqual(['/session', '/build']);
    expect(method.requests[0].condition).toBe('opts.version === "2"');
    expect(method.requests[1].headers).toEqual(expect.arrayContaining(['X-Registry-Config', 'X-Registry-Auth']));
    expect(method.requests[1].dropped).toContain('registryconfig');
  });

  it('dockerode Plugin.pull ("install a plugin") honours the { _query, _body } envelope', () => {
    const [request] = methodOf(dockerodeMethodTable, 'Plugin', 'pull').requests;
    expect(request).toMatchObject({ method: 'POST', path: '/plugins/pull', options: 'query+body', acceptsQueryBodyEnvelope: true });
    expect(request.fixedQuery).toEqual(['name', 'remote']);
  });

  it('dockerode factories and helpers send nothing', () => {
    expect(methodOf(dockerodeMethodTable, 'Docker', 'getContainer')).toMatchObject({ requests: [], result: { kind: 'object', className: 'Container' } });
    expect(methodOf(dockerodeMethodTable, 'Modem', 'followProgress').requests).toEqual([]);
    expect(findClientProperty(dockerodePropertyTable, 'Docker', 'modem')?.valueClassName).toBe('Modem');
  });

  it('dockerode silently drops options where the path has no ? and the request is not a POST', () => {
    expect(methodOf(dockerodeMethodTable, 'Volume', 'remove').requests[0].options).toBe('none');
    expect(methodOf(dockerodeMethodTable, 'Image', 'inspect').requests[0].options).toBe('none');
  });

  it('node-docker-api Plugin.install: POST /plugins/pull, resolving a Plugin', () => {
    const method = methodOf(nodeDockerApiMethodTable, 'Plugin', 'install');
    expect(method.requests).toEqual([expect.objectContaining({ method: 'POST', path: '/plugins/pull', options: 'query+body' })]);
    expect(method.result).toEqual({ kind: 'object', className: 'Plugin' });
  });

  it('node-docker-api managers hang off Docker properties and list methods wrap each item', () => {
    expect(findClientProperty(nodeDockerApiPropertyTable, 'Docker', 'container')?.valueClassName).toBe('ContainerManager');
    expect(methodOf(nodeDockerApiMethodTable, 'ContainerManager', 'list').result).toEqual({ kind: 'object', className: 'Container', array: true });
    expect(methodOf(nodeDockerApiMethodTable, 'Image', 'push').requests[0].headers).toEqual(['X-Registry-Auth']);
  });

  it('@docker/node-sdk containerCreate: the spec argument is the body, the options the query', () => {
    const method = methodOf(dockerNodeSdkMethodTable, 'DockerClient', 'containerCreate');
    expect(method.optionsArg).toBe(1);
    expect(method.requests).toEqual([expect.objectContaining({ method: 'POST', path: '/containers/create', options: 'query', bodyArg: 0 })]);
  });

  it('@docker/node-sdk renames and picks option keys, and moves credentials to a header', () => {
    expect(methodOf(dockerNodeSdkMethodTable, 'DockerClient', 'containerDelete').requests[0].renamed).toEqual({ volumes: 'v' });
    expect(methodOf(dockerNodeSdkMethodTable, 'DockerClient', 'containerStop').requests[0].renamed).toEqual({ timeout: 't' });
    const push = methodOf(dockerNodeSdkMethodTable, 'DockerClient', 'imagePush').requests[0];
    expect(push).toMatchObject({ forwardedKeys: ['platform', 'tag'], dropped: ['credentials'], headers: ['X-Registry-Auth'] });
    expect(methodOf(dockerNodeSdkMethodTable, 'DockerClient', 'imageTag').requests[0].queryArgs).toEqual({ repo: 1, tag: 2 });
  });
});

// ---------------------------------------------------------------------------
// Runtime cross-check: call the real libraries with their HTTP layer replaced by a recorder.

interface RecordedRequest {
  method: string;
  path: string;
  /** what reached the query string / body side, to see which argument the library forwarded */
  options?: unknown;
  file?: unknown;
  params?: unknown;
  data?: unknown;
}

const require = createRequire(import.meta.url);
const fakeResponseData = { Id: 'ID', ID: 'ID', Name: 'ID' };
const probeKey = 'probeOption';

/** Awaits whatever a client method returned (promise, async generator, { wait }) and ignores failures of the fake data. */
async function settle(result: unknown): Promise<void> {
  try {
    const value = result as { then?: unknown; next?: () => Promise<unknown> } | undefined;
    if (value && typeof value.next === 'function') await value.next();
    else await result;
  } catch {
    // the recorder's fake responses are not what every method expects; only the requests matter here
  }
}

/** Walks property and factory tables from the entry object to one instance per class. */
function instancesByClass(
  entry: object,
  entryClassName: string,
  table: ClientMethodTable,
  properties: ClientPropertyTable,
): Map<string, Record<string, unknown>> {
  const instances = new Map<string, Record<string, unknown>>([[entryClassName, entry as Record<string, unknown>]]);
  for (let changed = true; changed; ) {
    changed = false;
    for (const property of properties) {
      const owner = instances.get(property.className);
      if (owner && !instances.has(property.valueClassName) && property.valueClassName !== 'Modem') {
        instances.set(property.valueClassName, owner[property.name] as Record<string, unknown>);
        changed = true;
      }
    }
    for (const method of table) {
      const owner = instances.get(method.className);
      if (owner && method.requests.length === 0 && method.result.kind === 'object' && !instances.has(method.result.className)) {
        instances.set(method.result.className, (owner[method.name] as (id: string) => Record<string, unknown>).call(owner, 'ID'));
        changed = true;
      }
    }
  }
  return instances;
}

/** docker-modem's rule (modem.js dial): '?' in the path -> query string; POST without a file -> JSON body. */
function modemPlacement(call: RecordedRequest): ClientRequest['options'] {
  const toQuery = call.path.includes('?');
  const toBody = call.method === 'POST' && !call.file;
  return toQuery && toBody ? 'query+body' : toQuery ? 'query' : toBody ? 'body' : 'none';
}

/**
 * Pairs the recorded requests with the table's, in order (conditional table
 * requests may be skipped), and checks method, path and which argument the
 * library forwarded.
 */
function expectRecordedMatchesTable(method: ClientMethod, recorded: RecordedRequest[], args: unknown[], viaModem: boolean): void {
  const label = `${method.className}.${method.name}`;
  let next = 0;
  for (const call of recorded) {
    const line = `${call.method} ${call.path}`;
    while (next < method.requests.length) {
      const candidate = method.requests[next];
      const matches = candidate.method === call.method && templatePattern(candidate.path).test(call.path);
      if (matches || !candidate.condition) break;
      next++; // a conditional request that was not sent
    }
    const expected = method.requests[next++];
    expect(expected, `${label}: unexpected extra request ${line}`).toBeDefined();
    expect(line, label).toBe(`${expected.method} ${call.path}`);
    expect(call.path, label).toMatch(templatePattern(expected.path));

    const from = expected.optionsFrom === undefined ? method.optionsArg : expected.optionsFrom;
    const fromArgument = from === null ? undefined : (args[from] as Record<string, unknown> | undefined);
    const sent = { ...((call.options ?? call.params ?? {}) as object), ...((call.data ?? {}) as object) } as Record<string, unknown>;
    const forwarded = sent[probeKey] !== undefined;
    if (viaModem) {
      // what dial() received, put on the wire by docker-modem's rule, must be the tabled placement
      if (from === null) expect(forwarded, `${label}: no caller options on ${line}`).toBe(false);
      else if (forwarded) expect(modemPlacement(call), `${label}: placement of ${line}`).toBe(expected.options);
      else expect(expected.options, `${label}: options not forwarded on ${line}`).toBe('none');
    } else if (expected.options !== 'none' && !expected.forwardedKeys && fromArgument) {
      expect(sent[probeKey], `${label}: argument ${from} is forwarded`).toBe(fromArgument[probeKey]);
    }
  }
  const unsent = method.requests.slice(next).filter((request) => !request.condition);
  expect(unsent.map((request) => `${request.method} ${request.path}`), `${label}: requests not sent`).toEqual([]);
}

/** Arguments before the options object that need a usable value (run's streamo must be falsy). */
const dockerodeLeadingArguments: Record<string, unknown[]> = {
  'Docker.run': ['image', ['true'], undefined],
  'Docker.runPromise': ['image', ['true'], undefined],
  'Docker.runCallback': ['image', ['true'], undefined],
};

function dockerodeArguments(method: ClientMethod, callback: () => void): unknown[] {
  const args: unknown[] = [...(dockerodeLeadingArguments[`${method.className}.${method.name}`] ?? [])];
  if (method.optionsArg === null) return args;
  while (args.length < method.optionsArg) args.push('ARG');
  args[method.optionsArg] = { [probeKey]: 'probe' };
  for (const request of method.requests) {
    if (typeof request.optionsFrom === 'number') args[request.optionsFrom] = { [probeKey]: 'start-probe' };
  }
  if (method.name === 'runCallback') args.push(callback);
  return args;
}

describe('the tables agree with what the libraries send', () => {
  it('dockerode: every method dials the tabled method, path and options argument', async () => {
    const Docker = require('dockerode') as new (options: object) => object;
    let recorded: RecordedRequest[] = [];
    const modem = {
      Promise,
      dial(options: { method: string; path: string; options?: unknown; file?: unknown }, callback: (error: unknown, data: unknown) => void) {
        recorded.push({ method: options.method, path: options.path, options: options.options, file: options.file });
        callback(null, { ...fakeResponseData });
      },
      demuxStream() {},
      followProgress() {},
    };
    const docker = new Docker({ modem });
    const instances = instancesByClass(docker, 'Docker', dockerodeMethodTable, dockerodePropertyTable);
    let checked = 0;
    for (const method of dockerodeMethodTable) {
      if (method.requests.length === 0) continue;
      const instance = instances.get(method.className);
      expect(instance, `an instance of ${method.className}`).toBeDefined();
      recorded = [];
      const args = dockerodeArguments(method, () => {});
      await settle((instance![method.name] as (...args: unknown[]) => unknown).apply(instance, args));
      await new Promise((resolve) => setImmediate(resolve));
      expectRecordedMatchesTable(method, recorded, args, true);
      checked++;
    }
    expect(checked).toBeGreaterThan(90);
  });

  it('node-docker-api: every method dials the tabled method, path and options argument', async () => {
    const { Docker } = require('node-docker-api') as { Docker: new (options: object) => { modem: { dial: unknown } } };
    const docker = new Docker({ socketPath: '/nonexistent/docker.sock' });
    let recorded: RecordedRequest[] = [];
    docker.modem.dial = (options: { method: string; path: string; options?: unknown; file?: unknown }, callback: (error: unknown, data: unknown) => void) => {
      recorded.push({ method: options.method, path: options.path, options: options.options, file: options.file });
      callback(null, { ...fakeResponseData });
    };
    const instances = instancesByClass(docker, 'Docker', nodeDockerApiMethodTable, nodeDockerApiPropertyTable);
    let checked = 0;
    for (const method of nodeDockerApiMethodTable) {
      if (method.requests.length === 0) continue;
      const instance = instances.get(method.className);
      expect(instance, `an instance of ${method.className}`).toBeDefined();
      recorded = [];
      const args: unknown[] = [];
      if (method.optionsArg !== null) {
        while (args.length < method.optionsArg) args.push('ARG');
        args[method.optionsArg] = { [probeKey]: 'probe' };
      }
      await settle((instance![method.name] as (...args: unknown[]) => unknown).apply(instance, args));
      expectRecordedMatchesTable(method, recorded, args, true);
      checked++;
    }
    expect(checked).toBeGreaterThan(80);
  });

  it('@docker/node-sdk: every method calls the tabled verb, path, and forwards the tabled arguments', async () => {
    const { DockerClient } = (await import('@docker/node-sdk')) as unknown as { DockerClient: new (agent: object) => object };
    const client = new DockerClient({});
    let recorded: RecordedRequest[] = [];
    const fakeResponse = () => ({ status: 200, json: async () => ({}), headers: new Headers(), body: undefined });
    const record = (method: string) => (uri: string, ...rest: unknown[]) => {
      recorded.push({ method, path: uri, params: rest[0], data: rest[1] });
      return Promise.resolve(fakeResponse());
    };
    const api = {
      head: record('HEAD'),
      getJSON: (uri: string, params?: unknown) => record('GET')(uri, params).then(() => ({})),
      get: (uri: string, _accept: string, params?: unknown) => record('GET')(uri, params),
      post: record('POST'),
      put: record('PUT'),
      delete: record('DELETE'),
      upgrade: (uri: string, params?: unknown) => record('POST')(uri, params).then(() => ({ content: 'unknown', socket: null })),
    };
    (client as unknown as { api: unknown }).api = api;
    let checked = 0;
    for (const method of dockerNodeSdkMethodTable) {
      if (method.requests.length === 0) continue;
      const fn = (client as Record<string, unknown>)[method.name] as (...args: unknown[]) => unknown;
      const [first] = method.requests;
      const probe: Record<string, unknown> = { [probeKey]: 'probe' };
      for (const key of first.forwardedKeys ?? []) probe[key] = `probe-${key}`;
      const args: unknown[] = [];
      const arity = Math.max(fn.length, (method.optionsArg ?? -1) + 1, (first.bodyArg ?? -1) + 1);
      for (let i = 0; i < arity; i++) args.push(i === method.optionsArg ? probe : i === first.bodyArg ? {} : `ARG${i}`);
      recorded = [];
      await settle(fn.apply(client, args));
      expectRecordedMatchesTable(method, recorded, args, false);
      const [call] = recorded;
      const params = (call.params ?? {}) as Record<string, unknown>;
      for (const key of first.forwardedKeys ?? []) {
        const wireName = first.renamed?.[key] ?? key;
        expect(String(params[wireName]), `${method.name}: ${key} -> ${wireName}`).toContain(`probe-${key}`);
      }
      for (const [wireName, index] of Object.entries(first.queryArgs ?? {})) {
        const inUrl = call.path.includes(`${wireName}=${String(args[index])}`);
        expect(inUrl || params[wireName] === args[index], `${method.name}: ${wireName} <- argument ${index}`).toBe(true);
      }
      if (first.bodyArg !== undefined) expect(call.data, `${method.name}: body is argument ${first.bodyArg}`).toBe(args[first.bodyArg]);
      if (first.options === 'body') expect(call.data, `${method.name}: body is the options`).toBe(probe);
      checked++;
    }
    expect(checked).toBeGreaterThan(55);
  });
});
