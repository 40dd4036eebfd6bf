import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/runCli.js';

/**
 * lint, report and audit read the same project configuration: a report shows what lint
 * would say (targets, rule severities, files), and an audit reads the same files.
 */
const project = mkdtempSync(join(tmpdir(), 'dac-config-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));
cpSync(join(REPO_ROOT, 'examples/deploy-tool/src'), join(project, 'src'), { recursive: true });
writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'deploy-tool', version: '1.0.0', type: 'module' }));
writeFileSync(
  join(project, '.docker-api-compatrc.json'),
  JSON.stringify({ targets: ['docker 29.0'], rules: { 'removed-feature': 'off', 'unversioned-request': 'off' }, ignore: ['**/status.ts'] }, null, 2),
);

function run(args: string[]) {
  const result = runCli(args, { cwd: project });
  expect([0, 1], result.stderr).toContain(result.code);
  return result.stdout;
}

/** The Markdown report's findings table: [severity, location, rule] for each row. */
function reportFindings(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => /^\| (error|warning|info) \|/.test(line))
    .map((line) => line.split(/(?<!\\)\|/).map((cell) => cell.trim()))
    .map((cells) => [cells[1], cells[2], cells[cells.length - 2]]);
}

describe('the project configuration', () => {
  it('lint: the configured targets, rules and ignored files', () => {
    const findings = JSON.parse(run(['lint', '--format', 'json'])).findings as Array<{ ruleId: string; file: string }>;
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.filter((finding) => ['removed-feature', 'unversioned-request'].includes(finding.ruleId) || finding.file === 'src/status.ts')).toEqual([]);
  });

  it('report: the same findings as lint, against the configured targets', () => {
    const markdown = run(['report', 'src', '--format', 'markdown']);
    expect(markdown).toContain('against docker 29.0');
    const rows = reportFindings(markdown);
    const lint = JSON.parse(run(['lint', 'src', '--format', 'json'])).findings as Array<{ ruleId: string; file: string; line: number }>;
    expect(rows.map(([, location, rule]) => `${location} ${rule}`).sort()).toEqual(lint.map((finding) => `\`${finding.file}:${finding.line}\` \`${finding.ruleId}\``).sort());
  });

  it('report and audit with --no-config: the defaults, every file', () => {
    const rules = reportFindings(run(['report', 'src', '--format', 'markdown', '--no-config', '--target', 'docker 29.0'])).map(([, , rule]) => rule);
    expect(rules).toContain('`removed-feature`');
    const files = (config: string[]) => new Set((JSON.parse(run(['audit', 'src', '--from', 'docker 24.0', '--to', 'docker 29.0', '--format', 'json', ...config])).items as Array<{ file: string }>).map((item) => item.file));
    expect(files(['--no-config'])).toContain('src/status.ts');
    expect(files([])).not.toContain('src/status.ts');
  });
});
