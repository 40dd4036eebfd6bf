import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI_BIN = join(REPO_ROOT, 'bin', 'docker-api-compat.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a real subprocess (what users and CI run). */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): CliResult {
  const result = spawnSync(process.execPath, [CLI_BIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...options.env },
    input: options.input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

class Collector extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, callback: () => void): void {
    this.text += chunk.toString();
    callback();
  }
}

/** Runs the CLI in this process, for fast checks of output and exit codes. */
export async function runCliInProcess(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  const stdout = new Collector();
  const stderr = new Collector();
  const code = await main(args, { stdout, stderr, env: { NO_COLOR: '1', ...options.env }, cwd: options.cwd ?? REPO_ROOT });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** The usages of `scan --format json` in `cwd`, from a run that must succeed (exit 0). */
export function scanUsages<Usage = { file: string; line: number; path: string | null; query: string[]; body: string[]; response: string[]; pinnedVersion: string | null; dynamic: string[] }>(
  cwd: string,
  ...args: string[]
): Usage[] {
  const result = runCli(['scan', '--format', 'json', ...args], { cwd });
  if (result.code !== 0) throw new Error(`scan exited ${result.code}: ${result.stderr}`);
  return (JSON.parse(result.stdout) as { usages: Usage[] }).usages;
}
