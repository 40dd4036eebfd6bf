import type { TargetDaemon } from '../lint/targets.js';
import { engineTarget } from '../lint/targets.js';
import { compareApiVersions, type ApiVersion } from '../versions/apiVersion.js';
import { compareEngineVersions, type EngineRelease } from '../versions/engineReleases.js';

/**
 * One column of the grid: one Docker Engine release line, or consecutive lines that serve
 * the same API range (26.0 and 26.1 both serve 1.24 to 1.45), since every call behaves the
 * same on them.
 */
export interface EngineColumn {
  /** `28.3`, `28.4`, `28.5`. */
  engines: string[];
  /** `28.3` or `28.3–28.5`. */
  label: string;
  maxApiVersion: ApiVersion;
  minApiVersion: ApiVersion;
  /** The daemon the cells are computed for (any of the lines: they serve the same range). */
  daemon: TargetDaemon;
  /** Labels of the targets this column covers (`docker 28.4`, `api 1.51`). */
  targets: string[];
}

/** `docker 28.3 to 28.5`. */
export function columnName(column: EngineColumn): string {
  return column.engines.length === 1 ? `docker ${column.engines[0]}` : `docker ${column.engines[0]} to ${column.engines[column.engines.length - 1]}`;
}

/**
 * The grid's columns, oldest first: every release line that serves at least the oldest API
 * version the database has a spec for (older lines serve APIs it knows nothing about),
 * consecutive lines with the same API range folded into one column.
 */
export function engineColumns(engines: readonly EngineRelease[], oldestSpec: ApiVersion, targets: readonly TargetDaemon[]): EngineColumn[] {
  const sorted = [...engines]
    .filter((release) => compareApiVersions(release.maxApiVersion, oldestSpec) >= 0)
    .sort((a, b) => compareEngineVersions(a.engine, b.engine));
  const columns: EngineColumn[] = [];
  for (const release of sorted) {
    const last = columns[columns.length - 1];
    if (last && last.maxApiVersion === release.maxApiVersion && last.minApiVersion === release.minApiVersion) {
      last.engines.push(release.engine);
      continue;
    }
    columns.push({
      engines: [release.engine],
      label: release.engine,
      maxApiVersion: release.maxApiVersion,
      minApiVersion: release.minApiVersion,
      daemon: engineTarget(release),
      targets: [],
    });
  }
  for (const column of columns) {
    if (column.engines.length > 1) column.label = `${column.engines[0]}–${column.engines[column.engines.length - 1]}`;
    const names = new Set(column.engines.map((engine) => `docker ${engine}`));
    column.targets = targets
      .filter((target) => (target.kind === 'engine' ? names.has(target.label) : target.maxApiVersion === column.maxApiVersion))
      .map((target) => target.label);
  }
  return columns;
}

/**
 * The columns shown before "show all": the newest `count`, and every column a target covers
 * with everything after it, so that the targets are always in view.
 */
export function defaultVisibleFrom(columns: readonly EngineColumn[], count: number): number {
  const firstTarget = columns.findIndex((column) => column.targets.length > 0);
  const newest = Math.max(0, columns.length - count);
  return firstTarget === -1 ? newest : Math.min(newest, firstTarget);
}
