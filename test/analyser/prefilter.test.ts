import { describe, expect, it } from 'vitest';
import { LocalModules } from '../../src/analyser/localPackages.js';
import { exportsFunctionNamed, isReExportModule, mayHoldEngineCalls, selectFilesToParse } from '../../src/analyser/prefilter.js';
import { learnsFromImportsInText } from '../../src/analyser/importerUse.js';

/**
 * Which files the scan parses up front, in a small service laid out like a real one: a
 * Docker client module, its config, a barrel that re-exports it, code that uses it, and
 * code that only passes through. Modules parsed later, on demand, are tested in
 * distantModules.test.ts.
 */
const service = new Map<string, string>([
  ['src/docker/client.ts', `import Docker from 'dockerode';\nimport { engineConfig } from '../config/engine';\nimport { waitHealthy } from './health';\nexport const docker = new Docker({ version: engineConfig.apiVersion });\nexport const startHealthy = async (id: string) => waitHealthy(docker.getContainer(id));\n`],
  ['src/docker/health.ts', `export async function waitHealthy(container: { inspect(): Promise<{ State: { Health?: { Status: string } } }> }) {\n  return (await container.inspect()).State.Health?.Status === 'healthy';\n}\n`],
  ['src/docker/index.ts', `export { docker } from './client';\nexport * from './types';\n`],
  ['src/docker/types.ts', `export interface ContainerSummary { id: string }\n`],
  ['src/config/engine.ts', `import { defaults } from './defaults';\nexport const engineConfig = { apiVersion: defaults.api };\n`],
  ['src/config/defaults.ts', `export const defaults = { api: 'v1.43' };\n`],
  ['src/routes/containers.ts', `import { docker } from '../docker';\nimport { paginate } from '../util/paginate';\nexport const list = () => docker.listContainers().then(paginate);\n`],
  ['src/jobs/report.ts', `import { startHealthy } from '../docker/client';\nexport async function report(id: string, results: boolean[]) {\n  results.push(await startHealthy(id));\n}\n`],
  ['src/util/paginate.ts', `export const paginate = <T>(items: T[]) => items.slice(0, 50);\n`],
  ['src/server.ts', `import { list } from './routes/containers';\nexport const routes = { '/containers': list };\n`],
  ['src/web/Logo.tsx', `export const Logo = () => <img src="/images/logo.png" />;\n`],
]);

describe('selectFilesToParse', () => {
  const selected = [...selectFilesToParse(service)].sort();

  it('parses files with markers, imported helpers that may call the Engine, and the importers that use them', () => {
    expect(selected).toEqual(['src/docker/client.ts', 'src/docker/health.ts', 'src/docker/index.ts', 'src/routes/containers.ts']);
  });

  it('leaves imported values (config) to be parsed on demand', () => {
    expect(selected).not.toContain('src/config/engine.ts');
  });

  it('leaves out an importer that only passes its own arguments through and drops the results', () => {
    expect(selected).not.toContain('src/jobs/report.ts');
  });

  it('follows workspace packages imported by name', () => {
    const monorepo = new Map([
      ['packages/engine/src/index.ts', `import Docker from 'dockerode';\nexport const docker = new Docker();\n`],
      ['apps/api/src/deploy.ts', `import { docker } from '@acme/engine';\nexport const deploy = () => docker.createContainer({ Image: 'nginx' });\n`],
      ['apps/api/src/other.ts', `import { z } from 'zod';\nexport const schema = z.string();\n`],
    ]);
    expect([...selectFilesToParse(monorepo, new LocalModules(new Map([['@acme/engine', 'packages/engine/src/index.ts']])))].sort()).toEqual(['apps/api/src/deploy.ts', 'packages/engine/src/index.ts']);
  });
});

