import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CompatError } from '../errors.js';
import { compareApiVersions, parseApiVersion, type ApiVersion } from '../versions/apiVersion.js';

/** `specs/sources.json`: every upstream file the database is compiled from. */
export interface SourcesManifest {
  upstream: { repository: string; commit: string; folder: string };
  files: SourceFile[];
}

export type SourceRole = 'spec' | 'changelog' | 'engine-releases';

export interface SourceFile {
  file: string;
  role: SourceRole;
  /** API version, for specs only. */
  version?: ApiVersion;
  url: string;
  sha256: string;
  size: number;
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function readSourcesManifest(path: string): SourcesManifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CompatError('data', `${path}: cannot read the sources manifest: ${(error as Error).message}`);
  }
  const manifest = parsed as SourcesManifest;
  if (!manifest || !Array.isArray(manifest.files) || !manifest.upstream) {
    throw new CompatError('data', `${path}: not a sources manifest (expected "upstream" and "files")`);
  }
  for (const [index, entry] of manifest.files.entries()) {
    const valid =
      typeof entry.file === 'string' &&
      typeof entry.sha256 === 'string' &&
      /^[0-9a-f]{64}$/.test(entry.sha256) &&
      typeof entry.size === 'number' &&
      (entry.role !== 'spec' || (typeof entry.version === 'string' && parseApiVersion(entry.version) !== null));
    if (!valid) throw new CompatError('data', `${path}: files[${index}] needs file, role, sha256 (64 hex digits), size, and a version for specs`);
  }
  return manifest;
}

export function specSources(manifest: SourcesManifest): SourceFile[] {
  return manifest.files.filter((entry) => entry.role === 'spec').sort((a, b) => compareApiVersions(a.version!, b.version!));
}

export function sourceForRole(manifest: SourcesManifest, role: Exclude<SourceRole, 'spec'>): SourceFile | undefined {
  return manifest.files.find((entry) => entry.role === role);
}

/** Manifest entries in one fixed order: changelog, engine table, then specs by version. */
export function sortSourceFiles(files: SourceFile[]): SourceFile[] {
  const roleOrder: SourceRole[] = ['changelog', 'engine-releases', 'spec'];
  return [...files].sort(
    (a, b) => roleOrder.indexOf(a.role) - roleOrder.indexOf(b.role) || compareApiVersions(a.version ?? '0.0', b.version ?? '0.0'),
  );
}

export function serializeSourcesManifest(manifest: SourcesManifest): string {
  return `${JSON.stringify({ upstream: manifest.upstream, files: sortSourceFiles(manifest.files) }, null, 2)}\n`;
}

export interface SourceCheck {
  entry: SourceFile;
  actualSha256: string;
  actualSize: number;
}

/**
 * Checks the bytes read for a source against the manifest. A mismatch is an error
 * naming the file unless the caller accepts changed sources.
 */
export function checkSource(entry: SourceFile, bytes: Uint8Array, displayPath: string, acceptChanged: boolean): SourceCheck {
  const actualSha256 = sha256Hex(bytes);
  if (actualSha256 !== entry.sha256 && !acceptChanged) {
    throw new CompatError(
      'data',
      `${displayPath}: sha256 ${actualSha256} does not match specs/sources.json (${entry.sha256}); ` +
        'the file differs from the published upstream file (use --accept-changed-sources to compile it anyway)',
    );
  }
  return { entry, actualSha256, actualSize: bytes.byteLength };
}
