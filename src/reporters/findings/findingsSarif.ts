import type { ConfiguredSeverity, Finding, FindingSeverity } from '../../lint/finding.js';
import type { LintRule, RuleExample } from '../../lint/rule.js';
import type { FindingsReportContext } from './findingsReportContext.js';

/** The schema GitHub code scanning documents; the log validates against the OASIS 2.1.0 schema. */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The key of result.partialFingerprints: bump the `v1` if the fingerprint's recipe changes. */
export const SARIF_FINGERPRINT_KEY = 'dockerApiCompat/v1';
export const SARIF_SRCROOT = '%SRCROOT%';
/**
 * Finding columns are offsets in the JavaScript string of the line (ts-morph and the
 * script scanners both count that way), that is UTF-16 code units: a line with an emoji
 * before the call counts it as 2. Say so, rather than claim code points.
 */
export const SARIF_COLUMN_KIND = 'utf16CodeUnits';

type SarifLevel = 'error' | 'warning' | 'note' | 'none';

const LEVEL: Record<FindingSeverity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

/** `removed-feature` -> `RemovedFeature`: SARIF's reportingDescriptor.name. */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join('');
}

/**
 * A relative path as a URI reference: each segment percent-encoded (spaces, `#`, `%`,
 * `?`, non-ASCII), keeping `/` and the characters a path segment allows as they are.
 * `:` is encoded too, so that `a:b.ts` cannot read as a URI scheme.
 */
export function pathToUriReference(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/%(24|26|2B|2C|3B|3D|40)/g, (escaped) => decodeURIComponent(escaped)))
    .join('/');
}

function defaultConfiguration(severity: ConfiguredSeverity): { level: SarifLevel; enabled?: boolean } {
  return severity === 'off' ? { level: 'none', enabled: false } : { level: LEVEL[severity] };
}

function fence(code: string): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((match) => match[0].length));
  return '`'.repeat(longest + 1);
}

function exampleText(label: string, example: RuleExample): string[] {
  const lines = [`${label}: ${example.title}`, '', ...example.code.split('\n').map((line) => (line ? `    ${line}` : ''))];
  if (example.message) lines.push('', `Reported as: ${example.message}`);
  return lines;
}

function exampleMarkdown(label: string, example: RuleExample): string[] {
  const marks = fence(example.code);
  const lines = [`**${label}:** ${example.title}`, '', `${marks}${example.language}`, example.code, marks];
  if (example.message) lines.push('', `Reported as: ${example.message}`);
  return lines;
}

/** The rule's help for SARIF viewers, from its docs: text and Markdown say the same. */
export function ruleHelp(rule: LintRule): { text: string; markdown: string } {
  const { docs } = rule;
  const text = [rule.description, '', docs.rationale, '', ...exampleText('Failing', docs.failing), '', ...exampleText('Passing', docs.passing)];
  const markdown = [rule.description, '', docs.rationale, '', ...exampleMarkdown('Failing', docs.failing), '', ...exampleMarkdown('Passing', docs.passing)];
  const options = Object.entries(docs.options ?? {});
  if (options.length > 0) {
    text.push('', 'Options:', ...options.map(([name, description]) => `  ${name}: ${description}`));
    markdown.push('', '**Options:**', '', ...options.map(([name, description]) => `- \`${name}\`: ${description}`));
  }
  return { text: text.join('\n'), markdown: markdown.join('\n') };
}

function ruleDescriptor(rule: LintRule): Record<string, unknown> {
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.docs.rationale },
    help: ruleHelp(rule),
    defaultConfiguration: defaultConfiguration(rule.defaultSeverity),
  };
}

function result(finding: Finding, ruleIndex: ReadonlyMap<string, number>): Record<string, unknown> {
  const index = ruleIndex.get(finding.ruleId);
  const properties: Record<string, unknown> = {};
  if (finding.targets.length > 0) properties.targets = finding.targets;
  if (finding.endpoint) properties.endpoint = finding.endpoint;
  if (finding.feature) properties.feature = finding.feature;
  return {
    ruleId: finding.ruleId,
    ...(index !== undefined ? { ruleIndex: index } : {}),
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: pathToUriReference(finding.file), uriBaseId: SARIF_SRCROOT },
          region: { startLine: finding.line, startColumn: finding.column },
        },
      },
    ],
    partialFingerprints: { [SARIF_FINGERPRINT_KEY]: finding.fingerprint },
    // SARIF 3.27.23: within a run, every result has `suppressions` or none has. The linter
    // checks every finding for suppression, so an unsuppressed one has an empty array.
    suppressions: finding.suppression
      ? [
          {
            kind: finding.suppression.kind === 'inline' ? 'inSource' : 'external',
            ...(finding.suppression.justification ? { justification: finding.suppression.justification } : {}),
          },
        ]
      : [],
    ...(Object.keys(properties).length > 0 ? { properties } : {}),
  };
}

/**
 * `lint --format sarif`: SARIF 2.1.0 for GitHub code scanning and other viewers. Every rule is
 * listed; suppressed findings are included with `suppressions`, as SARIF consumers expect.
 */
export function renderFindingsSarif(findings: readonly Finding[], context: FindingsReportContext): string {
  const ruleIndex = new Map(context.rules.map((rule, index) => [rule.id, index]));
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: context.tool.name,
            ...(context.tool.informationUri ? { informationUri: context.tool.informationUri } : {}),
            semanticVersion: context.tool.version,
            rules: context.rules.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: {
          [SARIF_SRCROOT]: { description: { text: 'The folder docker-api-compat lint ran in: result paths are relative to it.' } },
        },
        columnKind: SARIF_COLUMN_KIND,
        results: findings.map((finding) => result(finding, ruleIndex)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
