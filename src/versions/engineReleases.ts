import { CompatError } from '../errors.js';
import { compareApiVersions, parseApiVersion, type ApiVersion } from './apiVersion.js';

/** One Docker Engine release line and the API versions it serves. */
export interface EngineRelease {
  /** As Docker writes it: "29.0", "20.10", "17.03.1", "1.13". */
  engine: string;
  maxApiVersion: ApiVersion;
  minApiVersion: ApiVersion;
}

export function compareEngineVersions(a: string, b: string): number {
  const aParts = a.split('.');
  const bParts = b.split('.');
  for (let index = 0; index < Math.max(aParts.length, bParts.length); index++) {
    const difference = compareEngineComponent(aParts[index], bParts[index]);
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * A missing component sorts first (24.0 < 24.0.0). Runs of digits compare as exact
 * numbers (17.03 = 17.3): Number() turns 309 digits into Infinity, and
 * Infinity - Infinity is NaN, which breaks every sort that uses this comparator.
 */
function compareEngineComponent(a: string | undefined, b: string | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const left = a.replace(/^0+(?=\d)/, '');
    const right = b.replace(/^0+(?=\d)/, '');
    return left.length !== right.length ? left.length - right.length : left < right ? -1 : left > right ? 1 : 0;
  }
  // Not digits: never in the engines table (its CSV is validated); kept total, never NaN.
  const left = Number(a) || 0;
  const right = Number(b) || 0;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Parses Docker's engine/API matrix (`engine_version,max_api_version,min_api_version`). */
export function parseEngineReleasesCsv(text: string, fileName: string): EngineRelease[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = lines.shift();
  if (header?.trim() !== 'engine_version,max_api_version,min_api_version') {
    throw new CompatError('data', `${fileName}:1: expected the header "engine_version,max_api_version,min_api_version"`);
  }
  const releases = lines.map((line, index) => {
    const [engine, max, min] = line.split(',').map((cell) => cell.trim());
    const maxApiVersion = parseApiVersion(max ?? '');
    const minApiVersion = parseApiVersion(min ?? '');
    if (!engine || !/^\d+(\.\d+)+$/.test(engine) || !maxApiVersion || !minApiVersion) {
      throw new CompatError('data', `${fileName}:${index + 2}: expected "<engine>,<max api>,<min api>", got "${line}"`);
    }
    return { engine, maxApiVersion, minApiVersion };
  });
  return releases.sort((a, b) => compareEngineVersions(a.engine, b.engine));
}

/**
 * Finds the release line for an engine version. Patch releases share their line's
 * API range, so "24.0.7" resolves to "24.0"; "29" resolves to "29.0".
 */
export function findEngineRelease(releases: readonly EngineRelease[], engine: string): EngineRelease | undefined {
  const exact = releases.find((release) => release.engine === engine);
  if (exact) return exact;
  const parts = engine.split('.');
  if (parts.length === 1) return releases.find((release) => release.engine === `${engine}.0`);
  for (let length = parts.length - 1; length >= 2; length--) {
    const line = parts.slice(0, length).join('.');
    const found = releases.find((release) => release.engine === line);
    if (found) return found;
  }
  return undefined;
}

/** The oldest engine release whose newest API version is at least `version`. */
export function oldestEngineServing(releases: readonly EngineRelease[], version: ApiVersion): EngineRelease | undefined {
  return releases.find((release) => compareApiVersions(release.maxApiVersion, version) >= 0);
}

/** Every engine release that accepts requests at API `version`. */
export function enginesServing(releases: readonly EngineRelease[], version: ApiVersion): EngineRelease[] {
  return releases.filter(
    (release) =>
      compareApiVersions(release.minApiVersion, version) <= 0 && compareApiVersions(release.maxApiVersion, version) >= 0,
  );
}
