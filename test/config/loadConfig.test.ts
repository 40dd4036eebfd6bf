import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import { CONFIG_FILES } from '../../src/config/discoverConfig.js';
import { loadConfig, loadConfigOption } from '../../src/config/loadConfig.js';
import { CompatError } from '../../src/errors.js';

const ROOT = mkdtempSync(join(tmpdir(), 'dac-config-'));
afterAll(() => rmSync(ROOT, { recursive: true, force: true }));

let folders = 0;

/** A fresh project folder (with .git, so the search never leaves it) holding these files. */
function project(files: Record<string, string>): string {
  const folder = join(ROOT, `p${folders++}`);
  mkdirSync(join(folder, '.git'), { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, name)), { recursive: true });
    writeFileSync(join(folder, name), text);
  }
  return folder;
}

/** The one-line message of the CompatError that loading throws. */
async function failure(promise: Promise<unknown>): Promise<{ kind: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CompatError);
    return { kind: (error as CompatError).kind, message: (error as CompatError).message };
  }
  throw new Error('expected the configuration to be rejected');
}

async function configError(name: string, text: string): Promise<string> {
  const result = await failure(loadConfig({ cwd: project({ [name]: text }) }));
  expect(result.kind).toBe('config');
  expect(result.message.split('\n')).toHaveLength(1);
  return result.message;
}

const YAML_CONFIG = 'targets: docker 24.0\n';
const WITH_KEY = JSON.stringify({ name: 'app', dockerApiCompat: { targets: 'docker 24.0' } });

describe('discovery', () => {
  it.each(CONFIG_FILES.map((file) => file.name))('finds %s', async (name) => {
    const folder = project({ [name]: name === 'package.json' ? WITH_KEY : name.endsWith('.json') ? '{ "targets": "docker 24.0" }' : YAML_CONFIG });
    const loaded = await loadConfig({ cwd: folder });
    expect(loaded).toEqual({ path: join(folder, name), config: { rules: {}, targets: ['docker 24.0'] } });
  });

  it('takes the first of the documented order when one folder holds several', async () => {
    const files: Record<string, string> = {};
    for (const { name } of CONFIG_FILES) files[name] = name === 'package.json' ? WITH_KEY : name.endsWith('.json') ? '{}' : '{}\n';
    const folder = project(files);
    for (const { name } of CONFIG_FILES) {
      expect((await loadConfig({ cwd: folder })).path).toBe(join(folder, name));
      rmSync(join(folder, name));
    }
    expect((await loadConfig({ cwd: folder })).path).toBeNull();
  });

  it('searches upward from cwd, and the nearest folder wins without merging', async () => {
    const folder = project({
      '.docker-api-compatrc.yaml': 'targets: docker 24.0\nignore: ["**/test/**"]\n',
      'packages/api/docker-api-compat.config.json': '{ "targets": ["docker 25.0"] }',
      'packages/api/src/deep/.keep': '',
    });
    const fromDeep = await loadConfig({ cwd: join(folder, 'packages/api/src/deep') });
    expect(fromDeep).toEqual({ path: join(folder, 'packages/api/docker-api-compat.config.json'), config: { rules: {}, targets: ['docker 25.0'] } });
    expect((await loadConfig({ cwd: join(folder, 'packages') })).path).toBe(join(folder, '.docker-api-compatrc.yaml'));
  });

  it('reads package.json only with a top-level dockerApiCompat key', async () => {
    const nested = JSON.stringify({ name: 'app', config: { dockerApiCompat: { targets: 'docker 24.0' } } });
    const folder = project({ 'package.json': JSON.stringify({ name: 'app' }), '.docker-api-compatrc.yml': YAML_CONFIG, 'sub/package.json': nested });
    expect((await loadConfig({ cwd: folder })).path).toBe(join(folder, '.docker-api-compatrc.yml'));
    expect((await loadConfig({ cwd: join(folder, 'sub') })).path).toBe(join(folder, '.docker-api-compatrc.yml'));
  });

  it('skips a broken package.json that does not mention the key, and reports one that does', async () => {
    const folder = project({ 'package.json': '{ "name": "app", }', 'docker-api-compat.config.yml': YAML_CONFIG });
    expect((await loadConfig({ cwd: folder })).path).toBe(join(folder, 'docker-api-compat.config.yml'));
    expect(await configError('package.json', '{ "name": "app", "dockerApiCompat": {}, }')).toBe(
      'package.json:1:41: invalid JSON: expected a property name, found "}": JSON allows no comma after the last property',
    );
  });

  it('stops at the folder holding .git (a folder or a file), after searching it', async () => {
    const outer = project({ '.docker-api-compatrc.yaml': YAML_CONFIG, 'repo/.git': 'gitdir: ../.git/worktrees/repo', 'repo/src/.keep': '' });
    expect(await loadConfig({ cwd: join(outer, 'repo/src') })).toEqual({ path: null, config: { rules: {} } });
    writeFileSync(join(outer, 'repo/.docker-api-compatrc'), YAML_CONFIG);
    expect((await loadConfig({ cwd: join(outer, 'repo/src') })).path).toBe(join(outer, 'repo/.docker-api-compatrc'));
  });

  it('never loads JavaScript or TypeScript configurations, alone or next to a YAML one', async () => {
    const code = "throw new Error('must not run');\n";
    const scripts = {
      '.docker-api-compatrc.js': code,
      '.docker-api-compatrc.cjs': code,
      '.docker-api-compatrc.mjs': code,
      '.docker-api-compatrc.ts': code,
      'docker-api-compat.config.js': code,
      'docker-api-compat.config.mjs': code,
      'docker-api-compat.config.cjs': code,
      'docker-api-compat.config.ts': code,
    };
    expect((await loadConfig({ cwd: project(scripts) })).path).toBeNull();
    const mixed = project({ ...scripts, 'docker-api-compat.config.yaml': YAML_CONFIG });
    expect((await loadConfig({ cwd: mixed })).path).toBe(join(mixed, 'docker-api-compat.config.yaml'));
  });

  it('reads .docker-api-compatrc as JSON when it starts with {, else as YAML', async () => {
    expect((await loadConfig({ cwd: project({ '.docker-api-compatrc': '\n  {"targets": "docker 24.0"}' }) })).config.targets).toEqual(['docker 24.0']);
    expect((await loadConfig({ cwd: project({ '.docker-api-compatrc': '# YAML\ntargets: [docker 24.0]\n' }) })).config.targets).toEqual(['docker 24.0']);
    expect(await configError('.docker-api-compatrc', '{\n  // no comments in JSON\n}')).toBe(
      '.docker-api-compatrc:2:3: invalid JSON: expected a double-quoted property name, found a comment: JSON has no comments',
    );
  });
});

