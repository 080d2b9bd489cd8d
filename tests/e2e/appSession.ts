// What every Chromium suite of the chat and Campaigns starts from: a database synced from the
// simulator, the real server over it, and one desktop-sized page in headless Chromium collecting its
// errors. One place, so the suites differ only in what they check.
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import type { RunningServer } from '../../src/server/serve.js';
import { collectErrors, launchChromium } from './browser.js';
import { type SyncedAccount, serveAccount, syncedSimulatorAccount } from './simulatorAccount.js';
import { ensureWebBuild } from './webBuild.js';

export interface AppSession {
  account: SyncedAccount;
  server: RunningServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors and failed requests seen by the page. */
  errors: string[];
  close(): Promise<void>;
}

export async function openAppSession(
  options: { contextOptions?: BrowserContextOptions; stepTimeoutMs?: number } = {},
): Promise<AppSession> {
  ensureWebBuild();
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer();
  };
  try {
    const account = await syncedSimulatorAccount();
    closers.push(() => account.close());
    const server = await serveAccount(account);
    closers.push(() => server.close());
    const browser = await launchChromium();
    closers.push(() => browser.close());
    const context = await browser.newContext({
      viewport: { width: 1280, height: 860 },
      ...options.contextOptions,
    });
    const page = await context.newPage();
    // a step that waits in vain says which, before the test itself times out
    if (options.stepTimeoutMs) page.setDefaultTimeout(options.stepTimeoutMs);
    return { account, server, browser, context, page, errors: collectErrors(page), close };
  } catch (err) {
    await close(); // whatever opened before the failure
    throw err;
  }
}
