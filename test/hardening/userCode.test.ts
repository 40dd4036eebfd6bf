import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectNoCrash, HARDENING_FIXTURES, removeTemporaryFolders, runCli, scanJson, temporaryProject, writeInto } from './hardening.js';

/**
 * Odd user code under `scan` (and `lint` where the report could hide a gap): the scan never
 * crashes, a file it could not read whole is named in `notes` (JSON) and in the stylish
 * output, and what it did read is reported at the right positions.
 */

const DOCKERODE_CALL = "const Docker = require('dockerode');\nnew Docker().listContainers({ all: true });\n";

afterAll(removeTemporaryFolders);

describe('a file with a syntax error', () => {
  it('is scanned as far as the parser gets, with a parse-error note giving the line', () => {
    const cwd = join(HARDENING_FIXTURES, 'syntax-error');
    const scan = scanJson(cwd);
    expect(scan.usages.map((usage) => [usage.file, usage.line, usage.column, usage.path])).toEqual([['broken.ts', 4, 14, '/containers/json']]);
    expect(scan.notes).toEqual([{ file: 'broken.ts', line: 7, kind: 'parse-error', message: "syntax error: ':' expected; scanned as far as the parser recovered" }]);

    const stylish = runCli(['scan'], { cwd });
    expect(stylish.code).toBe(0);
    expect(stylish.stdout).toContain("parse-error: broken.ts:7: syntax error: ':' expected; scanned as far as the parser recovered");
  });

  it('lint, whose reports have no place for notes, names the half-parsed file on stderr', () => {
    const cwd = join(HARDENING_FIXTURES, 'syntax-error');
    for (const format of ['stylish', 'json', 'sarif']) {
      const result = runCli(['lint', '--format', format], { cwd });
      expectNoCrash(result);
      expect(result.stderr).toBe("parse-error: broken.ts:7: syntax error: ':' expected; scanned as far as the parser recovered\n");
      expect(result.code).toBe(1); // the v1.41 pin: docker 29.0 refuses it
    }
  });

  it('so do audit and the Markdown report; the HTML report lists it in its notes section', () => {
    const cwd = join(HARDENING_FIXTURES, 'syntax-error');
    const line = "parse-error: broken.ts:7: syntax error: ':' expected; scanned as far as the parser recovered";
    expect(runCli(['audit', '--from', 'docker 24.0', '--to', 'docker 29.0'], { cwd }).stderr).toBe(`${line}\n`);
    expect(runCli(['report', '.', '--format', 'markdown'], { cwd }).stderr).toBe(`${line}\n`);
    const html = runCli(['report', '.'], { cwd });
    expect(html.stderr).toBe('');
    expect(html.stdout).toContain('<code>broken.ts:7</code> parse-error: syntax error: &#39;:&#39; expected; scanned as far as the parser recovered');
  });
});

describe('files that are not hand-written code', () => {
  it('skips a 10 MB minified bundle quickly, with a note', () => {
    let bundle = "var D=require('dockerode');new D().ping();";
    while (bundle.length < 10 * 1024 * 1024) bundle += `function f${bundle.length}(a){return a+1};`;
    const cwd = temporaryProject({ 'public/app.js': bundle, 'src/ok.js': DOCKERODE_CALL });
    const started = Date.now();
    const scan = scanJson(cwd);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(scan.notes).toEqual([{ file: 'public/app.js', kind: 'skipped', message: 'too large to be hand-written code (10.0 MB)' }]);
    expect(scan.usages.map((usage) => usage.file)).toEqual(['src/ok.js']);
    expect(runCli(['scan'], { cwd }).stdout).toContain('skipped: public/app.js: too large to be hand-written code (10.0 MB)');
  });

  it('skips a minified file under the size limit, with a note', () => {
    let bundle = "var D=require('dockerode');new D().ping();";
    while (bundle.length < 300_000) bundle += `function f${bundle.length}(a){return a+1};`;
    const scan = scanJson(temporaryProject({ 'vendor-lib.js': bundle }));
    expect(scan.notes).toEqual([{ file: 'vendor-lib.js', kind: 'skipped', message: 'minified code (very long lines)' }]);
    expect(scan.usages).toEqual([]);
  });

  it('skips a binary file with a .js name, with a note', () => {
    // A PNG header, then bytes of every value (NUL included) that mention dockerode.
    const bytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(Array.from({ length: 4096 }, (_, at) => at % 256)), Buffer.from("require('dockerode')")]);
    const cwd = temporaryProject({ 'logo.js': bytes, 'ok.js': DOCKERODE_CALL });
    const scan = scanJson(cwd);
    expect(scan.notes).toEqual([{ file: 'logo.js', kind: 'skipped', message: 'binary file' }]);
    expect(scan.usages.map((usage) => usage.file)).toEqual(['ok.js']);
    expect(runCli(['lint'], { cwd }).stderr).toBe('skipped: logo.js: binary file\n');
  });
});

