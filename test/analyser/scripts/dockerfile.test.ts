import { describe, expect, it } from 'vitest';
import { calls, scanFixture, scanText } from './scriptFixtures.js';

describe('Dockerfiles', () => {
  it('finds curl in RUN here-documents, HEALTHCHECK CMD and exec-form CMD, and not in a COPY here-document', () => {
    const findings = scanFixture('Dockerfile');
    expect(calls(findings)).toEqual(['GET /version @15:1', 'GET /_ping @18:7', 'GET /events @20:7']);
    expect(findings.usages[2]).toMatchObject({ query: ['since'], pin: { version: '1.44', source: 'url' } });
    expect(findings.notes).toEqual([]);
  });

  it('reads ARG and ENV settings in the key=value and the old "ENV key value" forms', () => {
    expect(scanFixture('Dockerfile').versionSettings).toEqual([
      { file: 'Dockerfile', line: 3, column: 5, version: '1.43', raw: '1.43' },
      { file: 'Dockerfile', line: 4, column: 5, version: null, raw: '${DOCKER_API_VERSION}' },
      { file: 'Dockerfile', line: 19, column: 5, version: '1.44', raw: '1.44' },
    ]);
  });

  it('runs exec-form sh -c scripts, ONBUILD instructions and invalid JSON as shell form', () => {
    const findings = scanText(
      'FROM alpine\nRUN ["sh", "-c", "curl -s --unix-socket /var/run/docker.sock http://localhost/v1.41/info"]\nONBUILD RUN curl -s http://localhost:2375/v1.41/version\nRUN [ -n "$CI" ] && curl http://localhost:2375/info',
      'dockerfile',
      'Dockerfile',
    );
    expect(calls(findings)).toEqual(['GET /info @2:19', 'GET /version @3:13', 'GET /info @4:21']);
  });
});
