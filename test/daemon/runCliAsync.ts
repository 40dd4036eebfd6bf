import { spawn } from 'node:child_process';
import { CLI_BIN, REPO_ROOT, type CliResult } from '../helpers/runCli.js';

/**
 * runCli (test/helpers/runCli.ts) without blocking: runCli uses spawnSync, which
 * stops this process's event loop, so a fake engine served from this process could
 * not answer the CLI it is testing. Same environment as runCli; the CLI is killed
 * after `killAfterMs` so that a hang fails the test instead of stalling it.
 */
export function runCliAsync(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; killAfterMs?: number } = {}): Promise<CliResult & { elapsedMs: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', DOCKER_HOST: '', DOCKER_TLS_VERIFY: '', DOCKER_TLS: '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 30_000);
    child.on('error', (error) => {
      clearTimeout(killer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      resolve({ code: code ?? (signal ? -1 : 0), stdout, stderr, elapsedMs: Date.now() - started });
    });
  });
}