describe('encodings and line ends', () => {
  it('reads Latin-1 text with a warning note, and still finds the call at its position', () => {
    const latin1 = Buffer.from("// Café, naïve: the comment is Latin-1\nconst Docker = require('dockerode');\nnew Docker().listContainers({ all: true });\n", 'latin1');
    const scan = scanJson(temporaryProject({ 'legacy.js': latin1 }));
    expect(scan.notes).toEqual([{ file: 'legacy.js', kind: 'warning', message: 'not valid UTF-8: read with replacement characters' }]);
    expect(scan.usages.map((usage) => [usage.line, usage.column, usage.path])).toEqual([[3, 14, '/containers/json']]);
  });

  it('ignores a byte-order mark: columns on the first line are the editor\'s', () => {
    const scan = scanJson(temporaryProject({ 'bom.js': "\uFEFFrequire('http').get({ socketPath: '/var/run/docker.sock', path: '/v1.41/info' });\n" }));
    expect(scan.notes).toEqual([]);
    expect(scan.usages.map((usage) => [usage.line, usage.column, usage.path])).toEqual([[1, 17, '/info']]);
  });

  it('gives the same lines and columns for CRLF line ends as for LF, in code and scripts', () => {
    const code = "const Docker = require('dockerode');\n\nconst docker = new Docker({ version: 'v1.41' });\n  docker.getContainer('web').stop({ signal: 'SIGTERM' });\n";
    const script = '#!/bin/sh\n\ncurl --unix-socket /var/run/docker.sock \\\n  http://localhost/v1.43/containers/json\n';
    const lf = scanJson(temporaryProject({ 'app.js': code, 'check.sh': script }));
    const crlf = scanJson(temporaryProject({ 'app.js': code.replace(/\n/g, '\r\n'), 'check.sh': script.replace(/\n/g, '\r\n') }));
    const positions = (scan: typeof lf) => scan.usages.map((usage) => [usage.file, usage.line, usage.column, usage.path]);
    expect(positions(lf)).toEqual([
      ['app.js', 4, 30, '/containers/{id}/stop'],
      ['check.sh', 3, 1, '/containers/json'],
    ]);
    expect(positions(crlf)).toEqual(positions(lf));
    expect(crlf.notes).toEqual([]);
  });

  it('counts a lone CR (old Mac line ends) as a line end everywhere: positions, fingerprints, suppressions', () => {
    const code = "const Docker = require('dockerode');\nconst docker = new Docker();\n// docker-api-compat-disable-next-line removed-feature -- shipper pinned until Q3\ndocker.createContainer({ Image: 'fluent-bit', MacAddress: '02:42:ac:11:00:99' });\ndocker.listContainers({ all: true });\n";
    const script = '#!/bin/sh\n# docker-api-compat-disable-next-line\ncurl --unix-socket /var/run/docker.sock http://localhost/containers/json\n';
    const lint = (files: Record<string, string>) => {
      const result = runCli(['lint', '--no-config', '--target', 'docker 29.0', '--format', 'json'], { cwd: temporaryProject(files) });
      return (JSON.parse(result.stdout).findings as Array<{ ruleId: string; file: string; line: number; fingerprint: string; suppression?: { kind: string } }>).map(
        ({ ruleId, file, line, fingerprint, suppression }) => [ruleId, file, line, fingerprint, suppression?.kind ?? null],
      );
    };
    const lf = lint({ 'app.js': code, 'check.sh': script });
    expect(lf).toContainEqual(['removed-feature', 'app.js', 4, expect.any(String), 'inline']);
    expect(lf.filter((finding) => finding[1] === 'check.sh').every((finding) => finding[4] === 'inline')).toBe(true);
    expect(lint({ 'app.js': code.replace(/\n/g, '\r'), 'check.sh': script.replace(/\n/g, '\r') })).toEqual(lf);
  });
});

