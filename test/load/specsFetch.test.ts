import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSpecVersion, resolveRedirect, sourceUrl, TEMPORARY_PREFIX } from '../../src/load/fetchSpecs.js';
import { readSourcesManifest, serializeSourcesManifest, sha256Hex, type SourceFile, type SourcesManifest } from '../../src/load/sourcesManifest.js';
import { REPO_ROOT, runCli, type CliResult } from '../helpers/runCli.js';
import { startSpecServer, type Routes, type SpecServer } from '../helpers/specServer.js';

const SHARED = resolve(REPO_ROOT, process.env.DOCKER_API_COMPAT_SPEC_DIR ?? '../shared/docker-engine-api');
const SKIP_REASON = `raw specs not found in ${SHARED}: set DOCKER_API_COMPAT_SPEC_DIR or place docker-engine-api in ../shared`;
const BUNDLED = readSourcesManifest(join(REPO_ROOT, 'specs', 'sources.json'));
const entry = (file: string): SourceFile => BUNDLED.files.find((candidate) => candidate.file === file)!;
/** The small files: a manifest of these keeps every run well under a second. */
const SMALL = ['CHANGELOG.md', 'engine-versions.csv', 'v1.25.yaml'];
const available = [...SMALL, 'v1.26.yaml', 'v1.30.yaml'].every((file) => existsSync(join(SHARED, file)));
if (!available) console.warn(`[skipped] specs fetch against a loopback server: ${SKIP_REASON}`);
/** A new API version as Docker would publish it, in miniature (validating a real spec takes a while). */
const swagger = (version: string): string =>
  `swagger: "2.0"\ninfo:\n  title: "Docker Engine API"\n  version: "${version}"\nbasePath: "/v${version}"\n` +
  `paths:\n  /_ping:\n    get:\n      operationId: SystemPing\n      responses:\n        200:\n          description: "no error"\n`;

describe('download URLs and redirects', () => {
  it('a mirror replaces the folder of the manifest URL; transcribed entries use their file name', () => {
    expect(sourceUrl(entry('v1.25.yaml'), 'http://127.0.0.1:9/mirror').href).toBe('http://127.0.0.1:9/mirror/v1.25.yaml');
    expect(sourceUrl(entry('v1.25.yaml')).href).toBe(entry('v1.25.yaml').url);
    expect(sourceUrl(entry('engine-versions.csv'), 'https://mirror.example/a/b/?x=1').href).toBe('https://mirror.example/a/b/engine-versions.csv');
    expect(() => sourceUrl(entry('engine-versions.csv'))).toThrow(/cannot be downloaded: .*transcribed from; copy engine-versions\.csv .*--base-url/);
  });

  it('relative Locations resolve; https to http and other schemes are refused', () => {
    const current = new URL('https://example.test/a/b/v1.25.yaml');
    expect(resolveRedirect(current, '../c/v1.25.yaml').href).toBe('https://example.test/a/c/v1.25.yaml');
    expect(resolveRedirect(current, '//cdn.example.test/x').href).toBe('https://cdn.example.test/x');
    expect(() => resolveRedirect(current, 'http://example.test/v1.25.yaml')).toThrow(/refusing a redirect from https to http/);
    expect(() => resolveRedirect(current, 'file:///etc/passwd')).toThrow(/refusing a redirect to file: URL/);
    expect(resolveRedirect(new URL('http://example.test/'), 'https://example.test/x').href).toBe('https://example.test/x');
  });
});

