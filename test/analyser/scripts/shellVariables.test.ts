import { describe, expect, it } from 'vitest';
import { calls, onlyUsage, scanText } from './scriptFixtures.js';

const SOCKET = '--unix-socket /var/run/docker.sock';

describe('shell variables with literal values', () => {
  it('puts a variable set earlier into a URL on continuation lines, so "$API" pins the request', () => {
    const usage = onlyUsage(
      scanText(['#!/usr/bin/env bash', 'API="v1.41"', '', 'unhealthy=$(curl -fsS --unix-socket "$SOCK" \\', '  "http://localhost/${API}/containers/json?all=1" \\', "  | jq -r '.[].Names[0]')"].join('\n')),
    );
    expect(usage).toMatchObject({ line: 4, column: 13, path: '/containers/json', query: ['all'], pin: { version: '1.41', source: 'url' }, dynamic: [] });
  });

  it('reads readonly, export, a base URL holding another variable, and `local` inside the same function', () => {
    const findings = scanText(
      [
        'readonly SOCK=/var/run/docker.sock',
        'export ENGINE_API=v1.43',
        'BASE="http://localhost/${ENGINE_API}"',
        'curl --unix-socket "$SOCK" "$BASE/info"',
        'probe() {',
        '  local version=v1.44',
        '  curl --unix-socket "$SOCK" "http://localhost/$version/_ping"',
        '}',
        'probe',
      ].join('\n'),
    );
    expect(findings.usages.map((usage) => [usage.path, usage.pin?.version, usage.line])).toEqual([
      ['/info', '1.43', 4],
      ['/_ping', '1.44', 7],
    ]);
  });

  it('takes the default of `: "${VAR:=default}"`, `VAR="${VAR:-default}"` and of an environment variable the script never sets', () => {
    const findings = scanText(
      [
        ': "${API:=v1.42}"',
        `curl ${SOCKET} "http://localhost/$API/info"`,
        'PINNED="${PINNED:-v1.43}"',
        `curl ${SOCKET} "http://localhost/$PINNED/version"`,
        `curl ${SOCKET} "http://localhost/\${DOCKER_API:-v1.40}/_ping"`,
      ].join('\n'),
    );
    expect(findings.usages.map((usage) => [usage.path, usage.pin?.version])).toEqual([
      ['/info', '1.42'],
      ['/version', '1.43'],
      ['/_ping', '1.40'],
    ]);
  });

  it('leaves a variable unknown when it is set twice to different values, from a command substitution, by a for loop, or only after the use', () => {
    const findings = scanText(
      [
        'API=v1.41',
        'if [ -n "$NEW_ENGINE" ]; then API=v1.44; fi',
        `curl ${SOCKET} "http://localhost/$API/info"`,
        'VERSION=$(cat .api-version)',
        `curl ${SOCKET} "http://localhost/$VERSION/info"`,
        'for id in a b; do :; done',
        'id=web',
        `curl ${SOCKET} "http://localhost/v1.41/containers/$id/json"`,
        `curl ${SOCKET} "http://localhost/v1.41/containers/$LATER/json"`,
        'LATER=web',
      ].join('\n'),
    );
    expect(findings.usages.map((usage) => [usage.path, usage.pin?.version ?? null, usage.dynamic])).toEqual([
      ['/{}/info', null, ['path: {} is $API']],
      ['/info', null, ['version prefix: /$VERSION is not literal']],
      ['/containers/{}/json', '1.41', ['path: {} is $id']],
      ['/containers/{}/json', '1.41', ['path: {} is $LATER']],
    ]);
  });

  it('uses a value assigned twice alike, and does not let a `local` of another function leak out', () => {
    const findings = scanText(
      ['API=v1.41', 'reset() { local API=v1.24; }', 'API=v1.41', `curl ${SOCKET} "http://localhost/$API/info"`].join('\n'),
    );
    expect(onlyUsage(findings)).toMatchObject({ path: '/info', pin: { version: '1.41' } });
  });

  it('splits an unquoted $CURL into the program and its options, as the shell does, but not a quoted one', () => {
    const findings = scanText(
      ['CURL="curl -fsS --unix-socket /var/run/docker.sock"', "$CURL http://localhost/v1.41/info | jq -r '.ServerVersion'", '"$CURL" http://localhost/v1.41/version'].join('\n'),
    );
    expect(calls(findings)).toEqual(['GET /info @2:1']);
    expect(findings.usages[0]).toMatchObject({ response: ['ServerVersion'], dynamic: [] });
  });

  it('keeps $DOCKER_HOST as written when its default is a unix:// address, so it still names the daemon', () => {
    const findings = scanText('DOCKER_HOST="${DOCKER_HOST:-unix:///var/run/docker.sock}"\ncurl -s "$DOCKER_HOST/containers/json"');
    expect(calls(findings)).toEqual(['GET /containers/json @2:1']);
  });

  it('fills a JSON body from a variable and a here-document with the values the script sets', () => {
    const findings = scanText(
      [
        `BODY='{"Image":"alpine","HostConfig":{"Init":true}}'`,
        `curl -d "$BODY" ${SOCKET} http://localhost/v1.41/containers/create`,
        'TTY=true',
        `curl -d @- ${SOCKET} http://localhost/v1.41/containers/create <<EOF`,
        '{"Image": "alpine", "Tty": $TTY}',
        'EOF',
      ].join('\n'),
    );
    expect(findings.usages.map((usage) => [usage.body, usage.dynamic])).toEqual([
      [['Image', 'HostConfig', 'HostConfig.Init'], []],
      [['Image', 'Tty'], []],
    ]);
  });

  it('lets an inline sh -c script see the variables of the script around it', () => {
    const findings = scanText(`API=v1.41\nsh -c "curl ${SOCKET} http://localhost/$API/info"`);
    expect(onlyUsage(findings)).toMatchObject({ line: 2, column: 8, path: '/info', pin: { version: '1.41' } });
  });
});
