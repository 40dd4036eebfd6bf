import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderFindingsJson } from '../../src/reporters/findings/findingsJson.js';
import { REPO_ROOT, runCli } from '../helpers/runCli.js';
import { FIXTURE_FILE, LINT_ARGS, makeFinding, reportContext } from './reporterFixtures.js';

const FINDING_KEYS = ['ruleId', 'severity', 'message', 'messageId', 'data', 'file', 'line', 'column', 'targets', 'endpoint', 'feature', 'fingerprint', 'suppression'];

interface JsonReport {
  schemaVersion: number;
  tool: { name: string; version: string };
  targets: string[];
  summary: { errors: number; warnings: number; infos: number; suppressed: number };
  findings: Array<Record<string, any>>;
}

describe('lint --format json (real CLI)', () => {
  let output: string;
  let report: JsonReport;
  const folder = mkdtempSync(join(tmpdir(), 'findings-json-'));

  beforeAll(() => {
    const result = runCli([...LINT_ARGS, '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    output = result.stdout;
    report = JSON.parse(output);
  });

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('has the documented top level', () => {
    expect(Object.keys(report)).toEqual(['schemaVersion', 'tool', 'targets', 'summary', 'findings']);
    expect(report.schemaVersion).toBe(1);
    expect(report.tool).toEqual({ name: 'docker-api-compat', version: JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version });
    expect(report.targets).toEqual(['docker 23.0', 'docker 29.0']);
  });

  it('counts in the summary what the findings hold', () => {
    const active = report.findings.filter((finding) => finding.suppression === null);
    expect(report.summary).toEqual({
      errors: active.filter((finding) => finding.severity === 'error').length,
      warnings: active.filter((finding) => finding.severity === 'warning').length,
      infos: active.filter((finding) => finding.severity === 'info').length,
      suppressed: report.findings.length - active.length,
    });
    expect(report.summary.errors).toBeGreaterThanOrEqual(4);
    expect(report.summary.suppressed).toBe(1);
  });

  it('writes every Finding field, suppressed findings included', () => {
    for (const finding of report.findings) expect(Object.keys(finding)).toEqual(FINDING_KEYS);
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'removed-feature',
        severity: 'error',
        messageId: 'removed',
        file: FIXTURE_FILE,
        line: 14,
        column: 34,
        targets: ['docker 29.0'],
        endpoint: 'POST /containers/create',
        feature: 'POST /containers/create body field MacAddress',
        fingerprint: expect.stringMatching(/^[0-9a-f]{20}:\d+$/),
        suppression: { kind: 'inline', justification: 'legacy hosts, migrating in #42' },
      }),
    );
  });

  it('is byte-identical across runs, and --output writes the same bytes atomically', () => {
    expect(output).not.toContain(REPO_ROOT);
    expect(runCli([...LINT_ARGS, '--format', 'json']).stdout).toBe(output);
    const file = join(folder, 'nested', 'findings.json');
    const written = runCli([...LINT_ARGS, '--format', 'json', '--output', file]);
    expect(written.code).toBe(1);
    expect(written.stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(output);
    expect(readdirSync(join(folder, 'nested'))).toEqual(['findings.json']);
  });
});

describe('renderFindingsJson', () => {
  it('keeps the given order and writes null for absent values', () => {
    const findings = [
      makeFinding({ file: 'src/b.ts', severity: 'warning', endpoint: null, feature: null }),
      makeFinding({ file: 'src/a.ts', severity: 'info', suppression: { kind: 'baseline' } }),
    ];
    const report: JsonReport = JSON.parse(renderFindingsJson(findings, reportContext()));
    expect(report.findings.map((finding) => finding.file)).toEqual(['src/b.ts', 'src/a.ts']);
    expect(report.findings[0]).toMatchObject({ endpoint: null, feature: null, suppression: null });
    expect(report.findings[1].suppression).toEqual({ kind: 'baseline' });
    expect(report.summary).toEqual({ errors: 0, warnings: 1, infos: 0, suppressed: 1 });
    expect(report.tool).toEqual({ name: 'docker-api-compat', version: '1.2.3' });
  });
});
