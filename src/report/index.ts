/**
 * `report`: the code's compatibility report (summary, a caniuse-style grid per engine release,
 * call-sites) and the whole-API explorer, as one self-contained HTML page or as Markdown for a
 * pull-request comment. Pure functions of their inputs: no file system, clock or network.
 */
export { buildCodeReport, cellFor, featureLabel, CELL_STATES, type CellState, type CodeReport, type CodeReportInput, type GridCell, type GridGroup, type GridRow } from './codeReport.js';
export { engineColumns, columnName, type EngineColumn } from './engineColumns.js';
export { escapeHtml, escapeMarkdown, jsonForScript, markdownCode, markdownCodeInCell } from './escape.js';
export { renderGrowthChart, type ChartMarks } from './growthChart.js';
export { renderCodeReportHtml, type CodeReportHtmlOptions } from './htmlCodeReport.js';
export { renderExplorerHtml, explorerGroups } from './htmlExplorer.js';
export { CONTENT_SECURITY_POLICY } from './htmlPage.js';
export type { ReportOptions } from './htmlShared.js';
export { renderCodeReportMarkdown, renderExplorerMarkdown, MARKDOWN_LIMIT, type MarkdownReportOptions } from './markdownReport.js';