describe('very deep nesting', () => {
  const N = 5000;
  const head = "const http = require('http');\nconst Docker = require('dockerode');\nconst docker = new Docker();\n";
  /** Each shape one level a line, so that none is mistaken for minified code. */
  const SHAPES: Record<string, string> = {
    'arrays.js': `const x =\n${'[\n'.repeat(N)}1\n${']\n'.repeat(N)};\ndocker.listContainers({ all: x });`,
    'parens.js': `const x =\n${'(\n'.repeat(N)}'/containers/json'\n${')\n'.repeat(N)};\nhttp.get({ socketPath: '/var/run/docker.sock', path: x });`,
    'callbacks.js': `function f(g) { g(); }\n${'f(function () {\n'.repeat(N)}docker.ping();\n${'});\n'.repeat(N)}`,
    'objects.js': `const o =\n${'{ a:\n'.repeat(N)}1\n${'}\n'.repeat(N)};\ndocker.createContainer(o);`,
    'concatenation.js': `const p = '/containers/json'\n${"+ ''\n".repeat(N)};\nhttp.get({ socketPath: '/var/run/docker.sock', path: p });`,
    'blocks.js': `${'if (a) {\n'.repeat(N)}docker.ping();\n${'}\n'.repeat(N)}`,
    'member-chain.js': `docker${'\n.getContainer("x").modem'.repeat(N)};`,
  };

  it.each(Object.keys(SHAPES))('%s: 5,000 levels are skipped with a note, not a stack overflow', (name) => {
    const cwd = temporaryProject({ [name]: head + SHAPES[name], 'ok.js': DOCKERODE_CALL });
    const scan = scanJson(cwd);
    expect(scan.notes).toEqual([{ file: name, kind: 'skipped', message: 'nested too deeply to analyse (generated code?); not scanned' }]);
    // The other file is still analysed.
    expect(scan.usages.map((usage) => [usage.file, usage.path])).toEqual([['ok.js', '/containers/json']]);
  });

  it('the same shapes in files that only import the Docker module are skipped with a note too', () => {
    // Such an importer is read by the pre-filter (which call-sites pass values) before the scan parses it.
    const importer = (shape: string) => `const { docker, http } = require('./client');\n${shape}`;
    const files = Object.fromEntries(Object.entries(SHAPES).map(([name, shape]) => [`importers/${name}`, importer(shape)]));
    const cwd = temporaryProject({ ...files, 'importers/client.js': `${head}module.exports = { docker, http };\n` });
    const scan = scanJson(cwd);
    const skipped = scan.notes.filter((note) => note.kind === 'skipped').map((note) => note.file);
    expect(skipped.length).toBeGreaterThan(0);
    expect(scan.notes.filter((note) => note.kind !== 'skipped')).toEqual([]);
    expect(skipped.every((file) => file in files)).toBe(true);
  });

  it('5,000 chained constants and 5,000 chained helper calls stay dynamic, not a crash', () => {
    const constants = Array.from({ length: N }, (_, at) => `const v${at} = ${at === 0 ? "'/containers/json'" : `v${at - 1}`};`).join('\n');
    const helpers = Array.from({ length: N }, (_, at) => `function h${at}(p) { return ${at === 0 ? 'p' : `h${at - 1}(p)`}; }`).join('\n');
    const cwd = temporaryProject({
      'constants.js': `${head}${constants}\nhttp.get({ socketPath: '/var/run/docker.sock', path: v${N - 1} });\n`,
      'helpers.js': `${head}${helpers}\nhttp.get({ socketPath: '/var/run/docker.sock', path: h${N - 1}('/containers/json') });\n`,
    });
    const scan = scanJson(cwd);
    expect(scan.notes).toEqual([]);
    expect(scan.usages.map((usage) => [usage.file, usage.path, usage.dynamic])).toEqual([
      ['constants.js', null, ['path: too deep to follow']],
      ['helpers.js', null, ['path: too deep to follow']],
    ]);
  });

  it('deeply nested YAML is read line by line, with a note, never a crash', () => {
    const yaml = `jobs:\n  build:\n    steps:\n      - run: curl --unix-socket /var/run/docker.sock http://localhost/v1.41/info\n        with: ${'['.repeat(N)}${']'.repeat(N)}\n`;
    const scan = scanJson(temporaryProject({ '.github/workflows/ci.yml': yaml }));
    expect(scan.usages.map((usage) => [usage.line, usage.path])).toEqual([[4, '/info']]);
    expect(scan.notes).toEqual([{ file: '.github/workflows/ci.yml', kind: 'warning', message: 'line 5 is nested too deep; read line by line instead of as YAML' }]);
  });
});

