import type { ScanUsage } from '../analyser/matchUsages.js';
import type { SourcePosition } from '../analyser/usage.js';
import type { CompatDatabase } from '../database/compatDatabase.js';
import { addedText } from '../reporters/featureText.js';
import { compareApiVersions } from '../versions/apiVersion.js';
import { oldestEngineServing } from '../versions/engineReleases.js';
import type { CellState, CodeReport, GridGroup, GridRow } from './codeReport.js';
import { columnName, type EngineColumn } from './engineColumns.js';
import { escapeMarkdown as md, markdownCodeInCell as code } from './escape.js';
import { explorerGroups, removedInText } from './htmlExplorer.js';
import type { ReportOptions } from './htmlShared.js';
import { plural } from '../text.js';

/** GitHub refuses comments over 65,536 characters; stay under with room for a bot's header. */
export const MARKDOWN_LIMIT = 65_000;

export interface MarkdownReportOptions extends ReportOptions {
  paths?: string[];
  /** The most characters the output may have (default MARKDOWN_LIMIT). */
  limit?: number;
  /** How many major release lines get a column (default 8). */
  majors?: number;
}

const STATE_EMOJI: Record<CellState, string> = {
  supported: '✅',
  unsupported: '❌',
  deprecated: '⚠️',
  removed: '🚫',
  unknown: '❔',
};

const LEGEND = '✅ supported · ⚠️ deprecated · ❌ unsupported (not in the version the call speaks there, or the pinned version is refused) · 🚫 removed · ❔ unknown · 🎯 a target';

/** Sections longer than this many table rows are collapsed. */
const COLLAPSE_ROWS = 12;

function where(at: SourcePosition): string {
  return `${at.file}:${at.line}`;
}

/** `auto` collapses long sections only; `closed` always collapses; `open` shows a collapsible section open. */
function collapsible(summary: string, body: string[], rows: number, mode: 'auto' | 'open' | 'closed' = 'auto'): string[] {
  if (mode === 'auto' && rows <= COLLAPSE_ROWS) return body;
  return [`<details${mode === 'open' ? ' open' : ''}><summary>${summary}</summary>`, '', ...body, '', '</details>'];
}

function truncationNote(hidden: number, noun: string, nouns: string): string {
  return `_${plural(hidden, `more ${noun}`, `more ${nouns}`)} not shown, to keep this comment under GitHub’s size limit: the HTML report (\`report --output compat.html\`) has everything._`;
}

interface Limits {
  groups: number;
  callSites: number;
  findings: number;
}

/** The code's report as Markdown for a pull-request comment: summary, grid, findings, call-sites. */
export function renderCodeReportMarkdown(report: CodeReport, options: MarkdownReportOptions = {}): string {
  const limit = options.limit ?? MARKDOWN_LIMIT;
  const limits: Limits = { groups: report.groups.length, callSites: report.usages.length, findings: report.findings.length };
  let text = renderWith(report, options, limits);
  // Shrink the longest lists first until the comment fits.
  while (text.length > limit && (limits.callSites > 5 || limits.findings > 5 || limits.groups > 3)) {
    if (limits.callSites > 5) limits.callSites = Math.max(5, Math.floor(limits.callSites / 2));
    if (text.length > limit * 0.8 && limits.findings > 5) limits.findings = Math.max(5, Math.floor(limits.findings / 2));
    if (text.length > limit * 0.9 && limits.groups > 3) limits.groups = Math.max(3, Math.floor(limits.groups / 2));
    text = renderWith(report, options, limits);
  }
  return hardLimit(text, limit);
}

/** A last resort: cut at a line and say so (no section is left open). */
function hardLimit(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const note = '\n\n_The report was cut here to stay under GitHub’s comment size limit: the HTML report has everything._\n';
  const cut = text.lastIndexOf('\n', limit - note.length - 40);
  const kept = text.slice(0, cut);
  const openDetails = (kept.match(/<details/g) ?? []).length - (kept.match(/<\/details>/g) ?? []).length;
  return `${kept}${note}${'\n</details>'.repeat(Math.max(0, openDetails))}\n`;
}

function renderWith(report: CodeReport, options: MarkdownReportOptions, limits: Limits): string {
  const paths = options.paths && options.paths.length > 0 ? options.paths : ['.'];
  const lines: string[] = [`## ${md(options.title ?? 'Docker Engine API compatibility')}`, ''];
  lines.push(...summary(report, paths), '');
  lines.push(...grid(report, options.majors ?? 8, limits.groups), '');
  lines.push(...findings(report, limits.findings), '');
  lines.push(...callSites(report, limits.callSites), '');
  const tail = [`docker-api-compat${options.toolVersion ? ` ${md(options.toolVersion)}` : ''}`];
  if (options.generatedAt) tail.push(md(options.generatedAt));
  lines.push(`<sub>${tail.join(' · ')}</sub>`, '');
  return lines.join('\n');
}

