import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.js';

/**
 * Shapes met in open-source projects that talk to the Engine, each of which the scan once
 * misread: request helpers that hand on the library's response, options built in steps
 * (`push`, nested assignments under `if`), helpers called from several places, clients kept
 * in subclasses, singletons and typed lists, a base URL ending in the version, and shell
 * scripts without an extension.
 */
const files: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'fleet-console', version: '2.3.0', type: 'module' }),
  // A request helper that returns fetch's Response as it is: its .ok and .status are not Engine fields.
  'src/engine/client.ts': `import { Agent, fetch } from 'undici';

const dispatcher = new Agent({ connect: { socketPath: '/var/run/docker.sock' } });

async function engine(endpoint: string) {
  return fetch(\`http://localhost\${endpoint}\`, { dispatcher });
}

export async function isRunning(id: string): Promise<boolean> {
  const response = await engine(\`/containers/\${id}/json\`);
  if (!response.ok) throw new Error(\`inspect failed: \${response.status}\`);
  const info = await response.json();
  return info.State.Running;
}
`,
  // axios instance whose baseURL carries the version; the helper's callers write the paths.
  'src/engine/legacy.cjs': `const axios = require('axios');

const api = axios.create({ baseURL: 'http://localhost/v1.39', socketPath: '/var/run/docker.sock' });

function get(url) {
  return api.get(url);
}

function request(method, path, data) {
  return api.request({ method, url: path, data });
}

async function listAll() {
  const { data } = await get('/containers/json?all=true');
  return data.map((container) => ('ImageID' in container ? container.Names : []));
}

async function prune() {
  return request('post', '/containers/prune');
}

module.exports = { listAll, prune };
`,
  // Options built in steps: a list filled with push, a nested field set under a condition, and
  // a create helper called from two places with different names.
  'src/deploy/services.ts': `import Docker from 'dockerode';

const docker = new Docker({ socketPath: '/var/run/docker.sock' });

export function createWebService(name: string, ports: number[], publishOnHost: boolean, volume?: string) {
  const published: Array<Record<string, unknown>> = [];
  for (const port of ports) {
    const entry: Record<string, unknown> = { Protocol: 'tcp', TargetPort: port };
    if (publishOnHost) entry.PublishMode = 'host';
    published.push(entry);
  }
  const spec: any = {
    Name: name,
    TaskTemplate: { ContainerSpec: { Image: 'nginx:1.27' }, Resources: { Limits: { MemoryBytes: 256 * 1024 * 1024 } } },
    EndpointSpec: { Ports: published },
  };
  if (volume) {
    spec.TaskTemplate.ContainerSpec.Mounts = [{ Type: 'volume', Source: volume, Target: '/data' }];
  }
  return docker.createService(spec);
}

async function createWorker(name: string) {
  return docker.createContainer({ Image: 'acme/worker:3', name: \`worker-\${name}\`, Env: ['QUEUE=default'] });
}

export async function startBilling() {
  await createWorker('billing');
}

export async function startMailer() {
  await createWorker('mailer');
}
`,
  // The client as a subclass, as a lazy singleton, and in a typed list.
  'src/hosts/engines.ts': `import Dockerode from 'dockerode';

export class Engine extends Dockerode {
  async networkNames(): Promise<string[]> {
    const networks = await this.listNetworks();
    return networks.map((network) => network.Name);
  }
}

export const local = new Engine({ socketPath: '/var/run/docker.sock', version: 'v1.43' });

export async function runningCount(): Promise<number> {
  return (await local.listContainers({ all: false })).length;
}

export class EngineRegistry {
  private static instance: EngineRegistry | null = null;
  readonly engine = new Dockerode({ socketPath: '/var/run/docker.sock' });

  static get(): EngineRegistry {
    if (!EngineRegistry.instance) EngineRegistry.instance = new EngineRegistry();
    return EngineRegistry.instance;
  }
}

export function engineInfo() {
  return EngineRegistry.get().engine.info();
}

interface RemoteEngine {
  host: string;
  client: Dockerode;
}

export function volumesOf(engines: RemoteEngine[]) {
  return Promise.all(engines.map(({ client }) => client.listVolumes()));
}

export class EngineApi {
  private readonly docker: Dockerode;

  constructor(options: Dockerode.DockerOptions) {
    this.docker = new Dockerode(options);
  }

  pruneImages() {
    return this.docker.pruneImages();
  }
}

const engineOptions: Dockerode.DockerOptions = process.env.DOCKER_HOST ? { host: 'docker', port: 2375 } : { socketPath: '/var/run/docker.sock' };
engineOptions.version = 'v1.41';
export const engineApi = new EngineApi(engineOptions);
`,
  // A request method that strips leading slashes, on a URL whose scheme is configured.
  'src/engine/events.ts': `import { Agent, fetch } from 'undici';

export class EngineHttp {
  private readonly dispatcher = new Agent({ connect: { socketPath: '/var/run/docker.sock' } });

  constructor(private readonly protocol: string) {}

  async request(endpoint: string) {
    const trimmed = endpoint.replace(/^\\/+/, '');
    return fetch(\`\${this.protocol}://localhost/\${trimmed}\`, { dispatcher: this.dispatcher });
  }
}

const engineHttp = new EngineHttp(process.env.DOCKER_PROTOCOL ?? 'http');

export async function containerLogs(id: string) {
  return engineHttp.request(\`/containers/\${id}/logs?stdout=1&follow=0\`);
}
`,
  // A service spec read from the daemon, changed, and sent back; a response field spelt exactly.
  'src/swarm/rollout.ts': `import Docker from 'dockerode';

const docker = new Docker();

export async function rollOut(serviceName: string, image: string) {
  const service = docker.getService(serviceName);
  const current = await service.inspect();
  const spec = current.Spec;
  spec.version = current.Version.Index;
  spec.TaskTemplate.ContainerSpec.Image = image;
  return service.update(spec);
}

export async function nodeCpus() {
  const nodes = await docker.listNodes();
  return nodes.map((node) => node.Description.Resources.NanoCPUs);
}
`,
  // The request package, with the socket in the URL as its docs show.
  'src/legacy/proxy.js': `const request = require('request');

const SOCKET = 'http://unix:/var/run/docker.sock:';

function containerJson(id, callback) {
  request.get(SOCKET + '/containers/' + id + '/json', { headers: { host: 'docker' }, json: true }, callback);
}

function restart(id, callback) {
  request({ method: 'POST', uri: SOCKET + '/containers/' + id + '/restart', qs: { t: 5 } }, callback);
}

module.exports = { containerJson, restart };
`,
  // Callback methods wrapped in promises by hand, to await them.
  'src/hosts/lookup.js': `const Docker = require('dockerode');

const docker = new Docker();

async function findByName(name) {
  const containers = await new Promise((resolve, reject) => {
    docker.listContainers({ all: true }, (err, list) => (err ? reject(err) : resolve(list)));
  });
  const found = containers.find((container) => container.Names.includes('/' + name));
  return found ? found.Id : undefined;
}

function version() {
  return new Promise((resolve) => docker.version((err, data) => resolve(err ? null : data))).then((data) => data && data.ApiVersion);
}

async function withTimeout(callback) {
  return Promise.race([new Promise((_, reject) => setTimeout(reject, 5000)), callback()]);
}

async function volumesInUse() {
  const [containers, volumes] = await Promise.all([docker.listContainers({ all: true }), docker.listVolumes()]);
  const used = volumes.Volumes.filter((volume) => containers.some((container) => container.Mounts.some((mount) => mount.Name === volume.Name)));
  return used.map((volume) => volume.CreatedAt);
}

async function images() {
  const list = await withTimeout(async () => docker.listImages());
  return list.map((image) => image.RepoTags);
}

async function state(id) {
  const info = await docker.getContainer(id).inspect().catch(() => {
    throw new Error('gone');
  });
  return info.State.Status;
}

module.exports = { findByName, version, volumesInUse, images, state };
`,
  // An event listener written against the event format before API 1.22, which daemons sent until 1.52.
  'src/hosts/events.js': `const Docker = require('dockerode');

const docker = new Docker();

async function onDeath(handler) {
  const stream = await docker.getEvents({ filters: { type: ['container'], event: ['die'] } });
  stream.on('data', (chunk) => {
    const event = JSON.parse(chunk.toString());
    if (event.status === 'die') handler(event.id, event.Actor.Attributes.exitCode);
  });
}

module.exports = { onDeath };
`,
  'src/hosts/pulls.js': `const Docker = require('dockerode');
const JSONStream = require('JSONStream');

const docker = new Docker();

async function pullWithProgress(image, report) {
  const stream = await docker.createImage({ fromImage: image });
  stream.pipe(JSONStream.parse()).on('data', (message) => report(message.status, message.progressDetail));
}

module.exports = { pullWithProgress };
`,
  'src/hosts/watch.ts': `import Docker from 'dockerode';
import JSONStream from 'JSONStream';

const docker = new Docker();

export async function watch(onChange: (id: string) => void) {
  const stream = await docker.getEvents({ filters: { type: ['container'] } });
  const parser = JSONStream.parse(true);
  parser.on('data', (data: { status: string; id: string }) => {
    if (data.status === 'start' || data.status === 'die') onChange(data.id);
  });
  stream.pipe(parser);
}
`,
  // The container's own id, with a fallback: two possible values, one request.
  'src/hosts/self.ts': `import axios from 'axios';
import os from 'node:os';

const engine = axios.create({ socketPath: '/var/run/docker.sock', baseURL: 'http://localhost/v1.41' });

export async function restartSelf() {
  const id = os.hostname() || 'localhost';
  await engine.post(\`/containers/\${id}/restart?t=5\`);
}
`,
  // Callback-era code: the callback where dockerode's signature has the options (createImage(auth, opts, callback)).
  'src/legacy/executor.js': `const Docker = require('dockerode');

const docker = new Docker();

function pull(options, cb) {
  docker.createImage(options, cb);
}

function start(container, callback) {
  container.start(callback);
}

function deploy(name, image, done) {
  pull({ fromImage: image, tag: 'latest' }, (err) => (err ? done(err) : start(docker.getContainer(name), done)));
}

module.exports = { deploy };
`,
  // Raw node http the way small clients write it: a transport chosen by TLS, whole options from
  // the callers, a socket from configuration with the version in the callers' paths.
  'src/engine/raw.js': `const http = require('http');
const https = require('https');
const settings = require('./settings');

function transport() {
  return settings.tls ? https : http;
}

function send(options, body) {
  const payload = body === undefined ? null : Buffer.from(JSON.stringify(body));
  const req = transport().request(options, () => {});
  if (payload) req.write(payload);
  req.end();
  return req;
}

function engine(method, path) {
  return http.request({ socketPath: settings.socket, method, path }, () => {}).end();
}

send({ socketPath: '/var/run/docker.sock', method: 'POST', path: '/v1.32/networks/create' }, { Name: 'ci', Labels: { ci: '1' } });
engine('POST', '/v1.43/containers/web/restart?t=5');
engine('GET', '/v2/_catalog');

module.exports = { send, engine };
`,
  'src/engine/settings.js': `module.exports = { tls: process.env.DOCKER_TLS_VERIFY === '1', socket: process.env.ENGINE_SOCKET, DOCKER_API_VERSION: process.env.DOCKER_API_VERSION || 'v1.43' };
`,
  // A helper that talks to the socket through undici and falls back to fetch on a TCP host.
  'src/engine/fallback.mjs': `import { Agent, request } from 'undici';
const SOCKET = '/var/run/docker.sock';
export async function engine(method, path) {
  if (process.env.DOCKER_HOST) {
    const res = await fetch(\`http://localhost:2375\${path}\`, { method });
    return res.json();
  }
  const { body } = await request(\`http://localhost\${path}\`, { method, dispatcher: new Agent({ connect: { socketPath: SOCKET } }) });
  return body.json();
}
export const start = (id) => engine('POST', \`/v1.41/containers/\${id}/start\`);
`,
  'src/engine/esm.mjs': `export async function containers() {
  const { Agent, request } = await import('undici');
  const dispatcher = new Agent({ connect: { socketPath: '/var/run/docker.sock' } });
  return request('http://localhost/v1.41/containers/json?all=1', { dispatcher });
}
`,
  // A client imported through a tsconfig path alias and handed to a helper as an argument.
  'tsconfig.json': `{
  // paths as a Next.js or NestJS project sets them
  "compilerOptions": { "strict": true, "baseUrl": ".", "paths": { "@engine/*": ["src/engine/*"] }, },
}
`,
  'src/engine/api.ts': `import axios from 'axios';

export const engineApi = axios.create({ socketPath: '/var/run/docker.sock', baseURL: 'http://localhost/v1.41' });
`,
  'src/ops/cleanup.ts': `import { engineApi } from '@engine/api';

async function removeExited(api: any) {
  const { data } = await api.get('/containers/json?all=true&filters=' + encodeURIComponent(JSON.stringify({ status: ['exited'] })));
  for (const container of data) await api.delete(\`/containers/\${container.Id}?v=true\`);
}

export const cleanup = () => removeExited(engineApi);
`,
  // lodash shaping options and reading results, as older JavaScript does.
  'src/legacy/networks.js': `const _ = require('lodash');
const get = require('lodash/get');
const Docker = require('dockerode');

const docker = new Docker();

function createNetwork(name, opts) {
  return docker.createNetwork(_.merge({}, opts, { Name: name, Attachable: true, Labels: { app: 'fleet' } }));
}

async function gateway(id) {
  const network = await docker.getNetwork(id).inspect();
  const config = _.get(network, ['IPAM', 'Config', '0']);
  return config.Gateway + get(network, 'Options.mtu');
}

async function volumeNames() {
  const list = await docker.listVolumes();
  return _.map(list.Volumes, 'Name');
}

async function inspectAll() {
  const containers = await docker.listContainers();
  return Promise.all(_.map(containers, (container) => docker.getContainer(container.Id).inspect()));
}

module.exports = { createNetwork, gateway, volumeNames, inspectAll };
`,
  // curl run from code, as dashboards do to read stats without a client library.
  'src/legacy/stats.js': `const { execSync } = require('child_process');

function memoryUsage(id) {
  const out = execSync(\`curl -s --unix-socket /var/run/docker.sock "http://localhost/v1.41/containers/\${id}/stats?stream=false"\`);
  return JSON.parse(out.toString()).memory_stats.usage;
}

const run = (cmd) => new Promise((resolve, reject) => {
  require('child_process').exec(cmd, (error, stdout) => (error ? reject(error) : resolve(stdout)));
});

const listRunning = () => run('docker ps --format "{{json .}}"');
const top = (id) => run(\`curl -s --unix-socket /var/run/docker.sock http://localhost/v1.41/containers/\${id}/top\`);

module.exports = { memoryUsage, listRunning, top };
`,
  // A client built from settings read at run time: its pin is unknown, and the scan says why.
  'src/hosts/configured.ts': `import Docker from 'dockerode';
import { readFileSync } from 'node:fs';

const settings = JSON.parse(readFileSync('/etc/fleet/settings.json', 'utf8'));
const engine = new Docker(settings.docker);

export const ping = () => engine.ping();
`,
  // A subclass exported as an anonymous-looking class expression, constructed in another module.
  'src/legacy/landerode.js': `const Dockerode = require('dockerode');

module.exports = class Landerode extends Dockerode {
  constructor(opts = {}) {
    super(opts);
  }
};
`,
  'src/legacy/engine.js': `const Landerode = require('./landerode');

class Engine {
  constructor() {
    this.docker = new Landerode({ socketPath: '/var/run/docker.sock', version: 'v1.40' });
  }

  networks() {
    return this.docker.listNetworks({ filters: { driver: ['bridge'] } });
  }
}

module.exports = Engine;
`,
  // A monitor that keeps the containers it watches in a list field, filled in one method, read in another.
  'src/legacy/monitor.js': `const Docker = require('dockerode');

class Monitor {
  constructor() {
    this.containers = null;
  }

  async find(local) {
    this.containers = [];
    for (const id of local) this.containers.push({ id, remote: null });
    const docker = new Docker({ host: 'build-01', port: 2375, version: 'v1.41' });
    for (const info of await docker.listContainers()) this.containers.push({ id: info.Id, remote: docker.getContainer(info.Id) });
  }

  async sample() {
    const pending = [];
    for (let i = 0; i < this.containers.length; i++) {
      if (this.containers[i].remote !== null) pending.push(this.containers[i].remote.stats({ stream: false }));
    }
    return (await Promise.all(pending)).map((stats) => stats.memory_stats.usage);
  }
}

module.exports = Monitor;
`,
  // Objects handed to helpers under names no heuristic knows.
  'src/legacy/handed.js': `const Docker = require('dockerode');

const docker = new Docker({ version: 'v1.41' });

function bounce(c) {
  return c.restart({ t: 5 });
}

function inspectAll(nets) {
  return Promise.all(nets.map((n) => n.inspect()));
}

bounce(docker.getContainer('web'));
inspectAll([docker.getNetwork('front'), docker.getNetwork('back')]);
`,
  // A request helper that adds the socket to whatever options its callers pass.
  'src/engine/spread.js': `const http = require('http');
const SOCKET = process.env.ENGINE_SOCKET || '/var/run/docker.sock';

function request(options, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ ...options, socketPath: SOCKET }, (res) => {
      let data = '';
      res.on('data', (chunk) => (data += chunk));
      res.on('end', () => resolve(JSON.parse(data)));
    });
    req.on('error', reject);
    if (body) req.write(JSON.stringify(body));
    req.end();
  });
}

async function names() { return (await request({ method: 'GET', path: '/containers/json?all=1' })).map((c) => c.Names); }
async function create(name) { return request({ method: 'POST', path: \`/containers/create?name=\${name}\` }, { Image: 'nginx', HostConfig: { Init: true } }); }

module.exports = { names, create };
`,
  // A client kept in a constructor parameter property, given by the one place that builds the class.
  'src/hosts/containerClient.ts': `import Dockerode, { Container } from 'dockerode';

export class ContainerClient {
  constructor(public readonly dockerode: Dockerode) {}

  async remove(container: Container): Promise<void> {
    await container.remove({ v: true });
  }

  async byLabel(label: string) {
    return this.dockerode.listContainers({ limit: 1, filters: { label: [label] } });
  }
}

export const containers = new ContainerClient(new Dockerode({ version: 'v1.44' }));
`,
  // The request package through the socket, the body decoded by json: true; an error's message.
  'src/legacy/inspect.js': `const request = require('request');

function running(id, callback) {
  request({ method: 'GET', url: \`http://unix:/var/run/docker.sock:/containers/\${id}/json\`, headers: { host: 'localhost' }, json: true }, (error, res, body) => {
    if (error) return callback(error);
    if (res.statusCode >= 300) return callback(new Error(body.message));
    callback(null, body.State.Running);
  });
}

module.exports = { running };
`,
  // A create spec kept in a field and completed by the constructor, once under a condition.
  'src/deploy/deployer.js': `const Docker = require('dockerode');

class Deployer {
  constructor(image) {
    this.docker = new Docker({ version: 'v1.41' });
    this.spec = { Image: image };
    this.spec.HostConfig = { Init: true };
    if (process.env.GPU) this.spec.Runtime = 'nvidia';
  }

  deploy() {
    return this.docker.createContainer(this.spec);
  }
}

module.exports = Deployer;
`,
  // A stats sampler: fields the specs describe only from v1.48, beside a query parameter of 1.41.
  'src/hosts/sampler.js': `const Docker = require('dockerode');

const docker = new Docker();

async function blockIo(id) {
  const stats = await docker.getContainer(id).stats({ stream: false });
  return stats.blkio_stats.io_service_bytes_recursive.map((entry) => entry.value);
}

async function quick(id) {
  const stats = await docker.getContainer(id).stats({ stream: false, 'one-shot': true });
  return stats.num_procs;
}

module.exports = { blockIo, quick };
`,
  // A pin the environment may override.
  'src/hosts/fromEnv.js': `const Docker = require('dockerode');

const docker = new Docker({ socketPath: '/var/run/docker.sock', version: process.env.DOCKER_API_VERSION || 'v1.41' });

module.exports = () => docker.ping();
`,
  // Event streams split into lines by split2: with JSON.parse as its mapper, or parsed after.
  'src/hosts/lines.js': `const Docker = require('dockerode');
const split2 = require('split2');

const docker = new Docker();

async function onDie(callback) {
  const stream = await docker.getEvents({ filters: { type: ['container'] } });
  stream.pipe(split2(JSON.parse)).on('data', (event) => event.Action === 'die' && callback(event.Actor.Attributes.name, event.status));
}

async function actions() {
  const stream = await docker.getEvents();
  stream.pipe(split2()).on('data', (line) => console.log(JSON.parse(line).Action));
}

module.exports = { onDie, actions };
`,
  // A GitHub Action that runs the docker CLI and curl through @actions/exec.
  'src/ops/action.ts': `import * as exec from '@actions/exec';

export async function run(image: string): Promise<string> {
  await exec.exec('docker', ['pull', image]);
  await exec.exec('curl', ['-fsS', '--unix-socket', '/var/run/docker.sock', 'http://localhost/v1.41/images/json']);
  return (await exec.getExecOutput('docker image inspect', [image])).stdout;
}
`,
  // A zx script: \`$\` is a global of scripts run by zx.
  'scripts/release.mjs': `#!/usr/bin/env zx
const tag = argv.tag ?? 'latest';
await $\`docker push registry.local/web:\${tag}\`;
await $\`curl -fsS -X POST --unix-socket /var/run/docker.sock http://localhost/v1.43/images/prune\`;
`,
  // A hand-written Engine client class behind a wrapper class: the version a default of the
  // client's constructor, the socket from a database row, a query string built key by key.
  'src/hosts/engineClient.js': `const http = require('http');
const https = require('https');

class EngineClient {
  constructor({ socketPath, host, port = 2375, tls = null, apiVersion = 'v1.43' } = {}) {
    this.socketPath = socketPath || null;
    this.host = host || null;
    this.port = port;
    this.tls = tls;
    this.apiVersion = apiVersion;
  }

  _transport() {
    return this.tls && !this.socketPath ? https : http;
  }

  _buildQuery(query) {
    if (!query) return '';
    const parts = Object.entries(query)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => \`\${encodeURIComponent(k)}=\${encodeURIComponent(typeof v === 'object' ? JSON.stringify(v) : v)}\`);
    return parts.length ? \`?\${parts.join('&')}\` : '';
  }

  _send(method, apiPath, { query, body } = {}) {
    const options = { method, path: \`/\${this.apiVersion}\${apiPath}\${this._buildQuery(query)}\`, headers: { Accept: 'application/json' } };
    if (this.socketPath) options.socketPath = this.socketPath;
    else Object.assign(options, { host: this.host, port: this.port });
    return new Promise((resolve, reject) => {
      const req = this._transport().request(options, resolve);
      req.on('error', reject);
      if (body !== undefined) req.write(JSON.stringify(body));
      req.end();
    });
  }

  request(method, apiPath, options = {}) {
    return this._send(method, apiPath, options);
  }
}

module.exports = { EngineClient };
`,
  'src/hosts/hostEngine.js': `const { EngineClient } = require('./engineClient');

class HostEngine {
  constructor(connection) {
    this.client = new EngineClient(connection);
  }

  version() { return this.client.request('GET', '/version'); }
  listContainers({ all = true } = {}) {
    return this.client.request('GET', '/containers/json', { query: { all: all ? 1 : 0 } });
  }
  logs(id, { tail = 200, timestamps = false, stdout = true, stderr = true } = {}) {
    return this.client.request('GET', \`/containers/\${id}/logs\`, { query: { stdout: stdout ? 1 : 0, stderr: stderr ? 1 : 0, tail, timestamps: timestamps ? 1 : 0 } });
  }
  inspect(id) { return this.client.request('GET', \`/containers/\${id}/json\`); }
  async isTty(id) {
    const info = await this.inspect(id);
    return Boolean(info.Config && info.Config.Tty);
  }
}

function parseHost(value) {
  if (value.startsWith('unix://')) return { socketPath: value.slice('unix://'.length) };
  const url = new URL(value.replace(/^tcp:\\/\\//, 'http://'));
  return { host: url.hostname, port: Number(url.port) };
}

function engineFor(row) {
  return new HostEngine({ ...parseHost(row.connection), tls: row.tls_ca ? { ca: row.tls_ca } : null });
}

module.exports = { engineFor };
`,
  // A fluent client: a modem on a configured socket, and query builders whose methods set keys.
  'src/hosts/modem.ts': `import * as http from 'http';
import * as qs from 'qs';

export class Modem {
  constructor(private readonly config: { socketPath?: string; host: string }) {}

  request(endpoint: string, method: 'GET' | 'POST', queryParams?: Record<string, string>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const queryString = queryParams ? qs.stringify(queryParams) : undefined;
      const path = queryString ? \`\${endpoint}?\${queryString}\` : endpoint;
      const req = http.request({ socketPath: this.config.socketPath, path, method }, (res) => resolve(res));
      req.on('error', reject);
      req.end();
    });
  }
}
`,
  'src/hosts/containerList.ts': `import { Modem } from './modem';

type ListQuery = { all?: string; limit?: string };

export class ContainerList {
  private query: ListQuery = {};
  private endpoint = '/containers/json';

  constructor(private readonly modem: Modem) {}

  all(): this {
    this.query.all = '1';
    return this;
  }

  limit(count: number): this {
    this.query['limit'] = String(count);
    return this;
  }

  exec(): Promise<unknown> {
    return this.modem.request(this.endpoint, 'GET', this.query);
  }
}
`,
  // Another daemon on a configured socket: its paths are not the Engine's, and /info alone says nothing.
  'src/hosts/lxd.js': `const http = require('http');

function lxd(socketPath, path) {
  return new Promise((resolve) => http.get({ socketPath, path }, resolve));
}

module.exports = {
  instances: (socket) => lxd(socket, '/1.0/instances'),
  server: (socket) => lxd(socket, '/info'),
};
`,
  // A health check without an extension, and files without one that are not scripts.
  'docker/healthcheck': `#!/usr/bin/env bash
set -euo pipefail
curl -fsS --unix-socket /var/run/docker.sock http:/v1.41/_ping > /dev/null
`,
  LICENSE: 'MIT License\n\nCopyright (c) 2026 Acme\n',
  'docker/NOTES': 'curl --unix-socket /var/run/docker.sock http://localhost/v1.41/info\n',
};

