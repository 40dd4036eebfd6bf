import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectNoCrash, REPO_ROOT, removeTemporaryFolders, runCli, temporaryProject, type ScanJson } from './hardening.js';

/**
 * Two runs over the same tree give byte-identical output, and paths in the output are
 * relative and `/`-separated. (Independence from the file system's order is proven in
 * process, in fileOrder.test.ts.)
 */

const TREE = join(REPO_ROOT, 'test/fixtures');

afterAll(removeTemporaryFolders);

/** Runs the CLI twice and returns both outputs (stdout, or the --output file). */
function twice(args: string[], output?: string): [string, string] {
  const runs = [0, 1].map((run) => {
    const folder = temporaryProject();
    const target = output ? join(folder, `${run}-${output}`) : undefined;
    const result = runCli(target ? [...args, '--output', target] : args, { cwd: TREE });
    expectNoCrash(result);
    expect(result.code, result.stderr).toBeLessThan(2);
    return target ? readFileSync(target, 'utf8') : result.stdout;
  });
  return [runs[0], runs[1]];
}

describe('two runs over the same tree are byte-identical', () => {
  it.each([
    ['scan --format json', ['scan', '--format', 'json'], undefined],
    ['scan (stylish)', ['scan'], undefined],
    ['lint --format json', ['lint', '--format', 'json'], undefined],
    ['lint --format sarif', ['lint', '--format', 'sarif'], undefined],
    ['report --output x.html', ['report', '.'], 'x.html'],
  ])('%s', (_name, args, output) => {
    const [first, second] = twice(args as string[], output);
    expect(first.length).toBeGreaterThan(1000);
    expect(second === first).toBe(true);
  });
});

describe('paths in the output are relative and /-separated', () => {
  it('scan --format json: no backslash, no absolute path, in any file field', () => {
    const result = runCli(['scan', '--format', 'json'], { cwd: TREE });
    const scan = JSON.parse(result.stdout) as ScanJson & { summary: { setBy: Array<{ file: string }> } };
    const files = [
      ...scan.usages.map((usage) => usage.file),
      ...scan.versionSettings.map((setting) => setting.file),
      ...scan.cliInvocations.map((invocation) => invocation.file),
      ...scan.notes.map((note) => note.file),
      ...scan.summary.setBy.map((at) => at.file),
    ];
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) expect(file).toMatch(/^(?![/\\]|[A-Za-z]:)[^\\]+$/);
    expect(result.stdout).not.toContain(REPO_ROOT);
  });

  it('lint JSON and SARIF and the HTML report never contain the absolute path of the tree', () => {
    for (const args of [['lint', '--format', 'json'], ['lint', '--format', 'sarif'], ['report', '.', '--format', 'markdown']]) {
      const result = runCli(args, { cwd: TREE });
      expect(result.stdout).not.toContain(REPO_ROOT);
      expect(result.stdout).not.toMatch(/"(file|uri)": "(\/|[A-Za-z]:|[^"]*\\\\)/);
    }
  });

  it('files outside the working directory are ../ paths, in code and scripts alike', () => {
    const root = temporaryProject({
      'shared/client.ts': "import Docker from 'dockerode';\nexport const docker = new Docker({ version: 'v1.44' });\nawait docker.listContainers();\n",
      'shared/check.sh': 'curl --unix-socket /var/run/docker.sock http://localhost/v1.44/info\n',
      'app/.keep': '',
    });
    const result = runCli(['scan', '../shared', '--format', 'json'], { cwd: join(root, 'app') });
    const scan = JSON.parse(result.stdout) as ScanJson;
    expect(scan.usages.map((usage) => usage.file)).toEqual(['../shared/check.sh', '../shared/client.ts']);
    expect(result.stdout).not.toContain(root);
  });
});
