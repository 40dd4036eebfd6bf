import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import { CONFIG_KEYS, CONFIG_SCHEMA_ID, CONFIG_SEVERITIES, serializeConfigSchema } from '../../src/config/configSchema.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import { REPO_ROOT } from '../helpers/runCli.js';

// CommonJS module: vitest may hand over the module object or its default export.

const SCHEMA_PATH = join(REPO_ROOT, 'docs/config.schema.json');
const DOC_PATH = join(REPO_ROOT, 'docs/configuration.md');
const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as {
  $id: string;
  properties: Record<string, unknown> & { rules: { properties: Record<string, unknown> } };
  definitions: { severity: { enum: string[] } };
};

// strictTuples off: a rule entry is [severity] or [severity, options], a tuple whose second item is optional.
const ajv = new Ajv({ allErrors: true, strict: true, strictTuples: false });
const validate = ajv.compile(schema);

/** The ```json and ```yaml blocks of docs/configuration.md that are whole configurations. */
function documentedExamples(): Array<{ language: 'json' | 'yaml'; text: string; line: number }> {
  const lines = readFileSync(DOC_PATH, 'utf8').split('\n');
  const examples: Array<{ language: 'json' | 'yaml'; text: string; line: number }> = [];
  for (let index = 0; index < lines.length; index++) {
    const open = /^```(json|yaml)$/.exec(lines[index]);
    if (!open) continue;
    const end = lines.indexOf('```', index + 1);
    examples.push({ language: open[1] as 'json' | 'yaml', text: lines.slice(index + 1, end).join('\n'), line: index + 1 });
    index = end;
  }
  return examples;
}

async function parseExample(example: { language: 'json' | 'yaml'; text: string }): Promise<unknown> {
  const { parse } = await import('yaml');
  return example.language === 'json' ? JSON.parse(example.text) : parse(example.text);
}

describe('docs/config.schema.json', () => {
  it('is generated from the rule registry (regenerate: npx vitest run test/config/configSchema.test.ts -u)', async () => {
    const ruleIds = Object.keys(schema.properties.rules.properties);
    expect(ruleIds, 'the rule ids of docs/config.schema.json differ from rules/index.ts; run: npx vitest run test/config/configSchema.test.ts -u').toEqual(Object.keys(RULES).sort());
    await expect(serializeConfigSchema(RULES)).toMatchFileSnapshot(SCHEMA_PATH);
  });

  it('is a draft-07 schema with an $id, listing every key and severity the loader accepts', () => {
    expect(ajv.validateSchema(schema)).toBe(true);
    expect((schema as { $schema?: string }).$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.$id).toBe(CONFIG_SCHEMA_ID);
    expect(Object.keys(schema.properties)).toEqual([...CONFIG_KEYS]);
    expect(schema.definitions.severity.enum).toEqual([...CONFIG_SEVERITIES]);
  });

  it('is published with the package (docs/ is in "files")', () => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { files: string[] };
    expect(manifest.files).toContain('docs');
  });

  it('accepts every example in docs/configuration.md', async () => {
    const examples = documentedExamples();
    expect(examples.length).toBeGreaterThanOrEqual(6);
    for (const example of examples) {
      const parsed = (await parseExample(example)) as Record<string, unknown>;
      const config = 'dockerApiCompat' in parsed ? parsed.dockerApiCompat : parsed;
      expect(validate(config), `docs/configuration.md:${example.line}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
  });

  it('rejects what the loader rejects: unknown keys and rule ids, bad severities, empty target lists', () => {
    const rejected = [
      { target: 'docker 24.0' },
      { rules: { 'remove-feature': 'warn' } },
      { rules: { 'removed-feature': 'warning' } },
      { rules: { 'removed-feature': ['warn', 'strict'] } },
      { rules: { 'removed-feature': ['warn', {}, {}] } },
      { targets: [] },
      { targets: 24 },
      { include: [1] },
      { baseline: '' },
    ];
    for (const config of rejected) expect(validate(config), JSON.stringify(config)).toBe(false);
    expect(validate({ rules: { 'removed-feature': ['off'] }, include: 'src/**', ignore: [] })).toBe(true);
  });
});

describe('the documented examples', () => {
  const root = mkdtempSync(join(tmpdir(), 'dac-config-docs-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('load without errors, each as the file it would be', async () => {
    for (const [position, example] of documentedExamples().entries()) {
      const folder = join(root, String(position));
      mkdirSync(join(folder, '.git'), { recursive: true });
      const name = example.language === 'yaml' ? '.docker-api-compatrc.yaml' : example.text.includes('"dockerApiCompat"') ? 'package.json' : '.docker-api-compatrc.json';
      writeFileSync(join(folder, name), example.text);
      const loaded = await loadConfig({ cwd: folder });
      expect(loaded.path, `docs/configuration.md:${example.line}`).toBe(join(folder, name));
    }
  });
});
