import { createHash } from 'node:crypto';
import { escapeHtml, jsonForScript } from './escape.js';

/**
 * The page around a report: one self-contained HTML file. Styles and the one script are
 * inline; data for the script is JSON in a `<script type="application/json">` element read
 * with JSON.parse; a Content-Security-Policy forbids every network request, inline event
 * handlers and any script but this one (by its hash).
 */
export interface PageParts {
  title: string;
  /** Escaped HTML of the page header (h1 and anything beside it). */
  header: string;
  /** Escaped HTML of the main content. */
  main: string;
  /** Escaped HTML of the footer. */
  footer: string;
  /** Data for the script. */
  data: unknown;
  /** `code` or `explorer`: a class on <body>. */
  kind: 'code' | 'explorer';
}

const STYLE = `
:root{color-scheme:light;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#fff;--head:#f6f8fa;--ok:#1a7f37;--ok-bg:#dafbe1;--no:#cf222e;--no-bg:#ffebe9;--dep:#9a6700;--dep-bg:#fff8c5;--rem:#6e40c9;--rem-bg:#fbefff;--unk:#57606a;--unk-bg:#eaeef2;--focus:#0969da;--tgt:#0969da}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans","DejaVu Sans",sans-serif;color:var(--fg);background:var(--bg)}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono","DejaVu Sans Mono",monospace;font-size:12.5px;overflow-wrap:anywhere}
header.top{padding:12px 24px;border-bottom:1px solid var(--line);background:var(--head)}
body.explorer header.top{position:sticky;top:0;z-index:5}
h1{font-size:20px;margin:0 0 4px}
h2{font-size:17px;margin:28px 0 8px}
h3{font-size:15px;margin:18px 0 6px}
main{padding:0 24px 24px}
footer{padding:12px 24px;color:var(--muted);border-top:1px solid var(--line);font-size:12px}
a{color:var(--focus)}
:focus-visible{outline:3px solid var(--focus);outline-offset:1px}
.meta{color:var(--muted);margin:0}
.sr{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
table{border-collapse:collapse}
th,td{border:1px solid var(--line);padding:3px 6px;text-align:left;vertical-align:top}
thead th{background:var(--head)}
dl.summary{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:8px 0}
dl.summary dt{font-weight:600}
dl.summary dd{margin:0}
.big{font-size:18px;font-weight:700}
.sev-error{color:var(--no);font-weight:600}
.sev-warning{color:var(--dep);font-weight:600}
.sev-info{color:var(--muted);font-weight:600}
.legend{display:flex;flex-wrap:wrap;gap:6px 16px;margin:6px 0;padding:0;list-style:none}
.legend li{display:flex;gap:6px;align-items:center}
.sym{display:inline-block;min-width:1.6em;text-align:center;border-radius:3px;font-weight:700}
.supported{color:var(--ok);background:var(--ok-bg)}
.unsupported{color:var(--no);background:var(--no-bg)}
.deprecated{color:var(--dep);background:var(--dep-bg)}
.removed{color:var(--rem);background:var(--rem-bg)}
.unknown{color:var(--unk);background:var(--unk-bg)}
.scroll{overflow:auto;max-height:80vh;border:1px solid var(--line)}
table.grid{border:0}
table.grid th,table.grid td{border-width:0 1px 1px 0}
table.grid thead th{position:sticky;top:0;z-index:2;text-align:center;font-weight:600;white-space:nowrap;font-size:12px}
table.grid thead th small{display:block;font-weight:400;color:var(--muted)}
table.grid th[scope=row]{position:sticky;left:0;z-index:1;background:var(--bg);min-width:16em;max-width:30em;font-weight:400}
table.grid thead th.corner{left:0;z-index:3;text-align:left}
table.grid tr.op th[scope=row]{background:var(--head);font-weight:600}
table.grid tr.fld th[scope=row]{padding-left:22px}
table.grid td.c{text-align:center;padding:3px 2px;min-width:2.6em;cursor:default;font-weight:700}
td.c.supported::before{content:"✓";content:"✓" / ""}
td.c.unsupported::before{content:"✗";content:"✗" / ""}
td.c.deprecated::before{content:"!";content:"!" / ""}
td.c.removed::before{content:"⊘";content:"⊘" / ""}
td.c.unknown::before{content:"?";content:"?" / ""}
table.grid th.tgt{box-shadow:inset 0 -3px 0 var(--tgt)}
table.grid td.tgt{box-shadow:inset 3px 0 0 -2px var(--tgt),inset -3px 0 0 -2px var(--tgt)}
table.grid .tmark{color:var(--tgt);font-weight:700}
table.grid:not(.all) .old{display:none}
.loc{color:var(--muted);font-size:12px}
.at{display:block;color:var(--muted);font-size:12px;font-weight:400}
.pin{font-weight:400;color:var(--muted);margin-left:6px}
.why{position:sticky;bottom:0;z-index:4;background:var(--head);border:1px solid var(--line);padding:6px 10px;margin:6px 0 0;min-height:2.2em}
button{font:inherit;padding:3px 10px;border:1px solid var(--line);border-radius:6px;background:var(--head);cursor:pointer}
table.list{width:100%}
table.list td{font-size:13px}
#callsites table.list td:nth-child(1){min-width:13em}
#callsites table.list td:nth-child(2){min-width:17em}
.note{color:var(--muted)}
ul.plain{margin:4px 0;padding-left:18px}
.chart{max-width:100%;height:auto;display:block;margin:8px 0}
.chart .ch-grid{stroke:#eaeef2}
.chart .ch-axis{stroke:#8c959f}
.chart .ch-area{fill:#ddf4ff}
.chart .ch-line{fill:none;stroke:#0969da;stroke-width:2}
.chart .ch-dot{fill:#0969da}
.chart .ch-add{fill:#2da44e}
.chart .ch-rem{fill:#cf222e}
.chart .ch-brk{fill:#1b1f24}
.chart .ch-band{fill:#fff8c5}
.chart .ch-mark{stroke:#9a6700;stroke-width:1.5;stroke-dasharray:4 3}
.chart .ch-hit{fill:transparent}
.chart g:hover .ch-hit{fill:#f6f8fa}
.chart text{font-size:10px;fill:#57606a}
.chart .ch-label{font-size:11px;fill:#1b1f24}
.chart .ch-note{fill:#9a6700}
.filterbar{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:center;margin-top:8px}
.filterbar input{font:inherit;padding:4px 8px;width:min(32em,90vw);border:1px solid #8c959f;border-radius:6px}
table.ex{width:100%;table-layout:fixed;margin:0}
table.exhead{position:sticky;top:var(--head-height,0);z-index:3}
section.op{content-visibility:auto;border-top:2px solid #8c959f}
table.ex thead.vh th{padding:0;border:0;height:0;font-size:0;line-height:0}
table.ex col.w{width:9em}
table.ex col.n{width:auto}
table.ex col.t{width:9em}
table.ex col.v{width:8.5em}
table.ex col.h{width:13em}
table.ex tr.oh th{background:var(--head);font-weight:600}
table.ex td,table.ex th{font-size:13px}
table.ex td:nth-child(1),table.ex td:nth-child(4),table.ex td:nth-child(5){white-space:nowrap}
table.ex details ol{margin:2px 0;padding-left:18px}
table.ex li.breaking{color:var(--no)}
table.ex li.deprecation{color:var(--dep)}
summary{cursor:pointer}
.m{display:inline-block;min-width:4.2em;font-weight:700}
@media print{
  :root{--fg:#000;--muted:#000;--line:#000;--bg:#fff;--head:#fff}
  body,*{color:#000 !important;background:#fff !important;box-shadow:none !important}
  header.top,body.explorer header.top,table.grid thead th,table.grid th[scope=row],.why{position:static !important}
  .scroll{overflow:visible;max-height:none;border:0}
  section.op{content-visibility:visible}
  table.exhead{position:static}
  .filterbar,#toggle-columns,.why,.noprint{display:none !important}
  details>summary{list-style:none}
  details::details-content{content-visibility:visible;display:contents}
  table.grid th.tgt{border-bottom:3px double #000}
  a{text-decoration:none}
  .chart .ch-area,.chart .ch-band{fill:#eee !important}
  .chart .ch-line{stroke:#000}
  .chart .ch-dot,.chart .ch-brk{fill:#000}
  .chart .ch-add{fill:#888}
  .chart .ch-rem{fill:#fff;stroke:#000}
  .chart text{fill:#000}
  .chart .ch-mark{stroke:#000}
  tr,li{break-inside:avoid}
}
`;

