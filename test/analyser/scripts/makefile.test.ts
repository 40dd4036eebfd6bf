import { describe, expect, it } from 'vitest';
import { calls, scanFixture, scanText } from './scriptFixtures.js';

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

  it('expands make variables (`:=`, `?=`, recursive `=`) before finding commands: $(CURL) is the curl, $(ENGINE) the pinned base URL', () => {
    const findings = scanText(
      [
        'DOCKER_SOCK ?= /var/run/docker.sock',
        'ENGINE_API  ?= v1.44',
        'ENGINE      := http://localhost/$(ENGINE_API)',
        'CURL        := curl -fsS --unix-socket $(DOCKER_SOCK)',
        '',
        'engine-info:',
        "\t@curl -fsS --unix-socket $(DOCKER_SOCK) $(ENGINE)/info | jq '{ServerVersion, Driver}'",
        'containers:',
        '\t@curl -fsS --unix-socket $(DOCKER_SOCK) "http://localhost/$(ENGINE_API)/containers/json"',
        'volumes:',
        "\t@$(CURL) '$(ENGINE)/volumes?filters={\"dangling\":[\"true\"]}' | jq -r '.Volumes[].Name'",
      ].join('\n'),
      'makefile',
      'Makefile',
    );
    // The usage from $(CURL) is placed at `$(CURL)`, where the curl is written.
    expect(calls(findings)).toEqual(['GET /info @7:3', 'GET /containers/json @9:3', 'GET /volumes @11:3']);
    expect(findings.usages.map((usage) => [usage.pin?.version, usage.query, usage.response, usage.dynamic])).toEqual([
      ['1.44', [], ['ServerVersion', 'Driver'], []],
      ['1.44', [], [], []],
      ['1.44', ['filters'], ['Volumes[].Name'], []],
    ]);
  });

  it('reads `::=`, `+=`, `export` and `override` assignments, a $(Q) prefix, and keeps $$ for the shell', () => {
    const findings = scanText(
      [
        'SOCK ::= /var/run/docker.sock',
        'override API := v1.43',
        'export BASE = http://localhost/$(API)',
        'CURL = curl -s',
        'CURL += --unix-socket $(SOCK)',
        'Q ?= @',
        '',
        'clean:',
        '\t$(Q)for c in $$(docker ps -aq --filter label=ci); do $(CURL) -X DELETE "$(BASE)/containers/$$c?force=1"; done',
      ].join('\n'),
      'makefile',
      'Makefile',
    );
    expect(calls(findings)).toEqual(['DELETE /containers/{} @9:55']);
    expect(findings.usages[0]).toMatchObject({ query: ['force'], pin: { version: '1.43' }, dynamic: ['path: {} is $c'] });
    expect(findings.cliInvocations.map((cli) => cli.command)).toEqual(['docker ps']);
  });

  it('leaves unknown, $(shell ...) and conditionally different variables as {} placeholders, and does not scan a $(shell) value twice', () => {
    const findings = scanText(
      [
        'ifeq ($(CI),true)',
        'API := v1.41',
        'else',
        'API := v1.44',
        'endif',
        'CID := $(shell curl -s --unix-socket /var/run/docker.sock http://localhost/v1.41/containers/web/json | jq -r .Id)',
        'all:',
        '\tcurl --unix-socket /var/run/docker.sock http://localhost/$(API)/info',
        '\tcurl --unix-socket /var/run/docker.sock http://localhost/v1.41/containers/$(CID)/top',
        '\tcurl --unix-socket /var/run/docker.sock http://localhost/v1.41/containers/$(NAME)/logs',
      ].join('\n'),
      'makefile',
      'Makefile',
    );
    expect(calls(findings)).toEqual(['GET /containers/web/json @6:16', 'GET /{}/info @8:2', 'GET /containers/{}/top @9:2', 'GET /containers/{}/logs @10:2']);
    expect(findings.usages.map((usage) => usage.dynamic)).toEqual([[], ['path: {} is $(API)'], ['path: {} is $(CID)'], ['path: {} is $(NAME)']]);
  });

  it('reports a DOCKER_API_VERSION setting held in a variable where it is written, not again where it is used', () => {
    const findings = scanText(['LEGACY_ENV := DOCKER_API_VERSION=1.24', 'RUN_FLAGS = --rm -e DOCKER_API_VERSION="1.41" # for the old client', 'legacy:', '\t$(LEGACY_ENV) docker version'].join('\n'), 'makefile', 'Makefile');
    expect(findings.versionSettings).toEqual([
      { file: 'Makefile', line: 1, column: 15, version: '1.24', raw: '1.24' },
      { file: 'Makefile', line: 2, column: 21, version: '1.41', raw: '1.41' },
    ]);
    expect(findings.cliInvocations).toEqual([{ file: 'Makefile', line: 4, column: 16, command: 'docker version' }]);
  });
});

