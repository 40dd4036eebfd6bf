// Benchmark of `scan` on a synthetic monorepo (bench/scanCorpus.mjs, ~2,200 JS/TS files,
// 300k+ lines, ~5% talking to Docker), against two baselines measured in the same run:
//   A. parse-only: TypeScript's parser on every file and nothing else (bench/parseOnly.mjs);
//   B. `tsc --noEmit` on the corpus (a full type-check: what a type-aware scan could cost).
// All three are whole-process timings with peak RSS (/usr/bin/time).
import { spawnSync } from 'node:child_process';
import { join, relative, sep } from 'node:path';
import { ensureScanCorpus } from './scanCorpus.mjs';
import { formatRow, timeCommand } from './measure.mjs';

const cli = new URL('../bin/docker-api-compat.js', import.meta.url).pathname;
const parseOnly = new URL('./parseOnly.mjs', import.meta.url).pathname;
const tsc = new URL('../node_modules/typescript/bin/tsc', import.meta.url).pathname;
const node = process.execPath;

const RUNS = { parseOnly: 5, tsc: 3, scan: 5 };
const RSS_LIMIT_KB = 1024 * 1024;

const progress = (message) => process.stderr.write(`[scan bench] ${message}\n`);
const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
const fmt = (n) => n.toLocaleString('en-US');
const ratio = (a, b) => `${(a.medianMs / b.medianMs).toFixed(2)}x`;
const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;

/** The informative first line of a failure: an `Error:`-ish line if there is one, else the first line. */
function firstErrorLine(text) {
  const lines = String(text ?? '').split('\n').map((line) => line.trim()).filter(Boolean);
  return lines.find((line) => /^(\w*Error\b|error\b)|\bError:/.test(line)) ?? lines[0] ?? 'no output';
}

/**
 * One untimed run: is `scan` there, does it print JSON, and did it find the corpus's
 * Docker files (a scan that skips the corpus would time nothing)? Returns null when
 * all is well, else why not.
 */
function probeScan(args, dir, manifest) {
  const result = spawnSync(node, args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (result.error) return firstErrorLine(result.error.message);
  if (result.status !== 0 && result.status !== 1) return firstErrorLine(result.stderr || result.stdout || `exited ${result.status}`);
  let output;
  try {
    output = JSON.parse(result.stdout);
  } catch (error) {
    return `output is not JSON: ${firstErrorLine(error.message)}`;
  }
  const prefix = `${relative(process.cwd(), dir).split(sep).join('/')}/`;
  const found = new Set(output.usages.map((usage) => usage.file.replace(prefix, '')));
  const expected = [...manifest.dockerFiles.map((file) => file.path), ...manifest.dockerShellScripts];
  const missed = expected.filter((file) => !found.has(file));
  if (missed.length > 0) return `the scan found no call in ${missed.length} of the ${expected.length} Docker files (first: ${missed[0]})`;
  return null;
}

export async function runScanBench() {
  const rows = [];
  const started = performance.now();
  const { dir, manifest, generated } = ensureScanCorpus();
  progress(`${generated ? 'generated' : 'reused'} ${dir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const counts = manifest.counts;
  const extensions = Object.entries(counts.byExtension).map(([ext, n]) => `${n} ${ext}`).join(', ');
  const clients = Object.entries(counts.dockerFilesByClient).map(([client, n]) => `${n} ${client}`).join(', ');
  rows.push(`| corpus \`${cell(dir.replace(`${process.cwd()}/`, ''))}\`: ${fmt(counts.sourceFiles)} JS/TS files (${extensions}), ${fmt(counts.sourceLines)} lines; ${counts.dockerFiles} talk to Docker (${clients}) + ${counts.dockerShellScripts} curl scripts; ${counts.lookAlikeFiles} look-alikes | | | | | | |`);

  progress(`parse-only x${RUNS.parseOnly}`);
  const parse = timeCommand(node, [parseOnly, dir], { runs: RUNS.parseOnly });
  rows.push(formatRow('baseline A: parse every file with `ts.createSourceFile` (bench/parseOnly.mjs)', parse, parse, ''));

  progress(`tsc --noEmit x${RUNS.tsc}`);
  const typeCheck = timeCommand(node, [tsc, '--noEmit', '-p', join(dir, 'tsconfig.json')], { runs: RUNS.tsc, allowExitCodes: [0, 1, 2] });
  rows.push(formatRow('baseline B: `tsc --noEmit -p <corpus>` (full type-check)', typeCheck, parse, ''));

  // The corpus lives under .bench/, which .gitignore excludes.
  const scanArgs = [cli, 'scan', dir, '--no-gitignore', '--format', 'json'];
  progress('scan: probe run');
  let unavailable = probeScan(scanArgs, dir, manifest);
  let scan = null;
  if (!unavailable) {
    progress(`scan x${RUNS.scan}`);
    try {
      scan = timeCommand(node, scanArgs, { runs: RUNS.scan });
    } catch (error) {
      unavailable = firstErrorLine(error.message);
    }
  }
  if (!scan) {
    rows.push(`| scan: not available (${cell(unavailable)}) | | | | | | scan no slower than parse-only; peak RSS < 1 GB |`);
    return rows;
  }
  rows.push(formatRow('`scan <corpus> --no-gitignore --format json`', scan, parse, 'no slower than parse-only; peak RSS < 1 GB'));
  const fast = scan.medianMs <= parse.medianMs;
  rows.push(`| ratio scan / parse-only | | | | ${ratio(scan, parse)} | | scan no slower than parse-only: ${fast ? 'PASS' : 'FAIL'} |`);
  rows.push(`| ratio scan / tsc --noEmit | | | | ${ratio(scan, typeCheck)} | | |`);
  rows.push(`| peak RSS: scan ${mb(scan.peakKb)}, parse-only ${mb(parse.peakKb)}, tsc ${mb(typeCheck.peakKb)} | | | | | ${mb(scan.peakKb)} | peak RSS < 1 GB: ${scan.peakKb < RSS_LIMIT_KB ? 'PASS' : 'FAIL'} |`);
  return rows;
}
