import type { ScanUsage } from '../analyser/matchUsages.js';
import type { SourcePosition } from '../analyser/usage.js';
import type { CompatDatabase } from '../database/compatDatabase.js';
import { compareApiVersions } from '../versions/apiVersion.js';
import { CELL_STATES, featureLabel, type CodeReport, type GridGroup, type GridRow } from './codeReport.js';
import { columnName, defaultVisibleFrom } from './engineColumns.js';
import { escapeHtml as h } from './escape.js';
import { plural } from '../text.js';
import { footer, growthSection, STATE_SYMBOL, STATE_TEXT, type ReportOptions } from './htmlShared.js';
import { renderPage } from './htmlPage.js';

export interface CodeReportHtmlOptions extends ReportOptions {
  /** The paths the scan was given, as written, for the heading. */
  paths?: string[];
  /** How many of the newest engine columns show before "Show all" (default 20). */
  visibleColumns?: number;
}

/** How many `file:line` positions a list shows before "and N more". */
const POSITIONS_SHOWN = 12;

function position(at: SourcePosition, withColumn = false): string {
  return `${at.file}:${at.line}${withColumn ? `:${at.column}` : ''}`;
}

function positions(list: readonly SourcePosition[]): string {
  const shown = list.slice(0, POSITIONS_SHOWN).map((at) => `<code>${h(position(at))}</code>`);
  if (list.length > POSITIONS_SHOWN) shown.push(`and ${list.length - POSITIONS_SHOWN} more`);
  return shown.join(', ');
}

function neededText(version: string | null, floor: boolean): string {
  if (!version) return 'nothing known';
  return floor ? `${version} or earlier` : version;
}

/** The code's report as one self-contained HTML page. */
export function renderCodeReportHtml(report: CodeReport, database: CompatDatabase, options: CodeReportHtmlOptions = {}): string {
  const paths = options.paths && options.paths.length > 0 ? options.paths : ['.'];
  const title = options.title ?? 'Docker Engine API compatibility report';
  const visibleFrom = defaultVisibleFrom(report.columns, options.visibleColumns ?? 20);
  const targetVersions = report.targets.map((target) => target.maxApiVersion).sort(compareApiVersions);
  const header = [
    `<h1>${h(title)}</h1>`,
    `<p class="meta">Engine API calls found in ${paths.map((path) => `<code>${h(path)}</code>`).join(', ')}, checked against ${h(report.summary.targets)}.</p>`,
  ].join('\n');
  const main = [
    summarySection(report),
    gridSection(report, visibleFrom),
    findingsSection(report),
    callSitesSection(report),
    growthSection(
      database,
      {
        needs: report.summary.minApiVersion && !report.summary.minApiVersionIsFloor ? report.summary.minApiVersion : null,
        targetRange: targetVersions.length > 0 ? { from: targetVersions[0], to: targetVersions[targetVersions.length - 1] } : null,
      },
      'The Engine API over time',
    ),
    notesSection(report),
  ].join('\n');
  const hidden = visibleFrom;
  return renderPage({
    title,
    kind: 'code',
    header,
    main,
    footer: footer(database, options),
    data: {
      report: 'code',
      paths,
      summary: {
        minApiVersion: report.summary.minApiVersion,
        minApiVersionIsFloor: report.summary.minApiVersionIsFloor,
        minEngine: report.summary.minEngine,
        setBy: report.summary.setBy.map((at) => position(at)),
        callSites: report.summary.callSites,
        findings: report.summary.findings,
        targets: report.targets.map((target) => target.label),
      },
      labels: {
        allColumns: `Show all ${report.columns.length} release lines`,
        fewerColumns: `Show the newest ${report.columns.length - hidden} release lines`,
      },
    },
  });
}

