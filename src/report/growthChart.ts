import type { VersionSummary } from '../database/compatDatabase.js';
import { compareApiVersions, type ApiVersion } from '../versions/apiVersion.js';
import { escapeHtml } from './escape.js';

export interface ChartMarks {
  /** A dashed line: the API version the code needs. */
  needs?: ApiVersion | null;
  /** A shaded band: the API versions the targets speak (their newest versions). */
  targetRange?: { from: ApiVersion; to: ApiVersion } | null;
}

const WIDTH = 760;
const LEFT = 52;
const RIGHT = 16;
const GROWTH_TOP = 28;
const GROWTH_BOTTOM = 128;
const CHURN_TOP = 168;
const CHURN_BOTTOM = 268;
const HEIGHT = 300;

function fixed(value: number): string {
  return (Math.round(value * 10) / 10).toFixed(1).replace(/\.0$/, '');
}

/** A round number at or above `value`: 1, 2 or 5 times a power of ten. */
function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/**
 * A small inline SVG of the API per version: features in each spec (growth), and what each
 * version added, removed and broke (churn), from the database's `versions` summaries.
 * Colours come from CSS classes so that print can make them black on white.
 */
export function renderGrowthChart(versions: readonly VersionSummary[], marks: ChartMarks = {}, idPrefix = 'chart'): string {
  const sorted = [...versions].sort((a, b) => compareApiVersions(a.version, b.version));
  if (sorted.length === 0) return '';
  const step = (WIDTH - LEFT - RIGHT) / sorted.length;
  const center = (position: number) => LEFT + step * (position + 0.5);
  const positionOf = (version: ApiVersion) => {
    const found = sorted.findIndex((entry) => entry.version === version);
    if (found !== -1) return found;
    // Outside the specs: clamp to the nearest end.
    return compareApiVersions(version, sorted[0].version) < 0 ? 0 : sorted.length - 1;
  };
  const featureMax = niceCeiling(Math.max(...sorted.map((entry) => entry.features)));
  const churnMax = niceCeiling(Math.max(1, ...sorted.flatMap((entry) => [entry.added, entry.removed, entry.breaking])));
  const growthY = (value: number) => GROWTH_BOTTOM - ((GROWTH_BOTTOM - GROWTH_TOP) * value) / featureMax;
  const churnY = (value: number) => CHURN_BOTTOM - ((CHURN_BOTTOM - CHURN_TOP) * value) / churnMax;

  const parts: string[] = [];
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const busiest = [...sorted].sort((a, b) => b.removed + b.breaking - (a.removed + a.breaking) || compareApiVersions(a.version, b.version))[0];
  const description =
    `Features per API version grow from ${first.features} in ${first.version} to ${last.features} in ${last.version}. ` +
    `The most churn: ${busiest.version}, with ${busiest.added} additions, ${busiest.removed} removals and ${busiest.breaking} breaking changes.` +
    (marks.needs ? ` The dashed line marks API ${marks.needs}, which the code needs.` : '') +
    (marks.targetRange ? ` The shaded band marks the targets, API ${marks.targetRange.from} to ${marks.targetRange.to}.` : '');
  parts.push(
    `<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-labelledby="${idPrefix}-t ${idPrefix}-d" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="${idPrefix}-t">The Engine API per version: size and churn</title>`,
    `<desc id="${idPrefix}-d">${escapeHtml(description)}</desc>`,
  );
  if (marks.targetRange) {
    const from = positionOf(marks.targetRange.from);
    const to = positionOf(marks.targetRange.to);
    const x = LEFT + step * Math.min(from, to);
    parts.push(`<rect class="ch-band" x="${fixed(x)}" y="${GROWTH_TOP - 8}" width="${fixed(step * (Math.abs(to - from) + 1))}" height="${CHURN_BOTTOM - GROWTH_TOP + 8}"/>`);
    parts.push(`<text class="ch-note" x="${fixed(x + 2)}" y="${GROWTH_TOP - 12}">targets</text>`);
  }
  // Axes and gridlines.
  for (const fraction of [0, 0.5, 1]) {
    const value = featureMax * fraction;
    const y = growthY(value);
    parts.push(`<line class="ch-grid" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${fixed(y)}" y2="${fixed(y)}"/>`);
    parts.push(`<text class="ch-tick" x="${LEFT - 4}" y="${fixed(y + 3)}" text-anchor="end">${Math.round(value)}</text>`);
  }
  for (const fraction of [0, 0.5, 1]) {
    const value = churnMax * fraction;
    const y = churnY(value);
    parts.push(`<line class="ch-grid" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${fixed(y)}" y2="${fixed(y)}"/>`);
    parts.push(`<text class="ch-tick" x="${LEFT - 4}" y="${fixed(y + 3)}" text-anchor="end">${Math.round(value)}</text>`);
  }
  parts.push(`<text class="ch-label" x="${LEFT}" y="${GROWTH_TOP - 14}">Features per version</text>`);
  parts.push(`<text class="ch-label" x="${LEFT}" y="${CHURN_TOP - 14}">Changes per version:</text>`);
  const legend: Array<[string, string]> = [
    ['ch-add', 'added'],
    ['ch-rem', 'removed'],
    ['ch-brk', 'breaking'],
  ];
  legend.forEach(([kind, label], position) => {
    const x = LEFT + 150 + position * 90;
    parts.push(`<rect class="${kind}" x="${x}" y="${CHURN_TOP - 22}" width="10" height="10"/><text class="ch-label" x="${x + 14}" y="${CHURN_TOP - 14}">${label}</text>`);
  });

  // Growth: an area under a line.
  const points = sorted.map((entry, position) => `${fixed(center(position))},${fixed(growthY(entry.features))}`);
  parts.push(`<polygon class="ch-area" points="${fixed(center(0))},${GROWTH_BOTTOM} ${points.join(' ')} ${fixed(center(sorted.length - 1))},${GROWTH_BOTTOM}"/>`);
  parts.push(`<polyline class="ch-line" points="${points.join(' ')}"/>`);

  // Churn: three thin bars per version, each version a group with a tooltip.
  const bar = Math.max(1, step / 4);
  sorted.forEach((entry, position) => {
    const x = center(position) - bar * 1.5;
    const tip = `API ${entry.version}: ${entry.features} features, ${entry.operations} endpoints; ${entry.added} added, ${entry.removed} removed, ${entry.breaking} breaking, ${entry.behaviourChanges} behaviour changes, ${entry.deprecations} deprecations`;
    const bars = ([['ch-add', entry.added], ['ch-rem', entry.removed], ['ch-brk', entry.breaking]] as Array<[string, number]>)
      .map(([kind, value], offset) => {
        const y = churnY(value);
        return value > 0 ? `<rect class="${kind}" x="${fixed(x + offset * bar)}" y="${fixed(y)}" width="${fixed(bar)}" height="${fixed(CHURN_BOTTOM - y)}"/>` : '';
      })
      .join('');
    parts.push(
      `<g><title>${escapeHtml(tip)}</title><rect class="ch-hit" x="${fixed(LEFT + step * position)}" y="${GROWTH_TOP}" width="${fixed(step)}" height="${CHURN_BOTTOM - GROWTH_TOP}"/>` +
        `<circle class="ch-dot" cx="${fixed(center(position))}" cy="${fixed(growthY(entry.features))}" r="2"/>${bars}</g>`,
    );
  });
  parts.push(`<line class="ch-axis" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${GROWTH_BOTTOM}" y2="${GROWTH_BOTTOM}"/>`);
  parts.push(`<line class="ch-axis" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${CHURN_BOTTOM}" y2="${CHURN_BOTTOM}"/>`);
  sorted.forEach((entry, position) => {
    if (position % 5 !== 0 && position !== sorted.length - 1) return;
    parts.push(`<text class="ch-tick" x="${fixed(center(position))}" y="${CHURN_BOTTOM + 14}" text-anchor="middle">${escapeHtml(entry.version)}</text>`);
  });
  parts.push(`<text class="ch-tick" x="${fixed((LEFT + WIDTH - RIGHT) / 2)}" y="${HEIGHT - 4}" text-anchor="middle">API version</text>`);
  if (marks.needs) {
    const x = center(positionOf(marks.needs));
    parts.push(`<line class="ch-mark" x1="${fixed(x)}" x2="${fixed(x)}" y1="${GROWTH_TOP - 4}" y2="${CHURN_BOTTOM}"/>`);
    parts.push(`<text class="ch-note" x="${fixed(x + 3)}" y="${GROWTH_BOTTOM + 14}">needs ${escapeHtml(marks.needs)}</text>`);
  }
  parts.push('</svg>');
  return parts.join('');
}
