import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { RULE_LIST } from '../../rules/index.js';
import { pascalCase, pathToUriReference, renderFindingsSarif, ruleHelp, SARIF_FINGERPRINT_KEY } from '../../src/reporters/findings/findingsSarif.js';
import { REPO_ROOT, runCli } from '../helpers/runCli.js';
import { FIXTURE_FILE, LINT_ARGS, makeFinding, reportContext } from './reporterFixtures.js';

/**
 * The official SARIF 2.1.0 JSON Schema (draft-04), as @microsoft/jest-sarif ships it
 * (sarif-2.1.0-rtm.5.json, the schemastore copy of the OASIS schema). Nothing is fetched.
 */
const require = createRequire(import.meta.url);
const SCHEMA_PATH = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

// CommonJS modules: vitest may hand over the module object or its default export.
// CommonJS packages: under NodeNext the default import is module.exports, whose .default is the export.
const AjvDraft04 = AjvDraft04Module.default;
const addFormats = addFormatsModule.default;

type Validate = ((data: unknown) => boolean) & { errors?: unknown };
let validateSarif: Validate;

function expectValidSarif(log: unknown): void {
  const valid = validateSarif(log);
  expect(validateSarif.errors ?? null).toBeNull();
  expect(valid).toBe(true);
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn: number } } }>;
  partialFingerprints: Record<string, string>;
  suppressions: Array<{ kind: string; justification?: string }>;
}

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: string };
}

beforeAll(() => {
  const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'));
  expect(schema.$schema).toBe('http://json-schema.org/draft-04/schema#');
  // Strict, with two allowances the schema needs: `required` inside anyOf branches for
  // properties defined beside them (valid JSON Schema), and regular expressions without the
  // `u` flag, since the schema's pattern for `language` has a stray `]` that only u mode refuses.
  const ajv = new AjvDraft04({ allErrors: true, strict: true, strictRequired: false, unicodeRegExp: false, validateFormats: true });
  addFormats(ajv);
  validateSarif = ajv.compile(schema) as Validate;
});

