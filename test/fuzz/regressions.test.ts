import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanProject, type ScanResult } from '../../src/analyser/scanProject.js';
import { checkScan } from './analyser/checkScan.js';
import { fuzzIndex } from './harness.js';

/**
 * The smallest inputs the fuzzers found for each analyser bug they caught (docs/fuzzing.md),
 * kept as plain tests so that the fixed-seed runs need not stumble on them again.
 */
const folders: string[] = [];

async function scan(files: Record<string, string>): Promise<ScanResult> {
  const folder = mkdtempSync(join(tmpdir(), 'docker-api-compat-regression-'));
  folders.push(folder);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  const result = await scanProject({ paths: ['.'], cwd: folder, index: fuzzIndex() });
  expect(checkScan(result, fuzzIndex())).toEqual([]);
  return result;
}

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('fuzz regressions: the analyser', () => {
  it('survives TypeScript failing a Debug assertion while listing tokens of broken code', async () => {
    // getDescendants() threw "Debug Failure. Did not expect CaseBlock to have an Identifier in its trivia".
    const result = await scan({
      'src/cli.ts':
        "import Docker from 'dockerode';\nconst docker = new Docker();\nconst USAGE = `usage: a\n  b`;\n      await (docker.getContainer(id) as any)[action]();\n    }\n  switch (command) {\n      return command ? 2 : 0;\n",
    });
    expect(result.notes.some((note) => note.kind === 'parse-error')).toBe(true);
  });

  it('survives an import cut short (no string specifier)', async () => {
    // getModuleSpecifierValue() threw "Expected the module specifier to be a string literal".
    const result = await scan({ 'src/a.ts': "import Docker from 'dockerode';\nconst docker = new Docker();\ndocker.listContainers();\nimport {" });
    expect(result.usages.map((usage) => `${usage.method} ${usage.path}`)).toEqual(['GET /containers/json']);
  });

  it('survives an import cut short in a package that uses a client (name-based guesses)', async () => {
    // getModuleSpecifierSourceFile() threw "Expected the module specifier to be a string literal"
    // while the analyser listed which files import client modules.
    const result = await scan({
      'package.json': '{ "name": "ops" }',
      'src/docker.ts': "import Docker from 'dockerode';\nexport const docker = new Docker();\n",
      'src/restart.ts': "import { docker } from './docker';\nimport got from ;\nexport async function restart(container) {\n  await container.restart();\n}\nexport const list = () => docker.listContainers();\n",
    });
    expect(result.usages.map((usage) => `${usage.file}:${usage.line} ${usage.method} ${usage.path}`)).toEqual(['src/restart.ts:4 POST /containers/{id}/restart', 'src/restart.ts:6 GET /containers/json']);
  });

  it('quotes a blank parent key in "a key of ... is computed"', async () => {
    const result = await scan({
      'src/a.ts': [
        "import { Agent } from 'undici';",
        "const agent = new Agent({ connect: { socketPath: '/var/run/docker.sock' } });",
        'export async function ping() {',
        // `{ : [1] }`: a key cut out of the code (the mutation that found this) is an unnamed, computed key.
        "  await fetch('http://localhost/_ping', { method: 'GET', dispatcher: agent, body: JSON.stringify({ ' ': JSON.stringify({ : [1] }) }) });",
        '}',
      ].join('\n'),
    });
    expect(result.usages.flatMap((usage) => usage.dynamic)).toContain('body: a key of " " is computed');
  });

  it('says a name is missing instead of "unresolved name " or "member " with nothing after it', async () => {
    const result = await scan({
      'src/a.ts': [
        "import Docker from 'dockerode';",
        'const docker = new Docker();',
        'export async function list(all?: boolean) {',
        '  await docker.listContainers(all ? Action{ all } : undefined);',
        '}',
        'export class Deployer {',
        '  client = docker;',
        '  async run() {',
        "    const container = await this.).getContainer('x');",
        "    await docker.getContainer('web').start(container);",
        '  }',
        '}',
      ].join('\n'),
    });
    // checkScan (in scan) rejects the empty names; both calls say what happened instead.
    expect(result.usages.map((usage) => usage.dynamic.some((entry) => entry.endsWith('a name is missing (syntax error)')))).toEqual([true, true]);
  });

  it('reports computed query and body keys as dynamic, not as unknown names "{}"', async () => {
    const result = await scan({
      'src/a.ts': [
        "import axios from 'axios';",
        "const api = axios.create({ socketPath: '/var/run/docker.sock' });",
        'export async function f(key: string) {',
        "  await api.get('/v1.44/containers/json', { params: { [key]: 1, all: true } });",
        "  await api.post('/v1.44/containers/create', { [key]: 1, Image: 'x' });",
        '}',
      ].join('\n'),
    });
    const [list, create] = result.usages;
    expect(list.unknown.query).toEqual([]);
    expect(list.dynamic).toContain('query: a parameter name is computed');
    expect(create.dynamic).toContain('body: a top-level key is computed');
  });

  it('flags a body key named "[]" as unknown where the body is not an array', async () => {
    const result = await scan({
      'src/a.ts': "import Docker from 'dockerode';\nconst docker = new Docker();\ndocker.swarmUpdate({ '[]': 'x' });\n",
    });
    expect(result.usages[0].unknown.body).toEqual(['[]']);
  });

  it('recognises a versioned request to an image whose name holds a slash as an Engine API call', async () => {
    // operationsAtPath did not fall back to the wide patterns, so the path was not an Engine path.
    const result = await scan({
      'src/a.ts': 'export async function inspect(repo: string, name: string) {\n  const response = await fetch(`http://build-host:8080/v1.43/images/${repo}/${name}/json`);\n  return (await response.json()).Id;\n}\n',
    });
    expect(result.usages.map((usage) => `${usage.method} ${usage.path} ${usage.response.join(',')}`)).toEqual(['GET /images/{name}/json Id']);
  });

  it("lists each method's reading of a path whose name may hold a slash", () => {
    // A narrow match of one method (POST /plugins/{name}/push, name `0`) hid another method's wide
    // one (DELETE /plugins/{name}, name `0/push`), which is how the daemon routes a DELETE there.
    const operations = (path: string) => fuzzIndex().operationsAtPath(path).map((entry) => `${entry.record.method} ${entry.record.path}`).sort();
    expect(operations('/v1.12/plugins/0/push')).toEqual(['DELETE /plugins/{name}', 'POST /plugins/{name}/push']);
    expect(operations('/images/library/ubuntu/json')).toEqual(['DELETE /images/{name}', 'GET /images/{name}/json']);
    // A template names its own operations only.
    expect(operations('/images/{name}/json')).toEqual(['GET /images/{name}/json']);
  });
});
