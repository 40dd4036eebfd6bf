import { describe, expect, it } from 'vitest';
import { scanScriptFile } from '../../../src/analyser/scripts/scanScriptFile.js';
import { calls, onlyUsage, scanText } from './scriptFixtures.js';

describe('curl to the Docker daemon', () => {
  it('reports a GET over the docker socket with the /v1.NN prefix as the pin, not as part of the path', () => {
    expect(onlyUsage(scanText('curl --unix-socket /var/run/docker.sock http://localhost/v1.41/containers/json'))).toEqual({
      file: 'scripts/check.sh',
      line: 1,
      column: 1,
      client: 'curl',
      via: 'curl',
      method: 'GET',
      path: '/containers/json',
      query: [],
      headers: [],
      body: [],
      response: [],
      pin: { version: '1.41', source: 'url' },
      dynamic: [],
    });
  });

  it("reads curl's http:/ form as curl does: the first segment is the host, so a version there pins nothing", () => {
    // curl 7.62 and later skip one to three slashes after the scheme: GET /info with `Host: v1.41`.
    const usage = onlyUsage(scanText('curl -s --unix-socket "$SOCK" http:/v1.41/info'));
    expect(usage).toMatchObject({ method: 'GET', path: '/info', pin: null });
    expect(usage.notes).toEqual(['curl reads http:/v1.41/info as host v1.41 and path /info; write http://localhost/v1.41/info for the path as written']);
    expect(onlyUsage(scanText('curl --unix-socket /var/run/docker.sock http:///v1.41/containers/json'))).toMatchObject({ path: '/containers/json', pin: null });
    // Two slashes, or no scheme at all, say nothing of the kind.
    expect(onlyUsage(scanText('curl -s "$DOCKER_HOST/v1.41/version"')).notes).toBeUndefined();
    expect(onlyUsage(scanText('curl --unix-socket /var/run/docker.sock http://localhost/v1.41/info')).notes).toBeUndefined();
  });

  it('keeps wget URLs with one slash as a path on no host (wget does not read a host there)', () => {
    // The same URL reaches the daemon's port with curl, and nothing with wget (which fails to connect).
    expect(onlyUsage(scanText('curl -s http:/localhost:2375/v1.41/info'))).toMatchObject({ path: '/info', pin: { version: '1.41' } });
    expect(scanText('wget -qO- http:/localhost:2375/v1.41/info').usages).toEqual([]);
  });

  it('reads method, headers, query names and JSON body fields of a container create', () => {
    const usage = onlyUsage(
      scanText(
        `curl -X POST -H 'Content-Type: application/json' -H "X-Registry-Auth: $AUTH" -d '{"Image":"alpine","HostConfig":{"Init":true}}' --unix-socket /run/docker.sock 'http://localhost/containers/create?name=web'`,
      ),
    );
    expect(usage).toMatchObject({
      method: 'POST',
      path: '/containers/create',
      query: ['name'],
      // A Content-Type set by hand with -H is reported (the fixture labels list it); the matching step knows it is standard HTTP.
      headers: ['Content-Type', 'X-Registry-Auth'],
      body: ['Image', 'HostConfig', 'HostConfig.Init'],
      pin: null,
      dynamic: [],
    });
  });

  it('keeps a hand-written Content-Type but drops Accept, Host, Content-Length and Connection, and --json adds no header of its own', () => {
    const findings = scanText(
      [
        `curl -H 'Content-Type: application/json' -H 'Accept: application/json' -H 'Host: docker' -H 'Content-Length: 2' -H 'Connection: close' -d '{}' --unix-socket /var/run/docker.sock http://localhost/v1.41/containers/web/stop`,
        `curl --json '{"Name":"backend"}' --unix-socket /var/run/docker.sock http://localhost/v1.44/networks/create`,
        `wget --header='Content-Type: application/json' --post-data='{"Tty":true}' http://localhost:2375/v1.41/containers/create`,
      ].join('\n'),
    );
    expect(findings.usages.map((usage) => usage.headers)).toEqual([['Content-Type'], [], ['Content-Type']]);
  });

  it('flattens arrays of objects as Field[].Sub and writes JSON maps as objects', () => {
    const usage = onlyUsage(
      scanText(`curl --data-raw '{"Labels":{"com.example.team":"web"},"HostConfig":{"Mounts":[{"Type":"tmpfs","Target":"/run"}]}}' --unix-socket /var/run/docker.sock http://localhost/v1.44/containers/create`),
    );
    expect(usage.body).toEqual(['Labels', 'Labels.com.example.team', 'HostConfig', 'HostConfig.Mounts', 'HostConfig.Mounts[].Type', 'HostConfig.Mounts[].Target']);
  });

  it('treats TCP hosts on 2375/2376, $DOCKER_HOST and tcp:// as the daemon', () => {
    const findings = scanText(
      'curl http://127.0.0.1:2375/v1.40/info; curl "$DOCKER_HOST/containers/json"; curl -k https://build-host:2376/version; wget -qO- tcp://docker:2375/_ping',
    );
    expect(calls(findings)).toEqual(['GET /info @1:1', 'GET /containers/json @1:40', 'GET /version @1:77', 'GET /_ping @1:118']);
  });

  it('reads -XDELETE, -I, -G with -d, --json and -T as curl does', () => {
    const findings = scanText(
      [
        'curl -sXDELETE --unix-socket /var/run/docker.sock "http://localhost/v1.43/containers/web?force=1"',
        'curl -I --unix-socket /var/run/docker.sock http://localhost/_ping',
        `curl -G -d all=1 --data-urlencode 'filters={"status":["running"]}' --unix-socket /var/run/docker.sock http://localhost/containers/json`,
        `curl --json '{"Name":"backend"}' --unix-socket /var/run/docker.sock http://localhost/v1.44/networks/create`,
        'curl -T site.tar --unix-socket /var/run/docker.sock "http://localhost/containers/web/archive?path=/srv"',
      ].join('\n'),
    );
    expect(findings.usages.map((usage) => [usage.method, usage.path, usage.query, usage.body, usage.dynamic])).toEqual([
      ['DELETE', '/containers/web', ['force'], [], []],
      ['HEAD', '/_ping', [], [], []],
      ['GET', '/containers/json', ['all', 'filters'], [], []],
      ['POST', '/networks/create', [], ['Name'], []],
      ['PUT', '/containers/web/archive', ['path'], [], ['body: uploads site.tar']],
    ]);
  });

  it('marks a body read from a file or a variable, and values it cannot see, as dynamic', () => {
    const findings = scanText(
      [
        'curl -d @create.json --unix-socket /var/run/docker.sock http://localhost/containers/create',
        'curl -d "$BODY" --unix-socket /var/run/docker.sock http://localhost/containers/create',
        `curl -d "{\\"Image\\":\\"$IMAGE\\",\\"HostConfig\\":$HOST_CONFIG}" --unix-socket /var/run/docker.sock http://localhost/containers/create`,
      ].join('\n'),
    );
    expect(findings.usages.map((usage) => [usage.body, usage.dynamic])).toEqual([
      [[], ['body: read from create.json']],
      [[], ['body: $BODY']],
      [['Image', 'HostConfig'], ['body: HostConfig is not literal']],
    ]);
  });

  it('writes variable path segments as {} and says which variable each stands for', () => {
    const usage = onlyUsage(scanText('curl -s --unix-socket /var/run/docker.sock "http://localhost/v1.41/containers/${CID}/logs?stdout=1&$EXTRA=1"'));
    expect(usage).toMatchObject({
      path: '/containers/{}/logs',
      query: ['stdout'],
      dynamic: ['path: {} is ${CID}', 'query: parameter name $EXTRA is not literal'],
    });
  });

  it('keeps a non-literal method unresolved instead of guessing', () => {
    expect(onlyUsage(scanText('curl -X "$METHOD" --unix-socket /var/run/docker.sock http://localhost/v1.41/containers/prune'))).toMatchObject({
      method: null,
      dynamic: ['method: $METHOD is not literal'],
    });
  });

  it('finds every curl of a line split by &&, |, ; and $( ... ), at the column of its curl word', () => {
    const line = 'ID=$(curl -s --unix-socket /var/run/docker.sock http://localhost/v1.41/containers/web/json | jq -r .Id) && curl -s --unix-socket /var/run/docker.sock http://localhost/v1.41/containers/$ID/top; echo done';
    expect(calls(scanText(line))).toEqual(['GET /containers/web/json @1:6', 'GET /containers/{}/top @1:108']);
  });

  it('finds curl behind sudo, timeout, env assignments and if, but not as an argument of echo', () => {
    const findings = scanText(
      [
        'sudo -E curl --unix-socket /var/run/docker.sock http://localhost/v1.41/info',
        'timeout 5 /usr/bin/curl -sf http://127.0.0.1:2375/_ping',
        'if curl -sf http://localhost:2375/_ping; then echo up; fi',
        'echo "try: curl http://localhost:2375/info"',
        'echo curl http://localhost:2375/info',
      ].join('\n'),
    );
    expect(calls(findings)).toEqual(['GET /info @1:9', 'GET /_ping @2:11', 'GET /_ping @3:4']);
  });
});