let project: string;
let usages: Array<Record<string, unknown> & { file: string; line: number; method: string; path: string }>;

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'dac-real-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), text);
  }
  chmodSync(join(project, 'docker/healthcheck'), 0o755);
  const result = runCli(['scan', '.', '--format', 'json'], { cwd: project });
  expect(result.code, result.stderr).toBe(0);
  usages = (JSON.parse(result.stdout) as { usages: typeof usages }).usages;
});
afterAll(() => (process.env.KEEP_PROJECT ? undefined : rmSync(project, { recursive: true, force: true })));

function usageAt(file: string, line: number): (typeof usages)[number] {
  const found = usages.filter((usage) => usage.file === file && usage.line === line);
  expect(found.map((usage) => `${usage.method} ${usage.path}`), `${file}:${line}`).toHaveLength(1);
  return found[0];
}

describe('request helpers', () => {
  it("reads fields through a helper that returns fetch's Response, not the Response's own members", () => {
    const usage = usageAt('src/engine/client.ts', 10);
    expect(usage).toMatchObject({ method: 'GET', path: '/containers/{id}/json', response: ['State.Running'] });
    expect((usage.unknown as { response: string[] }).response).toEqual([]);
  });

  it('follows an axios instance whose baseURL ends in the version to the callers of its helper', () => {
    expect(usageAt('src/engine/legacy.cjs', 14)).toMatchObject({ method: 'GET', path: '/containers/json', query: ['all'], pinnedVersion: '1.39', response: ['[].ImageID', '[].Names'] });
    // The caller passes no body: nothing is dynamic about it.
    expect(usageAt('src/engine/legacy.cjs', 19)).toMatchObject({ method: 'POST', path: '/containers/prune', body: [], dynamic: [] });
  });
});

