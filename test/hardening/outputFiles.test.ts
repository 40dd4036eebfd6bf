import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectOneLineError, filesIn, HARDENING_FIXTURES, removeTemporaryFolders, runCli, temporaryProject } from './hardening.js';

/**
 * `--output FILE` is written through a temporary file and a rename: a run that fails leaves
 * neither the output nor the temporary file, and an older output stays as it was.
 */

const PROJECT = join(HARDENING_FIXTURES, 'syntax-error');

afterAll(removeTemporaryFolders);

describe('a failing run with --output', () => {
  it.each([
    ['scan, bad database', ['scan', '.', '--format', 'json', '--database', '/nope.json'], /^\/nope\.json: cannot read/],
    ['scan, missing path', ['scan', 'missing', '--format', 'json'], 'missing: no such file or directory'],
    ['lint, bad target', ['lint', '.', '--format', 'sarif', '--target', 'docker 99'], /^target "docker 99"/],
    ['lint, missing baseline (fails after the scan)', ['lint', '.', '--format', 'json', '--baseline', 'missing-baseline.json'], /missing-baseline\.json: cannot read the baseline/],
    ['report, bad target', ['report', '.', '--target', 'api 2.0 - 1.0'], /^target "api 2\.0 - 1\.0" selects no API version/],
    ['audit, bad version', ['audit', '.', '--from', 'docker 99', '--to', 'docker 29.0'], /^unknown Docker Engine release "docker 99"/],
  ])('%s: no output file, no temporary file', (_name, args, message) => {
    const folder = temporaryProject();
    const output = join(folder, 'out.json');
    expectOneLineError(runCli([...args, '--output', output], { cwd: PROJECT }), message);
    expect(filesIn(folder)).toEqual([]);
  });

  it('keeps an earlier output whole', () => {
    const folder = temporaryProject();
    const output = join(folder, 'out.json');
    writeFileSync(output, '{"earlier": true}\n');
    expectOneLineError(runCli(['scan', '.', '--format', 'json', '--output', output, '--database', '/nope.json'], { cwd: PROJECT }), /^\/nope\.json/);
    expect(readFileSync(output, 'utf8')).toBe('{"earlier": true}\n');
    expect(filesIn(folder)).toEqual(['out.json']);
  });
});

describe('an output that cannot be written', () => {
  it('a folder in the way of the output: one line naming it, the temporary file removed', () => {
    const folder = temporaryProject();
    mkdirSync(join(folder, 'out.json'));
    expectOneLineError(runCli(['scan', '.', '--format', 'json', '--output', join(folder, 'out.json')], { cwd: PROJECT }), `${join(folder, 'out.json')}: cannot write the output (it is a folder)`);
    expect(filesIn(folder)).toEqual(['out.json']);
    expect(filesIn(join(folder, 'out.json'))).toEqual([]);
  });

  it('a file in the way of its folder: one line, as given on the command line', () => {
    const folder = temporaryProject({ 'taken': 'a file\n' });
    expectOneLineError(runCli(['lint', join(PROJECT, 'broken.ts'), '--format', 'sarif', '--output', 'taken/out.sarif'], { cwd: folder }), 'taken/out.sarif: cannot write the output (a file stands where its folder should be)');
    expect(filesIn(folder)).toEqual(['taken']);
  });

  it('a successful run writes the whole file and nothing else', () => {
    const folder = temporaryProject();
    const result = runCli(['scan', '.', '--format', 'json', '--output', join(folder, 'sub', 'out.json')], { cwd: PROJECT });
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(filesIn(join(folder, 'sub'))).toEqual(['out.json']);
    expect(JSON.parse(readFileSync(join(folder, 'sub', 'out.json'), 'utf8'))).toMatchObject({ schemaVersion: 1, summary: { usages: 1 } });
  });
});
