import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDatabase } from '../../src/database/compatDatabase.js';
import { renderChangeKindsDoc } from '../../src/reporters/changeKindsDoc.js';
import { REPO_ROOT } from '../helpers/runCli.js';

describe('docs/change-kinds.md', () => {
  it('is what `npm run docs` renders from the change kinds and the bundled database', () => {
    // Its counts and examples come from specs/database.json: a database rebuilt without the page drifts from it.
    expect(readFileSync(join(REPO_ROOT, 'docs', 'change-kinds.md'), 'utf8')).toBe(renderChangeKindsDoc(loadDatabase()));
  });
});