describe('learnsFromImportsInText', () => {
  const docker = new Set(['./docker']);
  const learns = (text: string) => learnsFromImportsInText('src/file.ts', text, docker);

  it('is true when an imported value is used as a receiver, constructed, stored or passed on', () => {
    expect(learns(`import { docker } from './docker';\nexport const ping = () => docker.ping();\n`)).toBe(true);
    expect(learns(`import Deployer from './docker';\nconst deployer = new Deployer();\n`)).toBe(true);
    expect(learns(`import { docker } from './docker';\nexport const deps = { docker };\n`)).toBe(true);
    expect(learns(`const engine = require('./docker');\nmodule.exports = () => engine.client.info();\n`)).toBe(true);
    expect(learns(`export { docker } from './docker';\nexport const version = 1;\n`)).toBe(true);
  });

  it('is true when an imported function gets an argument that may be known, or its result is kept', () => {
    expect(learns(`import { getJson } from './docker';\nexport const info = () => getJson('/info');\n`)).toBe(true);
    expect(learns(`import { run } from './docker';\nexport const go = (name: string) => run({ Image: 'nginx', name });\n`)).toBe(true);
    expect(learns(`import { connect } from './docker';\nexport async function f(host: string) {\n  const client = await connect(host);\n  return client.version();\n}\n`)).toBe(true);
  });

  it("is false when imported functions only get the caller's own parameters and the results are passed on", () => {
    expect(learns(`import { stop, inspect } from './docker';\nexport function all(input: any, results: unknown[]) {\n  results.push(stop(input));\n  return inspect(input as never);\n}\n`)).toBe(false);
    expect(learns(`import { run } from './docker';\nit('survives junk', () => {\n  run({ id: 'x', amount: 3 } as never);\n});\n`)).toBe(false);
  });

  it('is false for type-only and JSX uses, and for other modules', () => {
    expect(learns(`import type { Docker } from './docker';\nexport let client: Docker | undefined;\n`)).toBe(false);
    expect(learns(`import { StatusBadge } from './docker';\nexport const Row = () => <StatusBadge />;\n`)).toBe(false);
    expect(learns(`import { docker } from './other';\ndocker.ping();\n`)).toBe(false);
  });
});

describe('exportsFunctionNamed', () => {
  const module = [
    `export async function deployPreview(spec: PreviewSpec): Promise<string> {`,
    `export function* pages<T>(items: T[]) {}`,
    `export const stopPreview = async (id: string): Promise<void> => {};`,
    `export const format = (n: number) => n.toFixed(2);`,
    `export const trim = s => s.trim();`,
    `export const legacy = function (a, b) {};`,
    `export const listContainers = docker.listContainers.bind(docker);`,
    `export const withDefaults = (options = defaults()) => options;`,
    `export { helper };`,
    `export default async function runJob(name) {}`,
  ].join('\n');

  it('finds functions declared and exported under the name', () => {
    for (const name of ['deployPreview', 'pages', 'stopPreview', 'format', 'trim', 'legacy', 'default']) expect(exportsFunctionNamed(module, name), name).toBe(true);
  });

  it('says no to anything else, including what it cannot read', () => {
    for (const name of ['listContainers', 'withDefaults', 'helper', 'deploy', 'runJob']) expect(exportsFunctionNamed(module, name), name).toBe(false);
    expect(exportsFunctionNamed(`const docker = new Docker();\nexport default docker;\n`, 'default')).toBe(false);
    expect(exportsFunctionNamed(`export const $get = (path) => fetch(path);\n`, '$get')).toBe(true);
  });
});

describe('mayHoldEngineCalls', () => {
  it('is true for a method called on a receiver named like a client, or an HTTP request', () => {
    expect(mayHoldEngineCalls(`export const healthy = async (container) => (await container.inspect()).State.Health;`)).toBe(true);
    expect(mayHoldEngineCalls(`export const get = (url: string) => fetch(url).then((r) => r.json());`)).toBe(true);
    expect(mayHoldEngineCalls(`import axios from 'axios';\nexport const api = axios.create({ baseURL: process.env.ENGINE });`)).toBe(true);
  });

  it('is false for a module of plain values and functions', () => {
    expect(mayHoldEngineCalls(`export const limits = { memory: 512 };\nexport const slug = (s: string) => s.toLowerCase();`)).toBe(false);
  });
});

describe('isReExportModule', () => {
  it('is true for an index file of re-exports, with comments', () => {
    expect(isReExportModule(`// The package's API.\nexport * from './client';\nexport { docker as sharedDocker, type Docker } from './docker';\n/* helpers */\nexport * as util from './util';\n`)).toBe(true);
  });

  it('is false for a module with code of its own, or none at all', () => {
    expect(isReExportModule(`export * from './client';\nexport const version = '1.43';\n`)).toBe(false);
    expect(isReExportModule(`// nothing here\n`)).toBe(false);
  });
});
