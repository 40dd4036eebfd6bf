// Regenerates the documentation pages that are derived from code and data.
// Run after `npm run build`: `npm run docs`. A test fails when a page is stale.
import { writeFileSync } from 'node:fs';
import { loadDatabase } from '../dist/src/database/compatDatabase.js';
import { renderChangeKindsDoc } from '../dist/src/reporters/changeKindsDoc.js';

writeFileSync(new URL('../docs/change-kinds.md', import.meta.url), renderChangeKindsDoc(loadDatabase()));
