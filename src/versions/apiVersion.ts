/**
 * Engine API versions are "1.NN" strings. Comparison is numeric per component,
 * so "1.9" < "1.25" < "1.100".
 */
export type ApiVersion = string;

const API_VERSION_PATTERN = /^v?(\d+)\.(\d+)$/;

/** Parses "1.41" or "v1.41"; returns null for anything else. */
export function parseApiVersion(text: string): ApiVersion | null {
  const match = API_VERSION_PATTERN.exec(text.trim());
  if (!match) return null;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  // Past 2^53 Number() rounds and prints exponents ("6e+21.0"): the result would not parse
  // back, and distinct versions would compare equal. No real API version comes near.
  if (!Number.isSafeInteger(major) || !Number.isSafeInteger(minor)) return null;
  return `${major}.${minor}`;
}

export function compareApiVersions(a: ApiVersion, b: ApiVersion): number {
  const [aMajor, aMinor] = a.split('.').map(Number);
  const [bMajor, bMinor] = b.split('.').map(Number);
  return aMajor !== bMajor ? aMajor - bMajor : aMinor - bMinor;
}

export function maxApiVersion(a: ApiVersion, b: ApiVersion): ApiVersion {
  return compareApiVersions(a, b) >= 0 ? a : b;
}

export function minApiVersion(a: ApiVersion, b: ApiVersion): ApiVersion {
  return compareApiVersions(a, b) <= 0 ? a : b;
}

export function sortApiVersions(versions: Iterable<ApiVersion>): ApiVersion[] {
  return [...versions].sort(compareApiVersions);
}

/** `1.44`, or `1.44 to 1.51` for several versions (duplicates once). */
export function versionSpan(versions: Iterable<ApiVersion>): string {
  const sorted = sortApiVersions(new Set(versions));
  return sorted.length === 1 ? sorted[0] : `${sorted[0]} to ${sorted[sorted.length - 1]}`;
}

/** True when `version` lies in the closed interval [low, high]. */
export function isApiVersionInRange(version: ApiVersion, low: ApiVersion, high: ApiVersion): boolean {
  return compareApiVersions(version, low) >= 0 && compareApiVersions(version, high) <= 0;
}
