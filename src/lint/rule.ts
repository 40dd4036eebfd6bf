import type { ScanUsage } from '../analyser/matchUsages.js';
import type { ScanResult } from '../analyser/scanProject.js';
import type { FeatureRecord } from '../database/compatDatabase.js';
import type { CompatIndex } from '../database/compatIndex.js';
import type { ConfiguredSeverity, FindingSeverity } from './finding.js';
import type { SpokenVersion } from './spokenVersion.js';
import type { TargetDaemon } from './targets.js';

/** A failing and a passing example for the rule's documentation page. */
export interface RuleExample {
  title: string;
  /** Code in the language given (typescript, javascript, shell, yaml). */
  code: string;
  language: string;
  /** For a failing example, the finding's message as the rule prints it. */
  message?: string;
}

export interface RuleDocs {
  /** Why the rule exists, in a short paragraph. */
  rationale: string;
  failing: RuleExample;
  passing: RuleExample;
  /** Options the rule takes, described. */
  options?: Record<string, string>;
}

/** What a rule reports: a message id of its own, data for the template, and where. */
export interface RuleReport {
  messageId: string;
  data: Record<string, string>;
  usage: ScanUsage;
  /** The feature concerned, if any (a removed body field, a deprecated endpoint). */
  feature?: FeatureRecord;
  /** The target daemons the finding holds for. */
  targets?: TargetDaemon[];
  /** Override the position (a version setting, a directive). */
  at?: { file: string; line: number; column: number };
  /**
   * A lower severity for this report than the rule's (unversioned-request reports calls
   * that read no response field as info). It only ever lowers: the finding gets the
   * lower of this and the rule's configured severity.
   */
  severity?: FindingSeverity;
}

export interface RuleContext {
  usages: readonly ScanUsage[];
  scan: ScanResult;
  targets: readonly TargetDaemon[];
  index: CompatIndex;
  options: Record<string, unknown>;
  /** Which version a usage speaks against a target daemon. */
  speaks(usage: ScanUsage, daemon: TargetDaemon): SpokenVersion;
  /** Target labels folded into runs: `docker 29.0 to 29.5`. */
  describeTargets(targets: readonly TargetDaemon[]): string;
  /** Whether a feature exists at an API version (errata applied). */
  isPresentAt(feature: FeatureRecord, version: string): boolean;
  report(report: RuleReport): void;
}

/** One lint rule: `rules/<id>.ts` default-exports one of these. */
export interface LintRule {
  /** kebab-case, equal to the file name. */
  id: string;
  description: string;
  defaultSeverity: ConfiguredSeverity;
  /** Message templates by id; `{{name}}` is replaced from the report's data. */
  messages: Record<string, string>;
  docs: RuleDocs;
  check(context: RuleContext): void;
}

/** Identity helper so rule files get type checking without a class hierarchy. */
export function defineRule(rule: LintRule): LintRule {
  return rule;
}

export function renderMessage(template: string, data: Record<string, string>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_whole, name: string) => data[name] ?? `{{${name}}}`);
}
