import { mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.js';
import { SKIP_REASON, SPEC_DIR } from '../helpers/specDirectory.js';

describe('explain answers from the bundled database', () => {
  it('says when HostConfig.CgroupnsMode was added, with the engine that first served it', () => {
    const result = runCli(['explain', 'POST /containers/create', '--field', 'HostConfig.CgroupnsMode']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('POST /containers/create body field HostConfig.CgroupnsMode');
    expect(result.stdout).toMatch(/added\s+1\.41 \(docker 20\.10\)/);
  });

  it('writes "or earlier" for features present in the oldest spec', () => {
    const result = runCli(['explain', 'POST /containers/create']);
    expect(result.stdout).toMatch(/added\s+1\.25 or earlier/);
  });

  it('accepts a query parameter written as ?name', () => {
    const result = runCli(['explain', 'GET /images/json?manifests', '--format', 'json']);
    const parsed = JSON.parse(result.stdout);
    expect(parsed.features).toEqual([expect.objectContaining({ location: 'query', name: 'manifests', added: '1.47' })]);
  });

  it('shows both the specs and the changelog erratum for HostConfig.Init', () => {
    const result = runCli(['explain', 'POST /containers/create', '--field', 'HostConfig.Init']);
    expect(result.stdout).toMatch(/added\s+1\.25/);
    expect(result.stdout).toContain('the Swagger specs show 1.37; CHANGELOG.md v1.25 gives 1.25');
  });

  it('suggests the nearest endpoint for a typo, in one line, exit 2', () => {
    const result = runCli(['explain', 'POST /container/create']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('did you mean POST /containers/create');
  });

  it('suggests the nearest field name', () => {
    const result = runCli(['explain', 'POST /containers/create', '--field', 'HostConfig.Initt']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('did you mean "HostConfig.Init"');
  });
});

describe('diff', () => {
  it('lists breaking changes first and counts every severity', () => {
    const result = runCli(['diff', '1.43', '1.44']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^API 1\.43 \(docker 24\.0\) -> 1\.44 \(docker 25\.0\): \d+ breaking, \d+ behaviour changes, \d+ deprecations, \d+ additions$/);
    expect(lines[2]).toMatch(/^Breaking/);
    expect(result.stdout).toContain('POST /containers/create body field MacAddress deprecated (use EndpointSettings.MacAddress instead)');
  });

  it('accepts engine releases and filters by severity, in Markdown', () => {
    const result = runCli(['diff', 'docker 24.0', 'docker 29.0', '--only', 'breaking', '--format', 'markdown']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^### Docker Engine API 1\.43 \(docker 24\.0\) -> 1\.52 \(docker 29\.0\)/);
    expect(result.stdout).toContain('| 1.52 | POST /containers/create body field MacAddress removed | `body-field-removed` |');
    expect(result.stdout).not.toContain('#### Additions');
  });

  it('prints {from, to, changes} with the feature fields on each change', () => {
    const parsed = JSON.parse(runCli(['diff', '1.46', '1.47', '--format', 'json']).stdout);
    expect(parsed).toMatchObject({ from: '1.46', to: '1.47' });
    expect(parsed.changes).toContainEqual(
      expect.objectContaining({ method: 'GET', path: '/images/json', location: 'query', name: 'manifests', version: '1.47', kind: 'parameter-added', severity: 'addition', from: null, to: null }),
    );
  });

  it('exits 1 with --fail-on breaking when a breaking change is listed', () => {
    expect(runCli(['diff', '1.51', '1.52', '--fail-on', 'breaking']).code).toBe(1);
    expect(runCli(['diff', '1.54', '1.55', '--fail-on', 'breaking']).code).toBe(0);
  });

  it('rejects an unknown version with the list of valid ones', () => {
    const result = runCli(['diff', '1.99', '1.44']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no spec for API 1.99: the database covers 1.25 to 1.55');
  });

  it('rejects a malformed version and explains the syntax', () => {
    const result = runCli(['diff', 'latest', '1.44']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('write an API version as 1.41 or v1.41, or an engine release as "docker 24.0"');
  });
});

describe('versions', () => {
  it('answers an engine release with the API range it serves', () => {
    expect(runCli(['versions', '28.3']).stdout).toBe('docker 28.3 serves API 1.24 to 1.51 (unversioned requests get 1.51)\n');
    expect(runCli(['versions', 'docker 29.0']).stdout).toContain('serves API 1.44 to 1.52');
  });

  it('answers an API version with the engines that serve and refuse it', () => {
    const result = runCli(['versions', 'v1.41']);
    expect(result.stdout).toContain('first served by  docker 20.10');
    expect(result.stdout).toContain('refused by       docker 29.0 to 29.2');
  });

  it('rejects an unknown engine release and lists the known ones', () => {
    const result = runCli(['versions', 'docker 30.0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown Docker Engine release "docker 30.0": known releases are .*29\.5/);
  });
});

describe('matrix --format json', () => {
  const database = JSON.parse(runCli(['matrix', '--format', 'json']).stdout);

  it('prints the whole database with its schemaVersion', () => {
    expect(database.schemaVersion).toBe(1);
    expect(database.apiVersions[0]).toBe('1.25');
    expect(database.features.length).toBeGreaterThan(4000);
  });

  it('gives every feature record the documented fields', () => {
    for (const feature of database.features) {
      expect(Object.keys(feature)).toEqual(expect.arrayContaining(['method', 'path', 'location', 'name', 'added', 'addedIsFloor', 'removed', 'deprecated', 'changes']));
      expect(feature.method).toBe(feature.method.toUpperCase());
      expect(feature.location === 'response').toBe(typeof feature.status === 'string');
    }
  });
});

describe.skipIf(!SPEC_DIR)(`bad spec input gives one clear line and exit 2 (${SPEC_DIR ? 'specs found' : SKIP_REASON})`, () => {
  const folders: string[] = [];
  afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

  function specDirWith(file: string, content: string): string {
    const folder = mkdtempSync(join(tmpdir(), 'dac-specs-'));
    folders.push(folder);
    for (const name of readdirSync(SPEC_DIR!)) if (name !== file) symlinkSync(join(SPEC_DIR!, name), join(folder, name));
    writeFileSync(join(folder, file), content);
    return folder;
  }

  it('a missing directory is named', () => {
    const result = runCli(['specs', 'verify', '--spec-dir', '/nonexistent/specs']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('docker-api-compat: /nonexistent/specs: spec directory does not exist (from --spec-dir)\n');
  });

  it('a file that fails its sha256 is named, unless accepted', () => {
    const folder = specDirWith('v1.30.yaml', 'swagger: "2.0"\n');
    const result = runCli(['specs', 'verify', '--spec-dir', folder]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/v1\.30\.yaml: sha256 [0-9a-f]{64} does not match specs\/sources\.json/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('invalid YAML reports file, line and column', () => {
    const folder = specDirWith('v1.30.yaml', 'swagger: "2.0"\ninfo:\n  title: x\npaths:\n  /a: [\n');
    const result = runCli(['specs', 'verify', '--spec-dir', folder, '--accept-changed-sources']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/v1\.30\.yaml:6:1: invalid YAML: /);
  });

  it('a file that is not Swagger 2.0 says so', () => {
    const folder = specDirWith('v1.30.yaml', 'openapi: 3.0.0\npaths: {}\n');
    const result = runCli(['specs', 'verify', '--spec-dir', folder, '--accept-changed-sources']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('v1.30.yaml: not a Swagger 2.0 document (OpenAPI 3.0.0)');
  });

  it('a missing spec file is named', () => {
    const folder = specDirWith('README.md', 'x');
    rmSync(join(folder, 'v1.40.yaml'));
    const result = runCli(['specs', 'verify', '--spec-dir', folder]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('v1.40.yaml: missing (listed in specs/sources.json)');
  });
});