describe('the request package', () => {
  it('reads request.get(url, options) and request(options) with a unix: URL', () => {
    expect(usageAt('src/legacy/proxy.js', 6)).toMatchObject({ client: 'http', method: 'GET', path: '/containers/{id}/json', headers: [] });
    expect(usageAt('src/legacy/proxy.js', 10)).toMatchObject({ client: 'http', method: 'POST', path: '/containers/{id}/restart', query: ['t'] });
  });
});

describe('paths built in steps', () => {
  it("applies a literal pattern to a path's known start, and reads a URL whose scheme is configured", () => {
    expect(usageAt('src/engine/events.ts', 17)).toMatchObject({ method: 'GET', path: '/containers/{id}/logs', query: ['follow', 'stdout'] });
  });
});

describe('a spec read from the daemon and sent back', () => {
  it('reports what the code sets, says the rest is not known, and does not count the writes as reads', () => {
    const update = usageAt('src/swarm/rollout.ts', 11);
    expect(update).toMatchObject({ method: 'POST', path: '/services/{id}/update', query: ['version'], body: ['TaskTemplate.ContainerSpec.Image'] });
    expect(update.dynamic).toEqual(['options (spec): some keys could not be resolved']);
    expect(usageAt('src/swarm/rollout.ts', 7).response).toEqual(['Spec', 'Version.Index']);
  });

  it('matches a response field by its exact spelling first (NanoCPUs, not the NanoCpus of API 1.27)', () => {
    expect(usageAt('src/swarm/rollout.ts', 15)).toMatchObject({ response: ['[].Description.Resources.NanoCPUs'], minVersion: '1.25', removed: [] });
  });
});

