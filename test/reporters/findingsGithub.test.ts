import { describe, expect, it } from 'vitest';
import { escapeCommandData, escapeCommandProperty, renderFindingsGithub, workflowCommand } from '../../src/reporters/findings/findingsGithub.js';
import { runCli } from '../helpers/runCli.js';
import { FIXTURE_FILE, LINT_ARGS, makeFinding, reportContext } from './reporterFixtures.js';

describe('workflow command escaping', () => {
  it('escapes %, CR and LF in data, and % first so that escapes are not escaped again', () => {
    expect(escapeCommandData('100% sure')).toBe('100%25 sure');
    expect(escapeCommandData('line one\r\nline two\nthree\r')).toBe('line one%0D%0Aline two%0Athree%0D');
    expect(escapeCommandData('%0A is not a newline')).toBe('%250A is not a newline');
    expect(escapeCommandData('a: b, c')).toBe('a: b, c');
  });

  it('also escapes : and , in properties', () => {
    expect(escapeCommandProperty('C:/src/a,b.ts')).toBe('C%3A/src/a%2Cb.ts');
    expect(escapeCommandProperty('50%,\n:')).toBe('50%25%2C%0A%3A');
  });
});

describe('renderFindingsGithub', () => {
  it('writes one exact command per unsuppressed finding, by severity, then a summary line', () => {
    const findings = [
      makeFinding({ file: 'src/a.ts', line: 12, column: 5, message: 'MacAddress was removed in API 1.52' }),
      makeFinding({ file: 'src/a.ts', line: 20, column: 3, severity: 'warning', ruleId: 'deprecated-feature', message: 'Deprecated in 1.44' }),
      makeFinding({ file: 'src/b.ts', line: 1, column: 1, severity: 'info', ruleId: 'unversioned-request', message: 'Unversioned' }),
      makeFinding({ file: 'src/b.ts', line: 9, column: 1, suppression: { kind: 'inline', justification: 'later' } }),
    ];
    expect(renderFindingsGithub(findings, reportContext())).toBe(
      [
        '::error file=src/a.ts,line=12,col=5,title=removed-feature::MacAddress was removed in API 1.52',
        '::warning file=src/a.ts,line=20,col=3,title=deprecated-feature::Deprecated in 1.44',
        '::notice file=src/b.ts,line=1,col=1,title=unversioned-request::Unversioned',
        'docker-api-compat: 1 error, 1 warning, 1 info, 1 suppressed; 7 Engine API calls checked against docker 23.0, docker 29.0.',
        '',
      ].join('\n'),
    );
  });

  it('escapes the file and title as properties and the message as data', () => {
    const finding = makeFinding({ file: 'src/odd,name:1%.ts', line: 2, column: 7, ruleId: 'rule:x,y', message: '50% of calls: a, b\nsecond line' });
    expect(workflowCommand(finding)).toBe('::error file=src/odd%2Cname%3A1%25.ts,line=2,col=7,title=rule%3Ax%2Cy::50%25 of calls: a, b%0Asecond line');
  });

  it('writes only the summary line when there is nothing to annotate', () => {
    expect(renderFindingsGithub([], reportContext())).toBe('docker-api-compat: 0 errors, 0 warnings, 0 info; 7 Engine API calls checked against docker 23.0, docker 29.0.\n');
  });
});

describe('lint --format github (real CLI)', () => {
  it('annotates the fixture findings at their exact positions and leaves the suppressed one out', () => {
    const result = runCli([...LINT_ARGS, '--format', 'github']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toContain(
      `::error file=${FIXTURE_FILE},line=7,col=34,title=removed-feature::POST /containers/create body field MacAddress was removed in API 1.52; against docker 29.0 this call speaks 1.52`,
    );
    expect(lines).toContain(
      `::error file=${FIXTURE_FILE},line=20,col=34,title=api-version-too-new::POST /containers/create needs API 1.43 (POST /containers/create body field HostConfig.Annotations), but docker 23.0 serve(s) at most 1.42`,
    );
    expect(lines.filter((line) => line.startsWith(`::error file=${FIXTURE_FILE},line=14,`))).toEqual([]);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,title=[a-z-]+::/);
    expect(lines.at(-1)).toMatch(/^docker-api-compat: \d+ errors?, \d+ warnings?, \d+ info, 1 suppressed; \d+ Engine API calls checked against docker 23\.0, docker 29\.0\.$/);
  });
});
