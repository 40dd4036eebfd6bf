/**
 * The report pages in a real headless Chromium (Debian's /usr/bin/chromium, driven by
 * playwright-core): no request but the page itself, no console error, the grid's cells,
 * the explorer's filter, the keyboard, and hostile strings from the code shown as text.
 * Screenshots go to test/.tmp/report-*.png for review.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDatabase } from '../../src/database/compatDatabase.js';
import { REPO_ROOT, runCli } from '../helpers/runCli.js';
import { Browser, HAVE_CHROMIUM, NO_CHROMIUM_REASON, type OpenedReport } from './browser.js';

const TMP = join(REPO_ROOT, 'test', '.tmp');
const DEPLOY_HTML = join(TMP, 'report-deploy-tool.html');
const EXPLORER_HTML = join(TMP, 'report-explorer.html');
const XSS_HTML = join(TMP, 'report-xss.html');

if (!HAVE_CHROMIUM) console.warn(`skipping the report's browser tests: ${NO_CHROMIUM_REASON}`);

function generate(args: string[], cwd: string): void {
  const result = runCli(args, { cwd });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
}

/** Opens, checks the page stayed offline and quiet, and hands the page to `check`. */
async function withPage(browser: Browser, file: string, check: (opened: OpenedReport) => Promise<void>): Promise<void> {
  const opened = await browser.open(file);
  try {
    await check(opened);
    expect(opened.foreignRequests).toEqual([]);
    expect(opened.errors).toEqual([]);
    expect(opened.dialogs).toEqual([]);
  } finally {
    await opened.page.close();
  }
}

interface CellInfo {
  state: string;
  title: string;
  description: string;
}

