/**
 * `report` as users run it (the built CLI in a subprocess): sizes, byte-identical reruns,
 * and the Markdown for pull-request comments (tables, escaping, limits, collapsing).
 */
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanUsage } from '../../src/analyser/matchUsages.js';
import { scanProject, type ScanResult } from '../../src/analyser/scanProject.js';
import { loadDatabase } from '../../src/database/compatDatabase.js';
import { CompatIndex } from '../../src/database/compatIndex.js';
import { resolveTargets } from '../../src/lint/targets.js';
import { buildCodeReport, MARKDOWN_LIMIT, renderCodeReportMarkdown } from '../../src/report/index.js';
import { REPO_ROOT, runCli } from '../helpers/runCli.js';

const OUT = join(REPO_ROOT, 'test', '.tmp', 'report-cli');
const DEPLOY_TOOL = join(REPO_ROOT, 'examples', 'deploy-tool');
const XSS = join(REPO_ROOT, 'test', 'fixtures', 'report', 'xss');
const TWO_MB = 2 * 1024 * 1024;

function report(args: string[], cwd = REPO_ROOT): string {
  const result = runCli(['report', ...args], { cwd });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

/** Markdown tables: each a list of rows, each row a list of cells split at unescaped pipes. */
function tables(markdown: string): string[][][] {
  const found: string[][][] = [];
  let current: string[][] | null = null;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('|')) {
      const cells = line.split(/(?<!\\)\|/).slice(1, -1).map((cell) => cell.trim());
      current ??= [];
      current.push(cells);
    } else if (current) {
      found.push(current);
      current = null;
    }
  }
  if (current) found.push(current);
  return found;
}

function expectWellFormed(markdown: string): void {
  const all = tables(markdown);
  expect(all.length).toBeGreaterThan(0);
  for (const table of all) {
    const width = table[0].length;
    expect(table[1].every((cell) => /^:?-+:?$/.test(cell)), `separator row of ${table[0].join(' | ')}`).toBe(true);
    for (const row of table) expect(row, row.join(' | ')).toHaveLength(width);
    expect(width).toBeLessThanOrEqual(14);
  }
  expect((markdown.match(/<details/g) ?? []).length).toBe((markdown.match(/<\/details>/g) ?? []).length);
  // GitHub renders Markdown inside <details> only after a blank line.
  for (const match of markdown.matchAll(/<summary>.*<\/summary>\n(.*)/g)) expect(match[1]).toBe('');
  expect(markdown.length).toBeLessThanOrEqual(MARKDOWN_LIMIT);
  expect(Math.max(...markdown.split('\n').map((line) => line.length))).toBeLessThan(2000);
}

