import { CompatError } from '../errors.js';
import { compareApiVersions, parseApiVersion, type ApiVersion } from './apiVersion.js';
import { compareEngineVersions, findEngineRelease, type EngineRelease } from './engineReleases.js';

/**
 * What users write for a version:
 * - an API version: `1.41`, `v1.41`, `api 1.41`;
 * - an engine release: `docker 24.0`, `docker 24`, `docker 24.0.7`, `engine 24.0`.
 * A bare number other than `1.NN` (`28.3`, `20.10`) is an engine release where
 * `bareEngine` is allowed (the `versions` command), else an error.
 */
export type VersionSpecifier = { kind: 'api'; version: ApiVersion } | { kind: 'engine'; release: EngineRelease };

export interface VersionContext {
  apiVersions: readonly ApiVersion[];
  engines: readonly EngineRelease[];
}

const ENGINE_PATTERN = /^(?:docker|engine)\s*v?(\d+(?:\.\d+){0,2})$/i;
const API_PATTERN = /^(?:api\s*)?(v?\d+\.\d+)$/i;

export function parseVersionSpecifier(text: string, context: VersionContext, options: { bareEngine?: boolean } = {}): VersionSpecifier {
  const trimmed = text.trim();
  const engineMatch = ENGINE_PATTERN.exec(trimmed) ?? (options.bareEngine && /^\d+(\.\d+){0,2}$/.test(trimmed) && !/^1\.\d+$/.test(trimmed) ? [trimmed, trimmed] : null);
  if (engineMatch) {
    const release = findEngineRelease(context.engines, engineMatch[1]);
    if (!release) throw new CompatError('usage', `unknown Docker Engine release "${trimmed}": known releases are ${describeEngines(context.engines)}`);
    return { kind: 'engine', release };
  }
  const apiMatch = API_PATTERN.exec(trimmed);
  const version = apiMatch ? parseApiVersion(apiMatch[1]) : null;
  if (!version) {
    throw new CompatError(
      'usage',
      `invalid version "${trimmed}": write an API version as 1.41 or v1.41, or an engine release as "docker 24.0" (${describeEngines(context.engines)})`,
    );
  }
  return { kind: 'api', version };
}

/** An API version with a spec in the database, from either form; engine releases map to their newest API version. */
export function resolveSpecVersion(text: string, context: VersionContext): ApiVersion {
  const specifier = parseVersionSpecifier(text, context);
  const version = specifier.kind === 'api' ? specifier.version : specifier.release.maxApiVersion;
  if (!context.apiVersions.includes(version)) {
    const origin = specifier.kind === 'engine' ? ` (the newest API of docker ${specifier.release.engine})` : '';
    throw new CompatError('usage', `no spec for API ${version}${origin}: the database covers ${describeApiVersions(context.apiVersions)}`);
  }
  return version;
}

export function describeApiVersions(versions: readonly ApiVersion[]): string {
  if (versions.length === 0) return 'no versions';
  const sorted = [...versions].sort(compareApiVersions);
  return `${sorted[0]} to ${sorted[sorted.length - 1]} (${sorted.join(', ')})`;
}

function describeEngines(engines: readonly EngineRelease[]): string {
  const sorted = [...engines].sort((a, b) => compareEngineVersions(a.engine, b.engine));
  if (sorted.length === 0) return 'none';
  return `"docker ${sorted[0].engine}" to "docker ${sorted[sorted.length - 1].engine}" (${sorted.map((release) => release.engine).join(', ')})`;
}