describe('SARIF from the real CLI (examples/deploy-tool and a fixture with an inline suppression)', () => {
  let output: string;
  let log: { $schema: string; version: string; runs: Array<Record<string, any>> };

  beforeAll(() => {
    const result = runCli([...LINT_ARGS, '--format', 'sarif']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    output = result.stdout;
    log = JSON.parse(output);
  });

  it('validates against the SARIF 2.1.0 schema', () => {
    expectValidSarif(log);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.runs).toHaveLength(1);
  });

  it('describes the tool and every rule, with help built from the rule docs', () => {
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('docker-api-compat');
    expect(run.tool.driver.semanticVersion).toBe(JSON.parse(readFileSync(`${REPO_ROOT}/package.json`, 'utf8')).version);
    const rules = run.tool.driver.rules as SarifRule[];
    expect(rules.map((rule) => rule.id)).toEqual(RULE_LIST.map((rule) => rule.id));
    for (const [index, rule] of rules.entries()) {
      const source = RULE_LIST[index];
      expect(rule.name).toBe(pascalCase(source.id));
      expect(rule.name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
      expect(rule.shortDescription.text).toBe(source.description);
      expect(rule.fullDescription.text).toBe(source.docs.rationale);
      expect(rule.help.text).toContain(source.docs.rationale);
      expect(rule.help.text).toContain(source.docs.failing.code.split('\n')[0]);
      expect(rule.help.markdown).toContain(`\`\`\`${source.docs.failing.language}\n${source.docs.failing.code}\n\`\`\``);
      expect(rule.help.markdown).toContain(source.docs.passing.title);
      expect(['error', 'warning', 'note', 'none']).toContain(rule.defaultConfiguration.level);
    }
  });

  it('gives each result a rule index, a level, a relative location under %SRCROOT% and a partial fingerprint', () => {
    const run = log.runs[0];
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(Object.keys(run.originalUriBaseIds)).toEqual(['%SRCROOT%']);
    const results = run.results as SarifResult[];
    expect(results.length).toBeGreaterThanOrEqual(5);
    for (const result of results) {
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(['error', 'warning', 'note']).toContain(result.level);
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      expect(artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(artifactLocation.uri).toMatch(/^(examples\/deploy-tool|test\/fixtures\/reporters)\/src\/[\w.]+\.ts$/);
      expect(region.startLine).toBeGreaterThan(0);
      expect(region.startColumn).toBeGreaterThan(0);
      expect(result.partialFingerprints[SARIF_FINGERPRINT_KEY]).toMatch(/^[0-9a-f]{20}:\d+$/);
    }
    const fingerprints = results.map((result) => result.partialFingerprints[SARIF_FINGERPRINT_KEY]);
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
    expect(results).toContainEqual(
      expect.objectContaining({
        ruleId: 'removed-feature',
        level: 'error',
        locations: [{ physicalLocation: { artifactLocation: { uri: 'examples/deploy-tool/src/sidecar.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 9, startColumn: 34 } } }],
      }),
    );
  });

  it('includes the suppressed finding, marked inSource with the directive justification', () => {
    const results = log.runs[0].results as SarifResult[];
    // SARIF 3.27.23: all results have `suppressions` or none do; unsuppressed ones have [].
    for (const result of results) expect(Array.isArray(result.suppressions)).toBe(true);
    const suppressed = results.filter((result) => result.suppressions.length > 0);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0]).toMatchObject({
      ruleId: 'removed-feature',
      locations: [{ physicalLocation: { artifactLocation: { uri: FIXTURE_FILE }, region: { startLine: 14 } } }],
      suppressions: [{ kind: 'inSource', justification: 'legacy hosts, migrating in #42' }],
    });
    const unsuppressedHere = results.filter((result) => result.suppressions.length === 0 && result.locations[0].physicalLocation.artifactLocation.uri === FIXTURE_FILE);
    expect(unsuppressedHere.map((result) => [result.ruleId, result.locations[0].physicalLocation.region.startLine])).toEqual(
      expect.arrayContaining([
        ['removed-feature', 7],
        ['api-version-too-new', 20],
      ]),
    );
  });

  it('holds no absolute path, and two runs are byte-identical', () => {
    expect(output).not.toContain(REPO_ROOT);
    expect(output).not.toContain('file://');
    expect(runCli([...LINT_ARGS, '--format', 'sarif']).stdout).toBe(output);
  });
});

describe('renderFindingsSarif', () => {
  it('maps severities to levels and baseline suppressions to external; lists every rule without findings', () => {
    const findings = [
      makeFinding({ severity: 'warning', line: 3 }),
      makeFinding({ severity: 'info', line: 4, ruleId: 'api-version-too-new', endpoint: null, feature: null, targets: [] }),
      makeFinding({ line: 5, suppression: { kind: 'baseline' } }),
      makeFinding({ line: 6, suppression: { kind: 'inline' } }),
    ];
    const log = JSON.parse(renderFindingsSarif(findings, reportContext()));
    expectValidSarif(log);
    const results = log.runs[0].results as SarifResult[];
    expect(results.map((result) => result.level)).toEqual(['warning', 'note', 'error', 'error']);
    expect(results[0].suppressions).toEqual([]);
    expect(results[2].suppressions).toEqual([{ kind: 'external' }]);
    expect(results[3].suppressions).toEqual([{ kind: 'inSource' }]);
    expect(results[1]).not.toHaveProperty('properties');
    expect(log.runs[0].tool.driver).not.toHaveProperty('informationUri');
    expect(log.runs[0].tool.driver.rules).toHaveLength(RULE_LIST.length);
  });

  it('writes an empty results array for no findings, and informationUri when the package has a homepage', () => {
    const log = JSON.parse(renderFindingsSarif([], reportContext({ tool: { name: 'docker-api-compat', version: '1.2.3', informationUri: 'https://example.org/docker-api-compat#readme' } })));
    expectValidSarif(log);
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].tool.driver.informationUri).toBe('https://example.org/docker-api-compat#readme');
  });

  it('percent-encodes paths that are not valid URI references as written', () => {
    expect(pathToUriReference('src/app.ts')).toBe('src/app.ts');
    expect(pathToUriReference('packages/@acme/my tool/src/50%#1.ts')).toBe('packages/@acme/my%20tool/src/50%25%231.ts');
    expect(pathToUriReference('src/a:b.ts')).toBe('src/a%3Ab.ts');
    expect(pathToUriReference('src/café.ts')).toBe('src/caf%C3%A9.ts');
    const log = JSON.parse(renderFindingsSarif([makeFinding({ file: 'src/my file#1 [x].ts' })], reportContext()));
    expectValidSarif(log);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('src/my%20file%231%20%5Bx%5D.ts');
  });

  it('is checked by the schema: an invalid log is refused', () => {
    const log = JSON.parse(renderFindingsSarif([makeFinding()], reportContext()));
    log.runs[0].results[0].level = 'info';
    expect(validateSarif(log)).toBe(false);
  });

  it('builds help text and Markdown from the rule docs, with a fence longer than any backticks in the code', () => {
    const rule = {
      ...RULE_LIST[0],
      docs: {
        ...RULE_LIST[0].docs,
        failing: { title: 'bad', language: 'shell', code: 'echo ```nested```', message: 'it fails' },
        options: { allow: 'Endpoints to skip' },
      },
    };
    const help = ruleHelp(rule);
    expect(help.markdown).toContain('````shell\necho ```nested```\n````');
    expect(help.markdown).toContain('- `allow`: Endpoints to skip');
    expect(help.text).toContain('Failing: bad\n\n    echo ```nested```\n\nReported as: it fails');
    expect(help.text).toContain('Options:\n  allow: Endpoints to skip');
  });

  it('names rules in PascalCase', () => {
    expect(pascalCase('removed-feature')).toBe('RemovedFeature');
    expect(pascalCase('api-version-too-new')).toBe('ApiVersionTooNew');
  });
});
