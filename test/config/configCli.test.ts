import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/runCli.js';

/**
 * The configuration through the real CLI (the built one: run `npx tsc -p tsconfig.json`
 * first). Each fixture folder under test/fixtures/config/ holds a configuration and no
 * code; lint runs there (the search starts in the current directory) on ../project, whose
 * one call sends HostConfig.Annotations (API 1.43) and MacAddress (removed in 1.52).
 */
const FIXTURES = join(REPO_ROOT, 'test/fixtures/config');

function lintIn(folder: string, ...args: string[]) {
  const cwd = join(FIXTURES, folder);
  const project = folder.startsWith('errors/') ? '../../project' : '../project';
  return runCli(['lint', project, ...args], { cwd });
}

/** `severity rule-id` for each finding line of the stylish report. */
function findings(stdout: string): string[] {
  return [...stdout.matchAll(/^\s+\d+:\d+\s+(error|warning|info)\s+.*\s(\S+)$/gm)].map((match) => `${match[1]} ${match[2]}`);
}

function checkedAgainst(stdout: string): string {
  return /checked against (.*)\.$/m.exec(stdout)?.[1] ?? '';
}

describe('a bad configuration stops lint with one line, file:line:column: cause, and exit 2', () => {
  const SYNTAX = '"docker 24.0", "docker >= 24.0", "docker 25.0 - 29.2", "api 1.41 - 1.52", "api >= 1.44", or one of maintained, latest, all';
  const CASES: Array<[string, string]> = [
    ['errors/yaml-syntax', '.docker-api-compatrc.yaml:5:3: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ['errors/json-syntax', '.docker-api-compatrc.json:5:3: invalid JSON: expected a property name, found "}": JSON allows no comma after the last property'],
    ['errors/unknown-key', '.docker-api-compatrc:1:1: unknown key "target"; did you mean "targets"?'],
    ['errors/unknown-rule', 'docker-api-compat.config.yaml:4:3: unknown rule "remove-feature"; did you mean "removed-feature"?'],
    ['errors/bad-severity', 'docker-api-compat.config.json:3:24: rule "removed-feature": invalid severity "warning"; use one of "off", "info", "warn", "error"'],
    ['errors/bad-target', `.docker-api-compatrc.yml:3:5: invalid target "dockr 25.0": write ${SYNTAX}`],
    ['errors/package-json', 'package.json:6:48: rule "api-version-too-new": options must be an object, got the string "strict"'],
  ];

  it.each(CASES)('%s', (folder, message) => {
    const result = lintIn(folder);
    expect(result).toEqual({ code: 2, stdout: '', stderr: `docker-api-compat: ${message}\n` });
  });

  it('docs/configuration.md shows these very messages', () => {
    const doc = readFileSync(join(REPO_ROOT, 'docs/configuration.md'), 'utf8');
    for (const [, message] of CASES) expect(doc).toContain(`docker-api-compat: ${message}\n`);
  });
});

describe('rule settings', () => {
  it('a rule turned off disappears, a rule set to warn reports warnings and lint passes', () => {
    const result = lintIn('severities');
    expect(result.stderr).toBe('');
    expect(findings(result.stdout)).toContain('warning api-version-too-new');
    expect(result.stdout).not.toContain('removed-feature');
    expect(findings(result.stdout).filter((finding) => finding.startsWith('error'))).toEqual([]);
    expect(result.code).toBe(0);
  });

  it('the same rule set to error makes lint exit 1', () => {
    const result = lintIn('error-severity');
    expect(findings(result.stdout)).toContain('error api-version-too-new');
    expect(result.stdout).not.toContain('removed-feature');
    expect(result.code).toBe(1);
  });

  it('reads the dockerApiCompat key of package.json', () => {
    const result = lintIn('package-json');
    expect(findings(result.stdout)).toContain('info api-version-too-new');
    expect(checkedAgainst(result.stdout)).toBe('docker 23.0');
  });
});

describe('which configuration is read', () => {
  it('ignores (and never runs) JavaScript configurations: alone, lint uses the defaults', () => {
    const result = lintIn('js-only');
    expect(result.stderr).toBe('');
    expect(findings(result.stdout)).toContain('error removed-feature');
    expect(checkedAgainst(result.stdout)).toMatch(/^docker 28\.0 to 29\.\d+$/);
    expect(result.code).toBe(1);
  });

  it('ignores a JavaScript configuration next to a YAML one', () => {
    const result = lintIn('js-alongside');
    expect(result.stderr).toBe('');
    expect(checkedAgainst(result.stdout)).toBe('docker 23.0');
    expect(result.stdout).not.toContain('removed-feature');
  });

  it('--config FILE replaces the search; a missing file is an error', () => {
    expect(checkedAgainst(lintIn('explicit').stdout)).toBe('docker 29.0');
    const explicit = lintIn('explicit', '--config', 'custom.yaml');
    expect(checkedAgainst(explicit.stdout)).toBe('docker 23.0');
    expect(explicit.stdout).not.toContain('removed-feature');
    expect(lintIn('explicit', '--config', 'missing.yaml')).toEqual({ code: 2, stdout: '', stderr: 'docker-api-compat: missing.yaml: no such file (given with --config)\n' });
  });

  it('--no-config reads none, even where a bad one would be found', () => {
    const result = lintIn('errors/unknown-key', '--no-config', '--target', 'docker 29.0');
    expect(result.stderr).toBe('');
    expect(findings(result.stdout)).toContain('error removed-feature');
    expect(checkedAgainst(result.stdout)).toBe('docker 29.0');
  });

  it('refuses a JavaScript file given with --config, and --config given twice', () => {
    const js = lintIn('js-only', '--config', 'docker-api-compat.config.js');
    expect(js.code).toBe(2);
    expect(js.stderr).toBe(
      'docker-api-compat: docker-api-compat.config.js: JavaScript and TypeScript configurations are not supported (the linter never runs code from the project); use JSON or YAML\n',
    );
    expect(lintIn('explicit', '--config', 'custom.yaml', '--config', 'custom.yaml')).toMatchObject({ code: 2, stderr: 'docker-api-compat: --config may be given once\n' });
  });
});

describe('precedence with the command line', () => {
  it('--target replaces the configuration targets', () => {
    const result = lintIn('severities', '--target', 'docker 29.0');
    expect(checkedAgainst(result.stdout)).toBe('docker 29.0');
    expect(result.stdout).not.toContain('api-version-too-new');
  });

  it('the configuration ignore applies unless --ignore is given', () => {
    expect(lintIn('include-ignore').stdout).toContain(' 0 Engine API calls checked');
    const overridden = lintIn('include-ignore', '--ignore', 'nothing/**');
    expect(overridden.stdout).not.toContain(' 0 Engine API calls checked');
    expect(findings(overridden.stdout)).toContain('error api-version-too-new');
  });
});
