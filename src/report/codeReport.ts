import type { ScanUsage } from '../analyser/matchUsages.js';
import type { ScanResult } from '../analyser/scanProject.js';
import type { SourcePosition } from '../analyser/usage.js';
import type { FeatureRecord } from '../database/compatDatabase.js';
import { CompatIndex } from '../database/compatIndex.js';
import type { Finding, FindingSeverity } from '../lint/finding.js';
import { spokenVersion } from '../lint/spokenVersion.js';
import { addedText } from '../reporters/featureText.js';
import { describeTargets, type TargetDaemon } from '../lint/targets.js';
import { compareFeatureRefs, type FeatureLocation } from '../surface/feature.js';
import { compareApiVersions, type ApiVersion } from '../versions/apiVersion.js';
import { engineColumns, type EngineColumn } from './engineColumns.js';
import { compareText } from '../text.js';

/** What a cell of the grid says about one feature on one engine column. */
export type CellState = 'supported' | 'unsupported' | 'deprecated' | 'removed' | 'unknown';

export const CELL_STATES: readonly CellState[] = ['supported', 'deprecated', 'unsupported', 'removed', 'unknown'];

export interface GridCell {
  state: CellState;
  /**
   * Why, in one sentence that starts with the state, for the cell's tooltip: it names
   * neither the feature nor the engine (`unsupported: added in API 1.43; this call is pinned to API 1.41`).
   */
  reason: string;
  /** True when the daemon refuses the call's pinned version outright. */
  refused: boolean;
  /** The reason without the engine's name, for grouping cells that say the same thing. */
  short: string;
}

/** One row: the operation itself, a parameter or field it uses, or a name no API version has. */
export interface GridRow {
  location: FeatureLocation;
  /** Parameter name or field path; empty for the operation or a response status. */
  name: string;
  status?: string;
  /** The database record; absent for a name that exists in no API version. */
  feature?: FeatureRecord;
  cells: GridCell[];
}

/** The call-sites of one operation that speak the same way (the same pin, or unpinned). */
export interface GridGroup {
  method: string;
  path: string;
  pin: ApiVersion | null;
  callSites: SourcePosition[];
  operation: GridRow;
  fields: GridRow[];
}

export interface CodeReportSummary {
  minApiVersion: ApiVersion | null;
  minApiVersionIsFloor: boolean;
  /** The oldest engine serving minApiVersion. */
  minEngine: string | null;
  /** The call-sites that set minApiVersion. */
  setBy: SourcePosition[];
  callSites: number;
  /** Files with at least one call-site. */
  filesWithCalls: number;
  filesScanned: number;
  dynamicCallSites: number;
  /** Distinct pinned versions, ascending. */
  pins: ApiVersion[];
  unpinnedCallSites: number;
  findings: Record<FindingSeverity, number> & { suppressed: number };
  /** The targets, folded into runs: `docker 28.0 to 29.5`. */
  targets: string;
}

/** Everything the code's report shows, computed once for HTML and Markdown. */
export interface CodeReport {
  summary: CodeReportSummary;
  targets: TargetDaemon[];
  columns: EngineColumn[];
  groups: GridGroup[];
  /** Every call-site, in file and line order. */
  usages: ScanUsage[];
  findings: Finding[];
  scan: ScanResult;
  /** API versions with a spec, and per-version counts, for the chart. */
  database: { apiVersions: ApiVersion[]; oldestSpec: ApiVersion; newestSpec: ApiVersion };
}

export interface CodeReportInput {
  scan: ScanResult;
  findings: readonly Finding[];
  index: CompatIndex;
  targets: readonly TargetDaemon[];
}

