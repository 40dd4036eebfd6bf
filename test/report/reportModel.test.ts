/**
 * The report's library, in process: escaping, the engine columns, the cell model (what a
 * call speaks on each engine), the page's Content-Security-Policy and determinism.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scanProject, type ScanResult } from '../../src/analyser/scanProject.js';
import { loadDatabase } from '../../src/database/compatDatabase.js';
import { CompatIndex } from '../../src/database/compatIndex.js';
import { runLint } from '../../src/lint/runLint.js';
import { DEFAULT_TARGET, resolveTargets } from '../../src/lint/targets.js';
import {
  buildCodeReport,
  cellFor,
  CONTENT_SECURITY_POLICY,
  engineColumns,
  escapeHtml,
  escapeMarkdown,
  jsonForScript,
  markdownCodeInCell,
  renderCodeReportHtml,
  renderExplorerHtml,
} from '../../src/report/index.js';
import { RULE_LIST } from '../../rules/index.js';
import { REPO_ROOT } from '../helpers/runCli.js';

const index = new CompatIndex(loadDatabase());
const feature = (method: string, path: string, location: string, name: string) => {
  const found = index.database.features.find((entry) => entry.method === method && entry.path === path && entry.location === location && entry.name === name);
  if (!found) throw new Error(`no feature ${method} ${path} ${location} ${name}`);
  return found;
};
const column = (label: string) => {
  const found = engineColumns(index.database.engines, index.oldestSpec, []).find((entry) => entry.label === label);
  if (!found) throw new Error(`no column ${label}`);
  return found;
};

describe('escaping', () => {
  it('escapes HTML for text and both attribute quotes', () => {
    expect(escapeHtml(`"><img src=x onerror='alert(1)'>&amp;`)).toBe('&quot;&gt;&lt;img src=x onerror=&#39;alert(1)&#39;&gt;&amp;amp;');
    expect(escapeHtml('a\u0000b\u0008c\td\ne')).toBe('a\ufffdb\ufffdc\td\ne');
  });

  it('writes JSON for a script element that no text can end or break, and that parses back', () => {
    const value = { path: '</script><script>alert(1)</script><!--', amp: 'a&b', separators: 'x\u2028y\u2029z' };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('escapes Markdown so that markup, HTML and pipes show as written', () => {
    expect(escapeMarkdown('<img src=x> **b** [l](u) a|b `c` ~~s~~ $x$ &amp;\nnext')).toBe(
      '\\<img src=x\\> \\*\\*b\\*\\* \\[l\\](u) a\\|b \\`c\\` \\~\\~s\\~\\~ \\$x\\$ \\&amp; next',
    );
    expect(markdownCodeInCell('a|b')).toBe('`a\\|b`');
    expect(markdownCodeInCell('`tick`')).toBe('`` `tick` ``');
    expect(markdownCodeInCell('x\ny')).toBe('`x y`');
  });
});

describe('engine columns', () => {
  const columns = engineColumns(index.database.engines, index.oldestSpec, resolveTargets(['docker >= 28.0'], index.database));

  it('start at the oldest engine a spec covers, and fold neighbouring lines that serve the same range', () => {
    expect(columns[0].label).toBe('1.13');
    expect(columns.map((entry) => entry.label)).toContain('26.0–26.1');
    expect(columns.map((entry) => entry.label)).toContain('29.0–29.1');
    // Same newest API but a different oldest: not folded.
    expect(columns.find((entry) => entry.label === '29.2')!.minApiVersion).toBe('1.44');
    for (let position = 1; position < columns.length; position++) {
      const [previous, current] = [columns[position - 1], columns[position]];
      expect(previous.maxApiVersion === current.maxApiVersion && previous.minApiVersion === current.minApiVersion).toBe(false);
    }
  });

  it('mark the columns the targets cover', () => {
    expect(columns.filter((entry) => entry.targets.length > 0).map((entry) => entry.label)).toEqual(['28.0', '28.1', '28.2', '28.3–28.5', '29.0–29.1', '29.2', '29.3–29.5']);
  });
});

describe('cells: what a call speaks on each engine', () => {
  const annotations = feature('POST', '/containers/create', 'body', 'HostConfig.Annotations');

  it('an unpinned call speaks the engine’s newest version: HostConfig.Annotations (1.43) is unsupported on 23.0, supported on 24.0', () => {
    expect(cellFor(annotations, null, column('23.0'), index.oldestSpec)).toMatchObject({
      state: 'unsupported',
      reason: "unsupported: added in API 1.43; unpinned, the call speaks the engine's newest, 1.42",
    });
    expect(cellFor(annotations, null, column('24.0'), index.oldestSpec).state).toBe('supported');
  });

  it('a pinned call speaks its pin everywhere, and is refused outside an engine’s range', () => {
    expect(cellFor(annotations, '1.41', column('24.0'), index.oldestSpec)).toMatchObject({ state: 'unsupported', refused: false });
    expect(cellFor(annotations, '1.43', column('24.0'), index.oldestSpec).state).toBe('supported');
    expect(cellFor(annotations, '1.43', column('23.0'), index.oldestSpec)).toMatchObject({ state: 'unsupported', refused: true, reason: "unsupported: API 1.43, this call's pin, is refused (newest served: 1.42)" });
    expect(cellFor(annotations, '1.43', column('29.0–29.1'), index.oldestSpec)).toMatchObject({ state: 'unsupported', refused: true });
    expect(cellFor(annotations, '1.44', column('29.0–29.1'), index.oldestSpec).state).toBe('supported');
  });

  it('deprecated and removed follow the version spoken', () => {
    const mac = feature('POST', '/containers/create', 'body', 'MacAddress');
    expect(cellFor(mac, null, column('24.0'), index.oldestSpec).state).toBe('supported');
    expect(cellFor(mac, null, column('25.0'), index.oldestSpec).state).toBe('deprecated');
    expect(cellFor(mac, null, column('29.3–29.5'), index.oldestSpec)).toMatchObject({ state: 'removed', short: 'removed in API 1.52; the call is unpinned' });
    // Pinned below the removal, it keeps the field where the engine accepts the pin.
    expect(cellFor(mac, '1.44', column('29.3–29.5'), index.oldestSpec).state).toBe('deprecated');
    expect(cellFor(mac, '1.41', column('29.3–29.5'), index.oldestSpec).state).toBe('supported');
  });

  it('a version older than every spec is unknown for what the oldest spec already has', () => {
    const start = feature('POST', '/containers/{id}/start', 'operation', '');
    expect(cellFor(start, '1.24', column('25.0'), index.oldestSpec).state).toBe('unknown');
    expect(cellFor(annotations, '1.24', column('25.0'), index.oldestSpec).state).toBe('unsupported');
  });
});

describe('the HTML page', () => {
  let scan: ScanResult;
  beforeAll(async () => {
    scan = await scanProject({ paths: ['.'], cwd: join(REPO_ROOT, 'examples', 'deploy-tool'), index });
  });

  function codeReportHtml(): string {
    const targets = resolveTargets([DEFAULT_TARGET], index.database);
    const lint = runLint({ scan, index, targets, rules: RULE_LIST, directives: scan.directives });
    return renderCodeReportHtml(buildCodeReport({ scan, findings: lint.findings, index, targets }), index.database, { toolVersion: '0.0.0', paths: ['.'] });
  }

  it('carries a CSP that forbids the network and allows only its own script, by hash', () => {
    for (const html of [codeReportHtml(), renderExplorerHtml(index.database)]) {
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1].replace(/&#39;/g, "'");
      expect(csp).toBe(CONTENT_SECURITY_POLICY);
      expect(csp).toMatch(/^default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-[A-Za-z0-9+/=]+'; img-src data:; base-uri 'none'; form-action 'none'$/);
      const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1]);
      expect(scripts).toHaveLength(1);
      expect(csp).toContain(`'sha256-${createHash('sha256').update(scripts[0]).digest('base64')}'`);
      // Nothing that could reach the network: no external URL in src/href, no @import or url().
      expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//);
      expect(html).not.toMatch(/@import|url\(/);
      expect(html).not.toMatch(/<link\b/);
      expect(html).not.toMatch(/\son[a-z]+="/);
    }
  });

  it('is the same for the same input, with no time in it unless one is passed', () => {
    expect(codeReportHtml()).toBe(codeReportHtml());
    const explorer = renderExplorerHtml(index.database);
    expect(renderExplorerHtml(index.database)).toBe(explorer);
    expect(explorer).not.toMatch(/20\d\d-\d\d-\d\d/);
    expect(renderExplorerHtml(index.database, { generatedAt: '2030-01-02 build 7' })).toContain('at 2030-01-02 build 7');
  });
});
