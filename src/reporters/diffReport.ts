import type { CompatIndex } from '../database/compatIndex.js';
import type { RangeChange, VersionRangeDiff } from '../database/versionDiff.js';
import { SEVERITY_ORDER, type ChangeSeverity } from '../diff/changeKinds.js';
import { escapeMarkdown, markdownCodeInCell } from '../report/escape.js';
import { versionWithEngine } from './featureText.js';
import type { Painter } from './explainReport.js';

const SEVERITY_TITLES: Record<ChangeSeverity, string> = {
  breaking: 'Breaking',
  'behaviour-change': 'Behaviour changes',
  deprecation: 'Deprecations',
  addition: 'Additions',
};

function countLine(diff: VersionRangeDiff): string {
  return SEVERITY_ORDER.map((severity) => `${diff.changes.filter((change) => change.severity === severity).length} ${SEVERITY_TITLES[severity].toLowerCase()}`).join(', ');
}

function grouped(diff: VersionRangeDiff): Array<[ChangeSeverity, RangeChange[]]> {
  return SEVERITY_ORDER.map((severity) => [severity, diff.changes.filter((change) => change.severity === severity)] as [ChangeSeverity, RangeChange[]]).filter(
    ([, changes]) => changes.length > 0,
  );
}

function title(index: CompatIndex, diff: VersionRangeDiff): string {
  return `API ${versionWithEngine(index, diff.from)} -> ${versionWithEngine(index, diff.to)}`;
}

export function renderDiffText(index: CompatIndex, diff: VersionRangeDiff, paint: Painter): string {
  const lines = [`${paint.bold(title(index, diff))}: ${countLine(diff)}`];
  const colour: Record<ChangeSeverity, (text: string) => string> = {
    breaking: paint.red,
    'behaviour-change': paint.yellow,
    deprecation: paint.yellow,
    addition: paint.green,
  };
  for (const [severity, changes] of grouped(diff)) {
    lines.push('', colour[severity](`${SEVERITY_TITLES[severity]} (${changes.length})`));
    for (const change of changes) {
      const marks = `${change.implied ? ' (implied)' : ''}${change.erratum ? ' (changelog erratum)' : ''}`;
      lines.push(`  ${change.version.padEnd(5)} ${change.message}${marks}  ${paint.dim(change.kind)}`);
    }
  }
  if (diff.changes.length === 0) lines.push('', 'No changes.');
  return `${lines.join('\n')}\n`;
}

/** Markdown for a pull request or an upgrade ticket: a summary line, then one table per severity. */
export function renderDiffMarkdown(index: CompatIndex, diff: VersionRangeDiff): string {
  const lines = [`### Docker Engine ${title(index, diff)}`, '', countLine(diff)];
  for (const [severity, changes] of grouped(diff)) {
    lines.push('', `#### ${SEVERITY_TITLES[severity]} (${changes.length})`, '', '| API | Change | Kind |', '| --- | --- | --- |');
    for (const change of changes) lines.push(`| ${change.version} | ${escapeMarkdown(change.message)} | ${markdownCodeInCell(change.kind)} |`);
  }
  if (diff.changes.length === 0) lines.push('', 'No changes.');
  return `${lines.join('\n')}\n`;
}

export function renderDiffJson(index: CompatIndex, diff: VersionRangeDiff): string {
  return `${JSON.stringify({ schemaVersion: index.database.schemaVersion, from: diff.from, to: diff.to, changes: diff.changes }, null, 2)}\n`;
}
