// Small timing helpers shared by the benchmark suites. Whole-process timings spawn
// the real CLI; every suite also times a baseline in the same run, because this
// kind of machine is noisy and only ratios compare across runs.
import { spawnSync } from 'node:child_process';

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Runs a command `runs` times; returns wall times in ms and the peak RSS in KB.
 * Exit codes other than `allowExitCodes` (default 0 and 1: clean, findings) throw.
 */
export function timeCommand(command, args, { runs = 10, cwd, env, allowExitCodes = [0, 1] } = {}) {
  const times = [];
  let peakKb = 0;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const result = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    times.push(performance.now() - started);
    if (!allowExitCodes.includes(result.status)) {
      throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr.slice(-500)}`);
    }
    const lines = result.stderr.trim().split('\n');
    peakKb = Math.max(peakKb, Number(lines[lines.length - 1]) || 0);
  }
  return { medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times), runs, peakKb };
}

export async function timeInProcess(fn, runs = 20) {
  const times = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return { medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times), runs };
}

export function formatRow(name, result, baseline, target) {
  const ratio = baseline ? ` ${(result.medianMs / baseline.medianMs).toFixed(2)}x` : '';
  const memory = result.peakKb ? ` ${(result.peakKb / 1024).toFixed(0)} MB` : '';
  return `| ${name} | ${result.medianMs.toFixed(0)} ms | ${result.minMs.toFixed(0)}-${result.maxMs.toFixed(0)} ms | ${result.runs} |${ratio} |${memory} | ${target ?? ''} |`;
}
