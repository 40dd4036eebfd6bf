import type { FeatureRecord } from '../database/compatDatabase.js';
import type { CompatIndex } from '../database/compatIndex.js';
import type { ExplainResult } from '../database/explainFeature.js';
import { changeMessage } from '../diff/changeMessage.js';
import { describeFeature } from '../surface/feature.js';
import { addedText, factsText, versionWithEngine } from './featureText.js';

type Paint = (text: string) => string;
export interface Painter {
  bold: Paint;
  dim: Paint;
  red: Paint;
  yellow: Paint;
  green: Paint;
}

function featureLines(index: CompatIndex, feature: FeatureRecord, paint: Painter): string[] {
  const lines = [paint.bold(describeFeature(feature))];
  const added = !feature.addedIsFloor
    ? versionWithEngine(index, feature.added)
    : feature.added === index.oldestSpec
      ? `${addedText(feature)} (the oldest spec, ${index.oldestSpec}, already has it)`
      : `${addedText(feature)} (first described in ${feature.added}, when the specs gave its parent a schema)`;
  lines.push(`  added       ${added}`);
  lines.push(`  removed     ${feature.removed ? paint.red(`${versionWithEngine(index, feature.removed)}: the first version without it`) : `no (present in ${index.newestSpec})`}`);
  const replacement = feature.replacement ? `; the spec says to use ${feature.replacement} instead` : '';
  lines.push(`  deprecated  ${feature.deprecated ? paint.yellow(`${feature.deprecated}${replacement}`) : 'no'}`);
  if (feature.presence.length > 1) {
    lines.push(`  present     ${feature.presence.map((range) => `${range.from}${range.until ? ` until ${range.until}` : ' on'}`).join(', ')}`);
  }
  const facts = factsText(feature.facts);
  if (facts) lines.push(`  schema      ${facts}`);
  for (const erratum of feature.errata ?? []) {
    const source = erratum.changelogVersion ? `CHANGELOG.md v${erratum.changelogVersion}` : `the v${erratum.referenceVersion} API reference`;
    const specShown = erratum.field === 'added' && erratum.specValue === erratum.correctedValue ? `${erratum.specValue} or earlier` : erratum.specValue ?? 'none';
    const correction =
      erratum.field === 'gap'
        ? `the Swagger specs omit it from ${erratum.specValue}; ${source} shows it never left`
        : `the Swagger specs show ${specShown}; ${source} gives ${erratum.correctedValue ?? 'none'}`;
    lines.push(`  ${paint.yellow('erratum')}     ${erratum.field}: ${correction} (${erratum.note})`);
  }
  if (feature.changes.length > 0) {
    lines.push('  history');
    for (const change of feature.changes) {
      const marker = change.erratum ? paint.dim(' [erratum]') : '';
      lines.push(`    ${change.version.padEnd(5)} ${change.severity.padEnd(16)} ${changeMessage(feature, change.kind, change.from, change.to)}${marker}`);
    }
  }
  return lines;
}

/** Plain-text answer for `explain`. */
export function renderExplainText(index: CompatIndex, result: ExplainResult, paint: Painter): string {
  const blocks: string[][] = [];
  if (result.focused) {
    for (const feature of result.features) blocks.push(featureLines(index, feature, paint));
    const operation = result.operation;
    blocks.push([paint.dim(`endpoint ${operation.method} ${operation.path}: added ${addedText(operation)}${operation.removed ? `, removed ${operation.removed}` : ''}`)]);
  } else {
    blocks.push(featureLines(index, result.operation, paint));
    const parameters = result.features.filter((feature) => ['path', 'query', 'header'].includes(feature.location));
    const lines = ['parameters'];
    for (const parameter of parameters) {
      const state = [
        `added ${addedText(parameter)}`,
        parameter.removed ? `removed ${parameter.removed}` : '',
        parameter.deprecated ? `deprecated ${parameter.deprecated}` : '',
      ].filter(Boolean);
      lines.push(`  ${parameter.location.padEnd(6)} ${parameter.name.padEnd(28)} ${state.join(', ')}`);
    }
    if (parameters.length === 0) lines.push('  none');
    const bodyFields = result.features.filter((feature) => feature.location === 'body').length;
    const responseFields = result.features.filter((feature) => feature.location === 'response' && feature.name !== '').length;
    lines.push(`${bodyFields} request body fields and ${responseFields} response fields; ask for one with --field NAME`);
    blocks.push(lines);
  }
  return `${blocks.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}
