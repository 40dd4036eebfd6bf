import { describe, expect, it } from 'vitest';
import { calls, scanFixture, scanText } from './scriptFixtures.js';

describe('DOCKER_API_VERSION settings', () => {
  it('reads an env file value without its quotes and trailing comment, and ignores look-alike names', () => {
    expect(scanFixture('deploy.env').versionSettings).toEqual([{ file: 'deploy.env', line: 4, column: 1, version: '1.41', raw: '1.41' }]);
  });

  it('reads export, a command prefix, docker run -e, --env= and a line echoed into an env file', () => {
    const findings = scanText(
      [
        'export DOCKER_API_VERSION=1.41',
        'DOCKER_API_VERSION=1.40 docker version',
        'docker run -e DOCKER_API_VERSION=1.39 --env=DOCKER_API_VERSION=1.38 alpine',
        'echo "DOCKER_API_VERSION=1.44" >> "$GITHUB_ENV"',
      ].join('\n'),
    );
    expect(findings.versionSettings.map((setting) => [setting.version, setting.line, setting.column])).toEqual([
      ['1.41', 1, 8],
      ['1.40', 2, 1],
      ['1.39', 3, 15],
      ['1.38', 3, 39],
      ['1.44', 4, 6],
    ]);
  });

  it('normalises v1.41 and keeps values that are not versions as raw text with a null version', () => {
    const findings = scanText('DOCKER_API_VERSION=v1.41\nDOCKER_API_VERSION="$API"\nDOCKER_API_VERSION=latest\nDOCKER_API_VERSION=', 'env', '.env');
    expect(findings.versionSettings.map((setting) => [setting.version, setting.raw])).toEqual([
      ['1.41', 'v1.41'],
      [null, '$API'],
      [null, 'latest'],
      [null, ''],
    ]);
  });

  it('counts a DOCKER_API_VERSION line written by a here-document into a file as a setting', () => {
    const findings = scanText('cat > .env <<EOF\nCOMPOSE_PROJECT_NAME=agent\nDOCKER_API_VERSION=1.41\nEOF\n');
    expect(findings.versionSettings).toEqual([{ file: 'scripts/check.sh', line: 3, column: 1, version: '1.41', raw: '1.41' }]);
  });

  it('does not take a reference to the variable, or a comment, for a setting', () => {
    const findings = scanText('echo "$DOCKER_API_VERSION"\n# export DOCKER_API_VERSION=1.24\nexport DOCKER_API_VERSION\n');
    expect(findings.versionSettings).toEqual([]);
  });
});

describe('package.json scripts', () => {
  const packageJson = [
    '{',
    '  "name": "deployer",',
    '  "version": "1.41.0",',
    '  "config": { "scripts": { "x": "DOCKER_API_VERSION=1.20 node x.js" } },',
    '  "scripts": {',
    '    "start": "DOCKER_API_VERSION=1.41 node server.js",',
    '    "test:ci": "cross-env DOCKER_API_VERSION=1.43 vitest run",',
    '    "pretest": "curl -fsS --unix-socket /var/run/docker.sock http://localhost/v1.43/_ping",',
    '    "quoted": "sh -c \\"DOCKER_API_VERSION=1.44 node q.js\\""',
    '  }',
    '}',
  ].join('\n');

  it('reads each script as a shell command line, placed at its value, and nothing else in the file', () => {
    const findings = scanText(packageJson, 'package-scripts', 'package.json');
    expect(findings.versionSettings.map((setting) => [setting.version, setting.line, setting.column])).toEqual([
      ['1.41', 6, 15],
      ['1.43', 7, 27],
      // After an escaped quote: placed where it is written.
      ['1.44', 9, 24],
    ]);
    expect(calls(findings)).toEqual(['GET /_ping @8:17']);
  });

  it('says so when the file is not JSON', () => {
    const findings = scanText('{ "scripts": { "start": "node ." }', 'package-scripts', 'package.json');
    expect(findings.notes).toEqual([expect.objectContaining({ kind: 'parse-error', message: 'not valid JSON; its scripts were not scanned' })]);
  });
});
