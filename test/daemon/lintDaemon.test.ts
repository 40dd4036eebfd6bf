import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { staleSocket, useFakeEngines } from '../helpers/fakeEngine.js';
import { REPO_ROOT } from '../helpers/runCli.js';
import { runCliAsync } from './runCliAsync.js';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'daemon');
/** Unversioned dockerode client sending MacAddress in the create body (removed in 1.52). */
const UNVERSIONED = join(FIXTURES, 'unversioned');
/** dockerode client pinned to v1.41, listing containers. */
const PINNED = join(FIXTURES, 'pinned-1.41');

const { fake, afterTest } = useFakeEngines(afterEach);

function expectOneLineError(result: { code: number; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^docker-api-compat: /);
  expect(lines[0]).toMatch(pattern);
}

describe('lint --daemon (CLI subprocess, fake engine)', () => {
  it('judges an unversioned call by the daemon: MacAddress is removed at 1.52 (docker 29.0.1)', async () => {
    const engine = await fake({ engineVersion: '29.0.1', apiVersion: '1.52', minApiVersion: '1.44' });
    const result = await runCliAsync(['lint', '.', '--daemon', engine.url], { cwd: UNVERSIONED });
    const label = `daemon ${engine.url} (docker 29.0.1)`;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`POST /containers/create body field MacAddress was removed in API 1.52; against ${label} this call speaks 1.52`);
    expect(result.stdout).toMatch(/\bremoved-feature\b/);
    // Without --target, the daemon replaces the default targets.
    expect(result.stdout).toContain(`checked against ${label}.`);
    expect(result.stdout).not.toContain('docker 28.');
    expect(engine.requests.map((request) => `${request.method} ${request.url}`)).toEqual(['GET /_ping', 'GET /version']);
  });

  it('passes the same code against a daemon at 1.51 (docker 28.5.2), where MacAddress still exists', async () => {
    const engine = await fake({ engineVersion: '28.5.2', apiVersion: '1.51', minApiVersion: '1.24' });
    const result = await runCliAsync(['lint', UNVERSIONED, '--daemon', engine.url], { cwd: UNVERSIONED });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`0 errors`);
    expect(result.stdout).toContain(`checked against daemon ${engine.url} (docker 28.5.2).`);
  });

  it('adds the daemon to the targets given with --target', async () => {
    const engine = await fake({ engineVersion: '29.0.1', apiVersion: '1.52', minApiVersion: '1.44' });
    const result = await runCliAsync(['lint', '.', '--target', 'docker 28.0', '--daemon', engine.url], { cwd: UNVERSIONED });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`checked against docker 28.0, daemon ${engine.url} (docker 29.0.1).`);
    // docker 28.0 (1.48) still has MacAddress: only the daemon is named in the finding.
    expect(result.stdout).toContain(`against daemon ${engine.url} (docker 29.0.1) this call speaks 1.52`);
  });

  it('--daemon alone asks DOCKER_HOST, over plain HTTP on TCP too', async () => {
    const engine = await fake({ tcp: true, engineVersion: '29.2.0', apiVersion: '1.53', minApiVersion: '1.44' });
    const result = await runCliAsync(['lint', '.', '--daemon'], { cwd: UNVERSIONED, env: { DOCKER_HOST: engine.tcpUrl } });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`checked against daemon ${engine.tcpUrl} (docker 29.2.0).`);
    expect(engine.requests.map((request) => request.transport)).toEqual(['tcp', 'tcp']);
  });

  it('takes "lint --daemon ." as the path "." with DOCKER_HOST, not as a daemon address', async () => {
    const engine = await fake();
    const result = await runCliAsync(['lint', '--daemon', '.'], { cwd: UNVERSIONED, env: { DOCKER_HOST: engine.url } });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('src/sidecar.ts');
    expect(result.stdout).toContain(`checked against daemon ${engine.url} (docker 29.0.1).`);
  });

  it('fails a 1.41 pin against a daemon whose minimum is 1.44 (pinned-version-unsupported)', async () => {
    const engine = await fake({ engineVersion: '29.0.1', apiVersion: '1.52', minApiVersion: '1.44' });
    const result = await runCliAsync(['lint', '.', '--daemon', engine.url], { cwd: PINNED });
    expect(result.code).toBe(1);
    const label = `daemon ${engine.url} (docker 29.0.1)`;
    const finding = result.stdout.split('\n').find((line) => /\bpinned-version-unsupported$/.test(line.trim()));
    expect(finding).toMatch(/^\s+7:35\s+error\s+GET \/containers\/json is pinned to API 1\.41/);
    expect(finding).toContain(label);
    expect(finding).toContain('client version 1.41 is too old. Minimum supported API version is 1.44');
    expect(result.stdout).toContain(`checked against ${label}.`);
  });

  it('accepts the same 1.41 pin against a daemon that accepts 1.40 again (docker 29.3)', async () => {
    const engine = await fake({ engineVersion: '29.3.0', apiVersion: '1.54', minApiVersion: '1.40' });
    const result = await runCliAsync(['lint', '.', '--daemon', engine.url], { cwd: PINNED });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`checked against daemon ${engine.url} (docker 29.3.0).`);
  });
});

describe('lint --daemon failures: exit 2, one line, no hang', () => {
  it('gives up on a daemon that accepts and never answers, after --daemon-timeout', async () => {
    const engine = await fake({ answers: { '/_ping': 'hang' } });
    const result = await runCliAsync(['lint', '.', '--daemon', engine.url, '--daemon-timeout', '300'], { cwd: UNVERSIONED, killAfterMs: 20_000 });
    expectOneLineError(result, new RegExp(`the daemon at ${engine.url} did not answer GET /_ping within 300 ms`));
    expect(result.elapsedMs).toBeLessThan(15_000);
  });

  it('says the daemon is not running when its socket refuses connections', async () => {
    const stale = await staleSocket();
    afterTest(() => stale.close());
    const result = await runCliAsync(['lint', '.', '--daemon', stale.url], { cwd: UNVERSIONED });
    expectOneLineError(result, new RegExp(`the Docker daemon socket ${stale.socketPath} refused the connection`));
  });

  it('names the missing socket and DOCKER_HOST', async () => {
    const result = await runCliAsync(['lint', '.', '--daemon'], { cwd: UNVERSIONED, env: { DOCKER_HOST: 'unix:///tmp/no-such-dir/docker.sock' } });
    expectOneLineError(result, /the Docker daemon socket \/tmp\/no-such-dir\/docker\.sock \(from DOCKER_HOST\) does not exist/);
  });

  it('reports an Engine error status with its message', async () => {
    const engine = await fake({ answers: { '/version': { status: 500, message: 'Internal error' } } });
    const result = await runCliAsync(['lint', '.', '--daemon', engine.url], { cwd: UNVERSIONED });
    expectOneLineError(result, /answered GET \/version with 500 Internal Server Error: Internal error$/);
  });

  it('says that TLS daemons are not supported yet', async () => {
    const result = await runCliAsync(['lint', '.', '--daemon', 'tcp://127.0.0.1:2376'], { cwd: UNVERSIONED });
    expectOneLineError(result, /TLS daemons are not supported yet/);
  });

  it('checks --daemon-timeout', async () => {
    expectOneLineError(await runCliAsync(['lint', '.', '--daemon-timeout', '300'], { cwd: UNVERSIONED }), /--daemon-timeout only applies with --daemon/);
    expectOneLineError(await runCliAsync(['lint', '.', '--daemon', 'unix:///tmp/x.sock', '--daemon-timeout', '-5'], { cwd: UNVERSIONED }), /--daemon-timeout takes a positive number/);
  });
});