describe('options built in steps', () => {
  it('reports the fields of list elements added with push, and what they need', () => {
    const usage = usageAt('src/deploy/services.ts', 20);
    expect(usage.body).toEqual(expect.arrayContaining(['EndpointSpec.Ports[].PublishMode', 'EndpointSpec.Ports[].TargetPort', 'TaskTemplate.ContainerSpec.Mounts[].Source']));
    expect(usage.minVersion).toBe('1.34');
  });

  it('marks conditional only what an if sets, not the objects it is set in', () => {
    const conditional = usageAt('src/deploy/services.ts', 20).conditional as string[];
    expect(conditional).toContain('TaskTemplate.ContainerSpec.Mounts');
    expect(conditional).toContain('EndpointSpec.Ports[].PublishMode');
    expect(conditional).not.toContain('TaskTemplate');
    expect(conditional).not.toContain('TaskTemplate.ContainerSpec.Image');
    expect(conditional).not.toContain('TaskTemplate.Resources.Limits.MemoryBytes');
  });

  it('does not call fields conditional because a helper is called from two places', () => {
    const usage = usageAt('src/deploy/services.ts', 24);
    expect(usage).toMatchObject({ path: '/containers/create', query: ['name'], body: ['Env', 'Image'] });
    expect(usage.conditional ?? []).toEqual([]);
  });
});

