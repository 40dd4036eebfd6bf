import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { classifyScriptFile, scanScriptFile, type ScriptKind } from '../../../src/analyser/scripts/scanScriptFile.js';
import type { FileFindings, RawUsage } from '../../../src/analyser/usage.js';
import { loadDatabase } from '../../../src/database/compatDatabase.js';
import { CompatIndex } from '../../../src/database/compatIndex.js';

/** The real database, as the project scan passes it. */
export const index = new CompatIndex(loadDatabase());

const FIXTURE_DIRECTORY = fileURLToPath(new URL('../../fixtures/scripts/', import.meta.url));

export function fixtureText(name: string): string {
  return readFileSync(FIXTURE_DIRECTORY + name, 'utf8');
}

/** Scans a fixture under its own name, as the project scan would classify it. */
export function scanFixture(name: string): FileFindings {
  const kind = classifyScriptFile(name);
  if (!kind) throw new Error(`${name} is not a script file`);
  return scanScriptFile(name, fixtureText(name), kind, { index });
}

export function scanText(text: string, kind: ScriptKind = 'shell', file = 'scripts/check.sh'): FileFindings {
  return scanScriptFile(file, text, kind, { index });
}

/** `METHOD /path @line:column`, the shortest description of where each call is and what it asks. */
export function calls(findings: FileFindings): string[] {
  return findings.usages.map((usage) => `${usage.method ?? '?'} ${usage.path ?? '?'} @${usage.line}:${usage.column}`);
}

/** The one usage found, failing when there is not exactly one. */
export function onlyUsage(findings: FileFindings): RawUsage {
  if (findings.usages.length !== 1) throw new Error(`expected one usage, found ${JSON.stringify(calls(findings))}`);
  return findings.usages[0];
}
