import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from './runCli.js';

/**
 * Vitest global setup: the subprocess tests run the built CLI (bin/ -> dist/), so dist/
 * must hold what src/ and rules/ hold now. `npm test` builds first and this finds it
 * current; `npx vitest run test/...` after an edit gets one build here instead of a
 * stale CLI (or of every test file building for itself).
 */
export default function buildOnce(): void {
  const stale = staleSources();
  if (stale.length === 0) return;
  const tsc = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: REPO_ROOT, encoding: 'utf8' });
  // tsc writes its output even when some file has a type error; what matters here is that dist/ is current.
  const still = staleSources();
  if (still.length > 0) throw new Error(`dist/ is older than ${still[0]} and tsc could not rebuild it:\n${tsc.stdout}${tsc.stderr}`);
}

/** Source files whose compiled .js is missing or older than they are. */
function staleSources(): string[] {
  const stale: string[] = [];
  for (const folder of ['src', 'rules']) {
    for (const source of typeScriptFiles(join(REPO_ROOT, folder))) {
      const built = join(REPO_ROOT, 'dist', relative(REPO_ROOT, source)).replace(/\.ts$/, '.js');
      if (!existsSync(built) || statSync(built).mtimeMs < statSync(source).mtimeMs) stale.push(relative(REPO_ROOT, source));
    }
  }
  return stale;
}

function typeScriptFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}