describe('where projects keep their client', () => {
  it('a subclass of Dockerode: its own calls and its inherited methods, with the pin of its construction', () => {
    expect(usageAt('src/hosts/engines.ts', 5)).toMatchObject({ method: 'GET', path: '/networks' });
    expect(usageAt('src/hosts/engines.ts', 13)).toMatchObject({ method: 'GET', path: '/containers/json', query: ['all'], pinnedVersion: '1.43' });
  });

  it('a subclass exported as module.exports = class ... extends Dockerode', () => {
    expect(usageAt('src/legacy/engine.js', 9)).toMatchObject({ method: 'GET', path: '/networks', query: ['filters'], pinnedVersion: '1.40' });
  });

  it('a list field filled in one method and indexed by a loop counter in another', () => {
    expect(usageAt('src/legacy/monitor.js', 18)).toMatchObject({ method: 'GET', path: '/containers/{id}/stats', query: ['stream'], response: ['memory_stats.usage'], pinnedVersion: '1.41' });
  });

  it('objects handed to helpers: what the callers pass, a list element too', () => {
    expect(usageAt('src/legacy/handed.js', 6)).toMatchObject({ method: 'POST', path: '/containers/{id}/restart', query: ['t'], pinnedVersion: '1.41' });
    expect(usageAt('src/legacy/handed.js', 10)).toMatchObject({ method: 'GET', path: '/networks/{id}', pinnedVersion: '1.41' });
  });

  it('a lazy singleton reached through a static method', () => {
    expect(usageAt('src/hosts/engines.ts', 27)).toMatchObject({ method: 'GET', path: '/info' });
  });

  it("a wrapper that builds the client from its constructor's options: the pin its constructions give", () => {
    expect(usageAt('src/hosts/engines.ts', 47)).toMatchObject({ method: 'POST', path: '/images/prune', pinnedVersion: '1.41', dynamic: [] });
  });

  it("a client in a constructor parameter property: the pin of the class's construction", () => {
    expect(usageAt('src/hosts/containerClient.ts', 11)).toMatchObject({ method: 'GET', path: '/containers/json', query: ['filters', 'limit'], pinnedVersion: '1.44', dynamic: [] });
  });

  it('a list typed by an interface whose member is a client', () => {
    expect(usageAt('src/hosts/engines.ts', 36)).toMatchObject({ method: 'GET', path: '/volumes' });
  });
});

