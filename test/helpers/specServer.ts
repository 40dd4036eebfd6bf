/**
 * A small HTTP server on loopback that serves the archived upstream files (../shared) and
 * misbehaves on request, for the `specs fetch` tests.
 *
 * The tests run the CLI with `runCli`, which blocks the test process (spawnSync), so the
 * server lives in a child process of its own (this same file, run with tsx) and is driven
 * over IPC. `startSpecServer()` returns a handle; `setRoutes()` tells it, per path, what to do.
 * Paths without a route serve the file of that name from the spec directory (`/v1.25.yaml`).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Behaviour =
  /** The file, as published. */
  | { kind: 'serve'; file: string }
  /** Headers announcing the whole file, half the body, then the connection is destroyed. */
  | { kind: 'truncate'; file: string }
  /** No Content-Length: half the body, then a clean end of the response. */
  | { kind: 'short'; file: string }
  /** The right length, with some bytes changed. */
  | { kind: 'corrupt'; file: string }
  /** Headers (with Content-Length), then nothing, forever. */
  | { kind: 'stall-body'; file: string }
  /** Accepts the connection, reads the request, never answers. */
  | { kind: 'stall' }
  /** `failures` answers with `status` (default 500), then the file. */
  | { kind: 'fail-then-serve'; file: string; failures: number; status?: number }
  /** A redirect; `location` is sent verbatim, so it may be relative. */
  | { kind: 'redirect'; location: string; status?: number }
  /** Any text (a YAML document that is not Swagger, an HTML page). */
  | { kind: 'text'; body: string; contentType?: string }
  /** A bare status. */
  | { kind: 'status'; status: number };

export type Routes = Record<string, Behaviour>;

export interface SpecServer {
  /** `http://127.0.0.1:PORT` */
  baseUrl: string;
  url(path: string): string;
  /** Replaces every route and clears the request log and the failure counters. */
  setRoutes(routes: Routes): Promise<void>;
  /** Paths requested since the last setRoutes, in order. */
  requests(): Promise<string[]>;
  close(): Promise<void>;
}

type Message =
  | { type: 'ready'; port: number }
  | { type: 'ack'; id: number }
  | { type: 'requests'; id: number; paths: string[] }
  | { type: 'error'; message: string };

const THIS_FILE = fileURLToPath(import.meta.url);
const REPO_ROOT = join(dirname(THIS_FILE), '..', '..');

/** Starts the server process over `specDir` (the folder of upstream files). */
export async function startSpecServer(specDir: string): Promise<SpecServer> {
  const child: ChildProcess = fork(THIS_FILE, ['--serve', specDir], {
    cwd: REPO_ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const onMessage = (message: Message): void => {
      if (message.type === 'ready') resolve(message.port);
      else if (message.type === 'error') reject(new Error(message.message));
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`spec server exited with ${code} before listening`)));
  });
  let nextId = 1;
  const call = <T>(request: Record<string, unknown>, pick: (message: Message) => T | undefined): Promise<T> =>
    new Promise<T>((resolve) => {
      const id = nextId++;
      const onMessage = (message: Message): void => {
        if ('id' in message && message.id === id) {
          child.off('message', onMessage);
          resolve(pick(message) as T);
        }
      };
      child.on('message', onMessage);
      child.send({ ...request, id });
    });
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    url: (path) => `${baseUrl}${path.startsWith('/') ? path : `/${path}`}`,
    setRoutes: (routes) => call({ type: 'routes', routes }, () => undefined),
    requests: () => call({ type: 'requests' }, (message) => (message.type === 'requests' ? message.paths : [])),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// The server process

function serve(specDir: string): void {
  let routes: Routes = {};
  let requests: string[] = [];
  let failuresServed = new Map<string, number>();

  const fileBytes = (file: string): Buffer | undefined => {
    const path = join(specDir, basename(file));
    return existsSync(path) ? readFileSync(path) : undefined;
  };

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const path = new URL(request.url ?? '/', 'http://loopback').pathname;
    requests.push(path);
    const behaviour: Behaviour = routes[path] ?? { kind: 'serve', file: decodeURIComponent(path.slice(1)) };
    const withFile = (file: string, send: (bytes: Buffer) => void): void => {
      const bytes = fileBytes(file);
      if (!bytes) {
        response.writeHead(404, { 'Content-Type': 'text/plain' }).end(`no such file: ${file}\n`);
        return;
      }
      send(bytes);
    };
    switch (behaviour.kind) {
      case 'serve':
        return withFile(behaviour.file, (bytes) => {
          response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': bytes.byteLength }).end(bytes);
        });
      case 'truncate':
        return withFile(behaviour.file, (bytes) => {
          response.writeHead(200, { 'Content-Length': bytes.byteLength });
          response.write(bytes.subarray(0, Math.floor(bytes.byteLength / 2)), () => {
            setTimeout(() => response.socket?.destroy(), 20);
          });
        });
      case 'short':
        return withFile(behaviour.file, (bytes) => {
          response.writeHead(200, { Connection: 'close' });
          response.end(bytes.subarray(0, Math.floor(bytes.byteLength / 2)));
        });
      case 'corrupt':
        return withFile(behaviour.file, (bytes) => {
          const corrupted = Buffer.from(bytes);
          for (let offset = 100; offset < corrupted.byteLength; offset += 4096) corrupted[offset] ^= 0x20;
          response.writeHead(200, { 'Content-Length': corrupted.byteLength }).end(corrupted);
        });
      case 'stall-body':
        return withFile(behaviour.file, (bytes) => {
          response.writeHead(200, { 'Content-Length': bytes.byteLength });
          response.flushHeaders();
        });
      case 'stall':
        return;
      case 'fail-then-serve': {
        const served = failuresServed.get(path) ?? 0;
        if (served < behaviour.failures) {
          failuresServed.set(path, served + 1);
          response.writeHead(behaviour.status ?? 500, { 'Content-Type': 'text/plain' }).end('try again\n');
          return;
        }
        return withFile(behaviour.file, (bytes) => {
          response.writeHead(200, { 'Content-Length': bytes.byteLength }).end(bytes);
        });
      }
      case 'redirect':
        response.writeHead(behaviour.status ?? 302, { Location: behaviour.location }).end();
        return;
      case 'text':
        response.writeHead(200, { 'Content-Type': behaviour.contentType ?? 'text/yaml' }).end(behaviour.body);
        return;
      case 'status':
        response.writeHead(behaviour.status).end();
        return;
    }
  };

  const server = createServer(handle);
  server.listen(0, '127.0.0.1', () => {
    process.send!({ type: 'ready', port: (server.address() as AddressInfo).port } satisfies Message);
  });
  server.on('error', (error) => process.send!({ type: 'error', message: error.message } satisfies Message));
  process.on('message', (message: { type: string; id: number; routes?: Routes }) => {
    if (message.type === 'routes') {
      routes = message.routes ?? {};
      requests = [];
      failuresServed = new Map();
      process.send!({ type: 'ack', id: message.id } satisfies Message);
    } else if (message.type === 'requests') {
      process.send!({ type: 'requests', id: message.id, paths: requests } satisfies Message);
    }
  });
  // The parent went away (or killed us): stop, stalled connections included.
  const stop = (): void => {
    server.closeAllConnections();
    server.close();
    process.exit(0);
  };
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[2] === '--serve' && process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  serve(process.argv[3]);
}
