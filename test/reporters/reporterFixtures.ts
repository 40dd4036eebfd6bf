import { createHash } from 'node:crypto';
import type { ScanResult } from '../../src/analyser/scanProject.js';
import type { Finding, FindingSeverity } from '../../src/lint/finding.js';
import type { TargetDaemon } from '../../src/lint/targets.js';
import type { FindingsReportContext } from '../../src/reporters/findings/findingsReportContext.js';
import { RULE_LIST } from '../../rules/index.js';

/** The fixture project with a suppressed finding, and the command line that lints it with deploy-tool. */
export const REPORTER_FIXTURE = 'test/fixtures/reporters';
export const FIXTURE_FILE = 'test/fixtures/reporters/src/containers.ts';
/** Two fixed targets, so that messages do not change when the database learns a new release. */
export const LINT_ARGS = ['lint', 'examples/deploy-tool', REPORTER_FIXTURE, '--target', 'docker 23.0', '--target', 'docker 29.0'];

export const TARGETS: TargetDaemon[] = [
  { label: 'docker 23.0', kind: 'engine', maxApiVersion: '1.42', minApiVersion: '1.12' },
  { label: 'docker 29.0', kind: 'engine', maxApiVersion: '1.52', minApiVersion: '1.44' },
];

/** A context with no database behind it: reporters only read what it holds. */
export function reportContext(overrides: Partial<FindingsReportContext> = {}): FindingsReportContext {
  const scan = {
    schemaVersion: 1,
    summary: { minApiVersion: '1.43', minApiVersionIsFloor: false, minEngine: '24.0', files: 2, usages: 7, dynamicUsages: 0, setBy: [] },
    usages: [],
    versionSettings: [],
    cliInvocations: [],
    notes: [],
    directives: [],
  } as ScanResult;
  return { targets: TARGETS, targetsText: 'docker 23.0, docker 29.0', scan, rules: RULE_LIST, tool: { name: 'docker-api-compat', version: '1.2.3' }, ...overrides };
}

/** A finding with plausible fields; pass what the test is about. */
export function makeFinding(overrides: Partial<Finding> = {}): Finding {
  const severity: FindingSeverity = overrides.severity ?? 'error';
  const finding: Finding = {
    file: 'src/app.ts',
    line: 12,
    column: 5,
    ruleId: 'removed-feature',
    severity,
    messageId: 'removed',
    data: { feature: 'POST /containers/create body field MacAddress', removed: '1.52', targets: 'docker 29.0', spoken: '1.52' },
    message: 'POST /containers/create body field MacAddress was removed in API 1.52; against docker 29.0 this call speaks 1.52',
    targets: ['docker 29.0'],
    endpoint: 'POST /containers/create',
    feature: 'POST /containers/create body field MacAddress',
    fingerprint: '',
    ...overrides,
  };
  finding.fingerprint ||= `${createHash('sha256').update(`${finding.ruleId} ${finding.file} ${finding.line}`).digest('hex').slice(0, 20)}:1`;
  return finding;
}
