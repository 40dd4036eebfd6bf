import type { ScanUsage } from '../../analyser/matchUsages.js';
import type { ScanResult } from '../../analyser/scanProject.js';

/** `scan --format json`: the documented contract (docs/scan-format.md). `features`, `sourceLine` and `libraryKeys` stay internal. */
export function renderScanJson(result: ScanResult): string {
  const usages = result.usages.map(({ features: _features, sourceLine: _sourceLine, libraryKeys: _libraryKeys, ...usage }: ScanUsage) => usage);
  const { directives: _directives, ...contract } = result;
  return `${JSON.stringify({ ...contract, usages }, null, 2)}\n`;
}
