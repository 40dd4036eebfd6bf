import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseChangelog } from '../changelog/parseChangelog.js';
import { reconcileChangelog, type Reconciliation } from '../changelog/reconcileChangelog.js';
import { renderReconciliationMarkdown } from '../changelog/reconciliationReport.js';
import { CompatError } from '../errors.js';
import { loadSpecDocument } from '../load/loadSpec.js';
import { checkSource, sourceForRole, specSources, type SourceFile, type SourcesManifest } from '../load/sourcesManifest.js';
import { buildSurface, type SpecSurface } from '../surface/buildSurface.js';
import { parseEngineReleasesCsv } from '../versions/engineReleases.js';
import { serializeDatabase, type CompatDatabase } from './compatDatabase.js';
import { compileDatabase } from './compileDatabase.js';
import type { Erratum } from './errata.js';

export interface CompileOptions {
  specDir: string;
  manifest: SourcesManifest;
  errata: Erratum[];
  /** Compile files whose sha256 differs from the manifest (the manifest is updated in the result). */
  acceptChangedSources?: boolean;
  onProgress?: (message: string) => void;
}

export interface CompiledArtifacts {
  database: CompatDatabase;
  /** `specs/database.json`, byte for byte. */
  databaseText: string;
  reconciliation: Reconciliation;
  /** `specs/changelog-reconciliation.md`. */
  reconciliationText: string;
  /** The manifest with the sizes and hashes actually read. */
  manifest: SourcesManifest;
  warnings: string[];
}

/** Reads and checks every upstream source, then compiles the database and the changelog reconciliation. */
export async function compileFromSources(options: CompileOptions): Promise<CompiledArtifacts> {
  const { specDir, manifest } = options;
  const accept = options.acceptChangedSources ?? false;
  const readSource = (entry: SourceFile): Buffer => {
    const path = join(specDir, entry.file);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing (listed in specs/sources.json)' : (error as Error).message;
      throw new CompatError('data', `${path}: ${reason}`);
    }
    const check = checkSource(entry, bytes, path, accept);
    entry.sha256 = check.actualSha256;
    entry.size = check.actualSize;
    return bytes;
  };

  const updated: SourcesManifest = structuredClone(manifest);
  const warnings = unlistedSpecFiles(specDir, updated).map(
    (file) => `${join(specDir, file)}: not in specs/sources.json, ignored (add it with "specs fetch --add")`,
  );

  const surfaces: SpecSurface[] = [];
  for (const entry of specSources(updated)) {
    options.onProgress?.(`loading ${entry.file}`);
    const text = readSource(entry).toString('utf8');
    const document = await loadSpecDocument(text, join(specDir, entry.file));
    surfaces.push(buildSurface(document, entry.version!));
  }

  const engineSource = requireSource(updated, 'engine-releases');
  const engines = parseEngineReleasesCsv(readSource(engineSource).toString('utf8'), join(specDir, engineSource.file));
  const changelogSource = requireSource(updated, 'changelog');
  const changelogText = readSource(changelogSource).toString('utf8');

  options.onProgress?.('compiling the database');
  const database = compileDatabase({
    surfaces,
    engines,
    errata: options.errata,
    sources: updated.files.map((entry) => ({ file: entry.file, sha256: entry.sha256 })),
  });
  const reconciliation = reconcileChangelog(database, parseChangelog(changelogText));
  return {
    database,
    databaseText: serializeDatabase(database),
    reconciliation,
    reconciliationText: renderReconciliationMarkdown(reconciliation),
    manifest: updated,
    warnings,
  };
}

function requireSource(manifest: SourcesManifest, role: 'changelog' | 'engine-releases'): SourceFile {
  const entry = sourceForRole(manifest, role);
  if (!entry) throw new CompatError('data', `specs/sources.json lists no ${role} file`);
  return entry;
}

function unlistedSpecFiles(specDir: string, manifest: SourcesManifest): string[] {
  const listed = new Set(manifest.files.map((entry) => entry.file));
  let names: string[];
  try {
    names = readdirSync(specDir);
  } catch (error) {
    throw new CompatError('usage', `${specDir}: cannot read the spec directory: ${(error as Error).message}`);
  }
  return names.filter((name) => /^v\d+\.\d+\.ya?ml$/.test(name) && !listed.has(name)).sort();
}
