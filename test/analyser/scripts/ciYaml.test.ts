import { describe, expect, it } from 'vitest';
import { calls, scanFixture, scanText } from './scriptFixtures.js';

describe('CI and compose YAML', () => {
  it('finds curl in GitHub Actions run: blocks (literal and folded), and not in a registry step', () => {
    const findings = scanFixture('docker-api-smoke.yml');
    expect(calls(findings)).toEqual(['GET /info @21:11', 'POST /images/create @22:11', 'POST /containers/prune @29:11']);
    expect(findings.usages[0]).toMatchObject({ pin: null, dynamic: ['version prefix: /v${{ matrix.api }} is not literal'] });
    expect(findings.usages[1]).toMatchObject({ query: ['fromImage', 'tag'], pin: { version: '1.44', source: 'url' } });
    expect(findings.usages[2]).toMatchObject({ query: ['filters'] });
  });

  it('reads a workflow env setting from a matrix expression and one written to $GITHUB_ENV', () => {
    expect(scanFixture('docker-api-smoke.yml').versionSettings).toEqual([
      { file: 'docker-api-smoke.yml', line: 12, column: 7, version: null, raw: '${{ matrix.api }}' },
      { file: 'docker-api-smoke.yml', line: 18, column: 19, version: '1.44', raw: '1.44' },
    ]);
  });

  it('reports docker CLI use in run: but not the same words in a step name', () => {
    expect(scanFixture('docker-api-smoke.yml').cliInvocations).toEqual([{ file: 'docker-api-smoke.yml', line: 16, column: 30, command: 'docker login' }]);
  });

  it('finds GitLab CI script items, quoted ones included, and reads the extended variables form', () => {
    const findings = scanFixture('gitlab-ci.yml');
    expect(calls(findings)).toEqual(['GET /_ping @16:7', 'POST /containers/create @17:8', 'GET /version @18:7']);
    expect(findings.usages[1]).toMatchObject({ body: ['Image', 'Cmd'], pin: { version: '1.41', source: 'url' } });
    expect(findings.versionSettings).toEqual([{ file: 'gitlab-ci.yml', line: 4, column: 3, version: '1.41', raw: '1.41' }]);
    // `tags: [docker]` and `services: [docker:24-dind]` are not commands.
    expect(findings.cliInvocations).toEqual([]);
  });

  it('reads compose healthchecks in exec and shell form, and environment maps and lists, keeping 1.40 as written', () => {
    const findings = scanFixture('docker-compose.yml');
    expect(findings.usages.map((usage) => [usage.via, usage.method, usage.path, usage.pin?.version, usage.line, usage.column])).toEqual([
      ['wget', 'GET', '/_ping', '1.41', 9, 22],
      ['curl', 'GET', '/containers/json', '1.40', 17, 13],
    ]);
    expect(findings.versionSettings.map((setting) => [setting.version, setting.line, setting.column])).toEqual([
      ['1.40', 14, 7],
      ['1.44', 23, 9],
    ]);
  });

  it('reads Kubernetes exec commands, sh -c probe lists and name/value env entries', () => {
    const findings = scanFixture('probe-pod.yaml');
    expect(calls(findings)).toEqual(['GET /info @9:18', 'GET /_ping @18:15']);
    expect(findings.versionSettings).toEqual([{ file: 'probe-pod.yaml', line: 11, column: 17, version: '1.41', raw: '1.41' }]);
  });

  it('reads a templated file the YAML parser rejects line by line, with a note saying so', () => {
    const findings = scanFixture('engine-check-template.yml');
    expect(calls(findings)).toEqual(['GET /info @3:10']);
    expect(findings.versionSettings).toEqual([{ file: 'engine-check-template.yml', line: 6, column: 5, version: null, raw: '{{ .Values.apiVersion }}' }]);
    expect(findings.notes).toMatchObject([{ file: 'engine-check-template.yml', line: 4, kind: 'parse-error' }]);
  });

  it('does not read kubectl or a plain docker word in YAML as anything', () => {
    const findings = scanText('jobs:\n  deploy:\n    tags: [docker]\n    script:\n      - kubectl apply -f k8s/\n', 'ci-yaml', '.gitlab-ci.yml');
    expect(findings).toEqual({ usages: [], versionSettings: [], cliInvocations: [], notes: [] });
  });
});