function summary(report: CodeReport, paths: string[]): string[] {
  const { summary: s } = report;
  const needs = s.minApiVersion
    ? `**The code needs API ${md(s.minApiVersion)}${s.minApiVersionIsFloor ? ' or earlier' : ''}**` +
      (s.minEngine ? ` (docker ${md(s.minEngine)}${s.minApiVersionIsFloor ? ' or earlier' : ' or newer'})` : ' (no released engine serves it yet)')
    : '**No Engine API call found**';
  const setBy = s.setBy.length > 0 ? `, set by ${s.setBy.slice(0, 5).map((at) => code(where(at))).join(', ')}${s.setBy.length > 5 ? ` and ${s.setBy.length - 5} more` : ''}` : '';
  const pins = [
    ...s.pins.map((pin) => `${md(pin)} (${plural(report.usages.filter((usage) => usage.pinnedVersion === pin).length, 'call-site')})`),
    ...(s.unpinnedCallSites > 0 ? [`unpinned (${plural(s.unpinnedCallSites, 'call-site')})`] : []),
  ];
  const f = s.findings;
  return [
    `${needs}${setBy}.`,
    '',
    '| | |',
    '| --- | --- |',
    `| Scanned | ${paths.map((path) => code(path)).join(', ')} |`,
    `| Call-sites | ${plural(s.callSites, 'Engine API call')} in ${plural(s.filesWithCalls, 'file')} (${s.filesScanned} scanned)${s.dynamicCallSites > 0 ? `; ${s.dynamicCallSites} known only at run time` : ''} |`,
    `| API versions spoken | ${pins.length > 0 ? pins.join('; ') : 'none'} |`,
    `| Findings | ${plural(f.error, 'error')}, ${plural(f.warning, 'warning')}, ${f.info} info${f.suppressed > 0 ? ` (${f.suppressed} suppressed)` : ''} against ${md(s.targets)} |`,
  ];
}

/** Neighbouring release lines whose cells all say the same, shown as one Markdown column. */
interface Span {
  columns: EngineColumn[];
  /** The index of the first column in report.columns: its cells stand for the span's. */
  index: number;
  targeted: boolean;
}

function spanHeader(span: Span): string {
  const first = span.columns[0];
  const last = span.columns[span.columns.length - 1];
  const label = span.columns.length === 1 ? first.label : `${first.engines[0]}–${last.engines[last.engines.length - 1]}`;
  const api = first.maxApiVersion === last.maxApiVersion ? first.maxApiVersion : `${first.maxApiVersion}–${last.maxApiVersion}`;
  return `${md(label)}${span.targeted ? ' 🎯' : ''}<br>API ${md(api)}`;
}

function spanName(span: Span): string {
  const first = span.columns[0];
  const last = span.columns[span.columns.length - 1];
  return span.columns.length === 1 ? columnName(first) : `docker ${first.engines[0]} to ${last.engines[last.engines.length - 1]}`;
}

/**
 * The Markdown grid's columns: release lines from the oldest of the newest `majors` major
 * versions (or the oldest target, if older), neighbours that say the same for every row
 * merged, at most `most` columns (targets kept first, then the newest).
 */
function markdownSpans(report: CodeReport, majors: number, most: number): Span[] {
  const rows = report.groups.flatMap((group) => [group.operation, ...group.fields]);
  const majorOf = (column: EngineColumn) => column.engines[column.engines.length - 1].split('.')[0];
  const newestMajors = [...new Set(report.columns.map(majorOf))].slice(-majors);
  const firstMajor = report.columns.findIndex((column) => newestMajors.includes(majorOf(column)));
  const firstTarget = report.columns.findIndex((column) => column.targets.length > 0);
  const start = firstTarget === -1 ? Math.max(0, firstMajor) : Math.min(Math.max(0, firstMajor), firstTarget);
  const same = (a: number, b: number) => rows.every((row) => row.cells[a].state === row.cells[b].state && row.cells[a].short === row.cells[b].short);
  const spans: Span[] = [];
  for (let index = start; index < report.columns.length; index++) {
    const column = report.columns[index];
    const targeted = column.targets.length > 0;
    const last = spans[spans.length - 1];
    if (last && last.targeted === targeted && same(last.index, index)) last.columns.push(column);
    else spans.push({ columns: [column], index, targeted });
  }
  if (spans.length <= most) return spans;
  const keep = new Set(spans.filter((span) => span.targeted).slice(-most));
  for (let index = spans.length - 1; index >= 0 && keep.size < most; index--) keep.add(spans[index]);
  return spans.filter((span) => keep.has(span));
}

