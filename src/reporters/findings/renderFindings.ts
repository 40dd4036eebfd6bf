import type { Finding } from '../../lint/finding.js';
import type { Painter } from '../explainReport.js';
import type { FindingsFormat } from './findingsFormats.js';
import { renderFindingsGithub } from './findingsGithub.js';
import { renderFindingsJson } from './findingsJson.js';
import { renderFindingsMarkdown } from './findingsMarkdown.js';
import type { FindingsReportContext } from './findingsReportContext.js';
import { renderFindingsSarif } from './findingsSarif.js';
import { renderFindingsStylish } from './findingsStylish.js';

/** Renders findings in a format; only stylish uses colour. */
export function renderFindings(format: FindingsFormat, findings: readonly Finding[], context: FindingsReportContext, paint: Painter): string {
  switch (format) {
    case 'stylish':
      return renderFindingsStylish(findings, context, paint);
    case 'json':
      return renderFindingsJson(findings, context);
    case 'sarif':
      return renderFindingsSarif(findings, context);
    case 'github':
      return renderFindingsGithub(findings, context);
    case 'markdown':
      return renderFindingsMarkdown(findings, context);
  }
}
