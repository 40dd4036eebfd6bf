import { Project, ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { mayReachEngine } from '../../src/analyser/code/engineReach.js';

/**
 * The cheap test made before a call's receiver is resolved: calls whose receiver comes
 * from no import, parameter, `this` field or global that could hold a client are skipped.
 * Each case is one file; the call under test is the last call in it.
 */
function reaches(source: string, localPackages: string[] = [], importedFunctions: string[] = []): boolean {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { allowJs: true, noLib: true } });
  const file = project.createSourceFile('/src/case.ts', source);
  // The binder's scopes, which the test reads, come with the type checker.
  void project.getTypeChecker().compilerObject;
  const calls: ts.CallExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) calls.push(node);
    ts.forEachChild(node, visit);
  };
  visit(file.compilerNode);
  return mayReachEngine(calls[calls.length - 1], {
    isLocalPackage: (specifier) => localPackages.includes(specifier),
    importsFunction: (declaration) => importedFunctions.includes(declaration.name!.text),
  });
}

describe('mayReachEngine', () => {
  it('skips calls on values made in the file, builtins and other packages', () => {
    expect(reaches(`const results: unknown[] = [];\nresults.push(1);`)).toBe(false);
    expect(reaches(`const seen = new Map<string, number>();\nseen.get('a');`)).toBe(false);
    expect(reaches(`JSON.parse('{}');`)).toBe(false);
    expect(reaches(`console.info('starting');`)).toBe(false);
    expect(reaches(`import _ from 'lodash';\n_.get({}, 'a');`)).toBe(false);
    expect(reaches(`const label = 'x'.toUpperCase();\nlabel.split('');`)).toBe(false);
    expect(reaches(`class Cache {\n  private entries = new Map();\n  read(key: string) { return this.entries.get(key); }\n}`)).toBe(false);
  });

  it('skips calls of functions declared in the file and of bare parameters', () => {
    expect(reaches(`function helper(n: number) { return n; }\nhelper(1);`)).toBe(false);
    expect(reaches(`const helper = (n: number) => n;\nhelper(1);`)).toBe(false);
    expect(reaches(`export function each(list: string[], callback: (s: string) => void) { list.forEach((s) => callback(s)); }`)).toBe(false);
    expect(reaches(`import { useCallback } from 'react';\nimport { docker } from './client';\nconst update = useCallback((id: string) => docker.getContainer(id), []);\nupdate('web');`)).toBe(false);
  });

  it('skips calls of functions that other scanned modules declare, and only those', () => {
    expect(reaches(`import { deployPreview } from './deploy';
deployPreview({ image: 'web' });`, [], ['deployPreview'])).toBe(false);
    expect(reaches(`import runJob from '@acme/jobs';
runJob('nightly');`, ['@acme/jobs'], ['runJob'])).toBe(false);
    // A bound client method, a value of unknown kind, or a package's export may still send a request.
    expect(reaches(`import { listContainers } from './deploy';
listContainers({ all: true });`, [], [])).toBe(true);
    expect(reaches(`import { request } from 'undici';
request('http://localhost:2375/info');`, [], ['request'])).toBe(true);
    expect(reaches(`import { deployPreview } from './deploy';
deployPreview.call(null, { image: 'web' });`, [], ['deployPreview'])).toBe(true);
  });

  it('keeps calls on imported values, parameters, fields set from outside, and globals', () => {
    expect(reaches(`import { docker } from './client';\ndocker.listContainers();`)).toBe(true);
    expect(reaches(`export async function restart(container: any) { await container.restart(); }`)).toBe(true);
    expect(reaches(`export const get = (url: string) => fetch(url);`)).toBe(true);
    expect(reaches(`// docker is a global the script runner provides\ndocker.listContainers();`)).toBe(true);
    expect(reaches(`import http from 'node:http';\nhttp.request({ socketPath: '/var/run/docker.sock', path: '/_ping' });`)).toBe(true);
    expect(reaches(`class Service {\n  constructor(private client: any) {}\n  ping() { return this.client.ping(); }\n}`)).toBe(true);
    expect(reaches(`import { getClient } from './client';\nexport async function f() { return (await getClient()).ping(); }`)).toBe(true);
    expect(reaches(`import { engine } from '@acme/engine';\nengine.info();`, ['@acme/engine'])).toBe(true);
  });

  it('follows names to what they were made from', () => {
    expect(reaches(`import { docker } from './client';\nconst container = docker.getContainer('web');\ncontainer.start();`)).toBe(true);
    expect(reaches(`import { promisify } from 'node:util';\nexport function make(modem: any) {\n  const dial = promisify(modem.dial.bind(modem));\n  return dial({ path: '/info' });\n}`)).toBe(true);
    expect(reaches(`import { pick } from 'lodash';\nexport function f(client: any) {\n  let target: any = [];\n  target = client;\n  return target.info();\n}`)).toBe(true);
    expect(reaches(`const api = require('./engine');\napi.info();`)).toBe(true);
    expect(reaches(`const _ = require('lodash');\n_.get({}, 'a');`)).toBe(false);
    expect(reaches(`import { useMemo } from 'react';\nimport { docker } from './client';\nconst client = useMemo(() => docker, []);\nclient.ping();`)).toBe(true);
  });
});
