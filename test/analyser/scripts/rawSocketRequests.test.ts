import { describe, expect, it } from 'vitest';
import { onlyUsage, scanText } from './scriptFixtures.js';

/**
 * Monitoring scripts write the request themselves and pipe it into netcat or socat on the
 * socket (`echo -e "GET /containers/json HTTP/1.0\r\n" | nc -U /var/run/docker.sock`).
 */
describe('requests written by hand to the socket in shell', () => {
  it('reads the request line of echo -e piped into netcat -U, under sudo and inside $(...)', () => {
    const usage = onlyUsage(scanText('CTS=$(echo -e "GET /v1.41/containers/json?all=1 HTTP/1.0\\r\\n" | sudo netcat -U /var/run/docker.sock | tail -n +5)'));
    expect(usage).toMatchObject({ client: 'curl', via: 'netcat', method: 'GET', path: '/containers/json', query: ['all'], pin: { version: '1.41' } });
  });

  it('reads printf into socat, with headers and a JSON body after the blank line', () => {
    const script = `printf 'POST /containers/create?name=web HTTP/1.1\\r\\nHost: docker\\r\\nContent-Type: application/json\\r\\n\\r\\n{"Image":"nginx","HostConfig":{"Init":true}}' | socat - UNIX-CONNECT:/var/run/docker.sock`;
    expect(onlyUsage(scanText(script))).toMatchObject({ via: 'socat', method: 'POST', path: '/containers/create', query: ['name'], headers: ['Content-Type'], body: ['Image', 'HostConfig', 'HostConfig.Init'] });
  });

  it('keeps a path built from a variable, and says so', () => {
    const usage = onlyUsage(scanText('for ID in $IDS; do echo -e "GET /containers/$ID/top?ps_args=-aux HTTP/1.0\\r\\n" | nc -U "$DOCKER_SOCKET"; done'));
    expect(usage).toMatchObject({ via: 'nc', path: '/containers/{}/top', query: ['ps_args'], dynamic: ['path: {} is $ID'] });
  });

  it('ignores text that is not a request line, and netcat without a unix socket', () => {
    expect(scanText('echo "hello" | nc -U /var/run/docker.sock').usages).toEqual([]);
    expect(scanText('echo -e "GET /info HTTP/1.0\\r\\n" | nc localhost 80').usages).toEqual([]);
    expect(scanText('echo -e "GET /info HTTP/1.0\\r\\n" | grep GET').usages).toEqual([]);
  });
});
