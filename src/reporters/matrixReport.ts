import type { CompatDatabase, FeatureRecord } from '../database/compatDatabase.js';
import { serializeDatabase } from '../database/compatDatabase.js';
import { describeFeature } from '../surface/feature.js';
import { addedText } from './featureText.js';

function row(feature: FeatureRecord): string[] {
  return [describeFeature(feature), addedText(feature), feature.removed ?? '', feature.deprecated ?? ''];
}

export function renderMatrixText(features: FeatureRecord[]): string {
  const rows = features.map(row);
  const width = Math.max(7, ...rows.map((cells) => cells[0].length));
  const lines = [`${'feature'.padEnd(width)}  added            removed  deprecated`];
  for (const cells of rows) lines.push(`${cells[0].padEnd(width)}  ${cells[1].padEnd(16)} ${cells[2].padEnd(8)} ${cells[3]}`);
  return `${lines.join('\n')}\n`;
}

export function renderMatrixMarkdown(features: FeatureRecord[]): string {
  const lines = ['| Feature | Added | Removed | Deprecated |', '| --- | --- | --- | --- |'];
  for (const cells of features.map(row)) lines.push(`| ${cells.map((cell) => cell.replace(/\|/g, '\\|') || '-').join(' | ')} |`);
  return `${lines.join('\n')}\n`;
}

export function renderMatrixCsv(features: FeatureRecord[]): string {
  const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const lines = ['method,path,location,status,name,added,added_is_floor,removed,deprecated'];
  for (const feature of features) {
    lines.push(
      [feature.method, feature.path, feature.location, feature.status ?? '', feature.name, feature.added, String(feature.addedIsFloor), feature.removed ?? '', feature.deprecated ?? '']
        .map(quote)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The database, or the part selected, in the same serialisation as `specs/database.json`. */
export function renderMatrixJson(database: CompatDatabase, features: FeatureRecord[]): string {
  return serializeDatabase({ ...database, features });
}