describe('wget to the Docker daemon', () => {
  it('reports wget to a TCP daemon with its method, headers and body', () => {
    const findings = scanText(
      [
        'wget -qO- http://localhost:2375/v1.41/version',
        `wget --post-data='{"Tty":true}' --header='X-Registry-Auth: e30=' "http://$DOCKER_HOST_IP:2375/containers/create"`,
        'wget --method=DELETE -qO- "http://localhost:2375/v1.41/containers/old?force=1"',
        'wget --spider http://localhost:2376/_ping',
      ].join('\n'),
    );
    expect(findings.usages.map((usage) => [usage.via, usage.method, usage.path, usage.query, usage.headers, usage.body])).toEqual([
      ['wget', 'GET', '/version', [], [], []],
      ['wget', 'POST', '/containers/create', [], ['X-Registry-Auth'], ['Tty']],
      ['wget', 'DELETE', '/containers/old', ['force'], [], []],
      ['wget', 'HEAD', '/_ping', [], [], []],
    ]);
  });
});

describe('calls that do not go to a Docker daemon', () => {
  it('ignores registry v2 calls, GitHub look-alike paths and Kubernetes, even on local hosts', () => {
    const findings = scanText(
      [
        'curl -s https://registry-1.docker.io/v2/library/alpine/tags/list',
        'curl -s http://localhost:5000/v2/_catalog',
        'curl -s -H "Authorization: token $GH" https://api.github.com/repos/acme/app/images',
        'curl -sk https://kubernetes.default.svc/api/v1/namespaces/default/pods',
        'kubectl get pods -o json',
      ].join('\n'),
    );
    expect(findings.usages).toEqual([]);
  });

  it('needs both a /v1.NN/ prefix and an Engine API path before it takes localhost for the daemon', () => {
    const findings = scanText(
      ['curl http://localhost:8080/containers/json', 'curl http://localhost:8080/v1.41/users', 'curl http://localhost:8080/v1.41/containers/json'].join('\n'),
    );
    expect(calls(findings)).toEqual(['GET /containers/json @3:1']);
  });

  it('reports the docker CLI as a CLI invocation, not as an API call', () => {
    const findings = scanText('docker ps -a && DOCKER_HOST=tcp://ci:2375 docker compose -f ci.yml up -d');
    expect(findings.usages).toEqual([]);
    expect(findings.cliInvocations).toEqual([
      { file: 'scripts/check.sh', line: 1, column: 1, command: 'docker ps' },
      { file: 'scripts/check.sh', line: 1, column: 43, command: 'docker compose up' },
    ]);
  });
});

describe('without a database index', () => {
  it('falls back to the first path segment to tell an Engine path from others', () => {
    const findings = scanScriptFile('check.sh', 'curl http://localhost/v1.41/containers/json\ncurl http://localhost/v1.41/users', 'shell');
    expect(calls(findings)).toEqual(['GET /containers/json @1:1']);
  });
});
