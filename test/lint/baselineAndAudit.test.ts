import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/runCli.js';

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

/** A scratch copy of the example project, so that tests can edit it. */
function copyOfExample(): string {
  const folder = mkdtempSync(join(tmpdir(), 'dac-lint-'));
  folders.push(folder);
  cpSync(join(REPO_ROOT, 'examples/deploy-tool'), folder, { recursive: true });
  rmSync(join(folder, 'expected-callsites.json'), { force: true });
  return folder;
}

function lintJson(cwd: string, ...args: string[]) {
  const result = runCli(['lint', '--no-config', '--target', 'docker 29.0', '--format', 'json', ...args], { cwd });
  return { ...result, report: result.stdout ? JSON.parse(result.stdout) : undefined };
}

describe('a baseline accepts today\'s findings and still fails new ones', () => {
  it('--update-baseline writes the findings, and a run with the baseline exits 0', () => {
    const folder = copyOfExample();
    expect(lintJson(folder).code).toBe(1);
    const update = runCli(['lint', '--no-config', '--target', 'docker 29.0', '--baseline', 'baseline.json', '--update-baseline'], { cwd: folder });
    expect(update.code).toBe(0);
    const baseline = JSON.parse(readFileSync(join(folder, 'baseline.json'), 'utf8'));
    expect(baseline.schemaVersion).toBe(1);
    expect(baseline.findings.length).toBeGreaterThan(0);
    const accepted = lintJson(folder, '--baseline', 'baseline.json');
    expect(accepted.code).toBe(0);
    expect(accepted.report.findings.every((finding: { suppression?: { kind: string } }) => finding.suppression?.kind === 'baseline')).toBe(true);
  });

  it('moving code to other lines keeps the baseline valid', () => {
    const folder = copyOfExample();
    runCli(['lint', '--no-config', '--target', 'docker 29.0', '--baseline', 'baseline.json', '--update-baseline'], { cwd: folder });
    const file = join(folder, 'src/sidecar.ts');
    writeFileSync(file, `// a comment that moves every line down\n\n${readFileSync(file, 'utf8')}`);
    expect(lintJson(folder, '--baseline', 'baseline.json').code).toBe(0);
  });

  it('a new finding fails even with the baseline', () => {
    const folder = copyOfExample();
    runCli(['lint', '--no-config', '--target', 'docker 29.0', '--baseline', 'baseline.json', '--update-baseline'], { cwd: folder });
    const file = join(folder, 'src/sidecar.ts');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nexport async function again() {\n  await docker.createContainer({ Image: 'busybox', MacAddress: '02:42:ac:11:00:09' });\n}\n`);
    const result = lintJson(folder, '--baseline', 'baseline.json');
    expect(result.code).toBe(1);
    const fresh = result.report.findings.filter((finding: { suppression?: unknown; severity: string }) => !finding.suppression && finding.severity === 'error');
    expect(fresh).toEqual([expect.objectContaining({ ruleId: 'removed-feature', file: 'src/sidecar.ts' })]);
  });

  it('a baseline that is not one is a one-line error, exit 2', () => {
    const folder = copyOfExample();
    writeFileSync(join(folder, 'baseline.json'), '{"findings": 3}');
    const result = runCli(['lint', '--no-config', '--baseline', 'baseline.json'], { cwd: folder });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('baseline.json: not a docker-api-compat baseline');
  });
});

describe('audit tells what changes between two daemon versions', () => {
  it('from docker 24.0 to 29.0: refused pins and removed fields break, exit 1', () => {
    const result = runCli(['audit', 'examples/deploy-tool', '--from', 'docker 24.0', '--to', 'docker 29.0', '--format', 'json']);
    expect(result.code).toBe(1);
    const audit = JSON.parse(result.stdout);
    expect(audit.from.label).toBe('docker 24.0');
    expect(audit.to.label).toBe('docker 29.0');
    expect(audit.items).toContainEqual(expect.objectContaining({ severity: 'breaking', kind: 'pin-refused', file: 'examples/deploy-tool/src/deploy.ts', line: 6 }));
    expect(audit.items).toContainEqual(
      expect.objectContaining({ severity: 'breaking', kind: 'feature-removed', feature: 'POST /containers/create body field MacAddress', file: 'examples/deploy-tool/src/sidecar.ts' }),
    );
  });

  it('from docker 29.0 to 29.3 the 1.41 pin is accepted again by the newer daemon', () => {
    const result = runCli(['audit', 'examples/deploy-tool', '--from', 'docker 29.0', '--to', 'docker 29.3', '--format', 'json']);
    const audit = JSON.parse(result.stdout);
    expect(audit.items).toContainEqual(expect.objectContaining({ severity: 'newly-possible', kind: 'pin-accepted' }));
  });

  it('an upgrade within one API version changes nothing, exit 0', () => {
    const result = runCli(['audit', 'examples/deploy-tool', '--from', 'docker 27.2', '--to', 'docker 27.5']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Nothing in the code changes between these versions.');
  });

  it('renders Markdown for a ticket', () => {
    const result = runCli(['audit', 'examples/deploy-tool', '--from', 'docker 24.0', '--to', 'docker 29.0', '--format', 'markdown']);
    expect(result.stdout).toMatch(/^### Upgrade from docker 24\.0 \(API 1\.43\) to docker 29\.0 \(API 1\.52\)/);
    expect(result.stdout).toContain('#### Breaks');
  });
});