describe('--config and --no-config', () => {
  it('reads the file given, without searching, in the format its name says', async () => {
    const folder = project({ '.docker-api-compatrc.yaml': 'targets: docker 29.0\n', 'ci/lint.yml': 'targets: docker 24.0\n', 'ci/conf': '{"targets": "docker 25.0"}', 'ci/package.json': WITH_KEY });
    expect(await loadConfig({ cwd: folder, configPath: 'ci/lint.yml' })).toEqual({ path: join(folder, 'ci/lint.yml'), config: { rules: {}, targets: ['docker 24.0'] } });
    expect((await loadConfig({ cwd: folder, configPath: 'ci/conf' })).config.targets).toEqual(['docker 25.0']);
    expect((await loadConfig({ cwd: folder, configPath: join(folder, 'ci/package.json') })).config.targets).toEqual(['docker 24.0']);
  });

  it('is an error when the file is missing, a folder, JavaScript, or a package.json without the key', async () => {
    const folder = project({ 'app.config.mjs': 'export default {}', 'package.json': '{"name": "app"}' });
    expect(await failure(loadConfig({ cwd: folder, configPath: 'nope.yaml' }))).toEqual({ kind: 'config', message: 'nope.yaml: no such file (given with --config)' });
    expect(await failure(loadConfig({ cwd: folder, configPath: '.git' }))).toEqual({ kind: 'config', message: '.git: not a file (given with --config)' });
    expect((await failure(loadConfig({ cwd: folder, configPath: 'app.config.mjs' }))).message).toBe(
      'app.config.mjs: JavaScript and TypeScript configurations are not supported (the linter never runs code from the project); use JSON or YAML',
    );
    expect((await failure(loadConfig({ cwd: folder, configPath: 'package.json' }))).message).toBe('package.json:1:1: no "dockerApiCompat" key in this package.json');
  });

  it('--no-config reads nothing; --config twice or empty is a usage error', async () => {
    const folder = project({ '.docker-api-compatrc.yaml': 'targets: [{}]\n' });
    expect(await loadConfigOption(false, { cwd: folder })).toEqual({ path: null, config: { rules: {} } });
    expect(await failure(loadConfigOption(['a.yaml', 'b.yaml'], { cwd: folder }))).toEqual({ kind: 'usage', message: '--config may be given once' });
    expect(await failure(loadConfigOption('', { cwd: folder }))).toEqual({ kind: 'usage', message: '--config needs a file name' });
  });
});

