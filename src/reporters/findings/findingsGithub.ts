import type { Finding, FindingSeverity } from '../../lint/finding.js';
import { checkedText, countsText, type FindingsReportContext } from './findingsReportContext.js';

const COMMAND: Record<FindingSeverity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice' };

/** A workflow command's message, escaped as @actions/core does: `%`, CR and LF. */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: the data escapes, plus `:` and `,`, which end a property. */
export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::error file=src/a.ts,line=12,col=5,title=removed-feature::message` */
export function workflowCommand(finding: Finding): string {
  const properties = [
    `file=${escapeCommandProperty(finding.file)}`,
    `line=${finding.line}`,
    `col=${finding.column}`,
    `title=${escapeCommandProperty(finding.ruleId)}`,
  ].join(',');
  return `::${COMMAND[finding.severity]} ${properties}::${escapeCommandData(finding.message)}`;
}

/**
 * `lint --format github`: one GitHub Actions annotation per unsuppressed finding, then a
 * plain summary line. Paths are relative to the folder lint ran in, which should be the
 * repository root (the workspace) for the annotations to land on the files.
 */
export function renderFindingsGithub(findings: readonly Finding[], context: FindingsReportContext): string {
  const lines = findings.filter((finding) => !finding.suppression).map(workflowCommand);
  // A plain line never starts with `::`, so the runner prints it as it is.
  lines.push(`${context.tool.name}: ${countsText(findings)}; ${checkedText(context)}`);
  return `${lines.join('\n')}\n`;
}
