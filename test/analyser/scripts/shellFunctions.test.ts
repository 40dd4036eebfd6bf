import { describe, expect, it } from 'vitest';
import { calls, scanFixture, scanText } from './scriptFixtures.js';

describe('curl inside shell functions', () => {
  it('reports an api PATH helper at each call, with the call\'s path, the pin from a variable and the caller\'s jq reads', () => {
    const findings = scanText(
      [
        'SOCK="${DOCKER_SOCK:-/var/run/docker.sock}"',
        'API="v1.41"',
        'api() {',
        '  # usage: api PATH',
        '  curl -fsS --unix-socket "$SOCK" "http://localhost/${API}$1"',
        '}',
        `for id in $(api "/containers/json?all=1" | jq -r '.[] | select(.State == "restarting") | .Id'); do`,
        '  api "/containers/${id}/json" >/dev/null',
        'done',
      ].join('\n'),
    );
    // Nothing at line 5: the curl in the helper is reported through its calls.
    expect(calls(findings)).toEqual(['GET /containers/json @7:13', 'GET /containers/{}/json @8:3']);
    expect(findings.usages[0]).toMatchObject({ query: ['all'], response: ['[].State', '[].Id'], pin: { version: '1.41', source: 'url' }, dynamic: [] });
    expect(findings.usages[1]).toMatchObject({ pin: { version: '1.41' }, response: [], dynamic: ['path: {} is ${id}'] });
  });

  it('follows local copies of $1 and $2, shift, "$@" pass-through, a caller inside another function, and a captured result', () => {
    const findings = scanFixture('engine-helpers.sh');
    expect(calls(findings)).toEqual([
      'GET /containers/{}/json @23:3',
      'GET /version @27:3',
      'GET ? @32:3',
      'GET /containers/json @35:13',
      'DELETE /containers/{} @36:3',
      'POST /containers/web/restart @39:1',
      'GET /info @42:8',
    ]);
    expect(findings.usages.map((usage) => usage.pin?.version)).toEqual(['1.43', '1.43', '1.43', '1.43', '1.43', '1.43', '1.43']);
    // container_status passes its own $1 on: one level of calls is followed, the rest stays dynamic.
    expect(findings.usages[0]).toMatchObject({ response: ['State.Status'], dynamic: ['path: {} is $1'] });
    // server_version's curl uses no argument: it is reported once, where it is.
    expect(findings.usages[1]).toMatchObject({ response: ['Version'] });
    // raw_get has no call: reported once, with its path unknown.
    expect(findings.usages[2]).toMatchObject({ method: 'GET', path: null, dynamic: ['path: the path is $1'] });
    expect(findings.usages[3]).toMatchObject({ query: ['all'], response: ['[].State', '[].Id'] });
    expect(findings.usages[4]).toMatchObject({ query: ['v'], dynamic: ['path: {} is ${id}'] });
    expect(findings.usages[5]).toMatchObject({ headers: ['X-Trace-Id'], dynamic: [] });
    expect(findings.usages[6]).toMatchObject({ response: ['Driver'] });
  });

  it('applies a function\'s own jq filter at every call instead of the caller\'s', () => {
    const findings = scanText(
      [
        'state() {',
        `  curl -s --unix-socket /var/run/docker.sock "http://localhost/v1.44/containers/$1/json" | jq -r '.State.Health.Status'`,
        '}',
        'state web | grep -q healthy',
        'state db',
      ].join('\n'),
    );
    expect(calls(findings)).toEqual(['GET /containers/web/json @4:1', 'GET /containers/db/json @5:1']);
    expect(findings.usages.map((usage) => usage.response)).toEqual([['State.Health.Status'], ['State.Health.Status']]);
  });

  it('gives up on $1 after shifts in a loop, but still reports each call', () => {
    const findings = scanText(
      [
        'last_arg() {',
        '  while [ $# -gt 1 ]; do shift; done',
        '  curl -s --unix-socket /var/run/docker.sock "http://localhost/v1.41$1"',
        '}',
        'last_arg -v /info',
      ].join('\n'),
    );
    expect(findings.usages).toMatchObject([{ line: 5, column: 1, path: null, pin: { version: '1.41' }, dynamic: ['path: the path is $1'] }]);
  });

  it('takes a function named curl for a wrapper: its calls are reported once each, through `command curl`', () => {
    const findings = scanText(
      [
        'curl() { command curl -s --unix-socket /var/run/docker.sock "$@"; }',
        "curl http://localhost/v1.41/info | jq -r '.Name'",
        'curl -X POST http://localhost/v1.41/containers/web/stop',
      ].join('\n'),
    );
    expect(calls(findings)).toEqual(['GET /info @2:1', 'POST /containers/web/stop @3:1']);
    expect(findings.usages[0].response).toEqual(['Name']);
  });

  it('recognises `function name {` and one-line bodies', () => {
    const findings = scanText(
      [
        'function ping_engine {',
        '  curl -sf --unix-socket /var/run/docker.sock "http://localhost/$1/_ping"',
        '}',
        'function version() { curl -s --unix-socket /var/run/docker.sock "http://localhost/v1.41$1"; }',
        'ping_engine v1.44',
        'version /version',
      ].join('\n'),
    );
    expect(findings.usages.map((usage) => [usage.path, usage.pin?.version, usage.line])).toEqual([
      ['/_ping', '1.44', 5],
      ['/version', '1.41', 6],
    ]);
  });
});
