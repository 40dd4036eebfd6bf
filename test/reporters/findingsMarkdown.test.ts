import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/lint/finding.js';
import { MARKDOWN_MARKER, MARKDOWN_MAX_LENGTH, renderFindingsMarkdown } from '../../src/reporters/findings/findingsMarkdown.js';
import { runCli } from '../helpers/runCli.js';
import { FIXTURE_FILE, LINT_ARGS, makeFinding, reportContext } from './reporterFixtures.js';

/** 5,000 findings over 100 files, 50 each, with long messages: far over GitHub's limit. */
function manyFindings(): Finding[] {
  const findings: Finding[] = [];
  for (let file = 0; file < 100; file++) {
    for (let line = 1; line <= 50; line++) {
      findings.push(
        makeFinding({
          file: `packages/service-${String(file).padStart(3, '0')}/src/containers.ts`,
          line,
          message: `POST /containers/create body field HostConfig.Mounts[].VolumeOptions.Subpath number ${line} was removed in API 1.52; against docker 29.0 this call speaks 1.52`,
        }),
      );
    }
  }
  return findings;
}

const TABLE_ROW = /^\| .* \| .* \| (error|warning|info) \| .* \|$/;

describe('renderFindingsMarkdown', () => {
  it('writes a summary line and one table row per unsuppressed finding, in the given order', () => {
    const findings = [
      makeFinding({ file: 'src/b.ts', line: 3, message: 'MacAddress was removed | gone' }),
      makeFinding({ file: 'src/a.ts', line: 12, severity: 'warning', ruleId: 'deprecated-feature', message: 'Use <EndpointSettings>' }),
      makeFinding({ file: 'src/a.ts', line: 14, suppression: { kind: 'inline' } }),
    ];
    expect(renderFindingsMarkdown(findings, reportContext())).toBe(
      [
        MARKDOWN_MARKER,
        '### docker-api-compat: 1 error, 1 warning, 0 info, 1 suppressed',
        '',
        '7 Engine API calls checked against docker 23.0, docker 29.0.',
        '',
        '| Location | Rule | Severity | Message |',
        '| --- | --- | --- | --- |',
        '| src/b.ts:3 | removed-feature | error | MacAddress was removed \\| gone |',
        '| src/a.ts:12 | deprecated-feature | warning | Use \\<EndpointSettings\\> |',
        '',
      ].join('\n'),
    );
  });

  it('says when there is nothing to fix', () => {
    const text = renderFindingsMarkdown([makeFinding({ suppression: { kind: 'baseline' } })], reportContext());
    expect(text).toContain('### docker-api-compat: 0 errors, 0 warnings, 0 info, 1 suppressed');
    expect(text.trimEnd().endsWith('No problems found.')).toBe(true);
    expect(text).not.toContain('| --- |');
  });

  it('collapses per-file sections and truncates with a count when 5,000 findings would pass the limit', () => {
    const findings = manyFindings();
    const text = renderFindingsMarkdown(findings, reportContext());
    expect(text.length).toBeLessThanOrEqual(MARKDOWN_MAX_LENGTH);
    expect(text.startsWith(`${MARKDOWN_MARKER}\n### docker-api-compat: 5000 errors, 0 warnings, 0 info\n`)).toBe(true);

    const opened = text.match(/<details><summary>/g) ?? [];
    const closed = text.match(/<\/details>/g) ?? [];
    expect(opened.length).toBeGreaterThan(0);
    expect(closed.length).toBe(opened.length);
    expect(text).toContain('<details><summary>packages/service-000/src/containers.ts (50 findings)</summary>\n\n| Line | Rule | Severity | Message |\n| --- | --- | --- | --- |\n| 1 | removed-feature | error | POST /containers/create body field HostConfig.Mounts\\[\\].VolumeOptions.Subpath number 1 was');

    const rows = text.split('\n').filter((line) => TABLE_ROW.test(line));
    const note = /_(\d+) more findings in (\d+) files left out to keep this comment under GitHub's size limit: run `docker-api-compat lint`, or upload `--format sarif` to code scanning, for all of them\._\n$/.exec(text);
    expect(note).not.toBeNull();
    const [left, files] = [Number(note![1]), Number(note![2])];
    expect(rows.length + left).toBe(5000);
    expect(left).toBeGreaterThan(0);
    // Files are shown whole in order; only the last one shown may be cut short.
    const shownFiles = opened.length;
    expect(files).toBe(100 - shownFiles + (rows.length % 50 === 0 ? 0 : 1));
  });

  it('fits any limit it is given, cutting inside a file when needed', () => {
    const findings = manyFindings().slice(0, 120);
    for (const maxLength of [2_000, 5_000, 12_345]) {
      const text = renderFindingsMarkdown(findings, reportContext(), { maxLength });
      expect(text.length).toBeLessThanOrEqual(maxLength);
      const rows = text.split('\n').filter((line) => TABLE_ROW.test(line)).length;
      const left = Number(/_(\d+) more findings? in/.exec(text)![1]);
      expect(rows + left).toBe(120);
      // The file cut short says how many of its findings are shown.
      if (rows % 50 !== 0) expect(text).toContain(`(50 findings, ${rows % 50} shown)</summary>`);
    }
    expect(renderFindingsMarkdown(findings, reportContext(), { maxLength: 1_000_000 })).not.toContain('<details>');
  });

  it('escapes file names inside <summary>', () => {
    const findings = Array.from({ length: 40 }, (_, index) => makeFinding({ file: 'src/<a&b>.ts', line: index + 1 }));
    const text = renderFindingsMarkdown(findings, reportContext(), { maxLength: 3_000 });
    expect(text).toMatch(/<details><summary>src\/&lt;a&amp;b&gt;\.ts \(40 findings, \d+ shown\)<\/summary>/);
  });
});

describe('lint --format markdown (real CLI)', () => {
  it('lists the fixture findings and counts the suppressed one', () => {
    const result = runCli([...LINT_ARGS, '--format', 'markdown']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^<!-- docker-api-compat lint -->\n### docker-api-compat: \d+ errors?, \d+ warnings?, \d+ info, 1 suppressed\n/);
    expect(result.stdout).toContain(`| ${FIXTURE_FILE}:7 | removed-feature | error | POST /containers/create body field MacAddress was removed in API 1.52; against docker 29.0 this call speaks 1.52 |`);
    expect(result.stdout).not.toContain(`| ${FIXTURE_FILE}:14 | removed-feature |`);
  });
});
