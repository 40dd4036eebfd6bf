import type { Finding } from '../../lint/finding.js';
import type { Painter } from '../explainReport.js';
import { checkedText, countsText, type FindingsReportContext } from './findingsReportContext.js';

export type { FindingsReportContext } from './findingsReportContext.js';

/** eslint's stylish layout: a block per file, a line per finding, a summary line. */
export function renderFindingsStylish(findings: readonly Finding[], context: Pick<FindingsReportContext, 'targets' | 'targetsText' | 'scan'>, paint: Painter): string {
  const active = findings.filter((finding) => !finding.suppression);
  const out: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const finding of active) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  for (const [file, list] of byFile) {
    out.push(paint.bold(file));
    for (const finding of list) {
      const severity = finding.severity === 'error' ? paint.red('error  ') : finding.severity === 'warning' ? paint.yellow('warning') : paint.dim('info   ');
      out.push(`  ${`${finding.line}:${finding.column}`.padEnd(8)} ${severity}  ${finding.message}  ${paint.dim(finding.ruleId)}`);
    }
    out.push('');
  }
  out.push(`${countsText(findings)}; ${checkedText(context)}`);
  return `${out.join('\n')}\n`;
}
