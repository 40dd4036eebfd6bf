import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/runCli.js';

/**
 * The fixture projects under test/fixtures/ (and examples/) look like real code; each
 * has an expected-callsites.json written by hand from the code and the specs. These
 * tests scan them with the real CLI and compare call-site by call-site.
 *
 * KNOWN_DIFFERENCES lists where the analyser and the labels disagree today, each with
 * the reason. It is exact: fixing one of them fails the test until it is removed here,
 * so the list only ever shrinks.
 */
interface Label {
  file: string;
  line: number;
  client: string;
  method: string | null;
  path: string | null;
  query: string[];
  body: string[];
  headers: string[];
  response: string[];
  pinnedVersion: string | null;
  dynamic: boolean;
}

interface Labels {
  callsites: Label[];
  cliInvocations?: Array<{ file: string; line: number; command: string }>;
  versionSettings?: Array<{ file: string; line: number; version: string | null }>;
}

interface ScanOutput {
  usages: Array<Omit<Label, 'dynamic'> & { dynamic: string[] }>;
  cliInvocations: Array<{ file: string; line: number; command: string }>;
  versionSettings: Array<{ file: string; line: number; version: string | null }>;
}

const KNOWN_DIFFERENCES: Record<string, string> = {
  'test/fixtures/dashboard-backend src/docker/socket.ts:102 GET /containers/json response':
    'fields read after JSON.parse of a body assembled by hand from socket chunks are not followed',
  'test/fixtures/dockerode-deploy-tool src/cli.ts:47 POST null missing':
    'getContainer(id)[action]() with the method name from argv: reported as a dynamic call with no method; the label knows every candidate is a POST',
  'test/fixtures/dockerode-deploy-tool src/cli.ts:47 null null extra': 'the same call as above, as the scan reports it',
  'test/fixtures/mixed-monorepo packages/api/src/services/deployments.ts:18 POST /containers/create body':
    'below the misspelt HostConfg the scan reports the outermost unknown key once; the label lists every key sent beneath it',
  'test/fixtures/modem-and-sdks src/preview/environments.ts:30 POST /images/create headers':
    'node-docker-api sends X-Registry-Auth even for an empty auth object; the scan reports the header only when credentials are given',
  'test/fixtures/modem-and-sdks src/sdk/jobs.ts:36 POST /images/create headers':
    '@docker/node-sdk: the header depends on a conditional credentials object the scan cannot see as credentials',
};

const FIXTURES = [
  ...readdirSync(join(REPO_ROOT, 'test/fixtures')).map((name) => join('test/fixtures', name)),
  ...readdirSync(join(REPO_ROOT, 'examples')).map((name) => join('examples', name)),
].filter((folder) => existsSync(join(REPO_ROOT, folder, 'expected-callsites.json')));

function sameSet(a: string[], b: string[]): boolean {
  const left = [...new Set(a.map((value) => value.toLowerCase()))].sort();
  const right = [...new Set(b.map((value) => value.toLowerCase()))].sort();
  return JSON.stringify(left) === JSON.stringify(right);
}

/** Every disagreement between the scan and the labels, as stable one-line keys. */
function differences(folder: string, labels: Labels, scan: ScanOutput): string[] {
  const found: string[] = [];
  const used = new Set<number>();
  for (const label of labels.callsites) {
    const key = `${folder} ${label.file}:${label.line} ${label.method} ${label.path}`;
    const index = scan.usages.findIndex(
      (usage, position) => !used.has(position) && usage.file === label.file && usage.line === label.line && usage.method === label.method && usage.path === label.path,
    );
    if (index === -1) {
      found.push(`${key} missing`);
      continue;
    }
    used.add(index);
    const usage = scan.usages[index];
    for (const field of ['query', 'body', 'headers', 'response'] as const) {
      if (!sameSet(label[field], usage[field])) found.push(`${key} ${field}`);
    }
    if (label.pinnedVersion !== usage.pinnedVersion) found.push(`${key} pinnedVersion`);
  }
  scan.usages.forEach((usage, position) => {
    if (!used.has(position)) found.push(`${folder} ${usage.file}:${usage.line} ${usage.method} ${usage.path} extra`);
  });
  for (const invocation of labels.cliInvocations ?? []) {
    if (!scan.cliInvocations.some((entry) => entry.file === invocation.file && entry.line === invocation.line && entry.command === invocation.command)) {
      found.push(`${folder} ${invocation.file}:${invocation.line} cli ${invocation.command} missing`);
    }
  }
  for (const entry of scan.cliInvocations) {
    if (!(labels.cliInvocations ?? []).some((invocation) => entry.file === invocation.file && entry.line === invocation.line)) {
      found.push(`${folder} ${entry.file}:${entry.line} cli ${entry.command} extra`);
    }
  }
  for (const setting of labels.versionSettings ?? []) {
    if (!scan.versionSettings.some((entry) => entry.file === setting.file && entry.line === setting.line && entry.version === setting.version)) {
      found.push(`${folder} ${setting.file}:${setting.line} DOCKER_API_VERSION missing`);
    }
  }
  return found;
}

describe('scanning the labelled fixture projects finds what the labels say', () => {
  const all: string[] = [];

  it.each(FIXTURES)('%s: every labelled call-site, and nothing else', (folder) => {
    const labels = JSON.parse(readFileSync(join(REPO_ROOT, folder, 'expected-callsites.json'), 'utf8')) as Labels;
    const result = runCli(['scan', '.', '--format', 'json'], { cwd: join(REPO_ROOT, folder) });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const scan = JSON.parse(result.stdout) as ScanOutput;
    const found = differences(folder, labels, scan);
    all.push(...found);
    const unexplained = found.filter((key) => !(key in KNOWN_DIFFERENCES));
    expect(unexplained).toEqual([]);
  });

  it('every known difference still occurs (the list only shrinks)', () => {
    const stale = Object.keys(KNOWN_DIFFERENCES).filter((key) => !all.includes(key));
    expect(stale).toEqual([]);
  });

  it('the negative fixture has no Engine API call, only docker CLI use', () => {
    const result = runCli(['scan', '.', '--format', 'json'], { cwd: join(REPO_ROOT, 'test/fixtures/not-docker') });
    const scan = JSON.parse(result.stdout) as ScanOutput & { summary: { usages: number } };
    expect(scan.summary.usages).toBe(0);
    expect(scan.cliInvocations.length).toBeGreaterThan(0);
  });
});