function rowLabel(row: GridRow, group?: GridGroup): string {
  if (group) return `**${code(`${group.method} ${group.path}`)}** ${group.pin ? `pinned ${md(group.pin)}` : 'unpinned'}`;
  const location = row.location === 'response' ? `response ${row.status ?? ''}`.trim() : row.location;
  const name = row.name === '' ? (row.location === 'response' ? 'status' : '(endpoint)') : row.name;
  return `↳ ${md(location)} ${code(name)}${row.feature ? '' : ' (in no API version)'}`;
}

/**
 * Neighbouring columns that say the same thing, as `❌ docker 20.10 to 28.5: reason`. A field
 * row leaves out the engines that refuse the whole call: its endpoint's row says so.
 */
function reasonRuns(row: GridRow, spans: readonly Span[], skipRefused: boolean): string[] {
  const runs: Array<{ spans: Span[]; state: CellState; short: string }> = [];
  for (const span of spans) {
    const cell = row.cells[span.index];
    if (skipRefused && cell.refused) {
      runs.push({ spans: [span], state: 'supported', short: '' });
      continue;
    }
    const previous = runs[runs.length - 1];
    if (previous && previous.state === cell.state && previous.short === cell.short) previous.spans.push(span);
    else runs.push({ spans: [span], state: cell.state, short: cell.short });
  }
  return runs
    .filter((run) => run.state !== 'supported')
    .map((run) => {
      const first = run.spans[0];
      const last = run.spans[run.spans.length - 1];
      const lastColumn = last.columns[last.columns.length - 1];
      const name = run.spans.length === 1 ? spanName(first) : `${spanName(first).replace(/ to .*$/, '')} to ${lastColumn.engines[lastColumn.engines.length - 1]}`;
      return `${STATE_EMOJI[run.state]} ${md(name)}: ${md(run.short)}`;
    });
}

function grid(report: CodeReport, majors: number, limit: number): string[] {
  const lines = ['### Support by engine release', ''];
  if (report.groups.length === 0) return [...lines, 'No call to a known endpoint.'];
  const spans = markdownSpans(report, majors, 12);
  const table = [`| Endpoint / name | ${spans.map(spanHeader).join(' | ')} |`, `| :-- | ${spans.map(() => ':-:').join(' | ')} |`];
  const why: string[] = [];
  const groups = report.groups.slice(0, limit);
  let rows = 0;
  for (const group of groups) {
    const entries: Array<[GridRow, GridGroup | undefined]> = [[group.operation, group], ...group.fields.map((field): [GridRow, undefined] => [field, undefined])];
    for (const [row, owner] of entries) {
      table.push(`| ${rowLabel(row, owner)} | ${spans.map((span) => STATE_EMOJI[row.cells[span.index].state]).join(' | ')} |`);
      rows++;
      const runs = reasonRuns(row, spans, owner === undefined);
      if (runs.length === 0) continue;
      const label = owner ? rowLabel(row, owner) : `${rowLabel(row).replace(/^↳ /, '')} of ${code(`${group.method} ${group.path}`)} ${group.pin ? `pinned ${md(group.pin)}` : 'unpinned'}`;
      why.push(`- ${label}: ${runs.join('; ')}`);
    }
  }
  lines.push(LEGEND, '');
  lines.push(...collapsible(`${plural(groups.length, 'endpoint')}, ${plural(rows, 'row')}`, table, rows));
  if (report.groups.length > limit) lines.push('', truncationNote(report.groups.length - limit, 'endpoint', 'endpoints'));
  if (why.length > 0) lines.push('', ...collapsible(`Why: ${plural(why.length, 'row')} not supported on every engine shown`, why, why.length, 'closed'));
  const shownLines = spans.reduce((sum, span) => sum + span.columns.length, 0);
  const hiddenLines = report.columns.length - shownLines;
  if (hiddenLines > 0) lines.push('', `_Columns merge neighbouring release lines that say the same; ${plural(hiddenLines, 'older release line')} not shown (the HTML report has every one)._`);
  return lines;
}

function findings(report: CodeReport, limit: number): string[] {
  const lines = ['### Findings', ''];
  if (report.findings.length === 0) return [...lines, `No findings against ${md(report.summary.targets)}.`];
  const table = ['| Severity | Where | Message | Rule |', '| --- | --- | --- | --- |'];
  for (const finding of report.findings.slice(0, limit)) {
    const severity = finding.suppression ? `${finding.severity} (suppressed)` : finding.severity;
    table.push(`| ${severity} | ${code(where(finding))} | ${md(finding.message)} | ${code(finding.ruleId)} |`);
  }
  lines.push(...collapsible(plural(report.findings.length, 'finding'), table, Math.min(limit, report.findings.length)));
  if (report.findings.length > limit) lines.push('', truncationNote(report.findings.length - limit, 'finding', 'findings'));
  return lines;
}

