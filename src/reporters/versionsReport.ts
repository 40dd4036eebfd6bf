import type { CompatIndex } from '../database/compatIndex.js';
import { compareApiVersions, type ApiVersion } from '../versions/apiVersion.js';
import { compareEngineVersions, enginesServing, oldestEngineServing, type EngineRelease } from '../versions/engineReleases.js';
import type { VersionSpecifier } from '../versions/versionSpecifier.js';

export interface ApiVersionAnswer {
  apiVersion: ApiVersion;
  inDatabase: boolean;
  firstEngine: string | null;
  /** True when the engine table starts after the version appeared: the first engine is "that release or earlier". */
  firstEngineIsFloor: boolean;
  /** Engine releases that accept requests at this version, as runs of consecutive releases. */
  servedBy: Array<{ from: string; to: string }>;
  refusedBy: Array<{ from: string; to: string }>;
}

function sortedEngines(engines: readonly EngineRelease[]): EngineRelease[] {
  return [...engines].sort((a, b) => compareEngineVersions(a.engine, b.engine));
}

function engineRuns(all: EngineRelease[], serving: EngineRelease[]): Array<{ from: string; to: string }> {
  const sorted = sortedEngines(all);
  const servingSet = new Set(serving.map((release) => release.engine));
  const runs: Array<{ from: string; to: string }> = [];
  let previousServed = false;
  for (const release of sorted) {
    const served = servingSet.has(release.engine);
    if (served && !previousServed) runs.push({ from: release.engine, to: release.engine });
    if (served) runs[runs.length - 1].to = release.engine;
    previousServed = served;
  }
  return runs;
}

export function answerApiVersion(index: CompatIndex, version: ApiVersion): ApiVersionAnswer {
  const engines = index.database.engines;
  const serving = enginesServing(engines, version);
  const first = oldestEngineServing(engines, version);
  // Engines new enough to know the version but whose minimum is above it refuse it.
  const refused = engines.filter(
    (release) => compareApiVersions(release.maxApiVersion, version) >= 0 && compareApiVersions(release.minApiVersion, version) > 0,
  );
  return {
    apiVersion: version,
    inDatabase: index.apiVersions.includes(version),
    firstEngine: first?.engine ?? null,
    firstEngineIsFloor: first !== undefined && first === sortedEngines(engines)[0] && compareApiVersions(version, first.maxApiVersion) < 0,
    servedBy: engineRuns(engines, serving),
    refusedBy: engineRuns(engines, refused),
  };
}

function runsText(runs: Array<{ from: string; to: string }>): string {
  if (runs.length === 0) return 'no released engine';
  return runs.map((run) => (run.from === run.to ? `docker ${run.from}` : `docker ${run.from} to ${run.to}`)).join(', ');
}

export function renderVersionAnswerText(index: CompatIndex, specifier: VersionSpecifier): string {
  if (specifier.kind === 'engine') {
    const release = specifier.release;
    return `docker ${release.engine} serves API ${release.minApiVersion} to ${release.maxApiVersion} (unversioned requests get ${release.maxApiVersion})\n`;
  }
  const answer = answerApiVersion(index, specifier.version);
  const lines = [`API ${answer.apiVersion}`];
  const floor = answer.firstEngineIsFloor ? ' or earlier (the release table starts there)' : '';
  lines.push(`  first served by  ${answer.firstEngine ? `docker ${answer.firstEngine}${floor}` : 'no released engine'}`);
  lines.push(`  served by        ${runsText(answer.servedBy)}`);
  if (answer.refusedBy.length > 0) {
    lines.push(`  refused by       ${runsText(answer.refusedBy)} (their minimum API version is higher)`);
  }
  lines.push(`  in the database  ${answer.inDatabase ? 'yes' : `no (specs cover ${index.oldestSpec} to ${index.newestSpec})`}`);
  return `${lines.join('\n')}\n`;
}

export function renderVersionsTable(index: CompatIndex): string {
  const rows = sortedEngines(index.database.engines).reverse();
  const lines = ['engine    API max  API min'];
  for (const row of rows) lines.push(`${row.engine.padEnd(9)} ${row.maxApiVersion.padEnd(8)} ${row.minApiVersion}`);
  lines.push('', `Specs in the database: API ${index.oldestSpec} to ${index.newestSpec}.`);
  return `${lines.join('\n')}\n`;
}
