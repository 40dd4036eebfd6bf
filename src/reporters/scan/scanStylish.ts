import type { ScanUsage } from '../../analyser/matchUsages.js';
import type { ScanResult } from '../../analyser/scanProject.js';
import type { Painter } from '../explainReport.js';
import { plural } from '../../text.js';

function requirement(usage: ScanUsage): string {
  if (!usage.minVersion) return 'needs ?';
  return usage.minVersionIsFloor ? `needs ${usage.minVersion} or earlier` : `needs ${usage.minVersion}`;
}

function pinText(usage: ScanUsage): string {
  return usage.pinnedVersion ? `pinned ${usage.pinnedVersion}` : 'unpinned';
}

function detailLines(usage: ScanUsage, paint: Painter): string[] {
  const lines: string[] = [];
  if (usage.minVersionReason && !usage.minVersionIsFloor && usage.minVersionReason.feature !== `${usage.method} ${usage.path}`) {
    lines.push(paint.dim(`because of ${usage.minVersionReason.feature} (added in ${usage.minVersionReason.added})`));
  }
  for (const feature of usage.removed) lines.push(paint.red(`uses ${describe(feature)}, removed in ${feature.removed}`));
  for (const feature of usage.deprecated.filter((entry) => entry.removed === null)) {
    lines.push(paint.yellow(`uses ${describe(feature)}, deprecated in ${feature.deprecated}${feature.replacement ? ` (use ${feature.replacement})` : ''}`));
  }
  const unknown = [
    ...usage.unknown.query.map((name) => `query parameter ${name}`),
    ...usage.unknown.headers.map((name) => `header ${name}`),
    ...usage.unknown.body.map((name) => `body field ${name}`),
    ...usage.unknown.response.map((name) => `response field ${name}`),
  ];
  if (!usage.endpointKnown && usage.path && usage.method) lines.push(paint.red(`${usage.method} ${usage.path} is in no API version`));
  for (const name of unknown) lines.push(paint.red(`${name} is in no API version of this endpoint`));
  for (const note of usage.notes) lines.push(paint.yellow(note));
  if (usage.dynamic.length > 0) lines.push(paint.dim(`dynamic: ${usage.dynamic.join('; ')}`));
  return lines;
}

function describe(feature: ScanUsage['removed'][number]): string {
  if (feature.location === 'operation') return `${feature.method} ${feature.path}`;
  return `${feature.location === 'response' ? 'response field' : feature.location === 'body' ? 'body field' : `${feature.location} parameter`} ${feature.name}`;
}

/** eslint-style text: one block per file, one line per call-site, then the project summary. */
export function renderScanStylish(result: ScanResult, paint: Painter): string {
  const out: string[] = [];
  const byFile = new Map<string, ScanUsage[]>();
  for (const usage of result.usages) byFile.set(usage.file, [...(byFile.get(usage.file) ?? []), usage]);
  for (const [file, usages] of byFile) {
    out.push(paint.bold(file));
    for (const usage of usages) {
      const endpoint = usage.method && usage.path ? `${usage.method} ${usage.path}` : `${usage.method ?? '?'} ${usage.path ?? '(dynamic path)'}`;
      out.push(`  ${`${usage.line}:${usage.column}`.padEnd(8)} ${endpoint.padEnd(36)} ${requirement(usage).padEnd(22)} ${pinText(usage).padEnd(13)} ${paint.dim(`${usage.client} ${usage.via}`)}`);
      for (const line of detailLines(usage, paint)) out.push(`  ${' '.repeat(8)} ${line}`);
    }
    out.push('');
  }
  if (result.cliInvocations.length > 0) {
    out.push(paint.bold('docker CLI invocations (not API calls; the CLI negotiates its own version)'));
    for (const invocation of result.cliInvocations) out.push(`  ${invocation.file}:${invocation.line}:${invocation.column}  ${invocation.command}`);
    out.push('');
  }
  if (result.versionSettings.length > 0) {
    out.push(paint.bold('DOCKER_API_VERSION settings'));
    for (const setting of result.versionSettings) out.push(`  ${setting.file}:${setting.line}:${setting.column}  ${setting.version ?? setting.raw}`);
    out.push('');
  }
  for (const note of result.notes) out.push(paint.dim(`${note.kind}: ${note.file}${note.line ? `:${note.line}` : ''}: ${note.message}`));
  if (result.notes.length > 0) out.push('');
  out.push(summaryLine(result, paint));
  return `${out.join('\n')}\n`;
}

function summaryLine(result: ScanResult, paint: Painter): string {
  const { summary } = result;
  const calls = `${plural(summary.usages, 'Engine API call')} in ${plural(new Set(result.usages.map((usage) => usage.file)).size, 'file')} (${summary.files} scanned)`;
  const dynamic = summary.dynamicUsages > 0 ? `, ${summary.dynamicUsages} with parts that could not be resolved` : '';
  if (!summary.minApiVersion) return `${calls}${dynamic}.`;
  const engine = summary.minEngine ? ` (docker ${summary.minEngine}${summary.minApiVersionIsFloor ? ' or earlier' : ''})` : '';
  const version = summary.minApiVersionIsFloor ? `${summary.minApiVersion} or earlier` : summary.minApiVersion;
  const setBy = summary.setBy.length > 0 ? `, set by ${summary.setBy.slice(0, 3).map((at) => `${at.file}:${at.line}`).join(', ')}${summary.setBy.length > 3 ? ` and ${summary.setBy.length - 3} more` : ''}` : '';
  return `${calls}${dynamic}.\n${paint.bold(`The code needs API ${version}${engine}`)}${setBy}.`;
}
