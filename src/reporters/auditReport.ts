import { AUDIT_SEVERITIES, type AuditResult, type AuditSeverity } from '../lint/audit.js';
import { escapeMarkdown, markdownCodeInCell } from '../report/escape.js';
import { plural } from '../text.js';
import type { Painter } from './explainReport.js';

const TITLES: Record<AuditSeverity, string> = {
  breaking: 'Breaks',
  'behaviour-change': 'Behaves differently',
  deprecation: 'Deprecated',
  'newly-possible': 'Newly possible',
};

function heading(result: AuditResult): string {
  return `Upgrade from ${result.from.label} (API ${result.from.maxApiVersion}) to ${result.to.label} (API ${result.to.maxApiVersion})`;
}

function counts(result: AuditResult): string {
  const { summary } = result;
  return `${summary.breaking} breaking, ${summary['behaviour-change']} behaviour changes, ${summary.deprecation} deprecations, ${summary['newly-possible']} newly possible; ${plural(summary.usages, 'Engine API call')} checked`;
}

export function renderAuditText(result: AuditResult, paint: Painter): string {
  const lines = [paint.bold(heading(result)), counts(result)];
  const colour: Record<AuditSeverity, (text: string) => string> = { breaking: paint.red, 'behaviour-change': paint.yellow, deprecation: paint.yellow, 'newly-possible': paint.green };
  for (const severity of AUDIT_SEVERITIES) {
    const items = result.items.filter((item) => item.severity === severity);
    if (items.length === 0) continue;
    lines.push('', colour[severity](`${TITLES[severity]} (${items.length})`));
    for (const item of items) lines.push(`  ${item.file}:${item.line}:${item.column}  ${item.message}  ${paint.dim(item.kind)}`);
  }
  if (result.items.length === 0) lines.push('', 'Nothing in the code changes between these versions.');
  return `${lines.join('\n')}\n`;
}

export function renderAuditMarkdown(result: AuditResult): string {
  const lines = [`### ${escapeMarkdown(heading(result))}`, '', counts(result)];
  for (const severity of AUDIT_SEVERITIES) {
    const items = result.items.filter((item) => item.severity === severity);
    if (items.length === 0) continue;
    lines.push('', `#### ${TITLES[severity]} (${items.length})`, '', '| Where | What | Kind |', '| --- | --- | --- |');
    for (const item of items) lines.push(`| ${markdownCodeInCell(`${item.file}:${item.line}`)} | ${escapeMarkdown(item.message)} | ${markdownCodeInCell(item.kind)} |`);
  }
  if (result.items.length === 0) lines.push('', 'Nothing in the code changes between these versions.');
  return `${lines.join('\n')}\n`;
}

export function renderAuditJson(result: AuditResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