/**
 * The script: the grid's column toggle and keyboard navigation, the explorer's filter,
 * and opening every <details> for printing. It reads its data with JSON.parse and writes
 * only textContent and attributes: nothing it handles becomes markup.
 */
const SCRIPT = `
(function () {
  'use strict';
  var dataElement = document.getElementById('report-data');
  var data = dataElement ? JSON.parse(dataElement.textContent) : {};
  var labels = data.labels || {};
  function visible(element) { return element.getClientRects().length > 0; }

  var grid = document.getElementById('grid');
  var why = document.getElementById('why');
  var toggle = document.getElementById('toggle-columns');
  if (grid) {
    var rows = Array.prototype.slice.call(grid.querySelectorAll('tbody tr'));
    var show = function (cell) { if (why && cell) why.textContent = cell.getAttribute('title') || ''; };
    var cellsOf = function (row) { return Array.prototype.slice.call(row.querySelectorAll('td.c')); };
    var current = function () { return grid.querySelector('td.c[tabindex="0"]'); };
    var moveTo = function (from, to) {
      if (!to) return;
      if (from) from.setAttribute('tabindex', '-1');
      to.setAttribute('tabindex', '0');
      to.focus();
    };
    var firstVisible = function (row, reverse) {
      var cells = cellsOf(row);
      if (reverse) cells.reverse();
      for (var i = 0; i < cells.length; i++) if (visible(cells[i])) return cells[i];
      return null;
    };
    grid.addEventListener('keydown', function (event) {
      var cell = event.target.closest ? event.target.closest('td.c') : null;
      if (!cell) return;
      var row = cell.parentElement;
      var cells = cellsOf(row);
      var column = cells.indexOf(cell);
      var target = null;
      var i;
      if (event.key === 'ArrowRight') { for (i = column + 1; i < cells.length && !target; i++) if (visible(cells[i])) target = cells[i]; }
      else if (event.key === 'ArrowLeft') { for (i = column - 1; i >= 0 && !target; i--) if (visible(cells[i])) target = cells[i]; }
      else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        var at = rows.indexOf(row);
        var direction = event.key === 'ArrowDown' ? 1 : -1;
        for (i = at + direction; i >= 0 && i < rows.length && !target; i += direction) {
          var candidate = cellsOf(rows[i])[column];
          if (candidate && visible(candidate)) target = candidate;
        }
      }
      else if (event.key === 'Home') target = firstVisible(row, false);
      else if (event.key === 'End') target = firstVisible(row, true);
      else return;
      event.preventDefault();
      moveTo(cell, target);
    });
    grid.addEventListener('focusin', function (event) { show(event.target.closest ? event.target.closest('td.c') : null); });
    grid.addEventListener('mouseover', function (event) { var cell = event.target.closest ? event.target.closest('td.c') : null; if (cell) show(cell); });
    if (toggle) {
      toggle.hidden = false;
      toggle.addEventListener('click', function () {
        var all = grid.classList.toggle('all');
        toggle.setAttribute('aria-pressed', all ? 'true' : 'false');
        toggle.textContent = all ? labels.fewerColumns : labels.allColumns;
        var note = document.getElementById('hidden-note');
        if (note) note.hidden = all;
        var active = current();
        if (active && !visible(active)) {
          var next = firstVisible(active.parentElement, false);
          if (next) { active.setAttribute('tabindex', '-1'); next.setAttribute('tabindex', '0'); }
        }
      });
    }
  }

  var filter = document.getElementById('filter');
  var table = document.getElementById('explorer-table');
  var count = document.getElementById('filter-count');
  if (filter && table) {
    var groups = Array.prototype.map.call(table.querySelectorAll('section.op'), function (section) {
      var all = Array.prototype.slice.call(section.querySelector('tbody').rows);
      var head = all[0];
      var operation = head.cells[0].textContent.toLowerCase();
      return {
        body: section,
        operation: operation,
        rows: all.slice(1).map(function (row) {
          return { row: row, text: operation + ' ' + row.cells[0].textContent.toLowerCase() + ' ' + row.cells[1].textContent.toLowerCase() };
        })
      };
    });
    var total = data.features || 0;
    var apply = function () {
      var tokens = filter.value.toLowerCase().split(/\\s+/).filter(Boolean);
      var matches = function (text) { for (var t = 0; t < tokens.length; t++) if (text.indexOf(tokens[t]) === -1) return false; return true; };
      var shown = 0;
      groups.forEach(function (group) {
        var whole = matches(group.operation);
        var any = whole;
        if (whole) shown++;
        group.rows.forEach(function (entry) {
          var ok = whole || matches(entry.text);
          if (entry.row.hidden === ok) entry.row.hidden = !ok;
          if (ok) { any = true; shown++; }
        });
        if (group.body.hidden === any) group.body.hidden = !any;
      });
      if (count) count.textContent = tokens.length === 0 ? (labels.allFeatures || '') : shown + ' ' + (labels.ofFeatures || '');
    };
    var header = document.querySelector('header.top');
    var place = function () { document.documentElement.style.setProperty('--head-height', (header ? header.offsetHeight : 0) + 'px'); };
    place();
    window.addEventListener('resize', place);
    filter.addEventListener('input', apply);
    filter.addEventListener('keydown', function (event) { if (event.key === 'Escape') { filter.value = ''; apply(); } });
    filter.form && filter.form.addEventListener('submit', function (event) { event.preventDefault(); });
    if (filter.value) apply();
  }

  var opened = [];
  window.addEventListener('beforeprint', function () {
    opened = Array.prototype.filter.call(document.querySelectorAll('details:not([open])'), function (element) { element.open = true; return true; });
  });
  window.addEventListener('afterprint', function () {
    opened.forEach(function (element) { element.open = false; });
    opened = [];
  });
})();
`;

const SCRIPT_HASH = createHash('sha256').update(SCRIPT, 'utf8').digest('base64');

/** The Content-Security-Policy of every report page. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  `script-src 'sha256-${SCRIPT_HASH}'`,
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export function renderPage(parts: PageParts): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(CONTENT_SECURITY_POLICY)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(parts.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    `<body class="${parts.kind}">`,
    `<header class="top">${parts.header}</header>`,
    `<main>${parts.main}</main>`,
    `<footer>${parts.footer}</footer>`,
    `<script type="application/json" id="report-data">${jsonForScript(parts.data)}</script>`,
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
