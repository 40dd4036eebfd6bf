import { readFileSync } from 'node:fs';
import { CompatError } from '../errors.js';
import type { Finding } from './finding.js';

/**
 * A baseline accepts today's findings so that a team can adopt the linter gradually:
 * findings whose fingerprint is in it are reported as suppressed, new ones still fail.
 * Fingerprints ignore line numbers, so moving code does not void the baseline.
 */
export interface BaselineFile {
  schemaVersion: 1;
  findings: Array<{ fingerprint: string; ruleId: string; file: string; message: string }>;
}

export function readBaseline(path: string): Set<string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found (create it with --update-baseline)' : (error as Error).message;
    throw new CompatError('config', `${path}: cannot read the baseline: ${reason}`);
  }
  let parsed: BaselineFile;
  try {
    parsed = JSON.parse(text) as BaselineFile;
  } catch (error) {
    throw new CompatError('config', `${path}: the baseline is not valid JSON: ${(error as Error).message}`);
  }
  if (parsed?.schemaVersion !== 1 || !Array.isArray(parsed.findings) || parsed.findings.some((entry) => typeof entry?.fingerprint !== 'string')) {
    throw new CompatError('config', `${path}: not a docker-api-compat baseline (expected schemaVersion 1 and a findings list with fingerprints)`);
  }
  return new Set(parsed.findings.map((entry) => entry.fingerprint));
}

/** The baseline for these findings (those not suppressed inline), sorted for quiet diffs. */
export function serializeBaseline(findings: readonly Finding[]): string {
  const entries = findings
    .filter((finding) => finding.suppression?.kind !== 'inline')
    .map(({ fingerprint, ruleId, file, message }) => ({ fingerprint, ruleId, file, message }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.fingerprint < b.fingerprint ? -1 : 1));
  const baseline: BaselineFile = { schemaVersion: 1, findings: entries };
  return `${JSON.stringify(baseline, null, 2)}\n`;
}
