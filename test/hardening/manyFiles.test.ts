import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_BIN } from '../helpers/runCli.js';
import { removeTemporaryFolders, temporaryProject, type ScanJson } from './hardening.js';

/**
 * 50,000 files, generated in a temporary folder: 500 packages of 100 modules, one in 5,000
 * with a Docker call. The scan must finish with the right answer and sane memory. The bounds
 * are generous on purpose (shared CI machines): they catch a hang or a leak, not a slowdown.
 * Measured on the development machine: about 10 s and 450 MB peak RSS.
 */

const FOLDERS = 500;
const FILES_PER_FOLDER = 100;
const TIME = '/usr/bin/time';

afterAll(removeTemporaryFolders);

function generate(): string {
  const root = temporaryProject();
  for (let folder = 0; folder < FOLDERS; folder++) {
    const directory = join(root, `packages/pkg${folder}/src`);
    mkdirSync(directory, { recursive: true });
    for (let file = 0; file < FILES_PER_FOLDER; file++) {
      const docker = folder % 50 === 0 && file === 0;
      const text = docker
        ? "import Docker from 'dockerode';\n\nexport const ping = () => new Docker().ping();\n"
        : `import { helper } from './m${(file + 1) % FILES_PER_FOLDER}.js';\n\nexport const value${file} = ${file};\nexport function add(a: number): number {\n  return a + value${file};\n}\nexport { helper };\n`;
      writeFileSync(join(directory, `m${file}.ts`), text);
    }
  }
  return root;
}

describe('a project of 50,000 files', () => {
  it('scans them all: the right calls, sane memory, a reasonable time', () => {
    const root = generate();
    const measure = existsSync(TIME);
    if (!measure) console.warn(`[not measured] ${TIME} is missing: peak memory is not checked`);
    const started = Date.now();
    const command = measure ? [TIME, '-f', 'peak-rss-kb %M', process.execPath, CLI_BIN] : [process.execPath, CLI_BIN];
    const result = spawnSync(command[0], [...command.slice(1), 'scan', '--format', 'json'], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: 300_000,
    });
    const seconds = (Date.now() - started) / 1000;
    expect(result.error).toBeUndefined();
    expect(result.status, result.stderr).toBe(0);
    const scan = JSON.parse(result.stdout) as ScanJson;
    expect(scan.summary.files).toBe(FOLDERS * FILES_PER_FOLDER);
    expect(scan.usages.map((usage) => usage.file)).toEqual(Array.from({ length: FOLDERS / 50 }, (_, at) => `packages/pkg${at * 50}/src/m0.ts`).sort());
    expect(scan.notes).toEqual([]);
    expect(seconds).toBeLessThan(240);
    if (measure) {
      const peakKb = Number(/peak-rss-kb (\d+)/.exec(result.stderr)?.[1]);
      console.log(`50,000 files: ${seconds.toFixed(1)} s, peak RSS ${(peakKb / 1024).toFixed(0)} MB`);
      expect(peakKb).toBeGreaterThan(0);
      expect(peakKb / 1024).toBeLessThan(2048);
    }
  }, 600_000);
});
