import type { Finding } from '../../lint/finding.js';
import { escapeHtml, escapeMarkdown } from '../../report/escape.js';
import { plural } from '../../text.js';
import { checkedText, countsText, type FindingsReportContext } from './findingsReportContext.js';

/** GitHub refuses comments over 65,536 characters; stay clear of it. */
export const MARKDOWN_MAX_LENGTH = 65_000;

/** Lets a bot find and update its earlier comment. */
export const MARKDOWN_MARKER = '<!-- docker-api-compat lint -->';

export interface MarkdownReportOptions {
  /** The most characters the report may have (default MARKDOWN_MAX_LENGTH). */
  maxLength?: number;
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function findingRow(finding: Finding, withFile: boolean): string {
  const location = withFile ? `${finding.file}:${finding.line}` : String(finding.line);
  return row([escapeMarkdown(location), escapeMarkdown(finding.ruleId), finding.severity, escapeMarkdown(finding.message)]);
}

function tableHead(first: string): string[] {
  return [row([first, 'Rule', 'Severity', 'Message']), row(['---', '---', '---', '---'])];
}

function header(findings: readonly Finding[], context: FindingsReportContext): string[] {
  return [MARKDOWN_MARKER, `### ${escapeMarkdown(context.tool.name)}: ${countsText(findings)}`, '', checkedText(context, escapeMarkdown)];
}

/**
 * `lint --format markdown`: a pull-request comment. A summary line and a table of the
 * unsuppressed findings; when that would pass GitHub's size limit, one collapsed
 * `<details>` section per file, as many as fit, and a note saying how many were left out.
 */
export function renderFindingsMarkdown(findings: readonly Finding[], context: FindingsReportContext, options: MarkdownReportOptions = {}): string {
  const maxLength = options.maxLength ?? MARKDOWN_MAX_LENGTH;
  const active = findings.filter((finding) => !finding.suppression);
  const head = header(findings, context);
  if (active.length === 0) return `${[...head, '', 'No problems found.'].join('\n')}\n`;

  const full = `${[...head, '', ...tableHead('Location'), ...active.map((finding) => findingRow(finding, true))].join('\n')}\n`;
  if (full.length <= maxLength) return full;

  const byFile = new Map<string, Finding[]>();
  for (const finding of active) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);

  // Room for the note at the end, whatever the counts in it.
  const noteFor = (findingsLeft: number, filesLeft: number): string =>
    `_${plural(findingsLeft, 'more finding')} in ${plural(filesLeft, 'file')} left out to keep this comment under GitHub's size limit: run \`${context.tool.name} lint\`, or upload \`--format sarif\` to code scanning, for all of them._`;
  const reserve = noteFor(active.length, byFile.size).length + 2;
  let text = `${head.join('\n')}\n`;
  let shown = 0;
  const filesCut = new Set<string>();
  const open = (file: string, count: number, rows: number): string =>
    `\n<details><summary>${escapeHtml(file)} (${plural(count, 'finding')}${rows < count ? `, ${rows} shown` : ''})</summary>\n\n${tableHead('Line').join('\n')}\n`;
  const close = '\n</details>\n';
  for (const [file, list] of byFile) {
    // Measured with the longest summary the section can get (`, N shown`).
    const room = maxLength - reserve - text.length - open(file, list.length, list.length - 1).length - close.length;
    const rows: string[] = [];
    let used = 0;
    if (filesCut.size === 0) {
      for (const finding of list) {
        const line = `${findingRow(finding, false)}\n`;
        if (used + line.length > room) break;
        rows.push(line);
        used += line.length;
      }
    }
    if (rows.length < list.length) filesCut.add(file);
    if (rows.length === 0) continue;
    text += open(file, list.length, rows.length) + rows.join('') + close;
    shown += rows.length;
  }
  const left = active.length - shown;
  if (left > 0) text += `\n${noteFor(left, filesCut.size)}\n`;
  return text;
}
