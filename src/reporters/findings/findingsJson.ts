import type { Finding } from '../../lint/finding.js';
import { summarizeFindings, type FindingsReportContext } from './findingsReportContext.js';

/** Bumped when a field changes meaning or goes away; adding a field does not bump it. */
export const FINDINGS_JSON_SCHEMA_VERSION = 1;

/**
 * One finding as the JSON format writes it: every Finding field, in a fixed order, with
 * `suppression: null` when it is not suppressed. The mapped type makes a new Finding
 * field a compile error here until it is written out (and documented).
 */
type FindingRecord = { [K in keyof Required<Finding>]: Finding[K] | null };

function findingRecord(finding: Finding): FindingRecord {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    messageId: finding.messageId,
    data: finding.data,
    file: finding.file,
    line: finding.line,
    column: finding.column,
    targets: finding.targets,
    endpoint: finding.endpoint,
    feature: finding.feature,
    fingerprint: finding.fingerprint,
    suppression: finding.suppression
      ? { kind: finding.suppression.kind, ...(finding.suppression.justification !== undefined ? { justification: finding.suppression.justification } : {}) }
      : null,
  };
}

/** `lint --format json`: the documented contract (docs/output-formats.md). Suppressed findings are included, marked. */
export function renderFindingsJson(findings: readonly Finding[], context: FindingsReportContext): string {
  const report = {
    schemaVersion: FINDINGS_JSON_SCHEMA_VERSION,
    tool: { name: context.tool.name, version: context.tool.version },
    targets: context.targets.map((target) => target.label),
    summary: summarizeFindings(findings),
    findings: findings.map(findingRecord),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