function summarySection(report: CodeReport): string {
  const { summary } = report;
  const needs = summary.minApiVersion
    ? `<span class="big">API ${h(neededText(summary.minApiVersion, summary.minApiVersionIsFloor))}</span>` +
      (summary.minEngine ? ` — docker ${h(summary.minEngine)}${summary.minApiVersionIsFloor ? ' or earlier' : ' or newer'}` : ' — no released engine serves it yet')
    : '<span class="big">no Engine API call found</span>';
  const pins = [
    ...summary.pins.map((pin) => `${h(pin)} (${plural(report.usages.filter((usage) => usage.pinnedVersion === pin).length, 'call-site')})`),
    ...(summary.unpinnedCallSites > 0 ? [`unpinned (${plural(summary.unpinnedCallSites, 'call-site')}): they speak each engine’s newest version`] : []),
  ];
  const findings = summary.findings;
  const findingText =
    `<span class="sev-error">${plural(findings.error, 'error')}</span>, <span class="sev-warning">${plural(findings.warning, 'warning')}</span>, ` +
    `<span class="sev-info">${findings.info} info</span>${findings.suppressed > 0 ? ` (${findings.suppressed} suppressed)` : ''}`;
  const rows: Array<[string, string]> = [
    ['The code needs', needs],
    ...(summary.setBy.length > 0 ? ([['Set by', positions(summary.setBy)]] as Array<[string, string]>) : []),
    [
      'Call-sites',
      `${plural(summary.callSites, 'Engine API call')} in ${plural(summary.filesWithCalls, 'file')} (${summary.filesScanned} scanned)` +
        (summary.dynamicCallSites > 0 ? `; ${summary.dynamicCallSites} with something known only at run time` : ''),
    ],
    ['API versions spoken', pins.length > 0 ? pins.join('; ') : 'none'],
    ['Findings', `${findingText}, against ${h(summary.targets)}`],
  ];
  return [
    '<section id="summary" aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2>',
    `<dl class="summary">${rows.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('')}</dl>`,
    '</section>',
  ].join('\n');
}

function rowHeader(row: GridRow, group?: GridGroup): string {
  if (group) {
    const pin = group.pin ? `pinned ${group.pin}` : 'unpinned';
    return (
      `<th scope="row"><code>${h(`${group.method} ${group.path}`)}</code> <span class="pin">${h(pin)}, ${plural(group.callSites.length, 'call-site')}</span> ` +
      `<span class="at">${positions(group.callSites)}</span></th>`
    );
  }
  const where = row.location === 'response' ? `response ${row.status ?? ''}`.trim() : row.location;
  const name = row.name === '' ? (row.location === 'response' ? 'status' : '') : row.name;
  const unknown = row.feature ? '' : ' <span class="loc">(in no API version)</span>';
  return `<th scope="row"><span class="loc">${h(where)}</span> <code>${h(name)}</code>${unknown}</th>`;
}

/** Accessible descriptions of cells, one element per distinct text, referenced with aria-describedby. */
class Descriptions {
  readonly ids = new Map<string, string>();
  idFor(text: string): string {
    let id = this.ids.get(text);
    if (!id) {
      id = `d${this.ids.size}`;
      this.ids.set(text, id);
    }
    return id;
  }
  render(): string {
    return `<div hidden>${[...this.ids].map(([text, id]) => `<p id="${id}">${h(text)}</p>`).join('')}</div>`;
  }
}

function rowText(row: GridRow, group?: GridGroup): string {
  if (group) return `${group.method} ${group.path} (${group.pin ? `pinned ${group.pin}` : 'unpinned'})`;
  return `${featureLabel(row)}${row.feature ? '' : ' (in no API version)'}`;
}

function gridRow(row: GridRow, report: CodeReport, visibleFrom: number, first: boolean, descriptions: Descriptions, group?: GridGroup): string {
  const label = rowText(row, group);
  const cells = row.cells.map((cell, index) => {
    const column = report.columns[index];
    const classes = ['c', cell.state, ...(column.targets.length > 0 ? ['tgt'] : []), ...(index < visibleFrom ? ['old'] : [])];
    const description = cell.state === 'supported' ? `supported: ${label}` : `${cell.state}: ${label}; ${cell.short}`;
    const focus = first && index === visibleFrom ? ' tabindex="0"' : '';
    return `<td class="${classes.join(' ')}" title="${h(`${columnName(column)}: ${cell.reason}`)}" aria-describedby="${descriptions.idFor(description)}"${focus}></td>`;
  });
  return `<tr class="${group ? 'op' : 'fld'}">${rowHeader(row, group)}${cells.join('')}</tr>`;
}

