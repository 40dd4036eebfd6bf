import { findDefaultSpecDirectory, SPEC_DIR_ENV } from '../../src/load/specDirectory.js';

/**
 * The archived upstream specs, or undefined. Tests that need them are skipped with a
 * printed reason when they are absent (a user's clone without ../shared).
 */
export const SPEC_DIR = findDefaultSpecDirectory();

export const SKIP_REASON = `raw specs not found: set ${SPEC_DIR_ENV} or place docker-engine-api in ../shared`;

if (!SPEC_DIR) console.warn(`[skipped] ${SKIP_REASON}`);