/** Builds the code's report from a scan, its lint findings and the targets. */
export function buildCodeReport(input: CodeReportInput): CodeReport {
  const { scan, index } = input;
  const targets = [...input.targets];
  const columns = engineColumns(index.database.engines, index.oldestSpec, targets);
  const groups = buildGroups(scan.usages, columns, index.oldestSpec);
  const findings = [...input.findings];
  const counts = { error: 0, warning: 0, info: 0, suppressed: 0 };
  for (const finding of findings) {
    if (finding.suppression) counts.suppressed++;
    else counts[finding.severity]++;
  }
  const pins = [...new Set(scan.usages.flatMap((usage) => (usage.pinnedVersion ? [usage.pinnedVersion] : [])))].sort(compareApiVersions);
  return {
    summary: {
      minApiVersion: scan.summary.minApiVersion,
      minApiVersionIsFloor: scan.summary.minApiVersionIsFloor,
      minEngine: scan.summary.minEngine,
      setBy: scan.summary.setBy,
      callSites: scan.usages.length,
      filesWithCalls: new Set(scan.usages.map((usage) => usage.file)).size,
      filesScanned: scan.summary.files,
      dynamicCallSites: scan.summary.dynamicUsages,
      pins,
      unpinnedCallSites: scan.usages.filter((usage) => !usage.pinnedVersion).length,
      findings: counts,
      targets: describeTargets(targets, index.database.engines),
    },
    targets,
    columns,
    groups,
    usages: [...scan.usages],
    findings,
    scan,
    database: { apiVersions: index.apiVersions, oldestSpec: index.oldestSpec, newestSpec: index.newestSpec },
  };
}

function buildGroups(usages: readonly ScanUsage[], columns: readonly EngineColumn[], oldestSpec: ApiVersion): GridGroup[] {
  interface Collecting {
    usages: ScanUsage[];
    operation: FeatureRecord;
    features: Set<FeatureRecord>;
    unknown: Map<string, { location: FeatureLocation; name: string }>;
  }
  const collected = new Map<string, Collecting>();
  for (const usage of usages) {
    const operation = usage.features.find((feature) => feature.location === 'operation');
    if (!usage.endpointKnown || !operation) continue;
    const key = `${operation.method} ${operation.path}\u0000${usage.pinnedVersion ?? ''}`;
    let entry = collected.get(key);
    if (!entry) {
      entry = { usages: [], operation, features: new Set(), unknown: new Map() };
      collected.set(key, entry);
    }
    entry.usages.push(usage);
    for (const feature of usage.features) if (feature !== operation) entry.features.add(feature);
    const unknown: Array<[FeatureLocation, string[]]> = [
      ['query', usage.unknown.query],
      ['header', usage.unknown.headers],
      ['body', usage.unknown.body],
      ['response', usage.unknown.response],
    ];
    for (const [location, names] of unknown) for (const name of names) entry.unknown.set(`${location}\u0000${name}`, { location, name });
  }
  const groups: GridGroup[] = [];
  for (const entry of collected.values()) {
    const pin = entry.usages[0].pinnedVersion;
    const operation = entry.operation;
    const known = [...entry.features].sort(compareFeatureRefs).map((feature) => row(feature, pin, columns, oldestSpec));
    const unknown = [...entry.unknown.values()]
      .sort((a, b) => compareText(a.location, b.location) || compareText(a.name, b.name))
      .map(({ location, name }) => unknownRow(operation, location, name, columns));
    groups.push({
      method: operation.method,
      path: operation.path,
      pin,
      callSites: entry.usages.map(({ file, line, column }) => ({ file, line, column })),
      operation: row(operation, pin, columns, oldestSpec),
      fields: [...known, ...unknown],
    });
  }
  return groups.sort(
    (a, b) =>
      compareFeatureRefs(a.operation.feature!, b.operation.feature!) ||
      (a.pin === null ? (b.pin === null ? 0 : 1) : b.pin === null ? -1 : compareApiVersions(a.pin, b.pin)),
  );
}

function row(feature: FeatureRecord, pin: ApiVersion | null, columns: readonly EngineColumn[], oldestSpec: ApiVersion): GridRow {
  return {
    location: feature.location,
    name: feature.name,
    ...(feature.status ? { status: feature.status } : {}),
    feature,
    cells: columns.map((column) => cellFor(feature, pin, column, oldestSpec)),
  };
}

function unknownRow(operation: FeatureRecord, location: FeatureLocation, name: string, columns: readonly EngineColumn[]): GridRow {
  const what = location === 'body' ? 'body field' : location === 'response' ? 'response field' : `${location} parameter`;
  const reason = `unknown: no API version of ${operation.method} ${operation.path} has this ${what}; ${location === 'response' ? 'the daemon never sends it' : 'the daemon ignores it'}`;
  return { location, name, cells: columns.map(() => ({ state: 'unknown', reason, short: 'in no API version of this endpoint', refused: false })) };
}

