import { CompatError } from '../errors.js';
import { compareApiVersions, isApiVersionInRange, parseApiVersion, type ApiVersion } from '../versions/apiVersion.js';
import { compareEngineVersions, findEngineRelease, type EngineRelease } from '../versions/engineReleases.js';

/**
 * A daemon the code must work with: an engine release with the API range it serves,
 * an API version without a known engine, or a live daemon asked for its `/version`.
 */
export interface TargetDaemon {
  /** `docker 24.0`, `api 1.44`, `daemon at unix:///var/run/docker.sock`. */
  label: string;
  kind: 'engine' | 'api' | 'daemon';
  /** The newest API version it speaks: what unversioned requests get. */
  maxApiVersion: ApiVersion;
  /** The oldest version it accepts; null when not known (an API target). */
  minApiVersion: ApiVersion | null;
}

export interface TargetContext {
  engines: readonly EngineRelease[];
  apiVersions: readonly ApiVersion[];
}

/** The target used when neither the command line nor a config names one. */
export const DEFAULT_TARGET = 'maintained';


/**
 * Parses a target query, like browserslist: several queries (separated by commas,
 * or given as several --target options) are a union.
 *
 *   docker 24.0              one engine release line
 *   docker >= 24.0           (also >, <=, <)
 *   docker 25.0 - 29.2       an inclusive range of releases
 *   api 1.41 - 1.52          API versions, without a known engine (also api >= 1.44, api 1.44)
 *   maintained               the release lines of the two newest major versions (the default)
 *   latest                   the newest release line
 *   all                      every release line in the table
 */
export function resolveTargets(queries: readonly string[], context: TargetContext): TargetDaemon[] {
  const parts = queries.flatMap((query) => query.split(',')).map((part) => part.trim()).filter(Boolean);
  if (parts.length === 0) throw new CompatError('usage', 'no target given');
  const selected = new Map<string, TargetDaemon>();
  for (const part of parts) {
    const daemons = resolveOne(part, context);
    if (daemons.length === 0) throw new CompatError('usage', `target "${part}" selects no engine release or API version`);
    for (const daemon of daemons) selected.set(daemon.label, daemon);
  }
  return [...selected.values()].sort(compareTargets);
}

function compareTargets(a: TargetDaemon, b: TargetDaemon): number {
  return compareApiVersions(a.maxApiVersion, b.maxApiVersion) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
}

export function engineTarget(release: EngineRelease): TargetDaemon {
  return { label: `docker ${release.engine}`, kind: 'engine', maxApiVersion: release.maxApiVersion, minApiVersion: release.minApiVersion };
}

function apiTarget(version: ApiVersion): TargetDaemon {
  return { label: `api ${version}`, kind: 'api', maxApiVersion: version, minApiVersion: null };
}

const SYNTAX = 'write "docker 24.0", "docker >= 24.0", "docker 25.0 - 29.2", "api 1.41 - 1.52", "api >= 1.44", or one of maintained, latest, all';

function resolveOne(query: string, context: TargetContext): TargetDaemon[] {
  const lower = query.toLowerCase().replace(/\s+/g, ' ');
  const engines = [...context.engines].sort((a, b) => compareEngineVersions(a.engine, b.engine));
  if (lower === 'maintained' || lower === 'defaults') {
    const majors = [...new Set(engines.map((release) => release.engine.split('.')[0]))].sort((a, b) => Number(a) - Number(b));
    const newest = new Set(majors.slice(-2));
    return engines.filter((release) => newest.has(release.engine.split('.')[0])).map(engineTarget);
  }
  if (lower === 'latest') return engines.slice(-1).map(engineTarget);
  if (lower === 'all') return engines.map(engineTarget);

  const match = /^(docker|engine|api) ?(>=|<=|>|<)? ?(v?[\d.]+)(?: ?- ?(v?[\d.]+))?$/.exec(lower);
  if (!match) throw new CompatError('usage', `invalid target "${query}": ${SYNTAX}`);
  const [, kind, operator, first, last] = match;
  if (operator && last) throw new CompatError('usage', `invalid target "${query}": use either a comparison or a range, not both`);
  return kind === 'api' ? apiRange(query, operator, first, last, context) : engineRange(query, operator, first, last, engines);
}

function engineRange(query: string, operator: string | undefined, first: string, last: string | undefined, engines: EngineRelease[]): TargetDaemon[] {
  const low = requireEngine(query, first.replace(/^v/, ''), engines);
  if (last) {
    const high = requireEngine(query, last.replace(/^v/, ''), engines);
    return engines.filter((release) => compareEngineVersions(release.engine, low.engine) >= 0 && compareEngineVersions(release.engine, high.engine) <= 0).map(engineTarget);
  }
  const compare = (release: EngineRelease) => compareEngineVersions(release.engine, low.engine);
  const keep = {
    '>=': (release: EngineRelease) => compare(release) >= 0,
    '>': (release: EngineRelease) => compare(release) > 0,
    '<=': (release: EngineRelease) => compare(release) <= 0,
    '<': (release: EngineRelease) => compare(release) < 0,
  }[operator ?? ''] ?? ((release: EngineRelease) => compare(release) === 0);
  return engines.filter(keep).map(engineTarget);
}

function requireEngine(query: string, text: string, engines: EngineRelease[]): EngineRelease {
  const release = findEngineRelease(engines, text);
  if (!release) {
    const known = engines.map((entry) => entry.engine).join(', ');
    throw new CompatError('usage', `target "${query}": unknown Docker Engine release ${text} (known: ${known})`);
  }
  return release;
}

function apiRange(query: string, operator: string | undefined, first: string, last: string | undefined, context: TargetContext): TargetDaemon[] {
  const low = parseApiVersion(first);
  const high = last ? parseApiVersion(last) : low;
  if (!low || !high) throw new CompatError('usage', `invalid target "${query}": API versions are written 1.41 or v1.41`);
  const versions = [...context.apiVersions].sort(compareApiVersions);
  const keep = (version: ApiVersion): boolean => {
    if (last) return isApiVersionInRange(version, low, high);
    const difference = compareApiVersions(version, low);
    return { '>=': difference >= 0, '>': difference > 0, '<=': difference <= 0, '<': difference < 0 }[operator ?? ''] ?? difference === 0;
  };
  const selected = versions.filter(keep);
  if (selected.length === 0) {
    throw new CompatError('usage', `target "${query}" selects no API version: the database has ${versions[0]} to ${versions[versions.length - 1]}`);
  }
  return selected.map(apiTarget);
}

/**
 * `docker 29.0 to 29.5, api 1.44`: target labels with consecutive engine releases
 * folded into runs, for messages.
 */
export function describeTargets(targets: readonly TargetDaemon[], engines: readonly EngineRelease[]): string {
  const order = [...engines].sort((a, b) => compareEngineVersions(a.engine, b.engine)).map((release) => release.engine);
  const engineNames = targets.filter((target) => target.kind === 'engine').map((target) => target.label.replace(/^docker /, ''));
  const positions = engineNames.map((name) => order.indexOf(name)).sort((a, b) => a - b);
  const runs: string[] = [];
  for (let start = 0; start < positions.length; ) {
    let end = start;
    while (end + 1 < positions.length && positions[end + 1] === positions[end] + 1) end++;
    runs.push(end === start ? `docker ${order[positions[start]]}` : `docker ${order[positions[start]]} to ${order[positions[end]]}`);
    start = end + 1;
  }
  const others = targets.filter((target) => target.kind !== 'engine').map((target) => target.label);
  return [...runs, ...others].join(', ');
}
