import type { CompatDatabase, FeatureRecord } from '../database/compatDatabase.js';
import { changeMessage } from '../diff/changeMessage.js';
import { compareFeatureRefs, describeFeature, operationKey } from '../surface/feature.js';
import { addedText } from '../reporters/featureText.js';
import { compareEngineVersions } from '../versions/engineReleases.js';
import { escapeHtml as h } from './escape.js';
import { plural } from '../text.js';
import { footer, growthSection, type ReportOptions } from './htmlShared.js';
import { renderPage } from './htmlPage.js';

/** Every operation with its features, in the database's one order. */
export interface ExplorerGroup {
  operation: FeatureRecord;
  features: FeatureRecord[];
}

export function explorerGroups(database: CompatDatabase): ExplorerGroup[] {
  const groups = new Map<string, ExplorerGroup>();
  const sorted = [...database.features].sort(compareFeatureRefs);
  for (const feature of sorted) {
    const key = operationKey(feature.method, feature.path);
    if (feature.location === 'operation') groups.set(key, { operation: feature, features: groups.get(key)?.features ?? [] });
    else {
      const group = groups.get(key);
      if (group) group.features.push(feature);
      else groups.set(key, { operation: undefined as unknown as FeatureRecord, features: [feature] });
    }
  }
  return [...groups.values()].filter((group) => group.operation !== undefined).sort((a, b) => compareFeatureRefs(a.operation, b.operation));
}

/** `1.52`; `1.40, back in 1.42` for a feature the specs drop and bring back; empty while present. */
export function removedInText(feature: FeatureRecord): string {
  const gaps = feature.presence
    .map((range, index) => (range.until !== null && feature.presence[index + 1] ? `${range.until}, back in ${feature.presence[index + 1].from}` : null))
    .filter((text): text is string => text !== null);
  if (feature.removed) gaps.push(feature.removed);
  return gaps.join('; ');
}

export function whereText(feature: FeatureRecord): string {
  if (feature.location === 'response') return `response ${feature.status ?? ''}`.trim();
  if (feature.location === 'path') return 'path param';
  return feature.location;
}

/** What a change did, without the feature's name: `type changed from string to integer`. */
export function changeText(feature: FeatureRecord, change: FeatureRecord['changes'][number]): string {
  const full = changeMessage(feature, change.kind, change.from, change.to);
  const prefix = `${describeFeature(feature)} `;
  return full.startsWith(prefix) ? full.slice(prefix.length) : full;
}

function history(feature: FeatureRecord): string {
  if (feature.changes.length === 0) return '';
  const items = feature.changes.map(
    (change) =>
      `<li class="${change.severity}">${h(change.version)}: ${h(changeText(feature, change))}${change.severity === 'addition' ? '' : ` (${h(change.severity)})`}${change.erratum ? ' [changelog]' : ''}</li>`,
  );
  return `<details><summary>${plural(feature.changes.length, 'change')}</summary><ol>${items.join('')}</ol></details>`;
}

function deprecatedText(feature: FeatureRecord): string {
  if (!feature.deprecated) return '';
  return feature.replacement ? `${feature.deprecated} (use ${feature.replacement})` : feature.deprecated;
}

function featureRow(feature: FeatureRecord): string {
  const name = feature.name === '' ? (feature.location === 'response' ? '(status)' : '') : feature.name;
  const cells = [
    h(whereText(feature)),
    `<code>${h(name)}</code>`,
    h(feature.facts.type ?? ''),
    h(addedText(feature)),
    h(removedInText(feature)),
    h(deprecatedText(feature)),
    history(feature),
  ];
  return `<tr><td>${cells.join('</td><td>')}</td></tr>`;
}

function operationRow(operation: FeatureRecord): string {
  return (
    `<tr class="oh"><th scope="rowgroup" colspan="3"><span class="m">${h(operation.method)}</span> <code>${h(operation.path)}</code></th>` +
    `<td>${h(addedText(operation))}</td><td>${h(removedInText(operation))}</td><td>${h(deprecatedText(operation))}</td><td>${history(operation)}</td></tr>`
  );
}

