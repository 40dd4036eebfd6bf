import { chmodSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDaemonHost } from '../../src/daemon/daemonHost.js';
import { connectionError, queryDaemon } from '../../src/daemon/queryDaemon.js';
import { CompatError } from '../../src/errors.js';
import { spokenVersion } from '../../src/lint/spokenVersion.js';
import { staleSocket, useFakeEngines } from '../helpers/fakeEngine.js';

const { fake, afterTest } = useFakeEngines(afterEach);

/** Awaits a rejection and checks that it is a one-line usage CompatError matching `pattern`. */
async function failure(promise: Promise<unknown>, pattern: RegExp): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(CompatError);
  const compat = error as CompatError;
  expect(compat.kind).toBe('usage');
  expect(compat.message).not.toContain('\n');
  expect(compat.message).toMatch(pattern);
  return compat.message;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('queryDaemon against a fake engine', () => {
  it('reads the range from an unversioned GET /version, after GET /_ping', async () => {
    const engine = await fake({ engineVersion: '29.0.1', apiVersion: '1.52', minApiVersion: '1.44' });
    const daemon = await queryDaemon({ host: engine.url, env: {} });
    expect(daemon).toEqual({ label: `daemon ${engine.url} (docker 29.0.1)`, kind: 'daemon', maxApiVersion: '1.52', minApiVersion: '1.44' });
    expect(engine.requests.map((request) => `${request.method} ${request.url}`)).toEqual(['GET /_ping', 'GET /version']);
    expect(engine.requests[1].headers['user-agent']).toMatch(/^docker-api-compat\//);
  });

  it('uses DOCKER_HOST when no host is given', async () => {
    const engine = await fake({ engineVersion: '29.3.0', apiVersion: '1.54', minApiVersion: '1.40' });
    const daemon = await queryDaemon({ env: { DOCKER_HOST: engine.url } });
    expect(daemon).toMatchObject({ label: `daemon ${engine.url} (docker 29.3.0)`, maxApiVersion: '1.54', minApiVersion: '1.40' });
  });

  it('speaks plain HTTP over TCP', async () => {
    const engine = await fake({ tcp: true, engineVersion: '28.5.2', apiVersion: '1.51', minApiVersion: '1.24' });
    const daemon = await queryDaemon({ host: engine.tcpUrl, env: {} });
    expect(daemon).toMatchObject({ label: `daemon ${engine.tcpUrl} (docker 28.5.2)`, maxApiVersion: '1.51', minApiVersion: '1.24' });
    expect(engine.requests.map((request) => request.transport)).toEqual(['tcp', 'tcp']);
  });

  it('accepts a daemon too old to report MinAPIVersion, with the minimum unknown', async () => {
    const engine = await fake({ engineVersion: '1.12.6', apiVersion: '1.24', minApiVersion: null });
    expect(await queryDaemon({ host: engine.url, env: {} })).toMatchObject({ maxApiVersion: '1.24', minApiVersion: null });
  });

  it('gives a target under which a 1.41 pin is refused by a 1.52 daemon with minimum 1.44', async () => {
    const engine = await fake({ apiVersion: '1.52', minApiVersion: '1.44' });
    const daemon = await queryDaemon({ host: engine.url, env: {} });
    expect(spokenVersion({ pinnedVersion: '1.41' }, daemon)).toEqual({ kind: 'refused', pin: '1.41', reason: 'too-old' });
    expect(spokenVersion({ pinnedVersion: null }, daemon)).toEqual({ kind: 'unversioned', version: '1.52' });
  });
});

describe('queryDaemon failures: one line each, never a hang', () => {
  it('names a missing socket, and DOCKER_HOST when it came from there', async () => {
    await failure(queryDaemon({ host: 'unix:///tmp/no-such-dir/docker.sock', env: {} }), /^the Docker daemon socket \/tmp\/no-such-dir\/docker\.sock does not exist/);
    await failure(queryDaemon({ env: { DOCKER_HOST: 'unix:///tmp/no-such-dir/docker.sock' } }), /\/tmp\/no-such-dir\/docker\.sock \(from DOCKER_HOST\) does not exist/);
  });

  it.skipIf(existsSync('/var/run/docker.sock'))('names the default sockets and DOCKER_HOST when there is no daemon at all', async () => {
    await failure(
      queryDaemon({ env: { XDG_RUNTIME_DIR: '/tmp/no-such-runtime-dir' } }),
      /^no Docker daemon socket at \/var\/run\/docker\.sock or \/tmp\/no-such-runtime-dir\/docker\.sock, and DOCKER_HOST is not set: start Docker, set DOCKER_HOST, or pass --daemon <host>$/,
    );
  });

  it('says the daemon is not running when the socket refuses connections', async () => {
    const stale = await staleSocket();
    afterTest(() => stale.close());
    await failure(queryDaemon({ host: stale.url, env: {} }), new RegExp(`^the Docker daemon socket ${stale.socketPath} refused the connection`));
  });

  it('says when nothing listens on a TCP port', async () => {
    const port = await freePort();
    await failure(queryDaemon({ host: `tcp://127.0.0.1:${port}`, env: {} }), new RegExp(`^tcp://127\\.0\\.0\\.1:${port} refused the connection`));
  });

  it.skipIf(process.getuid?.() === 0)('says permission denied on a socket the user cannot open', async () => {
    const engine = await fake();
    chmodSync(engine.socketPath, 0o000);
    await failure(queryDaemon({ host: engine.url, env: {} }), /^permission denied on the Docker daemon socket .*docker\.sock: join the "docker" group/);
  });

  it('words EACCES on the default socket (root cannot provoke it, so the mapping is checked directly)', () => {
    const endpoint = parseDaemonHost('unix:///var/run/docker.sock', 'given', {});
    const error = Object.assign(new Error('connect EACCES /var/run/docker.sock'), { code: 'EACCES' });
    expect(connectionError(endpoint, '/_ping', error).message).toBe(
      'permission denied on the Docker daemon socket /var/run/docker.sock: join the "docker" group (or use rootless Docker), or point DOCKER_HOST or --daemon at a socket you can use',
    );
  });

  it('times out on a daemon that accepts and never answers, within the bound, naming host and time', async () => {
    const engine = await fake({ answers: { '/_ping': 'hang' } });
    const started = Date.now();
    const message = await failure(queryDaemon({ host: engine.url, env: {}, timeoutMs: 300 }), /did not answer GET \/_ping within 300 ms/);
    const elapsed = Date.now() - started;
    expect(message).toContain(engine.url);
    expect(elapsed).toBeGreaterThanOrEqual(280);
    expect(elapsed).toBeLessThan(2000);
    expect(engine.requests).toHaveLength(1);
  });

  it('bounds the whole exchange: a hang on /version after a quick /_ping', async () => {
    const engine = await fake({ answers: { '/version': 'hang' } });
    const started = Date.now();
    await failure(queryDaemon({ host: engine.url, env: {}, timeoutMs: 1500 }), /did not answer GET \/version within 1\.5 s/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('times out on a body that never ends', async () => {
    const engine = await fake({ answers: { '/version': 'stall' } });
    await failure(queryDaemon({ host: engine.url, env: {}, timeoutMs: 300 }), /did not answer GET \/version within 300 ms/);
  });

  it('keeps waiting (5 s by default) on a silent daemon, and fails at once when it drops the connection', async () => {
    const engine = await fake({ answers: { '/_ping': 'hang' } });
    const pending = queryDaemon({ host: engine.url, env: {} });
    const outcome = await Promise.race([pending.then(() => 'answered', () => 'failed'), new Promise((resolve) => setTimeout(() => resolve('waiting'), 500))]);
    expect(outcome).toBe('waiting');
    await engine.close();
    // Closing the fake drops the connection: the query fails at once rather than waiting out its 5 s.
    await failure(pending, /closed the connection without answering GET \/_ping/);
  });

  it('reports a non-200 answer with its status and the body message', async () => {
    const engine = await fake({ answers: { '/version': { status: 500, message: 'failed to get containerd version: context deadline exceeded' } } });
    await failure(
      queryDaemon({ host: engine.url, env: {} }),
      /^the daemon at unix:\/\/.*docker\.sock answered GET \/version with 500 Internal Server Error: failed to get containerd version: context deadline exceeded$/,
    );
  });

  it('reports a failed ping', async () => {
    const engine = await fake({ answers: { '/_ping': { status: 404, message: 'page not found' } } });
    await failure(queryDaemon({ host: engine.url, env: {} }), /answered GET \/_ping with 404 Not Found: page not found: is it a Docker Engine\?$/);
    expect(engine.requests).toHaveLength(1);
  });

  it('reports a body that is not JSON', async () => {
    const engine = await fake({ answers: { '/version': 'not-json' } });
    await failure(queryDaemon({ host: engine.url, env: {} }), /answered GET \/version with a body that is not JSON \(text\/html, "<html><body>Welcome to nginx!<\/body><\/html>"\): is it a Docker Engine\?$/);
  });

  it('reports a body without ApiVersion, or with a bad one', async () => {
    const missing = await fake({ answers: { '/version': { json: { Version: '29.0.1', Os: 'linux' } } } });
    await failure(queryDaemon({ host: missing.url, env: {} }), /answered GET \/version without an ApiVersion/);
    const bad = await fake({ answers: { '/version': { json: { Version: '29.0.1', ApiVersion: 'latest', MinAPIVersion: '1.44' } } } });
    await failure(queryDaemon({ host: bad.url, env: {} }), /gave ApiVersion "latest", which is not an API version like "1\.52"/);
    const badMin = await fake({ answers: { '/version': { json: { ApiVersion: '1.52', MinAPIVersion: 144 } } } });
    await failure(queryDaemon({ host: badMin.url, env: {} }), /gave MinAPIVersion 144, which is not an API version/);
    const inverted = await fake({ answers: { '/version': { json: { ApiVersion: '1.44', MinAPIVersion: '1.52' } } } });
    await failure(queryDaemon({ host: inverted.url, env: {} }), /gave MinAPIVersion 1\.52 above its ApiVersion 1\.44/);
  });

  it('rejects a timeout that is not a positive number', async () => {
    await failure(queryDaemon({ host: 'unix:///tmp/x.sock', env: {}, timeoutMs: 0 }), /positive number of milliseconds/);
  });
});
