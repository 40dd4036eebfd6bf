import { describe, expect, it } from 'vitest';
import { calls, scanFixture } from './scriptFixtures.js';

describe('Makefiles', () => {
  it('finds curl in recipes, inline recipes and $(shell ...), with make variables as the socket and $$ as the shell\'s $', () => {
    const findings = scanFixture('Makefile');
    expect(calls(findings)).toEqual(['GET /version @3:27', 'GET /containers/json @7:3', 'DELETE /containers/{} @11:3', 'GET /images/json @14:11']);
    expect(findings.usages[1]).toMatchObject({ query: ['all'], pin: { version: '1.43', source: 'url' } });
    expect(findings.usages[2]).toMatchObject({ query: ['force'], dynamic: ['path: {} is $id'] });
  });

  it('reads exported, target-specific and recipe DOCKER_API_VERSION settings', () => {
    expect(scanFixture('Makefile').versionSettings).toEqual([
      { file: 'Makefile', line: 2, column: 8, version: '1.43', raw: '1.43' },
      { file: 'Makefile', line: 16, column: 9, version: '1.24', raw: '1.24' },
      { file: 'Makefile', line: 18, column: 2, version: '1.24', raw: '1.24' },
    ]);
  });

  it('reports docker CLI use inside $$( ... ) and after an assignment prefix', () => {
    expect(scanFixture('Makefile').cliInvocations.map((cli) => `${cli.command} @${cli.line}:${cli.column}`)).toEqual(['docker ps @10:16', 'docker version @18:26']);
  });
});
