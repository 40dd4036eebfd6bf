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
import { compareText } from '../text.js';

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
  const sourceLines = new WeakMap<Finding, string>();
  for (const rule of options.rules) {
    const setting = settingFor(rule, options);
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
      report: (report) => findings.push(toFinding(rule, severity, report, sourceLines)),
    };
    rule.check(context);
  }
  const sorted = dedupe(findings).sort(compareFindings);
  assignFingerprints(sorted, sourceLines);
  const unusedDirectives = applyDirectives(sorted, options.directives ?? []);
  const unused = unusedDirectiveFindings(unusedDirectives, options);
  const all = unused.length > 0 ? [...sorted, ...unused].sort(compareFindings) : sorted;
  if (options.baseline) {
    for (const finding of all) if (!finding.suppression && options.baseline.has(finding.fingerprint)) finding.suppression = { kind: 'baseline' };
  }
  return { findings: all, unusedDirectives };
}

function settingFor(rule: LintRule, options: LintOptions): RuleSetting {
  return options.settings?.[rule.id] ?? { severity: rule.defaultSeverity, options: {} };
}

/** The rule that reports directives that suppressed nothing (rules/unused-suppression.ts). */
export const UNUSED_SUPPRESSION_RULE_ID = 'unused-suppression';

/** Each unused directive as a finding of unused-suppression, at the directive, when that rule is enabled. */
function unusedDirectiveFindings(directives: SuppressionDirective[], options: LintOptions): Finding[] {
  const rule = options.rules.find((candidate) => candidate.id === UNUSED_SUPPRESSION_RULE_ID);
  if (!rule || directives.length === 0) return [];
  const configured = settingFor(rule, options).severity;
  if (configured === 'off') return [];
  const findings = directives.map((directive): Finding => {
    const messageId = directive.rules.length > 0 ? 'unusedForRules' : 'unused';
    const rendered = renderFor(rule, SEVERITY[configured], messageId, { rules: directive.rules.join(', ') });
    return { file: directive.file, line: directive.line, column: directive.column, ...rendered, targets: [], endpoint: null, feature: null, fingerprint: '' };
  });
  assignFingerprints(findings, new WeakMap());
  return findings;
}

function renderFor(rule: LintRule, severity: FindingSeverity, messageId: string, data: Record<string, string>) {
  const template = rule.messages[messageId];
  if (!template) throw new Error(`rule ${rule.id} reported unknown message id "${messageId}"`);
  return { ruleId: rule.id, severity, messageId, data, message: renderMessage(template, data) };
}

const SEVERITY_RANK: Record<FindingSeverity, number> = { info: 0, warning: 1, error: 2 };

/** A report may lower its rule's severity, never raise it. */
function lowerOf(configured: FindingSeverity, requested: FindingSeverity | undefined): FindingSeverity {
  return requested !== undefined && SEVERITY_RANK[requested] < SEVERITY_RANK[configured] ? requested : configured;
}

function toFinding(rule: LintRule, severity: FindingSeverity, report: RuleReport, sourceLines: WeakMap<Finding, string>): Finding {
  const at = report.at ?? { file: report.usage.file, line: report.usage.line, column: report.usage.column };
  const usage: ScanUsage = report.usage;
  const finding: Finding = {
    ...at,
    ...renderFor(rule, lowerOf(severity, report.severity), report.messageId, report.data),
    targets: (report.targets ?? []).map((target) => target.label),
    endpoint: usage.method && usage.path ? `${usage.method} ${usage.path}` : null,
    feature: report.feature ? describeFeature(report.feature) : null,
    fingerprint: '',
  };
  if (!report.at && usage.sourceLine) sourceLines.set(finding, usage.sourceLine);
  return finding;
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

/**
 * Stable across runs and line moves: rule, file, endpoint, feature, message, the text
 * of the source line, and a count among findings identical in all of these.
 */
function assignFingerprints(findings: Finding[], sourceLines: WeakMap<Finding, string>): void {
  const occurrences = new Map<string, number>();
  for (const finding of findings) {
    const base = createHash('sha256')
      .update([finding.ruleId, finding.file, finding.endpoint ?? '', finding.feature ?? '', finding.messageId, JSON.stringify(finding.data), sourceLines.get(finding) ?? ''].join('\u0000'))
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
