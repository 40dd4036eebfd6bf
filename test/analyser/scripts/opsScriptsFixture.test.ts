import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { matchUsages } from '../../../src/analyser/matchUsages.js';
import { classifyScriptFile, scanScriptFile } from '../../../src/analyser/scripts/scanScriptFile.js';
import { emptyFindings, type FileFindings } from '../../../src/analyser/usage.js';
import { index } from './scriptFixtures.js';

const ROOT = fileURLToPath(new URL('../../fixtures/ops-scripts/', import.meta.url));

interface LabelledCallsite {
  file: string;
  line: number;
  method: string;
  path: string;
  query: string[];
  headers: string[];
  body: string[];
  response: string[];
  pinnedVersion: string | null;
}

interface Labels {
  callsites: LabelledCallsite[];
  cliInvocations: Array<{ file: string; line: number; command: string }>;
  versionSettings: Array<{ file: string; line: number; version: string | null }>;
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(directory, entry.name)) : [join(directory, entry.name)]));
}

/** Every script file of the fixture scanned as the project scan classifies it. */
function scanOpsScripts(): FileFindings {
  const all = emptyFindings();
  for (const path of filesUnder(ROOT).sort()) {
    const file = relative(ROOT, path).split('\\').join('/');
    const kind = classifyScriptFile(file);
    if (!kind) continue;
    const findings = scanScriptFile(file, readFileSync(path, 'utf8'), kind, { index });
    all.usages.push(...findings.usages);
    all.versionSettings.push(...findings.versionSettings);
    all.cliInvocations.push(...findings.cliInvocations);
    all.notes.push(...findings.notes);
  }
  return all;
}

const sorted = (values: readonly string[]): string[] => [...values].sort();

describe('the labelled ops-scripts fixture', () => {
  const labels = JSON.parse(readFileSync(join(ROOT, 'expected-callsites.json'), 'utf8')) as Labels;
  const findings = scanOpsScripts();

  it('finds every labelled call site, and no other, with its query, headers, body, response reads and pin as labelled', () => {
    const matched = matchUsages(findings.usages, index);
    const found = matched.map((usage) => ({
      at: `${usage.file}:${usage.line} ${usage.method} ${usage.path}`,
      query: sorted(usage.query),
      headers: sorted([...usage.headers, ...usage.unknown.headers]),
      body: sorted([...usage.body, ...usage.unknown.body]),
      response: sorted([...usage.response, ...usage.unknown.response]),
      pinnedVersion: usage.pinnedVersion,
    }));
    const expected = labels.callsites.map((label) => ({
      at: `${label.file}:${label.line} ${label.method} ${label.path}`,
      query: sorted(label.query),
      headers: sorted(label.headers),
      body: sorted(label.body),
      response: sorted(label.response),
      pinnedVersion: label.pinnedVersion,
    }));
    const byPlace = (a: { at: string }, b: { at: string }): number => a.at.localeCompare(b.at);
    expect(found.sort(byPlace)).toEqual(expected.sort(byPlace));
  });

  it('finds the labelled docker CLI uses and DOCKER_API_VERSION settings, and leaves no notes', () => {
    const cli = (list: Array<{ file: string; line: number; command: string }>): string[] => sorted(list.map((entry) => `${entry.file}:${entry.line} ${entry.command}`));
    expect(cli(findings.cliInvocations)).toEqual(cli(labels.cliInvocations));
    const settings = (list: Array<{ file: string; line: number; version: string | null }>): string[] => sorted(list.map((entry) => `${entry.file}:${entry.line} ${entry.version}`));
    expect(settings(findings.versionSettings)).toEqual(settings(labels.versionSettings));
    expect(findings.notes).toEqual([]);
  });
});
