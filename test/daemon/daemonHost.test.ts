import { describe, expect, it } from 'vitest';
import { parseDaemonHost, resolveDaemonEndpoint } from '../../src/daemon/daemonHost.js';
import { CompatError } from '../../src/errors.js';

const none = () => false;

describe('which daemon is asked', () => {
  it('takes the explicit host over DOCKER_HOST', () => {
    const endpoint = resolveDaemonEndpoint({ host: 'unix:///tmp/given.sock', env: { DOCKER_HOST: 'unix:///tmp/env.sock' } }, none);
    expect(endpoint).toMatchObject({ transport: 'socket', socketPath: '/tmp/given.sock', address: 'unix:///tmp/given.sock', source: 'given' });
  });

  it('takes DOCKER_HOST over the local socket, and ignores an empty one', () => {
    expect(resolveDaemonEndpoint({ env: { DOCKER_HOST: 'tcp://10.0.0.5:2375' } }, none)).toMatchObject({ transport: 'tcp', host: '10.0.0.5', port: 2375, source: 'DOCKER_HOST' });
    expect(resolveDaemonEndpoint({ env: { DOCKER_HOST: ' ' } }, none)).toMatchObject({ socketPath: '/var/run/docker.sock', source: 'default' });
  });

  it('uses /var/run/docker.sock, else the rootless socket in $XDG_RUNTIME_DIR', () => {
    const env = { XDG_RUNTIME_DIR: '/run/user/1000' };
    expect(resolveDaemonEndpoint({ env }, (path) => path === '/var/run/docker.sock')).toMatchObject({ socketPath: '/var/run/docker.sock' });
    expect(resolveDaemonEndpoint({ env }, (path) => path === '/run/user/1000/docker.sock')).toMatchObject({
      socketPath: '/run/user/1000/docker.sock',
      address: 'unix:///run/user/1000/docker.sock',
    });
    // Neither exists: the default, remembering both for the message.
    expect(resolveDaemonEndpoint({ env }, none)).toMatchObject({ socketPath: '/var/run/docker.sock', candidates: ['/var/run/docker.sock', '/run/user/1000/docker.sock'] });
  });
});

describe('daemon addresses', () => {
  it('reads unix, tcp and http addresses', () => {
    expect(parseDaemonHost('unix:///var/run/docker.sock', 'given', {})).toMatchObject({ socketPath: '/var/run/docker.sock' });
    expect(parseDaemonHost('tcp://127.0.0.1:2375', 'given', {})).toMatchObject({ host: '127.0.0.1', port: 2375, address: 'tcp://127.0.0.1:2375', basePath: '' });
    expect(parseDaemonHost('tcp://docker-host', 'given', {})).toMatchObject({ host: 'docker-host', port: 2375 });
    expect(parseDaemonHost('http://proxy:8080/docker/', 'given', {})).toMatchObject({ host: 'proxy', port: 8080, basePath: '/docker', address: 'http://proxy:8080/docker' });
    expect(parseDaemonHost('http://localhost', 'given', {})).toMatchObject({ port: 80 });
    expect(parseDaemonHost('tcp://[::1]:2375', 'given', {})).toMatchObject({ host: '::1', port: 2375, address: 'tcp://[::1]:2375' });
    expect(parseDaemonHost('npipe:////./pipe/docker_engine', 'given', {})).toMatchObject({ transport: 'socket', socketPath: '\\\\.\\pipe\\docker_engine' });
  });

  it('says clearly that TLS daemons are not supported yet', () => {
    expect(() => parseDaemonHost('tcp://docker-host:2376', 'given', {})).toThrow(/TLS daemons are not supported yet/);
    expect(() => parseDaemonHost('tcp://docker-host:2375', 'DOCKER_HOST', { DOCKER_TLS_VERIFY: '1' })).toThrow(/DOCKER_HOST="tcp:\/\/docker-host:2375": TLS daemons are not supported yet \(DOCKER_TLS_VERIFY is set\)/);
    expect(() => parseDaemonHost('https://docker-host', 'given', {})).toThrow(/TLS daemons are not supported yet/);
  });

  it('rejects what is not an address, in one line that shows the syntax', () => {
    const cases: [string, RegExp][] = [
      ['/var/run/docker.sock', /write unix:\/\/\/var\/run\/docker\.sock/],
      ['localhost:2375', /write unix:\/\/\/path\/to\/docker\.sock, tcp:\/\/host:port or http:\/\/host:port/],
      ['unix://var/run/docker.sock', /must be absolute, as in unix:\/\/\/var\/run\/docker\.sock \(three slashes\)/],
      ['ftp://host', /unknown scheme "ftp:\/\/"/],
      ['ssh://me@host', /ssh:\/\/ daemons are not supported yet/],
      ['tcp://host:99999', /invalid daemon address|out of range/],
      // URL itself rejects 99999; port 0 parses and reaches our own range check.
      ['tcp://host:0', /port 0 is out of range/],
    ];
    for (const [text, pattern] of cases) {
      let error: unknown;
      try {
        parseDaemonHost(text, 'given', {});
      } catch (caught) {
        error = caught;
      }
      expect(error, text).toBeInstanceOf(CompatError);
      expect((error as CompatError).kind).toBe('usage');
      expect((error as CompatError).message).toMatch(pattern);
      expect((error as CompatError).message).not.toContain('\n');
    }
  });
});
