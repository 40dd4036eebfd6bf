import { unlinkSync } from 'node:fs';
import { join } from 'node:path';
import pc from 'picocolors';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RULE_LIST } from '../../rules/index.js';
import type { DiscoveredFile } from '../../src/analyser/discoverFiles.js';
import { scanProject } from '../../src/analyser/scanProject.js';
import { loadDatabase } from '../../src/database/compatDatabase.js';
import { CompatIndex } from '../../src/database/compatIndex.js';
import { runLint } from '../../src/lint/runLint.js';
import { resolveTargets } from '../../src/lint/targets.js';
import { createFindingsReportContext } from '../../src/reporters/findings/findingsReportContext.js';
import { renderFindings } from '../../src/reporters/findings/renderFindings.js';
import { renderScanJson } from '../../src/reporters/scan/scanJson.js';
import { renderScanStylish } from '../../src/reporters/scan/scanStylish.js';
import { REPO_ROOT, removeTemporaryFolders, temporaryProject } from './hardening.js';

/**
 * In process, through a test-only seam: discoverFiles is wrapped (vi.mock), so that the
 * files reach the scan in another order, or one of them disappears between the walk and
 * the read. No hook in the library is needed for either.
 */

const seam = vi.hoisted(() => ({ afterDiscovery: undefined as ((files: DiscoveredFile[]) => DiscoveredFile[]) | undefined }));

vi.mock('../../src/analyser/discoverFiles.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/analyser/discoverFiles.js')>();
  return {
    ...actual,
    discoverFiles: async (options: Parameters<typeof actual.discoverFiles>[0]) => {
      const files = await actual.discoverFiles(options);
      return seam.afterDiscovery ? seam.afterDiscovery(files) : files;
    },
  };
});

let index: CompatIndex;

beforeAll(() => {
  index = new CompatIndex(loadDatabase());
});

afterAll(() => {
  seam.afterDiscovery = undefined;
  removeTemporaryFolders();
});

/** A deterministic shuffle (mulberry32), so that a failing order can be replayed from its seed. */
function shuffled<T>(items: T[], seed: number): T[] {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let at = copy.length - 1; at > 0; at--) {
    const other = Math.floor(random() * (at + 1));
    [copy[at], copy[other]] = [copy[other], copy[at]];
  }
  return copy;
}

/** scan JSON and lint JSON for the whole fixture tree, files given to the scan in `order`. */
async function outputs(order?: (files: DiscoveredFile[]) => DiscoveredFile[]): Promise<{ scan: string; lint: string; files: number }> {
  let seen = 0;
  seam.afterDiscovery = (files) => {
    seen = files.length;
    return order ? order(files) : files;
  };
  const scan = await scanProject({ paths: ['.'], cwd: join(REPO_ROOT, 'test/fixtures'), index });
  seam.afterDiscovery = undefined;
  const targets = resolveTargets(['maintained'], index.database);
  const { findings } = runLint({ scan, index, targets, rules: RULE_LIST, directives: scan.directives });
  const context = createFindingsReportContext({ targets, scan, rules: RULE_LIST, engines: index.database.engines });
  return { scan: renderScanJson(scan), lint: renderFindings('json', findings, context, pc.createColors(false)), files: seen };
}

describe('the output does not depend on the order files come in', () => {
  it.each([
    ['reversed', (files: DiscoveredFile[]) => [...files].reverse()],
    ['shuffled (seed 1)', (files: DiscoveredFile[]) => shuffled(files, 1)],
    ['shuffled (seed 42)', (files: DiscoveredFile[]) => shuffled(files, 42)],
    ['scripts last', (files: DiscoveredFile[]) => [...files].sort((a, b) => Number(/\.[cm]?[jt]sx?$/.test(b.path)) - Number(/\.[cm]?[jt]sx?$/.test(a.path)))],
  ])('%s: scan JSON and lint JSON equal the run in discovery order', async (_name, order) => {
    const expected = await outputs();
    expect(expected.files).toBeGreaterThan(50);
    const actual = await outputs(order);
    expect(actual.scan === expected.scan, 'scan JSON differs').toBe(true);
    expect(actual.lint === expected.lint, 'lint JSON differs').toBe(true);
  }, 120_000);
});

describe('a file deleted between discovery and reading', () => {
  it('is a "deleted during the scan" note, in JSON and in the stylish output; the rest is scanned', async () => {
    const cwd = temporaryProject({
      'stays.js': "const Docker = require('dockerode');\nnew Docker().ping();\n",
      'goes.js': "const Docker = require('dockerode');\nnew Docker().info();\n",
    });
    seam.afterDiscovery = (files) => {
      unlinkSync(join(cwd, 'goes.js'));
      return files;
    };
    const scan = await scanProject({ paths: ['.'], cwd, index });
    seam.afterDiscovery = undefined;
    expect(scan.notes).toEqual([{ file: 'goes.js', kind: 'skipped', message: 'deleted during the scan' }]);
    expect(scan.usages.map((usage) => [usage.file, usage.path])).toEqual([['stays.js', '/_ping']]);
    expect(renderScanStylish(scan, pc.createColors(false))).toContain('skipped: goes.js: deleted during the scan\n');
  });
});