describe('callbacks wrapped in new Promise', () => {
  it('reads the fields of what the executor resolves with, awaited or through then', () => {
    expect(usageAt('src/hosts/lookup.js', 7)).toMatchObject({ method: 'GET', path: '/containers/json', response: ['[].Id', '[].Names'] });
    expect(usageAt('src/hosts/lookup.js', 14)).toMatchObject({ method: 'GET', path: '/version', response: ['ApiVersion'] });
  });
});

describe('results combined or guarded by promise helpers', () => {
  it('Promise.all hands each request its own result', () => {
    const atLine = usages.filter((usage) => usage.file === 'src/hosts/lookup.js' && usage.line === 22);
    expect(atLine).toEqual([
      expect.objectContaining({ path: '/containers/json', response: ['[].Mounts[].Name'] }),
      expect.objectContaining({ path: '/volumes', response: ['Volumes[].CreatedAt', 'Volumes[].Name'], minVersion: '1.31' }),
    ]);
  });

  it('Promise.race in a timeout helper, and .catch, keep the result', () => {
    expect(usageAt('src/hosts/lookup.js', 28)).toMatchObject({ path: '/images/json', response: ['[].RepoTags'] });
    expect(usageAt('src/hosts/lookup.js', 33)).toMatchObject({ path: '/containers/{id}/json', response: ['State.Status'] });
  });
});

describe('callbacks where the options may stand', () => {
  it('createImage(opts, cb) sends opts, and start(callback) sends no options', () => {
    expect(usageAt('src/legacy/executor.js', 6)).toMatchObject({ path: '/images/create', query: ['fromImage', 'tag'], dynamic: [] });
    const start = usageAt('src/legacy/executor.js', 10);
    expect(start).toMatchObject({ path: '/containers/{id}/start', query: [], body: [] });
    expect(start.dynamic).not.toContainEqual(expect.stringMatching(/^options/));
  });
});