describe('the tree itself', () => {
  it('a symbolic link loop does not hang the walk (links are not followed)', () => {
    const cwd = temporaryProject({ 'src/app.js': DOCKERODE_CALL });
    symlinkSync('..', join(cwd, 'src/parent'));
    symlinkSync(join(cwd, 'loop-b'), join(cwd, 'loop-a'));
    symlinkSync(join(cwd, 'loop-a'), join(cwd, 'loop-b'));
    symlinkSync('missing.js', join(cwd, 'dangling.js'));
    const scan = scanJson(cwd);
    expect(scan.usages.map((usage) => usage.file)).toEqual(['src/app.js']);
    expect(scan.summary.files).toBe(1);
  });

  it('a symbolic link loop named on the command line is one line, exit 2', () => {
    const cwd = temporaryProject();
    symlinkSync(join(cwd, 'b'), join(cwd, 'a'));
    symlinkSync(join(cwd, 'a'), join(cwd, 'b'));
    const result = runCli(['scan', 'a'], { cwd });
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'docker-api-compat: a: symbolic link loop\n' });
  });

  it('an empty project: a clear summary and exit 0, for scan and lint', () => {
    const cwd = temporaryProject();
    const scan = scanJson(cwd);
    expect(scan.summary).toMatchObject({ files: 0, usages: 0, minApiVersion: null });
    expect(scan.notes).toEqual([]);
    expect(runCli(['scan'], { cwd })).toEqual({ code: 0, stdout: '0 Engine API calls in 0 files (0 scanned).\n', stderr: '' });
    const lint = runCli(['lint', '--target', 'docker 29.0'], { cwd });
    expect(lint).toEqual({ code: 0, stdout: '0 errors, 0 warnings, 0 info; 0 Engine API calls checked against docker 29.0.\n', stderr: '' });
  });

  it('a project of files without Docker code: the files are counted, nothing is reported', () => {
    const scan = scanJson(temporaryProject({ 'a.ts': 'export const a = 1;\n', 'b.sh': 'echo hello\n', 'README.md': '# x\n' }));
    expect(scan.summary).toMatchObject({ files: 2, usages: 0 });
  });

  it('a device given as a path is one line, not a blocked read', () => {
    const cwd = temporaryProject();
    expect(runCli(['scan', '/dev/null'], { cwd })).toEqual({ code: 2, stdout: '', stderr: 'docker-api-compat: /dev/null: not a file or folder (a device, pipe or socket)\n' });
  });
});

describe('circular values (test/fixtures/hardening/circular)', () => {
  const cwd = join(HARDENING_FIXTURES, 'circular');

  it('finishes quickly and reports every request built from a circular value as dynamic', () => {
    const started = Date.now();
    const scan = scanJson(cwd);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(scan.notes).toEqual([]);
    expect(scan.usages.map((usage) => [usage.file, usage.line, usage.dynamic])).toEqual([
      ['client.js', 9, ['path: circular reference']],
      ['client.js', 10, ['path: circular reference']],
      ['consts.js', 7, ['path: circular reference']],
      ['helpers.js', 19, ['path: circular reference']],
      ['helpers.js', 20, ['path: circular reference']],
      ['objects.js', 6, ['path: circular reference']],
    ]);
    expect(scan.summary.dynamicUsages).toBe(6);
  });

  it('lint reports them as dynamic requests, never as calls to an unknown endpoint', () => {
    const result = runCli(['lint', '--format', 'json', '--target', 'docker 29.0'], { cwd });
    expectNoCrash(result);
    const findings = (JSON.parse(result.stdout) as { findings: Array<{ ruleId: string }> }).findings;
    expect(new Set(findings.map((finding) => finding.ruleId))).toEqual(new Set(['dynamic-request']));
    expect(result.code).toBe(0);
  });

  it('a variable that is extended with itself is not circular', () => {
    const scan = scanJson(temporaryProject({
      'list.js': "const http = require('http');\nlet path = '/images/json';\npath = path + '?digests=1';\nhttp.get({ socketPath: '/var/run/docker.sock', path });\n",
    }));
    expect(scan.usages.map((usage) => [usage.path, usage.dynamic])).toEqual([['/images/json', []]]);
  });
});

describe('paths outside the working directory', () => {
  it('are relative (../) in usages as in notes, never absolute', () => {
    const root = temporaryProject({ 'lib/app.js': DOCKERODE_CALL, 'lib/broken.ts': "import Docker from 'dockerode';\nnew Docker().ping(\n" });
    writeInto(root, 'work/.keep', '');
    const scan = scanJson(join(root, 'work'), '../lib');
    expect(scan.usages.map((usage) => usage.file)).toEqual(['../lib/app.js', '../lib/broken.ts']);
    expect(scan.notes.map((note) => note.file)).toEqual(['../lib/broken.ts']);
  });
});