describe.skipIf(!HAVE_CHROMIUM)('the report in headless Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(TMP, { recursive: true });
    generate(['report', '.', '--output', DEPLOY_HTML], join(REPO_ROOT, 'examples', 'deploy-tool'));
    generate(['report', '--output', EXPLORER_HTML], REPO_ROOT);
    generate(['report', '.', '--output', XSS_HTML], join(REPO_ROOT, 'test', 'fixtures', 'report', 'xss'));
    browser = await Browser.launch();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("the code's report: the grid computes each cell for what the call speaks on that engine", async () => {
    await withPage(browser, DEPLOY_HTML, async ({ page }) => {
      /** The cell of a row (by its header text) under a column (by its label) in the group of an operation. */
      const cell = (operation: string, row: string | null, column: string) =>
        page.evaluate(
          ({ operation, row, column }) => {
            const grid = document.getElementById('grid') as HTMLTableElement;
            const headers = [...grid.tHead!.rows[0].cells].map((th) => th.firstChild!.textContent!.trim());
            const index = headers.indexOf(column);
            if (index === -1) throw new Error(`no column ${column}: ${headers.join(', ')}`);
            const group = [...grid.tBodies].find((body) => body.rows[0].cells[0].textContent!.replace(/\s+/g, ' ').includes(operation));
            if (!group) throw new Error(`no group ${operation}`);
            const tr = row === null ? group.rows[0] : [...group.rows].find((candidate) => candidate.cells[0].textContent!.replace(/\s+/g, ' ').trim() === row);
            if (!tr) throw new Error(`no row ${row} under ${operation}`);
            const td = tr.cells[index] as HTMLTableCellElement;
            const described = document.getElementById(td.getAttribute('aria-describedby')!);
            const state = ['supported', 'unsupported', 'deprecated', 'removed', 'unknown'].find((name) => td.classList.contains(name))!;
            return { state, title: td.title, description: described?.textContent ?? '' };
          },
          { operation, row, column },
        ) as Promise<CellInfo>;

      // The example pins 1.41 (new Docker({ version: 'v1.41' })): HostConfig.Annotations (API 1.43)
      // is never sent at 1.41, whatever the engine; docker 29.0 and 29.1 refuse 1.41 outright.
      const pinned = 'POST /containers/create pinned 1.41';
      for (const column of ['20.10', '23.0', '24.0', '25.0', '29.3–29.5']) {
        const annotations = await cell(pinned, 'body HostConfig.Annotations', column);
        expect(annotations.state, column).toBe('unsupported');
        expect(annotations.title).toMatch(/added in API 1\.43; the call is pinned to 1\.41/);
      }
      const refused = await cell(pinned, 'body HostConfig.Annotations', '29.0–29.1');
      expect(refused.state).toBe('unsupported');
      expect(refused.title).toMatch(/^docker 29\.0 to 29\.1: unsupported: API 1\.41, this call's pin, is refused \(accepted: 1\.44 to 1\.52\)/);
      expect((await cell(pinned, null, '29.0–29.1')).state).toBe('unsupported');
      expect((await cell(pinned, null, '28.0')).state).toBe('supported');
      expect((await cell(pinned, 'body HostConfig.Init', '24.0')).state).toBe('supported');
      // The accessible description names the field and says why, for screen readers.
      expect((await cell(pinned, 'body HostConfig.Annotations', '24.0')).description).toBe(
        'unsupported: body field HostConfig.Annotations; added in API 1.43; the call is pinned to 1.41',
      );

      // The sidecar's client is unpinned: it speaks each engine's newest version.
      const unpinned = 'POST /containers/create unpinned';
      expect((await cell(unpinned, 'body MacAddress', '24.0')).state).toBe('supported');
      const deprecated = await cell(unpinned, 'body MacAddress', '25.0');
      expect(deprecated.state).toBe('deprecated');
      expect(deprecated.title).toContain('use EndpointSettings.MacAddress');
      const removed = await cell(unpinned, 'body MacAddress', '29.0–29.1');
      expect(removed.state).toBe('removed');
      expect(removed.title).toBe("docker 29.0 to 29.1: removed: in API 1.52; unpinned, the call speaks the engine's newest, 1.52");
      expect((await cell('GET /containers/{id}/json unpinned', 'response 200 NetworkSettings.IPAddress', '29.3–29.5')).state).toBe('removed');
      expect((await cell('POST /containers/{id}/stop pinned 1.41', 'query signal', '23.0')).state).toBe('unsupported');

      // The grid's rows: every endpoint the example calls, once per way it speaks.
      const groups = await page.$$eval('#grid tbody tr.op th', (cells) => cells.map((th) => th.querySelector('code')!.textContent + ' ' + th.querySelector('.pin')!.textContent));
      expect(groups).toEqual([
        'POST /containers/create pinned 1.41, 1 call-site',
        'POST /containers/create unpinned, 1 call-site',
        'GET /containers/json pinned 1.41, 1 call-site',
        'GET /containers/json unpinned, 1 call-site',
        'DELETE /containers/{id} pinned 1.41, 1 call-site',
        'DELETE /containers/{id} unpinned, 1 call-site',
        'GET /containers/{id}/json unpinned, 2 call-sites',
        'POST /containers/{id}/start pinned 1.41, 1 call-site',
        'POST /containers/{id}/start unpinned, 1 call-site',
        'POST /containers/{id}/stop pinned 1.41, 1 call-site',
      ]);

      // The default targets (maintained: docker 28.x and 29.x) are marked.
      const targeted = await page.$$eval('#grid thead th.tgt', (cells) => cells.map((th) => th.firstChild!.textContent!.trim()));
      expect(targeted).toEqual(['28.0', '28.1', '28.2', '28.3–28.5', '29.0–29.1', '29.2', '29.3–29.5']);

      // Summary and call-sites.
      const summary = await page.textContent('#summary');
      expect(summary).toContain('API 1.43 — docker 24.0 or newer');
      expect(summary).toContain('src/deploy.ts:6');
      expect(await page.textContent('#callsites')).toContain('src/status.ts:27');
      await page.screenshot({ path: join(TMP, 'report-deploy-tool.png'), fullPage: false });
    });
  });

  it("the code's report: keyboard — the grid takes focus, arrow keys move, the reason shows", async () => {
    await withPage(browser, DEPLOY_HTML, async ({ page }) => {
      const hiddenBefore = await page.$$eval('#grid thead th.old', (cells) => cells.filter((th) => th.getClientRects().length === 0).length);
      expect(hiddenBefore).toBeGreaterThan(0);
      // Tab through the page: the toggle button, then the grid (one stop), in that order.
      const stops: string[] = [];
      for (let press = 0; press < 10 && !stops.includes('TD'); press++) {
        await page.keyboard.press('Tab');
        stops.push(await page.evaluate(() => document.activeElement!.tagName));
      }
      expect(stops).toContain('BUTTON');
      expect(stops[stops.length - 1]).toBe('TD');
      const first = await page.evaluate(() => (document.activeElement as HTMLElement).title);
      expect(await page.textContent('#why')).toBe(first);
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
      expect(outline).not.toBe('none');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowDown');
      const moved = await page.evaluate(() => {
        const active = document.activeElement as HTMLTableCellElement;
        return { title: active.title, row: (active.parentElement as HTMLTableRowElement).cells[0].textContent, tabindex: active.getAttribute('tabindex') };
      });
      expect(moved.title).not.toBe(first);
      expect(moved.row).toContain('query name');
      expect(moved.tabindex).toBe('0');
      expect(await page.textContent('#why')).toBe(moved.title);
      expect(await page.$$eval('#grid td.c[tabindex="0"]', (cells) => cells.length)).toBe(1);
      // The toggle shows every release line.
      await page.click('#toggle-columns');
      const hiddenAfter = await page.$$eval('#grid thead th', (cells) => cells.filter((th) => th.getClientRects().length === 0).length);
      expect(hiddenAfter).toBe(0);
      expect(await page.getAttribute('#toggle-columns', 'aria-pressed')).toBe('true');
    });
  });

  it('the explorer: the filter box narrows the rows, keyboard first', async () => {
    await withPage(browser, EXPLORER_HTML, async ({ page }) => {
      const all = await page.$$eval('#explorer-table tbody', (bodies) => bodies.length);
      expect(all).toBe(108);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement!.id)).toBe('filter');
      await page.keyboard.type('attestations');
      // Enter submits nothing (the CSP forbids form submission; the page must not try).
      await page.keyboard.press('Enter');
      const visible = await page.$$eval('#explorer-table tbody', (elements) =>
        (elements as HTMLTableSectionElement[])
          .filter((body) => body.getClientRects().length > 0)
          .map((body) => ({ operation: body.rows[0].cells[0].textContent!.replace(/\s+/g, ' '), rows: [...body.rows].filter((row) => row.getClientRects().length > 0).length, total: body.rows.length })),
      );
      expect(visible).toEqual([{ operation: 'GET /images/{name}/attestations', rows: visible[0]?.total, total: visible[0]?.total }]);
      expect(visible[0].total).toBeGreaterThan(5);
      expect(await page.textContent('#filter-count')).toBe(`${visible[0].total} of ${loadDatabase().features.length} features match`);
      await page.screenshot({ path: join(TMP, 'report-explorer-filtered.png') });

      // Several words narrow further, across the endpoint and the name.
      await page.fill('#filter', 'post containers/create hostconfig.annotations');
      const rows = await page.$$eval('#explorer-table tbody tr:not(.oh)', (all) =>
        (all as HTMLTableRowElement[]).filter((row) => row.getClientRects().length > 0).map((row) => row.cells[1].textContent),
      );
      expect(rows).toEqual(['HostConfig.Annotations']);

      // Escape clears; Tab then reaches the first change history, which opens with Enter.
      await page.focus('#filter');
      await page.keyboard.press('Escape');
      expect(await page.$$eval('#explorer-table tbody', (bodies) => bodies.filter((body) => body.getClientRects().length > 0).length)).toBe(108);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement!.tagName)).toBe('SUMMARY');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => (document.activeElement!.parentElement as HTMLDetailsElement).open)).toBe(true);
      await page.keyboard.press('Enter');
      await page.screenshot({ path: join(TMP, 'report-explorer.png') });
    });
  });

  it('printing opens every <details> and drops sticky positioning', async () => {
    await withPage(browser, DEPLOY_HTML, async ({ page }) => {
      await page.emulateMedia({ media: 'print' });
      const position = await page.$eval('#grid thead th', (th) => getComputedStyle(th).position);
      expect(position).toBe('static');
      expect(await page.$eval('body', (body) => getComputedStyle(body).backgroundColor)).toBe('rgb(255, 255, 255)');
      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      expect(await page.$$eval('details', (all) => all.every((details) => (details as HTMLDetailsElement).open))).toBe(true);
      await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
      expect(await page.$$eval('details', (all) => all.some((details) => !(details as HTMLDetailsElement).open))).toBe(true);
      const pdf = await page.pdf({ format: 'A4', landscape: true });
      expect(pdf.length).toBeGreaterThan(1000);
    });
  });

  it('hostile strings from the code are shown as text and never run', async () => {
    const html = readFileSync(XSS_HTML, 'utf8');
    await withPage(browser, XSS_HTML, async ({ page }) => {
      const text = (await page.textContent('body'))!;
      const payloads = [
        // a file name
        'test/fixtures/report/xss/"><img src=x onerror="window.__pwnedFile=1;alert(1)">.js'.replace('test/fixtures/report/xss/', ''),
        // a folder and file name that together read as </script>
        'src/</script><script>window.__pwnedDir=1;alert(1)<.js',
        // request paths, body field, query and response names
        'POST /containers/</script><script>window.__pwnedPath=1;alert(1)</script>/evil',
        '</script><script>window.__pwnedBody=1;alert(1)</script>',
        '"><img src=x onerror="window.__pwnedField=1;alert(1)">',
        '<script>window.__pwnedResponse=1</script>',
        '<b>bold</b>',
      ];
      for (const payload of payloads) expect(text, payload).toContain(payload);
      const ran = await page.evaluate(() =>
        Object.keys(window).filter((key) => key.startsWith('__pwned')),
      );
      expect(ran).toEqual([]);
      // Only our two script elements; no element the payloads describe.
      expect(await page.$$eval('script', (all) => all.map((script) => script.type || 'classic'))).toEqual(['application/json', 'classic']);
      expect(await page.$$eval('img, iframe, svg [onload], b', (all) => all.length)).toBe(0);
      expect(await page.$$eval('[onerror], [onload], [onclick]', (all) => all.length)).toBe(0);
      // The data for the script holds the hostile path and still parses.
      const data = await page.evaluate(() => JSON.parse(document.getElementById('report-data')!.textContent!));
      expect(data.summary.setBy).toEqual(['src/</script><script>window.__pwnedDir=1;alert(1)<.js:7']);
      // Hostile text in a tooltip stays inside its attribute.
      const titles = await page.$$eval('#grid td.c', (cells) => cells.map((cell) => cell.getAttribute('title')));
      expect(titles.some((title) => title!.includes('"><img src=x'))).toBe(false);
      const unknownRows = await page.$$eval('#grid tr.fld th', (cells) => cells.map((th) => th.querySelector('code')!.textContent));
      expect(unknownRows).toContain('</script><script>window.__pwnedBody=1;alert(1)</script>');
      await page.screenshot({ path: join(TMP, 'report-xss.png'), fullPage: true });
    });
    // The raw file: no hostile string outside escaping.
    expect(html).not.toMatch(/<img|<b>|<svg onload|<script>window/);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
  });
});