describe('raw node http as small clients write it', () => {
  it('a transport chosen by a condition, options and a Buffer body from the callers', () => {
    expect(usageAt('src/engine/raw.js', 21)).toMatchObject({ method: 'POST', path: '/networks/create', body: ['Labels', 'Name'], pinnedVersion: '1.32', dynamic: [] });
  });

  it('a configured socket: the callers with Engine paths, not the one asking a registry', () => {
    expect(usageAt('src/engine/raw.js', 22)).toMatchObject({ method: 'POST', path: '/containers/{id}/restart', query: ['t'], pinnedVersion: '1.43' });
    expect(usages.filter((usage) => usage.file === 'src/engine/raw.js')).toHaveLength(2);
  });

  it('one record for a request a helper sends through either of two libraries', () => {
    expect(usageAt('src/engine/fallback.mjs', 11)).toMatchObject({ method: 'POST', path: '/containers/{id}/start', pinnedVersion: '1.41', via: 'fetch via engine or undici via engine' });
  });

  it('options spread into the request with the socket: the path and method each caller passes', () => {
    expect(usageAt('src/engine/spread.js', 17)).toMatchObject({ method: 'GET', path: '/containers/json', query: ['all'], response: ['[].Names'], dynamic: [] });
    expect(usageAt('src/engine/spread.js', 18)).toMatchObject({ method: 'POST', path: '/containers/create', query: ['name'], body: ['HostConfig.Init', 'Image'], dynamic: [] });
  });

  it("the request package's body argument, and an error's message, which is no unknown field", () => {
    expect(usageAt('src/legacy/inspect.js', 4)).toMatchObject({ client: 'http', via: 'request', method: 'GET', path: '/containers/{id}/json', response: ['State.Running'], unknown: { response: [] } });
  });

  it("undici loaded with await import('undici')", () => {
    expect(usageAt('src/engine/esm.mjs', 4)).toMatchObject({ method: 'GET', path: '/containers/json', query: ['all'], pinnedVersion: '1.41' });
  });

  it('a config object that reads DOCKER_API_VERSION sets nothing', () => {
    const result = runCli(['scan', 'src/engine', '--format', 'json'], { cwd: project });
    expect((JSON.parse(result.stdout) as { versionSettings: unknown[] }).versionSettings).toEqual([]);
  });
});

describe('hand-written Engine clients', () => {
  it("a socket from configuration, a version from the client's constructor default, reached through a wrapper class", () => {
    // The transport is `tls ? https : http`: named for the family, not for the first branch.
    expect(usageAt('src/hosts/hostEngine.js', 8)).toMatchObject({ method: 'GET', path: '/version', query: [], pinnedVersion: '1.43', dynamic: [], via: 'http via _send' });
    expect(usageAt('src/hosts/hostEngine.js', 10)).toMatchObject({ method: 'GET', path: '/containers/json', query: ['all'], pinnedVersion: '1.43', dynamic: [] });
  });

  it('a query string built key by key from Object.entries, with a dozen alternatives among its values', () => {
    expect(usageAt('src/hosts/hostEngine.js', 13)).toMatchObject({ method: 'GET', path: '/containers/{id}/logs', query: ['stderr', 'stdout', 'tail', 'timestamps'], dynamic: [] });
  });

  it('reads a response where a method that returns it unchanged is called', () => {
    expect(usageAt('src/hosts/hostEngine.js', 15)).toMatchObject({ method: 'GET', path: '/containers/{id}/json', response: ['Config.Tty'] });
  });

  it('a field completed by the constructor: its keys, conditional only under an if', () => {
    expect(usageAt('src/deploy/deployer.js', 12)).toMatchObject({ path: '/containers/create', body: ['HostConfig.Init', 'Image', 'Runtime'], conditional: ['Runtime'], dynamic: [] });
  });

  it("a fluent builder: the keys its methods set are the query's, each conditional", () => {
    expect(usageAt('src/hosts/containerList.ts', 22)).toMatchObject({ method: 'GET', path: '/containers/json', query: ['all', 'limit'], conditional: ['all', 'limit'], dynamic: [] });
  });

  it("another daemon's socket: paths the Engine does not have, and /info alone, are not Engine calls", () => {
    expect(usages.filter((usage) => usage.file === 'src/hosts/lxd.js')).toEqual([]);
  });
});

describe('a client from a path alias, handed to a helper', () => {
  it('follows the tsconfig alias and takes the axios instance from the caller', () => {
    expect(usageAt('src/ops/cleanup.ts', 4)).toMatchObject({ method: 'GET', path: '/containers/json', query: ['all', 'filters'], response: ['[].Id'], pinnedVersion: '1.41' });
    expect(usageAt('src/ops/cleanup.ts', 5)).toMatchObject({ method: 'DELETE', path: '/containers/{id}', query: ['v'], pinnedVersion: '1.41' });
  });
});