describe('values', () => {
  it('maps severities (warn to warning), keeps options, turns single globs into lists and resolves the baseline beside the file', async () => {
    const folder = project({
      'docker-api-compat.config.yaml': [
        '$schema: ./node_modules/docker-api-compat/docs/config.schema.json',
        'targets: docker >= 24.0, api 1.44',
        'rules:',
        '  deprecated-feature: warn',
        '  unversioned-request: [error, { pinned: true }]',
        '  dynamic-request: off',
        '  removed-feature: [info]',
        'include: src/**',
        'ignore: ["**/test/**", "**/*.spec.ts"]',
        'baseline: ci/baseline.json',
        '',
      ].join('\n'),
      'sub/.keep': '',
    });
    expect(await loadConfig({ cwd: join(folder, 'sub') })).toEqual({
      path: join(folder, 'docker-api-compat.config.yaml'),
      config: {
        targets: ['docker >= 24.0, api 1.44'],
        rules: {
          'deprecated-feature': { severity: 'warning', options: {} },
          'unversioned-request': { severity: 'error', options: { pinned: true } },
          'dynamic-request': { severity: 'off', options: {} },
          'removed-feature': { severity: 'info', options: {} },
        },
        include: ['src/**'],
        ignore: ['**/test/**', '**/*.spec.ts'],
        baseline: join(folder, 'ci/baseline.json'),
      },
    });
  });

  it('takes an empty YAML file as an empty configuration, and follows YAML aliases', async () => {
    expect((await loadConfig({ cwd: project({ '.docker-api-compatrc.yaml': '# nothing yet\n' }) })).config).toEqual({ rules: {} });
    const aliased = await loadConfig({ cwd: project({ '.docker-api-compatrc.yaml': 'include: &code [src/**]\nignore: *code\n' }) });
    expect(aliased.config).toEqual({ rules: {}, include: ['src/**'], ignore: ['src/**'] });
  });
});

