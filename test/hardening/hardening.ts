import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { CLI_BIN, REPO_ROOT, runCli, type CliResult } from '../helpers/runCli.js';

/**
 * Shared by the hardening tests: every case runs the built CLI (`npx tsc -p tsconfig.json`
 * first) as a subprocess, on inputs generated in a temporary folder, and checks the answer
 * a CI log would show.
 */
export { REPO_ROOT, runCli, type CliResult };

export const PROGRAM = 'docker-api-compat';
export const HARDENING_FIXTURES = join(REPO_ROOT, 'test/fixtures/hardening');

export { removeTemporaryFolders, temporaryProject, writeInto } from '../helpers/temporaryProject.js';


/** No stack trace, no "internal error", no Node warning about an unhandled rejection. */
export function expectNoCrash(result: CliResult): void {
  expect(result.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(result.stderr).not.toMatch(/internal error|RangeError|TypeError|Maximum call stack|Unhandled|node:internal/);
  expect([0, 1, 2]).toContain(result.code);
}

/** A fatal problem: exit 2, nothing on stdout, exactly `docker-api-compat: <message>` as the one line on stderr. */
export function expectOneLineError(result: CliResult, message: string | RegExp): void {
  expectNoCrash(result);
  expect(result.stdout).toBe('');
  const lines = result.stderr.split('\n').filter((line) => line !== '');
  expect(lines, `stderr: ${result.stderr}`).toHaveLength(1);
  expect(lines[0].startsWith(`${PROGRAM}: `), lines[0]).toBe(true);
  const text = lines[0].slice(PROGRAM.length + 2);
  if (typeof message === 'string') expect(text).toBe(message);
  else expect(text).toMatch(message);
  expect(result.code).toBe(2);
}

export interface ScanJson {
  summary: { files: number; usages: number; dynamicUsages: number; minApiVersion: string | null };
  usages: Array<{ file: string; line: number; column: number; method: string | null; path: string | null; dynamic: string[]; endpointKnown: boolean }>;
  versionSettings: Array<{ file: string }>;
  cliInvocations: Array<{ file: string }>;
  notes: Array<{ file: string; line?: number; kind: string; message: string }>;
}

/** `scan --format json` in `cwd`, checked to be a clean run (exit 0, nothing on stderr). */
export function scanJson(cwd: string, ...args: string[]): ScanJson {
  const result = runCli(['scan', '--format', 'json', ...args], { cwd });
  expectNoCrash(result);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as ScanJson;
}

/** Files left in a folder, for "no half-written output, no temporary file". */
export function filesIn(folder: string): string[] {
  return existsSync(folder) ? readdirSync(folder).sort() : [];
}

/**
 * How the unreadable-file cases can run: as root, chmod 000 does not stop reads, so the CLI
 * runs as `nobody` through runuser (or su) when that works; otherwise the cases are skipped
 * and the reason printed.
 */
export type Runner = { kind: 'self' } | { kind: 'as-nobody'; prefix: string[] } | { kind: 'none'; reason: string };

export function permissionRunner(): Runner {
  if (typeof process.getuid !== 'function') return { kind: 'none', reason: 'no POSIX permissions on this platform' };
  if (process.getuid() !== 0) return { kind: 'self' };
  for (const prefix of [['runuser', '-u', 'nobody', '--'], ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--']]) {
    const probe = spawnSync(prefix[0], [...prefix.slice(1), process.execPath, '-e', 'process.stdout.write(String(process.getuid()))'], { encoding: 'utf8' });
    if (probe.status === 0 && probe.stdout !== '0') return { kind: 'as-nobody', prefix };
  }
  return { kind: 'none', reason: 'running as root (chmod 000 does not block root) and neither runuser nor setpriv can switch to nobody' };
}

/** Runs the built CLI through `prefix` (another user), with runCli's environment. */
export function runCliAs(prefix: string[], args: string[], cwd: string): CliResult {
  const result = spawnSync(prefix[0], [...prefix.slice(1), process.execPath, CLI_BIN, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