/** The text outside code spans. */
function outsideCode(markdown: string): string {
  return markdown.replace(/(?<![\\`])(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
}

describe('report (CLI)', () => {
  beforeAll(() => mkdirSync(OUT, { recursive: true }));
  afterAll(() => rmSync(OUT, { recursive: true, force: true }));

  it('the whole-API explorer is one file under 2 MB, byte-identical on every run', () => {
    const first = join(OUT, 'api-1.html');
    const second = join(OUT, 'api-2.html');
    report(['--output', first]);
    report(['--output', second]);
    const size = statSync(first).size;
    expect(size).toBeLessThan(TWO_MB);
    expect(readFileSync(first).equals(readFileSync(second))).toBe(true);
    const html = readFileSync(first, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.match(/<section class="op"/g)).toHaveLength(108);
    console.info(`report: the whole-API explorer is ${(size / 1024).toFixed(0)} KiB`);
  });

  it("the code's report, HTML and Markdown, is byte-identical on every run", () => {
    const html = [report(['.'], DEPLOY_TOOL), report(['.'], DEPLOY_TOOL)];
    expect(html[0]).toBe(html[1]);
    expect(html[0].length).toBeLessThan(TWO_MB);
    const markdown = [report(['.', '--format', 'markdown'], DEPLOY_TOOL), report(['.', '--format', 'markdown'], DEPLOY_TOOL)];
    expect(markdown[0]).toBe(markdown[1]);
    const explorer = [report(['--format', 'markdown']), report(['--format', 'markdown'])];
    expect(explorer[0]).toBe(explorer[1]);
    console.info(`report: deploy-tool HTML ${(html[0].length / 1024).toFixed(0)} KiB, Markdown ${markdown[0].length} characters; explorer Markdown ${explorer[0].length} characters`);
  });

  it('--output writes the file whole; --generated-at is the only time in it', () => {
    const file = join(OUT, 'nested', 'compat.html');
    expect(report(['.', '--output', file, '--generated-at', 'build 42'], DEPLOY_TOOL)).toBe('');
    expect(readFileSync(file, 'utf8')).toContain('at build 42');
  });

  it('Markdown: summary, a grid table, findings and call-sites, well-formed', () => {
    const markdown = report(['.', '--format', 'markdown'], DEPLOY_TOOL);
    expectWellFormed(markdown);
    expect(markdown).toContain('**The code needs API 1.43** (docker 24.0 or newer), set by `src/deploy.ts:6`.');
    const [summary, grid, , callSites] = tables(markdown);
    expect(summary[0]).toEqual(['', '']);
    expect(grid[0].slice(0, 2)).toEqual(['Endpoint / name', '20.10–24.0<br>API 1.41–1.43']);
    expect(grid[0].filter((cell) => cell.includes('🎯'))).toEqual(['28.0–28.5 🎯<br>API 1.48–1.51', '29.0–29.2 🎯<br>API 1.52–1.53', '29.3–29.5 🎯<br>API 1.54']);
    const annotations = grid.find((row) => row[0] === '↳ body `HostConfig.Annotations`')!;
    expect(annotations.slice(1).every((cell) => cell === '❌')).toBe(true);
    const mac = grid.find((row) => row[0] === '↳ body `MacAddress`')!;
    expect(mac.slice(1)).toEqual(['✅', '⚠️', '⚠️', '🚫', '🚫']);
    expect(callSites[0]).toEqual(['Where', 'Call', 'Speaks', 'Needs', 'Set by', 'Notes']);
    expect(callSites).toHaveLength(2 + 11);
    // The grid is long enough to collapse; the reasons are always collapsed.
    expect(markdown).toMatch(/<details><summary>10 endpoints, 44 rows<\/summary>\n\n\| Endpoint/);
    expect(markdown).toMatch(/<details><summary>Why: \d+ rows not supported on every engine shown<\/summary>/);
    expect(markdown).toContain('❌ docker 29.0 to 29.2: refuses the pinned API 1.41 (accepts 1.44 and newer)');
  });

  it('Markdown: hostile names stay text, and `|` never splits a cell', () => {
    const markdown = report(['.', '--format', 'markdown'], XSS);
    expectWellFormed(markdown);
    expect(markdown).toContain('`src/hostile.js:8`');
    expect(markdown).toContain('col\\|umn **bold** [link](http://example.com)');
    expect(markdown).toContain('`` `tick` ``');
    const outside = outsideCode(markdown);
    expect(outside).not.toMatch(/(?<!\\)<(img|script|iframe|b|svg)\b/i);
    expect(outside).not.toMatch(/\*\*bold|\[link\]\(/);
    // Outside code spans and the report's own tags, no raw < or > is left.
    expect(outside.replace(/<\/?(details|summary|sub|br)>/g, '')).not.toMatch(/(?<!\\)[<>]/);
  });

  it('the explorer as Markdown: versions and endpoints, collapsed, well-formed', () => {
    const markdown = report(['--format', 'markdown']);
    expectWellFormed(markdown);
    const [versions, endpoints] = tables(markdown);
    expect(versions).toHaveLength(2 + 31);
    expect(endpoints).toHaveLength(2 + 108);
    expect(endpoints.find((row) => row[0] === '`GET /images/{name}/attestations`')![1]).toBe('1.55');
    expect(markdown).toContain('<details open><summary>31 API versions</summary>');
    expect(markdown).toContain('<details><summary>108 endpoints</summary>');
  });
});

describe('Markdown stays under the comment limit, and says what it left out', () => {
  let scan: ScanResult;
  const index = new CompatIndex(loadDatabase());

  beforeAll(async () => {
    scan = await scanProject({ paths: ['.'], cwd: DEPLOY_TOOL, index });
  });

  it('a very large project is cut down list by list, with notes', () => {
    const usages: ScanUsage[] = [];
    for (let copy = 0; copy < 400; copy++) {
      for (const usage of scan.usages) {
        // Different pins make different grid rows; different files make different call-sites.
        usages.push({ ...usage, file: `packages/service-${String(copy).padStart(3, '0')}/${usage.file}`, pinnedVersion: copy % 2 === 0 ? usage.pinnedVersion : `1.${30 + (copy % 20)}` });
      }
    }
    const big: ScanResult = { ...scan, usages, summary: { ...scan.summary, usages: usages.length } };
    const targets = resolveTargets(['maintained'], index.database);
    const model = buildCodeReport({ scan: big, findings: [], index, targets });
    const markdown = renderCodeReportMarkdown(model, { paths: ['.'] });
    expectWellFormed(markdown);
    expect(markdown).toMatch(/_\d+ more call-sites not shown, to keep this comment under GitHub’s size limit/);
    const small = renderCodeReportMarkdown(model, { paths: ['.'], limit: 8000 });
    expect(small.length).toBeLessThanOrEqual(8000);
    expect((small.match(/<details/g) ?? []).length).toBe((small.match(/<\/details>/g) ?? []).length);
    expect(small).toMatch(/not shown|was cut here/);
  });
});