describe('errors: one line, file:line:column: cause', () => {
  it.each([
    // [file, content, message]
    ['.docker-api-compatrc.yaml', 'target: docker 24.0\n', '.docker-api-compatrc.yaml:1:1: unknown key "target"; did you mean "targets"?'],
    ['.docker-api-compatrc.yaml', 'targets: latest\nsettings: {}\n', '.docker-api-compatrc.yaml:2:1: unknown key "settings"; known keys: $schema, baseline, ignore, include, rules, targets'],
    ['.docker-api-compatrc.yaml', 'rules:\n  removed-featur: warn\n', '.docker-api-compatrc.yaml:2:3: unknown rule "removed-featur"; did you mean "removed-feature"?'],
    ['.docker-api-compatrc.yaml', 'rules:\n  dynamic-requests: "off"\n', '.docker-api-compatrc.yaml:2:3: unknown rule "dynamic-requests"; did you mean "dynamic-request"?'],
    ['.docker-api-compatrc.yaml', 'rules:\n  removed-feature: warning\n', '.docker-api-compatrc.yaml:2:20: rule "removed-feature": invalid severity "warning"; use one of "off", "info", "warn", "error"'],
    ['.docker-api-compatrc.yaml', 'rules:\n  removed-feature: [Error, {}]\n', '.docker-api-compatrc.yaml:2:21: rule "removed-feature": invalid severity "Error"; use one of "off", "info", "warn", "error"'],
    ['.docker-api-compatrc.yaml', 'rules:\n  removed-feature: 2\n', '.docker-api-compatrc.yaml:2:20: rule "removed-feature": invalid severity the number 2; use one of "off", "info", "warn", "error"'],
    ['.docker-api-compatrc.yaml', 'rules:\n  removed-feature: [warn, {}, {}]\n', '.docker-api-compatrc.yaml:2:20: rule "removed-feature" takes a severity ("off", "info", "warn", "error") or [severity, options], got a list of 3 items'],
    ['.docker-api-compatrc.yaml', 'rules:\n  removed-feature: {severity: warn}\n', '.docker-api-compatrc.yaml:2:20: rule "removed-feature" takes a severity ("off", "info", "warn", "error") or [severity, options], got an object'],
    ['.docker-api-compatrc.yaml', 'rules:\n  removed-feature: [warn, strict]\n', '.docker-api-compatrc.yaml:2:27: rule "removed-feature": options must be an object, got the string "strict"'],
    ['.docker-api-compatrc.yaml', 'rules: [removed-feature]\n', '.docker-api-compatrc.yaml:1:8: "rules" must be an object of rule ids and severities, got a list'],
    ['.docker-api-compatrc.yaml', 'rules:\n', '.docker-api-compatrc.yaml:1:1: "rules" must be an object of rule ids and severities, got nothing'],
    ['.docker-api-compatrc.yaml', 'targets:\n  -\n', '.docker-api-compatrc.yaml:2:3: "targets" must be a target query such as "docker >= 24.0", or a list of them, got nothing in the list'],
    ['.docker-api-compatrc.yaml', 'targets: 24.0\n', '.docker-api-compatrc.yaml:1:10: "targets" must be a target query such as "docker >= 24.0", or a list of them, got the number 24'],
    ['.docker-api-compatrc.yaml', 'targets: []\n', '.docker-api-compatrc.yaml:1:10: "targets" is empty: name at least one target, or leave the key out for the default'],
    ['.docker-api-compatrc.yaml', 'targets:\n  - docker 24.0\n  - 25\n', '.docker-api-compatrc.yaml:3:5: "targets" must be a target query such as "docker >= 24.0", or a list of them, got the number 25 in the list'],
    ['.docker-api-compatrc.yaml', 'targets:\n  - docker 24.0\n  - " "\n', '.docker-api-compatrc.yaml:3:5: empty target query'],
    ['.docker-api-compatrc.yaml', 'targets:\n  - docker 24.0\n  - docker 99.0 - 99.1\n', expect.stringMatching(/^\.docker-api-compatrc\.yaml:3:5: target "docker 99\.0 - 99\.1": unknown Docker Engine release 99\.0 \(known: .*\)$/)],
    ['.docker-api-compatrc.yaml', 'targets: api 9.1\n', expect.stringMatching(/^\.docker-api-compatrc\.yaml:1:10: target "api 9\.1" selects no API version: the database has 1\.\d+ to 1\.\d+$/)],
    ['.docker-api-compatrc.yaml', 'targets: docker 24.0 - 25.0, docker >= 26 - 27\n', '.docker-api-compatrc.yaml:1:10: invalid target "docker >= 26 - 27": use either a comparison or a range, not both'],
    ['.docker-api-compatrc.yaml', 'include: [src/**, 3]\n', '.docker-api-compatrc.yaml:1:19: "include" must be a glob or a list of globs, got the number 3 in the list'],
    ['.docker-api-compatrc.yaml', 'ignore: {test: true}\n', '.docker-api-compatrc.yaml:1:9: "ignore" must be a glob or a list of globs, got an object'],
    ['.docker-api-compatrc.yaml', 'baseline: true\n', '.docker-api-compatrc.yaml:1:11: "baseline" must be a file path, got true'],
    ['.docker-api-compatrc.yaml', '$schema: 7\n', '.docker-api-compatrc.yaml:1:10: "$schema" must be a string, got the number 7'],
    ['.docker-api-compatrc.yaml', '- docker 24.0\n', '.docker-api-compatrc.yaml:1:1: the configuration must be an object, got a list'],
    ['.docker-api-compatrc.yaml', 'targets:\n  - docker 24.0\n - docker 25.0\n', '.docker-api-compatrc.yaml:3:1: invalid YAML: A block sequence may not be used as an implicit map key'],
    ['.docker-api-compatrc.yaml', 'rules:\n  removed-feature: warn\n  removed-feature: error\n', '.docker-api-compatrc.yaml:3:3: invalid YAML: Map keys must be unique'],
    ['.docker-api-compatrc.yaml', 'targets: docker 24.0\n---\nrules: {}\n', '.docker-api-compatrc.yaml:2:1: invalid YAML: Source contains multiple documents; please use YAML.parseAllDocuments()'],
    ['.docker-api-compatrc.yml', 'targets:\r\n  - docker 24.0\r\n  - dockr\r\n', '.docker-api-compatrc.yml:3:5: invalid target "dockr": write "docker 24.0", "docker >= 24.0", "docker 25.0 - 29.2", "api 1.41 - 1.52", "api >= 1.44", or one of maintained, latest, all'],
    ['.docker-api-compatrc.json', '{\n  "targets": ["docker >= 24.0"]\n  "rules": {}\n}\n', '.docker-api-compatrc.json:3:3: invalid JSON: expected "," or "}" after the value of "targets", found the string "rules"'],
    ['.docker-api-compatrc.json', '{\n  "ignore": ["a",]\n}\n', '.docker-api-compatrc.json:2:18: invalid JSON: expected a value, found "]": JSON allows no comma after the last item'],
    ['.docker-api-compatrc.json', "{ 'targets': 'latest' }", ".docker-api-compatrc.json:1:3: invalid JSON: expected a double-quoted property name, found a single quote: JSON strings take double quotes"],
    ['.docker-api-compatrc.json', '{ "targets": latest }', '.docker-api-compatrc.json:1:14: invalid JSON: expected a value, found the word latest: JSON strings take double quotes'],
    ['.docker-api-compatrc.json', '{ "targets": "latest }', '.docker-api-compatrc.json:1:14: invalid JSON: unterminated string'],
    ['.docker-api-compatrc.json', '{ "targets": "latest" ', '.docker-api-compatrc.json:1:23: invalid JSON: expected "," or "}" after the value of "targets", found the end of the file'],
    ['.docker-api-compatrc.json', '{ "rules": { "removed-feature": "\\q" } }', '.docker-api-compatrc.json:1:34: invalid JSON: invalid escape "\\q" in a string'],
    ['.docker-api-compatrc.json', '{ "targets": "latest" }\n{}', '.docker-api-compatrc.json:2:1: invalid JSON: expected nothing after the JSON value, found "{"'],
    ['.docker-api-compatrc.json', '{ "targets": "latest", "targets": "all" }', '.docker-api-compatrc.json:1:24: invalid JSON: duplicate key "targets"'],
    ['.docker-api-compatrc.json', '  \n', '.docker-api-compatrc.json:2:1: invalid JSON: the file is empty: expected a JSON object'],
    ['.docker-api-compatrc.json', 'null', '.docker-api-compatrc.json:1:1: the configuration must be an object, got null'],
    ['.docker-api-compatrc.json', '\uFEFF{\n  "rules": { "removed-feature": "warning" }\n}', '.docker-api-compatrc.json:2:33: rule "removed-feature": invalid severity "warning"; use one of "off", "info", "warn", "error"'],
    ['.docker-api-compatrc.json', '{\n  "targets": ["docker >= 24.0", "docker >= 99"]\n}', expect.stringMatching(/^\.docker-api-compatrc\.json:2:33: target "docker >= 99": unknown Docker Engine release 99 /)],
    ['package.json', '{\n  "name": "app",\n  "dockerApiCompat": {\n    "rules": { "unknown-rule": "off" }\n  }\n}\n', expect.stringMatching(/^package\.json:4:16: unknown rule "unknown-rule"; (did you mean|known rules)/)],
    ['package.json', '{ "name": "app", "dockerApiCompat": ["docker 24.0"] }', 'package.json:1:37: the configuration must be an object, got a list'],
    ['package.json', '{ "name": "app", "dockerApiCompat": null }', 'package.json:1:37: the configuration must be an object, got null'],
  ])('%s %j', async (name, text, message) => {
    expect(await configError(name, text)).toEqual(message);
  });

  it('lists the known rules when nothing is close, and suggests the nearest otherwise', async () => {
    const far = await configError('.docker-api-compatrc.yaml', 'rules:\n  no-such-thing-at-all: warn\n');
    expect(far).toBe(`.docker-api-compatrc.yaml:2:3: unknown rule "no-such-thing-at-all"; known rules: ${Object.keys(RULES).sort().join(', ')}`);
  });

  it('names a file found in a parent folder relative to cwd', async () => {
    const folder = project({ '.docker-api-compatrc.yaml': 'rules:\n  removed-feature: warning\n', 'src/.keep': '' });
    expect((await failure(loadConfig({ cwd: join(folder, 'src') }))).message).toMatch(/^\.\.\/\.docker-api-compatrc\.yaml:2:20: /);
  });
});
