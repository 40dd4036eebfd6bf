import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectNoCrash, filesIn, permissionRunner, removeTemporaryFolders, runCli, runCliAs, temporaryProject, type CliResult, type ScanJson } from './hardening.js';

/**
 * Unreadable files and folders (chmod 000). Root reads them anyway, so as root the CLI runs
 * as `nobody` (runuser or setpriv); where neither works the cases are skipped, and why is printed.
 */

const runner = permissionRunner();
if (runner.kind === 'none') console.warn(`[skipped] unreadable files and folders: ${runner.reason}`);

function run(args: string[], cwd: string): CliResult {
  return runner.kind === 'as-nobody' ? runCliAs(runner.prefix, args, cwd) : runCli(args, { cwd });
}

const DOCKERODE_CALL = "const Docker = require('dockerode');\nnew Docker().ping();\n";

/** A project with one readable call, one unreadable file and one unreadable folder. */
function lockedProject(): string {
  const cwd = temporaryProject({ 'ok.js': DOCKERODE_CALL, 'secret.js': DOCKERODE_CALL, 'locked/inside.js': DOCKERODE_CALL });
  // `nobody` must be able to enter the project itself (mkdtemp makes it 0700).
  chmodSync(cwd, 0o755);
  chmodSync(join(cwd, 'secret.js'), 0o000);
  chmodSync(join(cwd, 'locked'), 0o000);
  return cwd;
}

afterAll(removeTemporaryFolders);

describe.skipIf(runner.kind === 'none')('unreadable files and folders', () => {
  it('scan reads the rest and names both in notes and in the stylish output', () => {
    const cwd = lockedProject();
    const json = run(['scan', '--format', 'json'], cwd);
    expectNoCrash(json);
    expect(json.code).toBe(0);
    const scan = JSON.parse(json.stdout) as ScanJson;
    expect(scan.usages.map((usage) => usage.file)).toEqual(['ok.js']);
    expect(scan.notes).toEqual([
      { file: 'locked', kind: 'skipped', message: 'folder not readable (permission denied); its files were not scanned' },
      { file: 'secret.js', kind: 'skipped', message: 'not readable (permission denied)' },
    ]);
    const stylish = run(['scan'], cwd);
    expect(stylish.stdout).toContain('skipped: locked: folder not readable (permission denied); its files were not scanned\n');
    expect(stylish.stdout).toContain('skipped: secret.js: not readable (permission denied)\n');
  });

  it('lint names them on stderr', () => {
    const result = run(['lint', '--target', 'docker 29.0'], lockedProject());
    expectNoCrash(result);
    expect(result.stderr).toBe(
      'skipped: locked: folder not readable (permission denied); its files were not scanned\nskipped: secret.js: not readable (permission denied)\n',
    );
    expect(result.code).toBe(0);
  });

  it('an unreadable folder named on the command line is reported, not an empty clean scan', () => {
    const result = run(['scan', 'locked', '--format', 'json'], lockedProject());
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as ScanJson).notes).toEqual([
      { file: 'locked', kind: 'skipped', message: 'folder not readable (permission denied); its files were not scanned' },
    ]);
  });

  it('a path under an unreadable folder is one line that says permission denied', () => {
    const result = run(['scan', 'locked/inside.js'], lockedProject());
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'docker-api-compat: locked/inside.js: permission denied\n' });
  });

  it('an --output in a folder it may not write is one line, and leaves nothing behind', () => {
    const cwd = lockedProject();
    chmodSync(join(cwd, 'locked'), 0o555);
    const result = run(['scan', 'ok.js', '--output', 'locked/scan.txt'], cwd);
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'docker-api-compat: locked/scan.txt: cannot write the output (permission denied)\n' });
    expect(filesIn(join(cwd, 'locked'))).toEqual(['inside.js']);
  });
});
