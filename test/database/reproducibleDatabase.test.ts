import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFromSources } from '../../src/database/compileFromSources.js';
import { readErrata } from '../../src/database/errata.js';
import { readSourcesManifest } from '../../src/load/sourcesManifest.js';
import { REPO_ROOT, runCli } from '../helpers/runCli.js';
import { SKIP_REASON, SPEC_DIR } from '../helpers/specDirectory.js';

const specsFolder = join(REPO_ROOT, 'specs');

describe.skipIf(!SPEC_DIR)(`the committed database is reproducible (${SPEC_DIR ? 'specs found' : SKIP_REASON})`, () => {
  it('recompiling from the upstream files gives specs/ byte for byte', async () => {
    const artifacts = await compileFromSources({
      specDir: SPEC_DIR!,
      manifest: readSourcesManifest(join(specsFolder, 'sources.json')),
      errata: readErrata(join(specsFolder, 'errata.json')),
    });
    expect(artifacts.databaseText === readFileSync(join(specsFolder, 'database.json'), 'utf8')).toBe(true);
    expect(artifacts.reconciliationText).toBe(readFileSync(join(specsFolder, 'changelog-reconciliation.md'), 'utf8'));
    expect(artifacts.warnings).toEqual([]);
  });

  it('"specs verify" says so and exits 0', () => {
    const result = runCli(['specs', 'verify', '--spec-dir', SPEC_DIR!]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/database\.json: identical to a fresh compile/);
    expect(result.code).toBe(0);
  });
});
