import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULE_LIST, RULES } from '../../rules/index.js';
// @ts-expect-error: a plain ES module script without type declarations
import { renderRuleDoc, renderRuleDocs, renderRulesIndex } from '../../scripts/generate-docs.mjs';
import { scanProject } from '../../src/analyser/scanProject.js';
import { loadDatabase } from '../../src/database/compatDatabase.js';
import { CompatIndex } from '../../src/database/compatIndex.js';
import type { LintRule, RuleExample } from '../../src/lint/rule.js';
import { runLint } from '../../src/lint/runLint.js';
import { resolveTargets } from '../../src/lint/targets.js';
import { REPO_ROOT } from '../helpers/runCli.js';

const RULES_DIR = join(REPO_ROOT, 'rules');
const ruleFiles = readdirSync(RULES_DIR)
  .filter((name) => name.endsWith('.ts') && name !== 'index.ts')
  .map((name) => name.slice(0, -'.ts'.length))
  .sort();
const rules = ruleFiles.map((id) => [id, RULES[id]] as const);

const EXTENSIONS: Record<string, string> = { typescript: 'ts', javascript: 'js', shell: 'sh', yaml: 'yml' };
/** Examples name their targets on their first line: `// target: docker >= 24.0` or `# target: ...`. */
const TARGET_LINE = /^(?:\/\/|#)\s*target:\s*(.+)$/m;

describe('the rule registry', () => {
  it('registers every file in rules/ under its own file name, and nothing else', () => {
    expect(Object.keys(RULES).sort()).toEqual(ruleFiles);
    expect(RULE_LIST.map((rule) => rule.id)).toEqual(ruleFiles);
  });

  it.each(ruleFiles)('rules/%s.ts default-exports the registered rule', async (id) => {
    const module = (await import(`../../rules/${id}.ts`)) as { default: LintRule };
    expect(module.default).toBe(RULES[id]);
  });
});

describe.each(rules)('%s', (id, rule) => {
  it('has an id equal to its file name', () => {
    expect(rule.id).toBe(id);
    expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it('has a description: one sentence', () => {
    expect(rule.description.trim()).not.toBe('');
    expect(rule.description).toMatch(/^[A-Z].*\.$/);
  });

  it('has a default severity', () => {
    expect(['error', 'warning', 'info']).toContain(rule.defaultSeverity);
  });

  it('has messages: one line each, with {{placeholders}}', () => {
    expect(Object.keys(rule.messages).length).toBeGreaterThan(0);
    for (const template of Object.values(rule.messages)) {
      expect(template.trim()).not.toBe('');
      expect(template).not.toMatch(/\n/);
    }
  });

  it('has docs: a rationale, a failing example with its message and a passing example', () => {
    expect(rule.docs.rationale.length).toBeGreaterThan(40);
    for (const example of [rule.docs.failing, rule.docs.passing]) {
      expect(example.title.trim()).not.toBe('');
      expect(example.code.trim()).not.toBe('');
      expect(Object.keys(EXTENSIONS)).toContain(example.language);
      expect(example.code, 'examples name their targets on a "target:" comment').toMatch(TARGET_LINE);
    }
    expect(rule.docs.failing.message?.trim()).toBeTruthy();
    expect(rule.docs.failing.message).not.toMatch(/\{\{|\n/);
  });

  it('has a generated docs page that is up to date (npm run docs)', () => {
    expect(readFileSync(join(REPO_ROOT, 'docs', 'rules', `${id}.md`), 'utf8')).toBe(renderRuleDoc(rule));
  });
});

describe('the rule documentation', () => {
  it('docs/rules.md lists every rule and is up to date (npm run docs)', () => {
    const text = readFileSync(join(REPO_ROOT, 'docs', 'rules.md'), 'utf8');
    expect(text).toBe(renderRulesIndex(RULE_LIST));
    for (const id of ruleFiles) expect(text).toContain(`[\`${id}\`](rules/${id}.md)`);
  });

  it('docs/rules/ holds a page for every rule and no other', () => {
    const pages = [...(renderRuleDocs(RULE_LIST) as Map<string, string>).keys()].filter((path) => path.startsWith('docs/rules/'));
    const committed = readdirSync(join(REPO_ROOT, 'docs', 'rules')).map((name) => `docs/rules/${name}`);
    expect(committed.sort()).toEqual(pages.sort());
  });
});

/** The examples are real: the failing one prints the message its page shows, the passing one gets nothing from the rule. */
describe('the documented examples', () => {
  let index: CompatIndex;
  let scratch: string;

  beforeAll(() => {
    index = new CompatIndex(loadDatabase());
    scratch = mkdtempSync(join(tmpdir(), 'rule-examples-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  async function lintExample(rule: LintRule, example: RuleExample, name: string) {
    const dir = join(scratch, `${rule.id}-${name}`);
    const file = `example.${EXTENSIONS[example.language]}`;
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, file), `${example.code}\n`);
    const target = TARGET_LINE.exec(example.code)![1].trim();
    const scan = await scanProject({ paths: ['.'], cwd: dir, index });
    const result = runLint({ scan, index, targets: resolveTargets([target], index.database), rules: RULE_LIST, directives: scan.directives });
    return result.findings.filter((finding) => finding.ruleId === rule.id && !finding.suppression);
  }

  it.each(rules)('%s: the failing example prints the documented message', async (_id, rule) => {
    const findings = await lintExample(rule, rule.docs.failing, 'failing');
    expect(findings.map((finding) => finding.message)).toContain(rule.docs.failing.message);
  });

  it.each(rules)('%s: the passing example passes', async (_id, rule) => {
    expect(await lintExample(rule, rule.docs.passing, 'passing')).toEqual([]);
  });
});
