import { describe, expect, it } from 'vitest';
import { scanFixture, scanText } from './scriptFixtures.js';

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
