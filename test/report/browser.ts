import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`); the tests never download a browser. */
export const CHROMIUM = '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
export const NO_CHROMIUM_REASON = `${CHROMIUM} is missing: install it with "apt-get update && apt-get install -y chromium" to run the browser tests of the report`;

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface OpenedReport {
  page: Page;
  /** Every request other than the page itself (each one fails the test). */
  foreignRequests: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
  /** Dialogs (alert, confirm, prompt) the page opened. */
  dialogs: string[];
}

/** One headless Chromium with a fresh profile; close() removes the profile. */
export class Browser {
  private constructor(
    private readonly context: BrowserContext,
    private readonly profile: string,
  ) {}

  static async launch(): Promise<Browser> {
    const { chromium } = await import('playwright-core');
    const profile = mkdtempSync(join(tmpdir(), 'report-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: ARGS,
      headless: true,
      viewport: { width: 1400, height: 900 },
      offline: true,
    });
    return new Browser(context, profile);
  }

  /**
   * Opens a report from its file:// URL with every other request refused and recorded,
   * console errors and dialogs recorded.
   */
  async open(file: string): Promise<OpenedReport> {
    const url = pathToFileURL(file).href;
    const page = await this.context.newPage();
    const opened: OpenedReport = { page, foreignRequests: [], errors: [], dialogs: [] };
    await page.route('**/*', async (route) => {
      const requested = route.request().url();
      if (requested === url) return route.continue();
      opened.foreignRequests.push(requested);
      return route.abort('blockedbyclient');
    });
    page.on('request', (request) => {
      if (request.url() !== url && !opened.foreignRequests.includes(request.url())) opened.foreignRequests.push(request.url());
    });
    page.on('console', (message) => {
      if (message.type() === 'error') opened.errors.push(message.text());
    });
    page.on('pageerror', (error) => opened.errors.push(error.message));
    page.on('dialog', async (dialog) => {
      opened.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      await dialog.dismiss();
    });
    await page.goto(url, { waitUntil: 'load' });
    return opened;
  }

  async close(): Promise<void> {
    await this.context.close();
    rmSync(this.profile, { recursive: true, force: true });
  }
}
