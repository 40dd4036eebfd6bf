// Benchmarks of the compatibility database: compile all specs, and whole-process
// explain / diff / matrix from the compiled database, against bare `node` start-up.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatRow, timeCommand, timeInProcess } from './measure.mjs';

const cli = new URL('../bin/docker-api-compat.js', import.meta.url).pathname;
const node = process.execPath;

export async function runDatabaseBench() {
  const rows = [];
  const baseline = timeCommand(node, ['-e', '0'], { runs: 15 });
  rows.push(formatRow('baseline: `node -e 0`', baseline, baseline, ''));

  const outDir = mkdtempSync(join(tmpdir(), 'dac-bench-'));
  try {
    const compile = timeCommand(node, [cli, 'specs', 'compile', '--out-dir', outDir], { runs: 3 });
    rows.push(formatRow('`specs compile` (31 versions)', compile, baseline, '< 10 s'));
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
  const explain = timeCommand(node, [cli, 'explain', 'POST /containers/create', '--field', 'HostConfig.CgroupnsMode'], { runs: 15 });
  rows.push(formatRow('`explain` one field', explain, baseline, '< 300 ms'));
  const diff = timeCommand(node, [cli, 'diff', 'docker 24.0', 'docker 29.0'], { runs: 10 });
  rows.push(formatRow('`diff "docker 24.0" "docker 29.0"`', diff, baseline, ''));
  const matrix = timeCommand(node, [cli, 'matrix', '--format', 'json'], { runs: 10 });
  rows.push(formatRow('`matrix --format json`', matrix, baseline, ''));

  const { loadDatabase } = await import('../dist/src/database/compatDatabase.js');
  const { CompatIndex } = await import('../dist/src/database/compatIndex.js');
  const { defaultDatabasePath, parseDatabase } = await import('../dist/src/database/compatDatabase.js');
  const { readFileSync } = await import('node:fs');
  loadDatabase();
  const load = await timeInProcess(() => parseDatabase(readFileSync(defaultDatabasePath(), 'utf8'), 'database.json'), 20);
  rows.push(formatRow('load database (in process: read, checksum, parse)', load, null, '< 50 ms'));
  const database = loadDatabase();
  const index = await timeInProcess(() => new CompatIndex(database), 20);
  rows.push(formatRow('build the lookup index (in process)', index, null, ''));
  return rows;
}
