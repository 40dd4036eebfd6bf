import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScanResult } from '../../analyser/scanProject.js';
import type { Finding } from '../../lint/finding.js';
import type { LintRule } from '../../lint/rule.js';
import { plural } from '../../text.js';
import { describeTargets, type TargetDaemon } from '../../lint/targets.js';
import { packageRoot } from '../../packageRoot.js';
import type { EngineRelease } from '../../versions/engineReleases.js';

/** The tool that produced a report, as SARIF and the JSON format name it. */
export interface ReportTool {
  name: string;
  version: string;
  /** package.json `homepage`, when it has one. */
  informationUri?: string;
}

/**
 * Everything a findings reporter may need besides the findings. Reporters are pure
 * functions of (findings, context): the context holds no absolute path, time or random id.
 */
export interface FindingsReportContext {
  /** The target daemons, in the order resolveTargets gives. */
  targets: readonly TargetDaemon[];
  /** Targets folded into runs for prose: `docker 23.0 to 29.5`. Defaults to the labels joined. */
  targetsText?: string;
  scan: ScanResult;
  /** Every rule (RULE_LIST), with or without findings: SARIF lists them all. */
  rules: readonly LintRule[];
  tool: ReportTool;
}

export interface FindingsSummary {
  errors: number;
  warnings: number;
  infos: number;
  suppressed: number;
}

/** Counts the unsuppressed findings by severity, and the suppressed ones. */
export function summarizeFindings(findings: readonly Finding[]): FindingsSummary {
  const summary: FindingsSummary = { errors: 0, warnings: 0, infos: 0, suppressed: 0 };
  for (const finding of findings) {
    if (finding.suppression) summary.suppressed++;
    else if (finding.severity === 'error') summary.errors++;
    else if (finding.severity === 'warning') summary.warnings++;
    else summary.infos++;
  }
  return summary;
}

export function targetsText(context: Pick<FindingsReportContext, 'targets' | 'targetsText'>): string {
  return context.targetsText ?? context.targets.map((target) => target.label).join(', ');
}

/** `2 errors, 0 warnings, 3 info, 1 suppressed`: the counts every text format states. */
export function countsText(findings: readonly Finding[]): string {
  const summary = summarizeFindings(findings);
  const counts = [plural(summary.errors, 'error'), plural(summary.warnings, 'warning'), `${summary.infos} info`];
  if (summary.suppressed > 0) counts.push(`${summary.suppressed} suppressed`);
  return counts.join(', ');
}

/** `3 Engine API calls checked against docker 23.0, docker 29.0.` (targets as targetsText gives them, escaped by `escape`). */
export function checkedText(context: Pick<FindingsReportContext, 'targets' | 'targetsText' | 'scan'>, escape: (text: string) => string = (text) => text): string {
  return `${plural(context.scan.summary.usages, 'Engine API call')} checked against ${escape(targetsText(context))}.`;
}

/** This package's name, version and homepage, from its package.json. */
export function reportTool(): ReportTool {
  const manifest = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { name: string; version: string; homepage?: unknown };
  return {
    name: manifest.name,
    version: manifest.version,
    ...(typeof manifest.homepage === 'string' && manifest.homepage ? { informationUri: manifest.homepage } : {}),
  };
}

/** Builds the context the lint command hands to a reporter. */
export function createFindingsReportContext(options: {
  targets: readonly TargetDaemon[];
  scan: ScanResult;
  rules: readonly LintRule[];
  engines: readonly EngineRelease[];
  tool?: ReportTool;
}): FindingsReportContext {
  return {
    targets: options.targets,
    targetsText: describeTargets(options.targets, options.engines),
    scan: options.scan,
    rules: options.rules,
    tool: options.tool ?? reportTool(),
  };
}