function gridSection(report: CodeReport, visibleFrom: number): string {
  const parts = ['<section id="compat" aria-labelledby="compat-h"><h2 id="compat-h">Support by engine release</h2>'];
  if (report.groups.length === 0) {
    parts.push('<p>No call to a known endpoint: nothing to show per engine.</p>', unknownCalls(report), '</section>');
    return parts.join('\n');
  }
  parts.push(
    '<p>One row per endpoint the code calls (per pinned version) and, under it, each parameter and field it uses; one column per Docker Engine release line ' +
      '(lines that serve the same API range share a column). Each cell says what happens to that call on that engine: a pinned call speaks its pin and is refused ' +
      'outside the engine’s range; an unpinned call speaks the engine’s newest version. ' +
      `Columns marked <span class="tmark">◎</span> are targets. Hover over a cell, or focus the table and move with the arrow keys, to see why.</p>`,
    `<ul class="legend" aria-label="Legend">${CELL_STATES.map((state) => `<li><span class="sym ${state}" aria-hidden="true">${STATE_SYMBOL[state]}</span>${h(STATE_TEXT[state])}</li>`).join('')}</ul>`,
  );
  if (visibleFrom > 0) {
    parts.push(
      `<p class="noprint"><button type="button" id="toggle-columns" aria-pressed="false" aria-controls="grid" hidden>Show all ${report.columns.length} release lines</button> ` +
        `<span class="note" id="hidden-note">${visibleFrom} older release ${visibleFrom === 1 ? 'line is' : 'lines are'} hidden.</span></p>`,
    );
  }
  const headCells = report.columns.map((column, index) => {
    const targeted = column.targets.length > 0;
    const classes = [...(targeted ? ['tgt'] : []), ...(index < visibleFrom ? ['old'] : [])];
    const title = `${columnName(column)}: API ${column.minApiVersion} to ${column.maxApiVersion}${targeted ? `; targeted (${column.targets.join(', ')})` : ''}`;
    return (
      `<th scope="col"${classes.length > 0 ? ` class="${classes.join(' ')}"` : ''} title="${h(title)}">${h(column.label)}` +
      `${targeted ? ' <span class="tmark" aria-hidden="true">◎</span><span class="sr">, targeted</span>' : ''}<small>API ${h(column.maxApiVersion)}</small></th>`
    );
  });
  const descriptions = new Descriptions();
  const bodies = report.groups.map((group, index) => {
    const rows = [
      gridRow(group.operation, report, visibleFrom, index === 0, descriptions, group),
      ...group.fields.map((row) => gridRow(row, report, visibleFrom, false, descriptions)),
    ];
    return `<tbody>${rows.join('\n')}</tbody>`;
  });
  parts.push(
    '<div class="scroll">',
    '<table class="grid" id="grid">',
    '<caption class="sr">Support of each endpoint and field the code uses, per Docker Engine release line; arrow keys move between cells</caption>',
    `<thead><tr><th scope="col" class="corner">Endpoint, and what the code uses</th>${headCells.join('')}</tr></thead>`,
    bodies.join('\n'),
    '</table>',
    '</div>',
    descriptions.render(),
    '<p class="why" id="why" aria-live="polite">Hover over or focus a cell to see why it says what it says.</p>',
    unknownCalls(report),
    '</section>',
  );
  return parts.join('\n');
}

function unknownCalls(report: CodeReport): string {
  const unknown = report.usages.filter((usage) => !usage.endpointKnown);
  if (unknown.length === 0) return '';
  const items = unknown.map(
    (usage) =>
      `<li><code>${h(position(usage))}</code> <code>${h(`${usage.method ?? '(method unknown)'} ${usage.path ?? '(path unknown)'}`)}</code>: ` +
      `${usage.path === null || usage.method === null ? 'known only at run time' : 'no API version has this endpoint'}</li>`,
  );
  return `<h3>Calls not in the grid</h3><ul class="plain">${items.join('')}</ul>`;
}

function findingsSection(report: CodeReport): string {
  if (report.findings.length === 0) {
    return `<section id="findings" aria-labelledby="findings-h"><h2 id="findings-h">Findings</h2><p>No findings against ${h(report.summary.targets)}.</p></section>`;
  }
  const rows = report.findings.map(
    (finding) =>
      `<tr><td class="sev-${finding.severity}">${finding.severity}${finding.suppression ? ` (suppressed: ${h(finding.suppression.kind)})` : ''}</td>` +
      `<td><code>${h(position(finding, true))}</code></td><td>${h(finding.message)}</td><td><code>${h(finding.ruleId)}</code></td></tr>`,
  );
  return [
    '<section id="findings" aria-labelledby="findings-h"><h2 id="findings-h">Findings</h2>',
    '<table class="list"><thead><tr><th scope="col">Severity</th><th scope="col">Where</th><th scope="col">Message</th><th scope="col">Rule</th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody></table></section>`,
  ].join('\n');
}

function speaksText(usage: ScanUsage): string {
  if (!usage.pin) return 'unpinned';
  const where = usage.pin.at ? ` at ${position(usage.pin.at)}` : '';
  const source = { url: 'in the URL', 'client-option': 'client option', env: 'DOCKER_API_VERSION' }[usage.pin.source];
  return `pinned ${usage.pin.version} (${source}${where})`;
}

