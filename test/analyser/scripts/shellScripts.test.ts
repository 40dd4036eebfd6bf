import { describe, expect, it } from 'vitest';
import { calls, scanFixture } from './scriptFixtures.js';

describe('shell scripts', () => {
  it('finds every Engine call of a healthcheck script, across line continuations and $( ... ), with its version setting and CLI use', () => {
    const findings = scanFixture('docker-healthcheck.sh');
    expect(calls(findings)).toEqual(['GET /_ping @8:6', 'GET /containers/json @13:11', 'POST /containers/create @18:3', 'POST /containers/web/start @22:3']);
    // `| jq length` reads no field.
    expect(findings.usages[1]).toMatchObject({ query: ['filters'], response: [], pin: { version: '1.43', source: 'url' } });
    expect(findings.usages[2]).toMatchObject({
      query: ['name'],
      body: [
        'Image',
        'Labels',
        'Labels.app',
        'HostConfig',
        'HostConfig.RestartPolicy',
        'HostConfig.RestartPolicy.Name',
        'HostConfig.Mounts',
        'HostConfig.Mounts[].Type',
        'HostConfig.Mounts[].Source',
        'HostConfig.Mounts[].Target',
      ],
      dynamic: [],
    });
    expect(findings.versionSettings).toEqual([{ file: 'docker-healthcheck.sh', line: 6, column: 8, version: '1.43', raw: '1.43' }]);
    expect(findings.cliInvocations.map((cli) => cli.command)).toEqual(['docker ps']);
    expect(findings.notes).toEqual([]);
  });

  it('reads a JSON body from a here-document, -G query data, a base URL in a variable and a sh -c script', () => {
    const findings = scanFixture('recreate-web.sh');
    expect(calls(findings)).toEqual(['GET /containers/json @7:7', 'DELETE /containers/{} @12:3', 'POST /containers/create @15:1', 'POST /containers/web/start @26:8']);
    // API=http://localhost/v1.41 is set once at the top, so "$API/..." is pinned; `id` comes from a for loop and stays unknown.
    expect(findings.usages[0]).toMatchObject({ query: ['filters', 'all'], response: ['[].Id'], pin: { version: '1.41', source: 'url' }, dynamic: [] });
    expect(findings.usages[1]).toMatchObject({ query: ['force', 'v'], pin: { version: '1.41', source: 'url' }, dynamic: ['path: {} is $id'] });
    expect(findings.usages[2]).toMatchObject({
      query: ['name'],
      body: ['Image', 'Env', 'HostConfig', 'HostConfig.Init', 'HostConfig.Mounts', 'HostConfig.Mounts[].Type', 'HostConfig.Mounts[].Source', 'HostConfig.Mounts[].Target', 'HostConfig.Mounts[].ReadOnly'],
      pin: { version: '1.41', source: 'url' },
      dynamic: [],
    });
  });

  it('reports nothing for a script that only talks to registries, GitHub and Kubernetes, except its docker CLI use', () => {
    const findings = scanFixture('publish-image.sh');
    expect(findings.usages).toEqual([]);
    expect(findings.versionSettings).toEqual([]);
    expect(findings.cliInvocations).toEqual([{ file: 'publish-image.sh', line: 9, column: 1, command: 'docker push' }]);
  });
});
