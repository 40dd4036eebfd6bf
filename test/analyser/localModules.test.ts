import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLocalModules, type LocalModules } from '../../src/analyser/localPackages.js';

// A monorepo: a server package imported by subpath, a web app with aliases inherited from a base config.
const files: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'acme', private: true, workspaces: ['packages/*', 'apps/*'] }),
  'packages/server/package.json': JSON.stringify({ name: '@acme/server', main: 'dist/index.js', exports: { '.': './dist/index.js', './constants': './dist/constants/index.js' } }),
  'packages/server/src/index.ts': 'export * from "./constants";\n',
  'packages/server/src/constants/index.ts': 'export const socket = "/var/run/docker.sock";\n',
  'tsconfig.base.json': '{\n  // shared by the apps\n  "compilerOptions": { "baseUrl": ".", "paths": { "@shared/*": ["packages/server/src/*"], "~/*": ["apps/web/app/*"], "~/*.json": ["none/*"] } }\n}\n',
  'apps/web/tsconfig.json': '{ "extends": "../../tsconfig.base.json", "compilerOptions": { "strict": true } }\n',
  'apps/web/app/lib/docker.ts': 'export const docker = 1;\n',
  'apps/web/app/page.ts': 'import { docker } from "~/lib/docker";\n',
  'apps/cli/main.ts': 'import { docker } from "~/lib/docker";\n',
};

let folder: string;
let modules: LocalModules;
const known = new Set(Object.keys(files).filter((path) => path.endsWith('.ts')));

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'dac-modules-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  modules = await findLocalModules(['.'], folder, known, false);
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('modules a bare specifier names inside the project', () => {
  it('a workspace package by name, and by a subpath its sources have', () => {
    expect(modules.resolve('apps/web/app/page.ts', '@acme/server', known)).toBe('packages/server/src/index.ts');
    expect(modules.resolve('apps/web/app/page.ts', '@acme/server/constants', known)).toBe('packages/server/src/constants/index.ts');
    expect(modules.resolve('apps/web/app/page.ts', '@acme/server/missing', known)).toBeUndefined();
  });

  it('a tsconfig paths alias inherited through extends, for the files under that config', () => {
    expect(modules.resolve('apps/web/app/page.ts', '~/lib/docker', known)).toBe('apps/web/app/lib/docker.ts');
    expect(modules.resolve('apps/cli/main.ts', '~/lib/docker', known)).toBeUndefined();
  });

  it('counts aliases and package subpaths as the project, other packages as dependencies', () => {
    expect(modules.has('~/lib/docker')).toBe(true);
    expect(modules.has('@acme/server/constants')).toBe(true);
    expect(modules.has('dockerode')).toBe(false);
  });
});
