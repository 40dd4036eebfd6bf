import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChangeSeverity } from '../diff/changeKinds.js';
import { CompatError } from '../errors.js';
import { sha256Hex } from '../load/sourcesManifest.js';
import { packageRoot } from '../packageRoot.js';
import type { FeatureRef } from '../surface/feature.js';
import type { FeatureFacts, JsonValue } from '../surface/schemaFlattener.js';
import type { ApiVersion } from '../versions/apiVersion.js';
import type { EngineRelease } from '../versions/engineReleases.js';

/** Bumped whenever a consumer of `specs/database.json` would have to change. */
export const DATABASE_SCHEMA_VERSION = 1;

export interface FeatureChangeRecord {
  /** The first API version that shows the change. */
  version: ApiVersion;
  kind: string;
  severity: ChangeSeverity;
  from: JsonValue;
  to: JsonValue;
  /** Set when the change comes from `specs/errata.json`, not from the specs. */
  erratum?: true;
}

/** A correction of what the specs show, from Docker's own changelog. */
export interface AppliedErratum {
  field: 'added' | 'removed' | 'deprecated' | 'gap';
  /** What the Swagger files show. */
  specValue: ApiVersion | null;
  /** What the database records instead. */
  correctedValue: ApiVersion | null;
  /** The CHANGELOG.md section ("v1.25 API changes") the correction cites... */
  changelogVersion?: ApiVersion;
  /** ...or the archived Markdown API reference (v1.24.md) that documents the feature. */
  referenceVersion?: ApiVersion;
  note: string;
}

export interface FeatureRecord extends FeatureRef {
  /**
   * The first API version with the feature; with addedIsFloor, "this version or earlier": the
   * oldest spec already has it, or the specs first describe it when its parent got a schema.
   */
  added: ApiVersion;
  addedIsFloor: boolean;
  /** The first version without it, or null while it exists in the newest spec. */
  removed: ApiVersion | null;
  /** The first version of the spec that marks it deprecated (and every later one does), or null. */
  deprecated: ApiVersion | null;
  /** What the spec names as the replacement, when it names one. */
  replacement?: string;
  /** Versions in which the feature exists, as ranges; `until` is the first version without it. */
  presence: Array<{ from: ApiVersion; until: ApiVersion | null }>;
  /** The facts as the newest spec that has the feature states them. */
  facts: FeatureFacts;
  changes: FeatureChangeRecord[];
  errata?: AppliedErratum[];
}

export interface VersionSummary {
  version: ApiVersion;
  features: number;
  operations: number;
  added: number;
  removed: number;
  breaking: number;
  behaviourChanges: number;
  deprecations: number;
}

export interface CompatDatabase {
  schemaVersion: number;
  /** API versions with a Swagger spec, ascending. */
  apiVersions: ApiVersion[];
  engines: EngineRelease[];
  sources: Array<{ file: string; sha256: string }>;
  versions: VersionSummary[];
  features: FeatureRecord[];
}

export function defaultDatabasePath(): string {
  return join(packageRoot(), 'specs', 'database.json');
}

const CHECKSUM_PREFIX = '  "checksum": "sha256:';

/**
 * One feature a line, so that a change to the data reads as a small diff in review,
 * followed by a checksum of everything above it.
 */
export function serializeDatabase(database: CompatDatabase): string {
  const lines = ['{'];
  lines.push(`  "schemaVersion": ${JSON.stringify(database.schemaVersion)},`);
  lines.push(`  "apiVersions": ${JSON.stringify(database.apiVersions)},`);
  lines.push(`  "engines": [\n${database.engines.map((row) => `    ${JSON.stringify(row)}`).join(',\n')}\n  ],`);
  lines.push(`  "sources": [\n${database.sources.map((row) => `    ${JSON.stringify(row)}`).join(',\n')}\n  ],`);
  lines.push(`  "versions": [\n${database.versions.map((row) => `    ${JSON.stringify(row)}`).join(',\n')}\n  ],`);
  lines.push(`  "features": [\n${database.features.map((row) => `    ${JSON.stringify(row)}`).join(',\n')}\n  ],`);
  const body = `${lines.join('\n')}\n`;
  return `${body}${CHECKSUM_PREFIX}${sha256Hex(body)}"\n}\n`;
}

/** Parses the database text and checks its checksum; a damaged file is an error naming it. */
export function parseDatabase(text: string, displayPath: string): CompatDatabase {
  const checksumAt = text.lastIndexOf(CHECKSUM_PREFIX);
  if (checksumAt === -1) throw new CompatError('data', `${displayPath}: the compatibility database has no checksum; rebuild it with "specs compile"`);
  const recorded = text.slice(checksumAt + CHECKSUM_PREFIX.length, checksumAt + CHECKSUM_PREFIX.length + 64);
  if (sha256Hex(text.slice(0, checksumAt)) !== recorded) {
    throw new CompatError('data', `${displayPath}: the compatibility database is damaged (checksum mismatch); reinstall the package or run "specs compile"`);
  }
  let database: CompatDatabase;
  try {
    database = JSON.parse(text) as CompatDatabase;
  } catch (error) {
    throw new CompatError('data', `${displayPath}: the compatibility database is not valid JSON: ${(error as Error).message}`);
  }
  if (database.schemaVersion !== DATABASE_SCHEMA_VERSION) {
    throw new CompatError(
      'data',
      `${displayPath}: database schemaVersion ${database.schemaVersion} is not supported (this version reads ${DATABASE_SCHEMA_VERSION})`,
    );
  }
  return database;
}

const loaded = new Map<string, CompatDatabase>();

/** Loads (once per process) the compiled database shipped in `specs/`, or another file. */
export function loadDatabase(path: string = defaultDatabasePath()): CompatDatabase {
  const cached = loaded.get(path);
  if (cached) return cached;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new CompatError('data', `${path}: cannot read the compatibility database (${reason}); run "specs compile"`);
  }
  const database = parseDatabase(text, path);
  loaded.set(path, database);
  return database;
}
