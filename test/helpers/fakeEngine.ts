import { linkSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * How the fake engine answers one endpoint:
 * - 'ok': what a daemon sends (the default);
 * - 'hang': accept the request and never answer;
 * - 'stall': send 200 and the headers, then never finish the body;
 * - 'not-json': 200 with an HTML page;
 * - { status, message }: an Engine error, `{"message": ...}` with that status;
 * - { json }: 200 with this body instead of the usual one.
 */
export type FakeAnswer = 'ok' | 'hang' | 'stall' | 'not-json' | { status: number; message: string } | { json: unknown };

export interface FakeEngineOptions {
  /** Engine release, `Version` in /version (default 29.0.1). */
  engineVersion?: string;
  /** `ApiVersion` (default 1.52). */
  apiVersion?: string;
  /** `MinAPIVersion` (default 1.44); null leaves the field out, as daemons before 1.25 did. */
  minApiVersion?: string | null;
  os?: string;
  arch?: string;
  /** Per path (`/_ping`, `/version`); paths not listed answer 'ok'. */
  answers?: Partial<Record<'/_ping' | '/version', FakeAnswer>>;
  /** Also listen on loopback TCP (plain HTTP). */
  tcp?: boolean;
}

export interface RecordedRequest {
  method: string;
  /** As sent, with any /v1.NN prefix and query. */
  url: string;
  headers: IncomingMessage['headers'];
  transport: 'unix' | 'tcp';
}

export interface FakeEngine {
  /** The unix socket, in a fresh temporary folder. */
  socketPath: string;
  /** `unix://<socketPath>`. */
  url: string;
  /** `tcp://127.0.0.1:<port>` when started with `tcp: true`. */
  tcpUrl?: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Stops listening, drops open (also hanging) connections and removes the folder. */
  close(): Promise<void>;
}

/** A small fake Docker Engine of our own: enough of /_ping and /version for `--daemon`. */
export async function startFakeEngine(options: FakeEngineOptions = {}): Promise<FakeEngine> {
  const folder = mkdtempSync(join(tmpdir(), 'fake-engine-'));
  const socketPath = join(folder, 'docker.sock');
  const requests: RecordedRequest[] = [];
  const apiVersion = options.apiVersion ?? '1.52';

  const handler = (transport: 'unix' | 'tcp') => (request: IncomingMessage, response: ServerResponse) => {
    requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, transport });
    const path = (request.url ?? '').replace(/\?.*$/, '').replace(/^\/v\d+\.\d+(?=\/)/, '');
    const answer = options.answers?.[path as '/_ping' | '/version'] ?? 'ok';
    const common = { 'Api-Version': apiVersion, Server: `Docker/${options.engineVersion ?? '29.0.1'} (linux)`, 'Docker-Experimental': 'false' };
    if (answer === 'hang') return;
    if (answer === 'stall') {
      response.writeHead(200, { ...common, 'Content-Type': 'application/json' });
      response.write('{"Platform":');
      return;
    }
    if (answer === 'not-json') {
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end('<html><body>Welcome to nginx!</body></html>');
      return;
    }
    if (typeof answer === 'object' && 'status' in answer) {
      response.writeHead(answer.status, { ...common, 'Content-Type': 'application/json' });
      response.end(`${JSON.stringify({ message: answer.message })}\n`);
      return;
    }
    if (typeof answer === 'object' && 'json' in answer) {
      response.writeHead(200, { ...common, 'Content-Type': 'application/json' });
      response.end(JSON.stringify(answer.json));
      return;
    }
    if (path === '/_ping' && (request.method === 'GET' || request.method === 'HEAD')) {
      response.writeHead(200, { ...common, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache, no-store, must-revalidate' });
      response.end(request.method === 'HEAD' ? undefined : 'OK');
      return;
    }
    if (path === '/version' && request.method === 'GET') {
      response.writeHead(200, { ...common, 'Content-Type': 'application/json' });
      response.end(`${JSON.stringify(versionBody(options, apiVersion))}\n`);
      return;
    }
    response.writeHead(404, { ...common, 'Content-Type': 'application/json' });
    response.end(`${JSON.stringify({ message: `page not found` })}\n`);
  };

  const unixServer = createServer(handler('unix'));
  await listen(unixServer, socketPath);
  let tcpServer: Server | undefined;
  let tcpUrl: string | undefined;
  if (options.tcp) {
    tcpServer = createServer(handler('tcp'));
    await listen(tcpServer, { host: '127.0.0.1', port: 0 });
    tcpUrl = `tcp://127.0.0.1:${(tcpServer.address() as AddressInfo).port}`;
  }

  let closed = false;
  return {
    socketPath,
    url: `unix://${socketPath}`,
    tcpUrl,
    requests,
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([unixServer, tcpServer].filter((server): server is Server => server !== undefined).map(stop));
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

function versionBody(options: FakeEngineOptions, apiVersion: string): Record<string, unknown> {
  const version = options.engineVersion ?? '29.0.1';
  const os = options.os ?? 'linux';
  const arch = options.arch ?? 'amd64';
  const body: Record<string, unknown> = {
    Platform: { Name: 'Docker Engine - Community' },
    Components: [{ Name: 'Engine', Version: version, Details: { ApiVersion: apiVersion, Arch: arch, Os: os } }],
    Version: version,
    ApiVersion: apiVersion,
    MinAPIVersion: options.minApiVersion === undefined ? '1.44' : options.minApiVersion,
    GitCommit: 'fakefak',
    GoVersion: 'go1.24.0',
    Os: os,
    Arch: arch,
    KernelVersion: '6.8.0-fake',
    BuildTime: '2025-11-10T00:00:00.000000000+00:00',
  };
  if (options.minApiVersion === null) delete body.MinAPIVersion;
  return body;
}

function listen(server: Server, where: string | { host: string; port: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    const done = () => {
      server.off('error', reject);
      resolve();
    };
    if (typeof where === 'string') server.listen(where, done);
    else server.listen(where.port, where.host, done);
  });
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Hanging requests keep their connections open; close() alone would wait for them.
    server.closeAllConnections();
  });
}

/**
 * A socket file nobody listens on, as a crashed daemon leaves behind: connecting is
 * refused (ECONNREFUSED), unlike a missing socket (ENOENT).
 */
export async function staleSocket(): Promise<{ socketPath: string; url: string; close(): void }> {
  const folder = mkdtempSync(join(tmpdir(), 'stale-engine-'));
  const live = join(folder, 'live.sock');
  const socketPath = join(folder, 'docker.sock');
  const server = createNetServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(live, () => resolve());
  });
  // A second name for the socket outlives the listener, which removes its own on close.
  linkSync(live, socketPath);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { socketPath, url: `unix://${socketPath}`, close: () => rmSync(folder, { recursive: true, force: true }) };
}

/**
 * For a test file: `fake(options)` starts an engine that is closed after each test,
 * and `afterTest(fn)` registers other clean-ups (stale sockets).
 */
export function useFakeEngines(afterEach: (fn: () => Promise<void>) => void): {
  fake(options?: FakeEngineOptions): Promise<FakeEngine>;
  afterTest(cleanup: () => void): void;
} {
  const engines: FakeEngine[] = [];
  const cleanups: (() => void)[] = [];
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((engine) => engine.close()));
    for (const cleanup of cleanups.splice(0)) cleanup();
  });
  return {
    async fake(options: FakeEngineOptions = {}) {
      const engine = await startFakeEngine(options);
      engines.push(engine);
      return engine;
    },
    afterTest(cleanup) {
      cleanups.push(cleanup);
    },
  };
}
