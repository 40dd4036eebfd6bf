import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CompatError } from '../../src/errors.js';
import { resolveSpecDirectory, SPEC_DIR_ENV } from '../../src/load/specDirectory.js';
import { packageRoot } from '../../src/packageRoot.js';

/** Where the archived specs are looked for: the option, the environment, the default; relative to the caller's folder. */
const root = mkdtempSync(join(tmpdir(), 'dac-specdir-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(join(root, 'project'));
mkdirSync(join(root, 'specs-a'));
mkdirSync(join(root, 'shared', 'docker-engine-api'), { recursive: true });
writeFileSync(join(root, 'a-file'), '');
const cwd = join(root, 'project');

describe('resolveSpecDirectory', () => {
  it('resolves the option and the environment against the given folder, not the process\'s', () => {
    expect(resolveSpecDirectory('../specs-a', {}, { cwd })).toEqual({ path: join(root, 'specs-a'), origin: 'option' });
    expect(resolveSpecDirectory(undefined, { [SPEC_DIR_ENV]: '../specs-a' }, { cwd })).toEqual({ path: join(root, 'specs-a'), origin: 'environment' });
  });

  it('finds ../shared/docker-engine-api beside this package first, else beside the given folder', () => {
    // Which of the two this checks depends on where the package sits; either way the exact folder.
    const besidePackage = resolve(packageRoot(), '..', 'shared', 'docker-engine-api');
    const expected = existsSync(besidePackage) && statSync(besidePackage).isDirectory() ? besidePackage : join(root, 'shared', 'docker-engine-api');
    expect(resolveSpecDirectory(undefined, {}, { cwd })).toEqual({ path: expected, origin: 'default' });
  });

  it('says which setting named a missing folder or a file, unless the folder is about to be filled', () => {
    expect(() => resolveSpecDirectory('../nowhere', {}, { cwd })).toThrow(new CompatError('usage', `${join(root, 'nowhere')}: spec directory does not exist (from --spec-dir)`));
    expect(() => resolveSpecDirectory(undefined, { [SPEC_DIR_ENV]: '../a-file' }, { cwd })).toThrow(new CompatError('usage', `${join(root, 'a-file')}: not a directory (from ${SPEC_DIR_ENV})`));
    expect(resolveSpecDirectory('../nowhere', {}, { cwd, mayBeMissing: true }).path).toBe(join(root, 'nowhere'));
    expect(() => resolveSpecDirectory('../a-file', {}, { cwd, mayBeMissing: true })).toThrow(/not a directory/);
  });
});