/** The whole API as one self-contained page: every endpoint and feature, filterable, with its history. */
export function renderExplorerHtml(database: CompatDatabase, options: ReportOptions = {}): string {
  const groups = explorerGroups(database);
  const featureCount = groups.reduce((sum, group) => sum + 1 + group.features.length, 0);
  const oldest = database.apiVersions[0];
  const newest = database.apiVersions[database.apiVersions.length - 1];
  const title = options.title ?? `Docker Engine API ${oldest} to ${newest}: every endpoint and feature`;
  const header = [
    `<h1>${h(title)}</h1>`,
    `<p class="meta">${plural(groups.length, 'endpoint')} and ${featureCount} features (parameters, body fields, responses) across ${database.apiVersions.length} API versions.</p>`,
    '<form class="filterbar" role="search" action="#">',
    '<label for="filter">Filter</label>',
    '<input id="filter" type="search" autocomplete="off" spellcheck="false" placeholder="e.g. attestations, POST /containers/create, HostConfig.Init" aria-describedby="filter-help filter-count">',
    `<output id="filter-count" for="filter" aria-live="polite">all ${featureCount} features</output>`,
    '<span id="filter-help" class="note">Rows whose endpoint or name contains every word typed; Escape clears.</span>',
    '</form>',
  ].join('\n');
  const engines = [...database.engines].sort((a, b) => compareEngineVersions(a.engine, b.engine));
  const engineRows = engines.map((release) => `<tr><th scope="row">docker ${h(release.engine)}</th><td>${h(release.minApiVersion)}</td><td>${h(release.maxApiVersion)}</td></tr>`);
  // One table per endpoint, each in a section the browser may skip rendering while it is
  // off screen (content-visibility): the page stays quick with thousands of rows.
  const colgroup = '<colgroup><col class="w"><col class="n"><col class="t"><col class="v"><col class="v"><col class="v"><col class="h"></colgroup>';
  const headCells =
    '<th scope="col">Where</th><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Added in</th><th scope="col">Removed in</th><th scope="col">Deprecated in</th><th scope="col">Changes</th>';
  const sections = groups.map((group) => {
    const height = 30 + 26 * (group.features.length + 1);
    return (
      `<section class="op" style="contain-intrinsic-size:auto ${height}px"><table class="ex"><caption class="sr">${h(`${group.operation.method} ${group.operation.path}`)}</caption>` +
      `${colgroup}<thead class="vh"><tr>${headCells}</tr></thead>` +
      `<tbody>${[operationRow(group.operation), ...group.features.map(featureRow)].join('\n')}</tbody></table></section>`
    );
  });
  const main = [
    '<section id="explorer" aria-labelledby="explorer-h"><h2 id="explorer-h">Endpoints and features</h2>',
    `<p>“Added in ${h(oldest)} or earlier” means the oldest spec the database has already lists it; a later version “or earlier”, that the specs ` +
      'first describe the field in that version, when its parent got a schema. “Removed in” is the first API version without it. ' +
      'Each change lists the first API version that shows it; “[changelog]” marks a correction taken from Docker’s changelog where the Swagger files lag.</p>',
    '<div id="explorer-table">',
    `<table class="ex exhead" aria-hidden="true">${colgroup}<thead><tr>${headCells}</tr></thead></table>`,
    sections.join('\n'),
    '</div></section>',
    growthSection(database, {}, 'The Engine API over time'),
    '<section id="engines" aria-labelledby="engines-h"><h2 id="engines-h">Engine releases</h2>',
    `<details><summary>Which API versions each of the ${engines.length} Docker Engine release lines serves</summary>`,
    `<table class="list"><thead><tr><th scope="col">Release line</th><th scope="col">Oldest API</th><th scope="col">Newest API</th></tr></thead><tbody>${engineRows.join('')}</tbody></table>`,
    '</details></section>',
  ].join('\n');
  return renderPage({
    title,
    kind: 'explorer',
    header,
    main,
    footer: footer(database, options),
    data: {
      report: 'explorer',
      features: featureCount,
      labels: { allFeatures: `all ${featureCount} features`, ofFeatures: `of ${featureCount} features match` },
    },
  });
}
