/**
 * Runs the real CLI (`node bin/docker-api-compat.js lint`) on a fixture project under
 * test/fixtures/rules/ and returns its findings. Build first: `npx tsc -p tsconfig.json`.
 *
 * Findings are read from `--format json` (docs/output-formats.md); output that is not that
 * JSON fails the test (a fallback would let a broken reporter pass every rule test).
 */
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/runCli.js';

export const FIXTURES = 'test/fixtures/rules';

export interface LintedFinding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  /** Relative to the fixture project, `/`-separated: `src/provision.ts`. */
  file: string;
  line: number;
  column: number;
  message: string;
  suppressed: boolean;
}

export interface LintRun {
  code: number;
  /** Findings not suppressed. */
  findings: LintedFinding[];
  stdout: string;
  stderr: string;
}

const cache = new Map<string, LintRun>();

/**
 * `lint <fixture>[/<path>] --target <query>...`, run from the repository root without any
 * configuration file, so that only the rules' defaults apply, or with `--config <fixture>/<config>`.
 */
export function lintFixture(fixture: string, targets: string | string[], options: { path?: string; config?: string } = {}): LintRun {
  const key = JSON.stringify([fixture, targets, options.path ?? '', options.config ?? '']);
  const cached = cache.get(key);
  if (cached) return cached;
  const root = `${FIXTURES}/${fixture}`;
  const input = options.path ? `${root}/${options.path}` : root;
  const targetArgs = (Array.isArray(targets) ? targets : [targets]).flatMap((target) => ['--target', target]);
  const configArgs = options.config ? ['--config', `${root}/${options.config}`] : ['--no-config'];
  const result = runCli(['lint', input, ...targetArgs, ...configArgs, '--format', 'json'], { cwd: REPO_ROOT });
  if (result.code !== 0 && result.code !== 1) throw new Error(`lint ${input} exited ${result.code}:\n${result.stderr}`);
  const parsed = parseJson(result.stdout, root);
  if (!parsed) throw new Error(`lint ${input} --format json printed no findings report:\n${result.stdout.slice(0, 500)}`);
  const lint: LintRun = { code: result.code, findings: parsed.filter((finding) => !finding.suppressed), stdout: result.stdout, stderr: result.stderr };
  cache.set(key, lint);
  return lint;
}

function relative(file: string, root: string): string {
  return file.startsWith(`${root}/`) ? file.slice(root.length + 1) : file;
}

function parseJson(stdout: string, root: string): LintedFinding[] | undefined {
  let report: unknown;
  try {
    report = JSON.parse(stdout);
  } catch {
    return undefined;
  }
  const findings = (report as { findings?: unknown }).findings;
  if (!Array.isArray(findings)) return undefined;
  return findings.map((finding: Record<string, unknown>) => ({
    ruleId: String(finding.ruleId),
    severity: finding.severity as LintedFinding['severity'],
    file: relative(String(finding.file), root),
    line: Number(finding.line),
    column: Number(finding.column),
    message: String(finding.message),
    suppressed: finding.suppression !== null && finding.suppression !== undefined,
  }));
}

/** The findings of one rule, optionally in one file of the fixture. */
export function findingsOf(run: LintRun, ruleId: string, file?: string): LintedFinding[] {
  return run.findings.filter((finding) => finding.ruleId === ruleId && (file === undefined || finding.file === file));
}

export interface FailingCase {
  /** One sentence: what the code does and why it fails. */
  name: string;
  target: string | string[];
  file: string;
  line: number;
  /** Words the message must contain: the endpoint, the feature, the versions. */
  words: string[];
  /** When the finding is reported below the rule's default severity. */
  severity?: LintedFinding['severity'];
}

export interface PassingCase {
  name: string;
  target: string | string[];
  /** Only this file of the fixture must be free of the rule's findings; default: the whole fixture. */
  file?: string;
  /** Only this line of `file`. */
  line?: number;
}

export interface ExitCodeCase {
  name: string;
  target: string | string[];
  /** A file or folder inside the fixture; default: the whole fixture. */
  path?: string;
  code: 0 | 1;
}

/**
 * Table-style tests of one rule on its fixture project, in the spirit of typescript-eslint's
 * RuleTester: each failing case names the line and the key words of the message, each passing
 * case asserts that the rule reports nothing there.
 */
export function testRule(
  rule: { id: string; defaultSeverity: string },
  fixture: string,
  cases: { failing: FailingCase[]; passing: PassingCase[]; exitCodes: ExitCodeCase[] },
): void {
  describe(rule.id, () => {
    describe('reports', () => {
      it.each(cases.failing)('$name', (test) => {
        const run = lintFixture(fixture, test.target);
        const found = findingsOf(run, rule.id, test.file).filter((finding) => finding.line === test.line);
        expect(found, `no ${rule.id} finding at ${test.file}:${test.line}; output:\n${run.stdout}`).not.toHaveLength(0);
        const matching = found.filter((finding) => test.words.every((word) => finding.message.includes(word)));
        expect(matching, `no message with ${JSON.stringify(test.words)} among:\n${found.map((finding) => finding.message).join('\n')}`).toHaveLength(1);
        expect(matching[0].severity).toBe(test.severity ?? rule.defaultSeverity);
        expect(matching[0].message).not.toMatch(/\n|\{\{/);
      });
    });
    describe('does not report', () => {
      it.each(cases.passing)('$name', (test) => {
        const run = lintFixture(fixture, test.target);
        const found = findingsOf(run, rule.id, test.file).filter((finding) => test.line === undefined || finding.line === test.line);
        expect(found, run.stdout).toEqual([]);
      });
    });
    describe('exit code', () => {
      it.each(cases.exitCodes)('$name', (test) => {
        expect(lintFixture(fixture, test.target, { path: test.path }).code).toBe(test.code);
      });
    });
  });
}