/** `body field HostConfig.Annotations`, `the endpoint`, `response 200`. */
export function featureLabel(feature: Pick<FeatureRecord, 'location' | 'name' | 'status'>): string {
  switch (feature.location) {
    case 'operation':
      return 'the endpoint';
    case 'response':
      return feature.name === '' ? `response ${feature.status}` : `response field ${feature.name}`;
    case 'body':
      return `body field ${feature.name}`;
    case 'path':
      return `path parameter ${feature.name}`;
    default:
      return `${feature.location} parameter ${feature.name}`;
  }
}

/** Where in the presence ranges `version` falls: before the feature, in it, or after it left. */
function presenceAt(feature: FeatureRecord, version: ApiVersion): { present: true } | { present: false; removedIn: ApiVersion | null; backIn: ApiVersion | null } {
  if (CompatIndex.isPresentAt(feature, version)) return { present: true };
  let removedIn: ApiVersion | null = null;
  let backIn: ApiVersion | null = null;
  for (const range of feature.presence) {
    if (range.until !== null && compareApiVersions(range.until, version) <= 0) removedIn = range.until;
    if (backIn === null && compareApiVersions(range.from, version) > 0) backIn = range.from;
  }
  return { present: false, removedIn, backIn };
}

/**
 * The cell for a feature on a column, for what the call speaks there: a pinned call speaks
 * its pin and is refused outside the daemon's range; an unpinned call speaks the daemon's newest.
 * The reason names neither the feature nor the column: the row and column headers do.
 */
export function cellFor(feature: FeatureRecord, pin: ApiVersion | null, column: EngineColumn, oldestSpec: ApiVersion): GridCell {
  const spoken = spokenVersion({ pinnedVersion: pin }, column.daemon);
  const cell = (state: CellState, reason: string, short: string, refused = false): GridCell => ({ state, reason: `${state}: ${reason}`, short, refused });
  if (spoken.kind === 'refused') {
    const range = spoken.reason === 'too-old' ? `accepted: ${column.minApiVersion} to ${column.maxApiVersion}` : `newest served: ${column.maxApiVersion}`;
    const short = spoken.reason === 'too-old' ? `refuses the pinned API ${spoken.pin} (accepts ${column.minApiVersion} and newer)` : `refuses the pinned API ${spoken.pin} (too new for it)`;
    return cell('unsupported', `API ${spoken.pin}, this call's pin, is refused (${range})`, short, true);
  }
  const version = spoken.version;
  const pinned = spoken.kind === 'pinned';
  const speaks = pinned ? `the call is pinned to ${version}` : `unpinned, the call speaks the engine's newest, ${version}`;
  const speaksShort = pinned ? `the call is pinned to ${version}` : 'the call is unpinned';
  if (compareApiVersions(version, oldestSpec) < 0) {
    // Older than every spec: only a feature known to come later is certainly missing.
    if (feature.addedIsFloor) return cell('unknown', `${speaks}, older than the oldest spec in the database (${oldestSpec})`, `API ${version} is older than every spec`);
    return cell('unsupported', `added in API ${feature.added}; ${speaks}`, `added in API ${feature.added}; ${speaksShort}`);
  }
  const at = presenceAt(feature, version);
  if (at.present) {
    if (feature.deprecated && compareApiVersions(version, feature.deprecated) >= 0) {
      const use = feature.replacement ? ` (use ${feature.replacement})` : '';
      return cell('deprecated', `since API ${feature.deprecated}${use}, still there; ${speaks}`, `deprecated since API ${feature.deprecated}${use}`);
    }
    return cell('supported', `in API ${version} (added in ${addedText(feature)}); ${speaks}`, 'supported');
  }
  if (at.removedIn) {
    const back = at.backIn ? ` (back in ${at.backIn})` : '';
    return cell('removed', `in API ${at.removedIn}${back}; ${speaks}`, `removed in API ${at.removedIn}${back}; ${speaksShort}`);
  }
  return cell('unsupported', `added in API ${addedText(feature)}; ${speaks}`, `added in API ${addedText(feature)}; ${speaksShort}`);
}