describe.skipIf(!available)(`specs fetch from a loopback server (${available ? 'specs found' : SKIP_REASON})`, () => {
  let server: SpecServer;
  let work: string;
  let runs = 0;
  /** The directory the first test fills, which the second reuses. */
  let filled: { sources: string; specDir: string } | undefined;

  beforeAll(async () => {
    server = await startSpecServer(SHARED);
    work = mkdtempSync(join(tmpdir(), 'specs-fetch-'));
  });

  afterAll(async () => {
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** A fresh (not yet existing) spec directory and a manifest of `files`, URLs from `urlFor`. */
  function setup(files: string[], urlFor: (file: string) => string = (file) => server.url(`/${file}`)) {
    const root = join(work, `run-${++runs}`);
    mkdirSync(root);
    const manifest: SourcesManifest = { upstream: BUNDLED.upstream, files: files.map((file) => ({ ...entry(file), url: urlFor(file) })) };
    const sources = join(root, 'sources.json');
    writeFileSync(sources, serializeSourcesManifest(manifest));
    return { root, sources, specDir: join(root, 'nested', 'spec-dir') };
  }

  function fetch(sources: string, specDir: string, ...args: string[]): CliResult & { ms: number } {
    const started = Date.now();
    const result = runCli(['specs', 'fetch', '--sources', sources, '--spec-dir', specDir, ...args]);
    return { ...result, ms: Date.now() - started };
  }

  const listing = (directory: string): string[] => (existsSync(directory) ? readdirSync(directory).sort() : []);
  const errorLines = (result: CliResult): string[] => result.stderr.split('\n').filter((line) => line !== '');

  it('fills a fresh directory with every file, verified', async () => {
    await server.setRoutes({});
    const { sources, specDir } = setup(SMALL);
    const result = fetch(sources, specDir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    for (const file of SMALL) expect(result.stdout).toContain(`${file}: fetched ${entry(file).size} bytes from ${server.url(`/${file}`)}, sha256 verified`);
    expect(result.stdout).toMatch(/fetched 3, already present 0, failed 0/);
    expect(listing(specDir)).toEqual([...SMALL].sort());
    for (const file of SMALL) expect(sha256Hex(readFileSync(join(specDir, file)))).toBe(entry(file).sha256);
    filled = { sources, specDir };
  });

  it('a second run verifies what is present, fetches the rest from a --base-url mirror and removes stale temporary files', async () => {
    expect(filled, 'needs the directory of the previous test').toBeDefined();
    const { sources, specDir } = filled!;
    await server.setRoutes({});
    rmSync(join(specDir, 'engine-versions.csv'));
    // A temporary file of a killed run (its process is gone), and one of a live run (this test process).
    const stale = `${TEMPORARY_PREFIX}2147483646.0badf00d.v1.25.yaml.tmp`;
    const live = `${TEMPORARY_PREFIX}${process.pid}.0badf00d.v1.25.yaml.tmp`;
    writeFileSync(join(specDir, stale), 'half a file');
    writeFileSync(join(specDir, live), 'being written');
    const result = fetch(sources, specDir, '--base-url', server.url('/mirror'));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${stale}: removed a stale temporary file from an interrupted run`);
    expect(result.stdout).toContain('CHANGELOG.md: already present, sha256 verified');
    expect(result.stdout).toContain('v1.25.yaml: already present, sha256 verified');
    expect(result.stdout).toContain(`engine-versions.csv: fetched 813 bytes from ${server.url('/mirror/engine-versions.csv')}, sha256 verified`);
    expect(result.stdout).toMatch(/fetched 1, already present 2, failed 0/);
    expect(await server.requests()).toEqual(['/mirror/engine-versions.csv']);
    expect(listing(specDir)).toEqual([live, ...SMALL].sort());
  });

  it('--dry-run requests and writes nothing; a transcribed file cannot come from its web page without a mirror', async () => {
    await server.setRoutes({});
    // The bundled URLs: raw.githubusercontent.com for the spec, a docs page for the engine table.
    const { sources, specDir } = setup(['engine-versions.csv', 'v1.25.yaml'], (file) => entry(file).url);
    const result = fetch(sources, specDir, '--dry-run');
    expect(errorLines(result)).toEqual([
      expect.stringMatching(/^docker-api-compat: engine-versions\.csv: cannot be downloaded: https:\/\/docs\.docker\.com\/\S+ is the web page it was transcribed from; .*--base-url$/),
    ]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(`v1.25.yaml: would fetch 259416 bytes from ${entry('v1.25.yaml').url} into ${specDir}`);
    expect(result.stdout).toMatch(/dry run: would fetch 1, already present 0, failed 1; nothing written/);
    expect(existsSync(specDir)).toBe(false);
    expect(await server.requests()).toEqual([]);
  });

  it('truncation, corruption, a stalled body, redirect loops, a short body, a 404: one line each, the others fetched, nothing partial written', async () => {
    const chain: Routes = {};
    for (let hop = 0; hop < 6; hop++) chain[`/chain/${hop}`] = { kind: 'redirect', location: `/chain/${hop + 1}` };
    await server.setRoutes({
      ...chain,
      '/short/CHANGELOG.md': { kind: 'short', file: 'CHANGELOG.md' },
      '/stall/engine-versions.csv': { kind: 'stall-body', file: 'engine-versions.csv' },
      '/truncate/v1.25.yaml': { kind: 'truncate', file: 'v1.25.yaml' },
      '/corrupt/v1.26.yaml': { kind: 'corrupt', file: 'v1.26.yaml' },
      '/loop/a.yaml': { kind: 'redirect', location: 'b.yaml', status: 301 },
      '/loop/b.yaml': { kind: 'redirect', location: '/loop/a.yaml', status: 302 },
      '/missing/v1.29.yaml': { kind: 'status', status: 404 },
      // 301 -> 302 (relative) -> 307 (absolute) -> the file: followed.
      '/moved/v1.30.yaml': { kind: 'redirect', location: '../moved-again/v1.30.yaml', status: 301 },
      '/moved-again/v1.30.yaml': { kind: 'redirect', location: 'final', status: 302 },
      '/moved-again/final': { kind: 'redirect', location: server.url('/files/v1.30.yaml'), status: 307 },
    });
    const urls: Record<string, string> = {
      'CHANGELOG.md': '/short/CHANGELOG.md',
      'engine-versions.csv': '/stall/engine-versions.csv',
      'v1.25.yaml': '/truncate/v1.25.yaml',
      'v1.26.yaml': '/corrupt/v1.26.yaml',
      'v1.27.yaml': '/loop/a.yaml',
      'v1.28.yaml': '/chain/0',
      'v1.29.yaml': '/missing/v1.29.yaml',
      'v1.30.yaml': '/moved/v1.30.yaml',
    };
    const { sources, specDir } = setup(Object.keys(urls), (file) => server.url(urls[file]));
    const result = fetch(sources, specDir, '--timeout', '300', '--retries', '0');
    const host = '127\\.0\\.0\\.1:\\d+';
    expect(errorLines(result)).toEqual([
      expect.stringMatching(/^docker-api-compat: CHANGELOG\.md: size mismatch for \S+\/short\/CHANGELOG\.md: expected 84206 bytes, got 42103$/),
      expect.stringMatching(new RegExp(`^docker-api-compat: engine-versions\\.csv: timeout after 300 ms from ${host} \\(body stalled after 0 of 813 bytes\\)$`)),
      expect.stringMatching(new RegExp(`^docker-api-compat: v1\\.25\\.yaml: connection closed by ${host} after \\d+ of 259416 bytes \\(truncated body from \\S+/truncate/v1\\.25\\.yaml\\)$`)),
      expect.stringMatching(new RegExp(`^docker-api-compat: v1\\.26\\.yaml: sha256 mismatch for \\S+/corrupt/v1\\.26\\.yaml: expected ${entry('v1.26.yaml').sha256}, got [0-9a-f]{64}$`)),
      expect.stringMatching(/^docker-api-compat: v1\.27\.yaml: too many redirects: a redirect loop \(\S+\/loop\/a\.yaml -> \S+\/loop\/b\.yaml -> \S+\/loop\/a\.yaml\)$/),
      expect.stringMatching(/^docker-api-compat: v1\.28\.yaml: too many redirects \(more than 5\) from \S+\/chain\/0$/),
      expect.stringMatching(/^docker-api-compat: v1\.29\.yaml: HTTP 404 Not Found from \S+\/missing\/v1\.29\.yaml$/),
    ]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe(
      `v1.30.yaml: fetched ${entry('v1.30.yaml').size} bytes from ${server.url('/moved/v1.30.yaml')}, sha256 verified\n` +
        `fetched 1, already present 0, failed 7 (${specDir})\n`,
    );
    // Time-outs are honoured quickly (the default is 30 s).
    expect(result.ms).toBeLessThan(5000);
    // Nothing but the verified file: no partial file, no temporary file.
    expect(listing(specDir)).toEqual(['v1.30.yaml']);
    expect(sha256Hex(readFileSync(join(specDir, 'v1.30.yaml')))).toBe(entry('v1.30.yaml').sha256);
  });

  it('network failures and 5xx are retried: a 500 then the file succeeds; a server that never answers fails every attempt', async () => {
    await server.setRoutes({
      '/flaky/CHANGELOG.md': { kind: 'fail-then-serve', file: 'CHANGELOG.md', failures: 1 },
      '/silent/engine-versions.csv': { kind: 'stall' },
    });
    const urls: Record<string, string> = { 'CHANGELOG.md': '/flaky/CHANGELOG.md', 'engine-versions.csv': '/silent/engine-versions.csv' };
    const { sources, specDir } = setup(Object.keys(urls), (file) => server.url(urls[file]));
    const result = fetch(sources, specDir, '--timeout', '300', '--retries', '1');
    expect(errorLines(result)).toEqual([
      expect.stringMatching(/^docker-api-compat: engine-versions\.csv: timeout after 300 ms from 127\.0\.0\.1:\d+ \(no response\) \(2 attempts\)$/),
    ]);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/CHANGELOG\.md: attempt 1 of 2 failed \(HTTP 500 Internal Server Error from \S+\); retrying in 500 ms/);
    expect(result.stdout).toMatch(/engine-versions\.csv: attempt 1 of 2 failed \(timeout after 300 ms from \S+ \(no response\)\); retrying in 500 ms/);
    expect(result.stdout).toMatch(/CHANGELOG\.md: fetched 84206 bytes from \S+, sha256 verified/);
    expect(result.stdout).toMatch(/fetched 1, already present 0, failed 1/);
    expect((await server.requests()).sort()).toEqual([...Object.values(urls), ...Object.values(urls)].sort());
    expect(listing(specDir)).toEqual(['CHANGELOG.md']);
    expect(result.ms).toBeLessThan(6000);
  });

  describe('--add', () => {
    it('writes the new spec and its manifest entry, sorted, and says that specs compile now rebuilds', async () => {
      const body = swagger('1.56');
      const sha256 = sha256Hex(body);
      // Published behind a redirect, as raw.githubusercontent.com and mirrors sometimes are.
      await server.setRoutes({
        '/latest/v1.56.yaml': { kind: 'redirect', location: '../upstream/v1.56.yaml', status: 302 },
        '/upstream/v1.56.yaml': { kind: 'text', body },
      });
      const { sources, specDir } = setup(['v1.25.yaml', 'CHANGELOG.md']);
      const url = server.url('/latest/v1.56.yaml');
      const result = fetch(sources, specDir, '--add', '1.56', '--url', url, '--sha256', sha256.toUpperCase());
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`v1.56.yaml: fetched ${body.length} bytes from ${url}, sha256 ${sha256}, Swagger 2.0 for API 1.56`);
      expect(result.stdout).toContain(`added API 1.56 to ${sources}`);
      expect(result.stdout).toMatch(/"specs compile" now rebuilds the database with API 1\.56/);
      expect(listing(specDir)).toEqual(['v1.56.yaml']);
      expect(readFileSync(join(specDir, 'v1.56.yaml'), 'utf8')).toBe(body);
      expect(listing(join(sources, '..'))).toEqual(['nested', 'sources.json']);

      const written = readFileSync(sources, 'utf8');
      const manifest = readSourcesManifest(sources);
      expect(written).toBe(serializeSourcesManifest(manifest));
      expect(manifest.files.map((file) => file.file)).toEqual(['CHANGELOG.md', 'v1.25.yaml', 'v1.56.yaml']);
      expect(manifest.files.at(-1)).toEqual({ file: 'v1.56.yaml', role: 'spec', version: '1.56', url, sha256, size: body.length });
    });

    it('rejects a file that is not Swagger 2.0, the spec of another version, and a hash other than --sha256; nothing is written', async () => {
      await server.setRoutes({
        '/upstream/v1.56.yaml': { kind: 'text', body: 'openapi: 3.0.3\ninfo:\n  title: not it\n  version: "1.56"\npaths: {}\n' },
        '/upstream/v1.57.yaml': { kind: 'text', body: swagger('1.55') },
        '/upstream/v1.58.yaml': { kind: 'text', body: swagger('1.58') },
      });
      const { sources, specDir } = setup(SMALL);
      const before = readFileSync(sources, 'utf8');
      const notSwagger = fetch(sources, specDir, '--add', '1.56', '--url', server.url('/upstream/v1.56.yaml'));
      expect(errorLines(notSwagger)).toEqual(['docker-api-compat: v1.56.yaml: not a Swagger 2.0 document (OpenAPI 3.0.3)']);
      expect(notSwagger.code).toBe(2);

      // The library, in process: the spec of another version.
      const manifest = readSourcesManifest(sources);
      await expect(
        addSpecVersion(manifest, specDir, { version: '1.57', url: server.url('/upstream/v1.57.yaml'), manifestPath: sources }),
      ).rejects.toThrow('v1.57.yaml: not the spec of API 1.57 (its info.version is "1.55")');

      const pinned = '0'.repeat(64);
      const mismatch = fetch(sources, specDir, '--add', '1.58', '--url', server.url('/upstream/v1.58.yaml'), '--sha256', pinned);
      expect(errorLines(mismatch)).toEqual([
        `docker-api-compat: v1.58.yaml: sha256 mismatch for ${server.url('/upstream/v1.58.yaml')}: expected ${pinned}, got ${sha256Hex(swagger('1.58'))}`,
      ]);
      expect(mismatch.code).toBe(2);

      expect(readFileSync(sources, 'utf8')).toBe(before);
      expect(listing(specDir)).toEqual([]);
      expect(listing(join(sources, '..'))).toEqual(['sources.json']);
    });
  });
});