function callSiteNotes(usage: ScanUsage): string {
  const notes: string[] = [];
  for (const feature of usage.removed) notes.push(`${feature.location} ${code(feature.name || '(endpoint)')} removed in ${md(feature.removed ?? '')}`);
  for (const feature of usage.deprecated) notes.push(`${feature.location} ${code(feature.name || '(endpoint)')} deprecated in ${md(feature.deprecated ?? '')}`);
  const unknown = [...usage.unknown.query, ...usage.unknown.headers, ...usage.unknown.body, ...usage.unknown.response];
  for (const name of unknown) notes.push(`${code(name)} is in no API version`);
  if (!usage.endpointKnown && usage.path !== null && usage.method !== null) notes.push('endpoint in no API version');
  if (usage.dynamic.length > 0) notes.push(`dynamic: ${usage.dynamic.map(md).join(', ')}`);
  for (const note of usage.notes) notes.push(md(note));
  return notes.join('<br>');
}

function callSites(report: CodeReport, limit: number): string[] {
  const lines = ['### Call-sites', ''];
  if (report.usages.length === 0) return [...lines, 'No Engine API call found.'];
  const table = ['| Where | Call | Speaks | Needs | Set by | Notes |', '| --- | --- | --- | --- | --- | --- |'];
  for (const usage of report.usages.slice(0, limit)) {
    const needs = usage.minVersion ? `${md(usage.minVersion)}${usage.minVersionIsFloor ? ' or earlier' : ''}` : '';
    const setBy = usage.minVersionReason && !usage.minVersionIsFloor ? md(usage.minVersionReason.feature) : '';
    table.push(
      `| ${code(where(usage))} | ${code(`${usage.method ?? '?'} ${usage.path ?? '(path unknown)'}`)} | ${usage.pinnedVersion ? `pinned ${md(usage.pinnedVersion)}` : 'unpinned'} | ${needs} | ${setBy} | ${callSiteNotes(usage)} |`,
    );
  }
  lines.push(...collapsible(plural(report.usages.length, 'call-site'), table, Math.min(limit, report.usages.length)));
  if (report.usages.length > limit) lines.push('', truncationNote(report.usages.length - limit, 'call-site', 'call-sites'));
  return lines;
}

/** Without paths: the API's versions and endpoints as Markdown (the HTML explorer has every field). */
export function renderExplorerMarkdown(database: CompatDatabase, options: MarkdownReportOptions = {}): string {
  const oldest = database.apiVersions[0];
  const newest = database.apiVersions[database.apiVersions.length - 1];
  const groups = explorerGroups(database);
  const lines = [`## ${md(options.title ?? `Docker Engine API ${oldest} to ${newest}`)}`, ''];
  lines.push(`${plural(groups.length, 'endpoint')} and ${database.features.length} features across ${database.apiVersions.length} API versions.`, '');
  lines.push('### Versions', '');
  const versions = [...database.versions].sort((a, b) => compareApiVersions(a.version, b.version));
  const versionTable = ['| API | First engine | Features | Endpoints | Added | Removed | Breaking | Deprecations |', '| --- | --- | --: | --: | --: | --: | --: | --: |'];
  for (const entry of versions) {
    const engine = oldestEngineServing(database.engines, entry.version);
    versionTable.push(
      `| ${md(entry.version)} | ${engine ? `docker ${md(engine.engine)}` : 'not released yet'} | ${entry.features} | ${entry.operations} | ${entry.added} | ${entry.removed} | ${entry.breaking} | ${entry.deprecations} |`,
    );
  }
  lines.push(...collapsible(`${plural(versions.length, 'API version')}`, versionTable, versions.length, 'open'), '');
  lines.push('### Endpoints', '');
  const endpointTable = ['| Endpoint | Added in | Removed in | Deprecated in | Features |', '| --- | --- | --- | --- | --: |'];
  for (const group of groups) {
    const operation = group.operation;
    endpointTable.push(
      `| ${code(`${operation.method} ${operation.path}`)} | ${md(addedText(operation))} | ${md(removedInText(operation))} | ${md(operation.deprecated ?? '')} | ${group.features.length} |`,
    );
  }
  lines.push(...collapsible(plural(groups.length, 'endpoint'), endpointTable, groups.length), '');
  lines.push('_Every parameter and field, with its history, is in the HTML explorer: `docker-api-compat report --output api.html`._', '');
  const tail = [`docker-api-compat${options.toolVersion ? ` ${md(options.toolVersion)}` : ''}`];
  if (options.generatedAt) tail.push(md(options.generatedAt));
  lines.push(`<sub>${tail.join(' · ')}</sub>`, '');
  return hardLimit(lines.join('\n'), options.limit ?? MARKDOWN_LIMIT);
}
