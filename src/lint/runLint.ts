import { createHash } from 'node:crypto';
import type { ScanUsage } from '../analyser/matchUsages.js';
import type { ScanResult } from '../analyser/scanProject.js';
import { CompatIndex } from '../database/compatIndex.js';
import { describeFeature } from '../surface/feature.js';
import type { ConfiguredSeverity, Finding, FindingSeverity } from './finding.js';
import { renderMessage, type LintRule, type RuleContext, type RuleReport } from './rule.js';
import { spokenVersion } from './spokenVersion.js';
import type { SuppressionDirective } from './suppressions.js';
import { describeTargets, type TargetDaemon } from './targets.js';

export interface RuleSetting {
  severity: ConfiguredSeverity;
  options: Record<string, unknown>;
}

export interface LintOptions {
  scan: ScanResult;
  index: CompatIndex;
  targets: TargetDaemon[];
  rules: readonly LintRule[];
  /** Per rule id; rules not named run at their default severity. */
  settings?: Record<string, RuleSetting>;
  directives?: SuppressionDirective[];
  /** Fingerprints of accepted findings (a baseline). */
  baseline?: ReadonlySet<string>;
}

export interface LintResult {
  findings: Finding[];
  /** Directives that suppressed nothing. */
  unusedDirectives: SuppressionDirective[];
}

const SEVERITY: Record<Exclude<ConfiguredSeverity, 'off'>, FindingSeverity> = { error: 'error', warning: 'warning', info: 'info' };

/** Runs every enabled rule over a scan and returns the findings, sorted, with suppressions applied. */
export function runLint(options: LintOptions): LintResult {
  const findings: Finding[] = [];
  for (const rule of options.rules) {
    const setting = options.settings?.[rule.id] ?? { severity: rule.defaultSeverity, options: {} };
    if (setting.severity === 'off') continue;
    const severity = SEVERITY[setting.severity];
    const context: RuleContext = {
      usages: options.scan.usages,
      scan: options.scan,
      targets: options.targets,
      index: options.index,
      options: setting.options,
      speaks: (usage, daemon) => spokenVersion(usage, daemon),
      describeTargets: (targets) => describeTargets(targets, options.index.database.engines),
      isPresentAt: (feature, version) => CompatIndex.isPresentAt(feature, version),
      report: (report) => findings.push(toFinding(rule, severity, report)),
    };
    rule.check(context);
  }
  const sorted = dedupe(findings).sort(compareFindings);
  assignFingerprints(sorted);
  const unusedDirectives = applyDirectives(sorted, options.directives ?? []);
  if (options.baseline) {
    for (const finding of sorted) if (!finding.suppression && options.baseline.has(finding.fingerprint)) finding.suppression = { kind: 'baseline' };
  }
  return { findings: sorted, unusedDirectives };
}

function toFinding(rule: LintRule, severity: FindingSeverity, report: RuleReport): Finding {
  const template = rule.messages[report.messageId];
  if (!template) throw new Error(`rule ${rule.id} reported unknown message id "${report.messageId}"`);
  const at = report.at ?? { file: report.usage.file, line: report.usage.line, column: report.usage.column };
  const usage: ScanUsage = report.usage;
  return {
    ...at,
    ruleId: rule.id,
    severity,
    messageId: report.messageId,
    data: report.data,
    message: renderMessage(template, report.data),
    targets: (report.targets ?? []).map((target) => target.label),
    endpoint: usage.method && usage.path ? `${usage.method} ${usage.path}` : null,
    feature: report.feature ? describeFeature(report.feature) : null,
    fingerprint: '',
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.feature ?? '', b.feature ?? '') ||
    compareText(a.message, b.message)
  );
}

/** dockerode's run reports the same thing once per request at one position: keep one. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId} ${finding.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Stable across runs and line moves: rule, file, endpoint, feature, message id, and the occurrence count. */
function assignFingerprints(findings: Finding[]): void {
  const occurrences = new Map<string, number>();
  for (const finding of findings) {
    const base = createHash('sha256')
      .update([finding.ruleId, finding.file, finding.endpoint ?? '', finding.feature ?? '', finding.messageId, JSON.stringify(finding.data)].join('\u0000'))
      .digest('hex')
      .slice(0, 20);
    const count = (occurrences.get(base) ?? 0) + 1;
    occurrences.set(base, count);
    finding.fingerprint = `${base}:${count}`;
  }
}

/** Marks findings an inline directive suppresses; returns the directives that suppressed nothing. */
function applyDirectives(findings: Finding[], directives: SuppressionDirective[]): SuppressionDirective[] {
  const used = new Set<SuppressionDirective>();
  for (const finding of findings) {
    const directive = directives.find(
      (candidate) => candidate.file === finding.file && candidate.targetLine === finding.line && (candidate.rules.length === 0 || candidate.rules.includes(finding.ruleId)),
    );
    if (!directive) continue;
    finding.suppression = { kind: 'inline', ...(directive.reason ? { justification: directive.reason } : {}) };
    used.add(directive);
  }
  return directives.filter((directive) => !used.has(directive));
}