function callSiteNotes(usage: ScanUsage): string[] {
  const notes: string[] = [];
  for (const feature of usage.removed) notes.push(`uses ${feature.location} ${feature.name || '(the endpoint)'}, removed in ${feature.removed}`);
  for (const feature of usage.deprecated) {
    notes.push(`uses ${feature.location} ${feature.name || '(the endpoint)'}, deprecated in ${feature.deprecated}${feature.replacement ? ` (use ${feature.replacement})` : ''}`);
  }
  const unknown: Array<[string, string[]]> = [
    ['query parameter', usage.unknown.query],
    ['header', usage.unknown.headers],
    ['body field', usage.unknown.body],
    ['response field', usage.unknown.response],
  ];
  for (const [what, names] of unknown) for (const name of names) notes.push(`${what} ${name} is in no API version of this endpoint`);
  if (usage.endpointKnown === false && usage.path !== null && usage.method !== null) notes.push('no API version has this endpoint');
  for (const entry of usage.dynamic) notes.push(`known only at run time: ${entry}`);
  for (const entry of usage.conditional) notes.push(`sent only under a condition: ${entry}`);
  notes.push(...usage.notes);
  return notes;
}

function callSitesSection(report: CodeReport): string {
  if (report.usages.length === 0) {
    return '<section id="callsites" aria-labelledby="callsites-h"><h2 id="callsites-h">Call-sites</h2><p>No Engine API call found.</p></section>';
  }
  const rows = report.usages.map((usage) => {
    const reason = usage.minVersionReason && !usage.minVersionIsFloor ? `${usage.minVersionReason.feature} (added in ${usage.minVersionReason.added})` : '';
    const notes = callSiteNotes(usage);
    const uses = [
      ...usage.query.map((name) => `query ${name}`),
      ...usage.headers.map((name) => `header ${name}`),
      ...usage.body.map((name) => `body ${name}`),
      ...usage.response.map((name) => `reads ${name}`),
    ];
    return (
      `<tr><td><code>${h(position(usage))}</code></td>` +
      `<td><code>${h(`${usage.method ?? '?'} ${usage.path ?? '(path unknown)'}`)}</code>${uses.length > 0 ? `<details><summary>${plural(uses.length, 'name')} used</summary><ul class="plain">${uses.map((use) => `<li><code>${h(use)}</code></li>`).join('')}</ul></details>` : ''}</td>` +
      `<td>${h(`${usage.client} ${usage.via}`)}</td><td>${h(speaksText(usage))}</td>` +
      `<td>${h(neededText(usage.minVersion, usage.minVersionIsFloor))}</td><td>${h(reason)}</td>` +
      `<td>${notes.length > 0 ? `<ul class="plain">${notes.map((note) => `<li>${h(note)}</li>`).join('')}</ul>` : ''}</td></tr>`
    );
  });
  return [
    '<section id="callsites" aria-labelledby="callsites-h"><h2 id="callsites-h">Call-sites</h2>',
    '<div class="scroll"><table class="list"><thead><tr><th scope="col">Where</th><th scope="col">Call</th><th scope="col">Client</th><th scope="col">Version spoken</th>',
    '<th scope="col">Needs API</th><th scope="col">Set by</th><th scope="col">Notes</th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody></table></div></section>`,
  ].join('\n');
}

function notesSection(report: CodeReport): string {
  const { scan } = report;
  const parts: string[] = [];
  if (scan.versionSettings.length > 0) {
    const items = scan.versionSettings.map((setting) => `<li><code>${h(position(setting))}</code> DOCKER_API_VERSION=${h(setting.version ?? setting.raw)}</li>`);
    parts.push(`<details><summary>${plural(scan.versionSettings.length, 'place sets', 'places set')} DOCKER_API_VERSION</summary><ul class="plain">${items.join('')}</ul></details>`);
  }
  if (scan.cliInvocations.length > 0) {
    const items = scan.cliInvocations.map((entry) => `<li><code>${h(position(entry))}</code> <code>${h(entry.command)}</code></li>`);
    parts.push(`<details><summary>${plural(scan.cliInvocations.length, 'use')} of the docker command-line tool (not API calls)</summary><ul class="plain">${items.join('')}</ul></details>`);
  }
  if (scan.notes.length > 0) {
    const items = scan.notes.map((note) => `<li><code>${h(note.line ? `${note.file}:${note.line}` : note.file)}</code> ${h(note.kind)}: ${h(note.message)}</li>`);
    parts.push(`<details><summary>${plural(scan.notes.length, 'note')} from the scan</summary><ul class="plain">${items.join('')}</ul></details>`);
  }
  if (parts.length === 0) return '';
  return `<section id="notes" aria-labelledby="notes-h"><h2 id="notes-h">Scan notes</h2>${parts.join('\n')}</section>`;
}