describe('lodash', () => {
  it('_.merge options: the keys the code writes, the rest dynamic', () => {
    const usage = usageAt('src/legacy/networks.js', 8);
    expect(usage).toMatchObject({ path: '/networks/create', body: ['Attachable', 'Labels', 'Name'], minVersion: '1.27' });
    expect(usage.dynamic).toEqual([expect.stringMatching(/^options \(_\.merge.*some keys could not be resolved$/)]);
  });

  it('_.get and _.map by a path written as text, and the elements _.map hands its callback', () => {
    expect(usageAt('src/legacy/networks.js', 12)).toMatchObject({ path: '/networks/{id}', response: ['IPAM.Config[].Gateway', 'Options'] });
    expect(usageAt('src/legacy/networks.js', 18)).toMatchObject({ path: '/volumes', response: ['Volumes[].Name'] });
    expect(usageAt('src/legacy/networks.js', 23)).toMatchObject({ path: '/containers/json', response: ['[].Id'] });
  });
});

describe('curl run through child_process', () => {
  it('a command a helper runs for its callers: read at each call-site', () => {
    expect(usageAt('src/legacy/stats.js', 13)).toMatchObject({ client: 'curl', via: 'curl via exec', method: 'GET', path: '/containers/{id}/top', pinnedVersion: '1.41' });
    const result = runCli(['scan', 'src/legacy/stats.js', '--format', 'json'], { cwd: project });
    expect((JSON.parse(result.stdout) as { cliInvocations: unknown[] }).cliInvocations).toEqual([{ file: 'src/legacy/stats.js', line: 12, column: 27, command: 'docker ps' }]);
  });

  it('reads the command line as a script line, placed at the call', () => {
    expect(usageAt('src/legacy/stats.js', 4)).toMatchObject({ client: 'curl', via: 'curl via execSync', method: 'GET', path: '/containers/{id}/stats', query: ['stream'], pinnedVersion: '1.41' });
  });
});

describe('a pin with a fallback', () => {
  it('version: process.env.DOCKER_API_VERSION || "v1.41" pins 1.41, and says the environment may set another', () => {
    expect(usageAt('src/hosts/fromEnv.js', 5)).toMatchObject({ path: '/_ping', pinnedVersion: '1.41', dynamic: [], notes: ['version pin v1.41 unless process.env.DOCKER_API_VERSION is set where the code runs'] });
  });
});

describe('commands run by GitHub Actions and zx', () => {
  it('@actions/exec: the docker CLI reported as such, curl read as a script line', () => {
    expect(usageAt('src/ops/action.ts', 5)).toMatchObject({ client: 'curl', via: 'curl via exec', method: 'GET', path: '/images/json', pinnedVersion: '1.41' });
    const result = runCli(['scan', 'src/ops/action.ts', '--format', 'json'], { cwd: project });
    expect((JSON.parse(result.stdout) as { cliInvocations: Array<{ line: number; command: string }> }).cliInvocations.map(({ line, command }) => `${line} ${command}`)).toEqual(['4 docker pull', '6 docker image inspect']);
  });

  it("zx's $ templates, in a script that has $ as a global", () => {
    expect(usageAt('scripts/release.mjs', 4)).toMatchObject({ client: 'curl', via: 'curl via $', method: 'POST', path: '/images/prune', pinnedVersion: '1.43' });
    const result = runCli(['scan', 'scripts/release.mjs', '--format', 'json'], { cwd: project });
    expect((JSON.parse(result.stdout) as { cliInvocations: Array<{ line: number; command: string }> }).cliInvocations.map(({ line, command }) => `${line} ${command}`)).toEqual(['3 docker push']);
  });
});

describe('a pin that cannot be known', () => {
  it('names the construction whose options are not known', () => {
    expect(usageAt('src/hosts/configured.ts', 7)).toMatchObject({ path: '/_ping', pinnedVersion: null, dynamic: ['version pin: the options of new Docker(settings.docker) are not known here'] });
  });
});

describe('fields the daemon sent without a spec', () => {
  it('reads the documents of a stream piped through JSONStream.parse', () => {
    // Pull progress messages have no schema in any spec: read, and listed as unknown.
    expect(usageAt('src/hosts/pulls.js', 7)).toMatchObject({ path: '/images/create', unknown: { response: ['progressDetail', 'status'] } });
  });

  it('reads the documents of a JSONStream parser set up before the stream is piped into it', () => {
    const usage = usageAt('src/hosts/watch.ts', 7) as unknown as { response: string[]; removed: Array<{ name: string }> };
    expect(usage.response).toEqual(['id', 'status']);
    expect(usage.removed.map((record) => record.name)).toEqual(['id', 'status']);
  });

  it('reads the documents of a stream split into lines by split2, with JSON.parse as its mapper or after it', () => {
    const usage = usageAt('src/hosts/lines.js', 7) as unknown as { response: string[]; removed: Array<{ name: string }> };
    expect(usage.response).toEqual(['Action', 'Actor.Attributes', 'status']);
    expect(usage.removed.map((record) => record.name)).toEqual(['status']);
    expect(usageAt('src/hosts/lines.js', 12)).toMatchObject({ path: '/events', response: ['Action'] });
  });

  it("reads an event's status and id as the fields API 1.52 removed", () => {
    const usage = usageAt('src/hosts/events.js', 6) as unknown as { response: string[]; removed: Array<{ name: string; removed: string }>; unknown: { response: string[] } };
    expect(usage.response).toEqual(['Actor.Attributes', 'id', 'status']);
    expect(usage.removed.map((record) => `${record.name} ${record.removed}`)).toEqual(['id 1.52', 'status 1.52']);
    expect(usage.unknown.response).toEqual([]);
  });
});

describe('fields known only "or earlier"', () => {
  it('stats fields first described in 1.48 are "1.48 or earlier", and do not raise what a 1.41 parameter needs', () => {
    expect(usageAt('src/hosts/sampler.js', 6)).toMatchObject({ path: '/containers/{id}/stats', response: ['blkio_stats.io_service_bytes_recursive[].value'], minVersion: '1.48', minVersionIsFloor: true });
    expect(usageAt('src/hosts/sampler.js', 11)).toMatchObject({ path: '/containers/{id}/stats', query: ['one-shot', 'stream'], response: ['num_procs'], minVersion: '1.41', minVersionIsFloor: false });
  });
});

describe('one record per request', () => {
  it('a path segment with two possible values gives one record, not one per value', () => {
    expect(usageAt('src/hosts/self.ts', 8)).toMatchObject({ method: 'POST', path: '/containers/{id}/restart', query: ['t'], pinnedVersion: '1.41' });
  });
});

describe('scripts without an extension', () => {
  it('scans a #! shell script, reading its http:/ URL as curl does', () => {
    const usage = usageAt('docker/healthcheck', 3);
    expect(usage).toMatchObject({ client: 'curl', method: 'GET', path: '/_ping', pinnedVersion: null });
    expect(usage.notes).toEqual(['curl reads http:/v1.41/_ping as host v1.41 and path /_ping; write http://localhost/v1.41/_ping for the path as written']);
  });

  it('leaves other files without an extension alone', () => {
    expect(usages.filter((usage) => usage.file === 'docker/NOTES' || usage.file === 'LICENSE')).toEqual([]);
  });
});
