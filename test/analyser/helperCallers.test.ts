import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.js';

/**
 * A request helper whose path comes from its callers is reported at each call-site,
 * whatever name the caller knows it by: its own, an alias of a named import, a default
 * import, or a whole-module require. (Callers are looked up by name before their callee
 * is resolved; these are the names that differ from the declaration's.)
 */
const project = mkdtempSync(join(tmpdir(), 'dac-helpers-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

const files: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'ops-dashboard', version: '1.0.0', type: 'module' }),
  'src/engine/socket.ts': `import http from 'node:http';

/** GET a JSON document from the local Engine. */
export function getJson<T>(path: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath: '/var/run/docker.sock', path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve(JSON.parse(body) as T));
    });
    req.on('error', reject);
    req.end();
  });
}
`,
  'src/engine/post.ts': `export default async function postToEngine(path: string, body: unknown): Promise<Response> {
  return fetch(\`http://localhost:2375\${path}\`, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
}
`,
  'src/engine/legacy.cjs': `const http = require('http');

module.exports = function engineDelete(path, callback) {
  http.request({ socketPath: '/var/run/docker.sock', method: 'DELETE', path }, (res) => callback(null, res.statusCode)).end();
};
`,
  'src/routes.ts': `import { getJson as readJson } from './engine/socket.js';
import createOnEngine from './engine/post.js';

export async function overview() {
  const version = await readJson<{ ApiVersion: string }>('/version');
  return version.ApiVersion;
}

export async function createVolume(name: string) {
  return createOnEngine('/volumes/create', { Name: name });
}
`,
  'src/cleanup.cjs': `const removeOnEngine = require('./engine/legacy.cjs');

function removeNetwork(id) {
  removeOnEngine(\`/networks/\${id}\`, () => {});
}

module.exports = { removeNetwork };
`,
};
for (const [path, text] of Object.entries(files)) {
  mkdirSync(dirname(join(project, path)), { recursive: true });
  writeFileSync(join(project, path), text);
}

describe('request helpers called under another name', () => {
  it('reports each request at the caller that writes its path', () => {
    const result = runCli(['scan', '.', '--format', 'json'], { cwd: project });
    expect(result.code, result.stderr).toBe(0);
    const usages = (JSON.parse(result.stdout) as { usages: Array<{ file: string; line: number; method: string; path: string }> }).usages;
    expect(usages.map(({ file, line, method, path }) => `${file}:${line} ${method} ${path}`)).toEqual([
      'src/cleanup.cjs:4 DELETE /networks/{id}',
      'src/routes.ts:5 GET /version',
      'src/routes.ts:10 POST /volumes/create',
    ]);
  });
});
