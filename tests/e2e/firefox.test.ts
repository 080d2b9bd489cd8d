// The web app end to end in Firefox: the same real server as webApp.test.ts (startServer on port 0,
// real assistant, database synced from the simulator), driven through Debian's Firefox ESR over
// WebDriver BiDi. Screenshots (ADNAVI_TEST_SCREENSHOTS=1) land in test-artifacts/ff-*.png.
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/serve.js';
import { collectErrors, screenshot, tryLaunchFirefox } from './firefoxBrowser.js';
import {
  liveCampaigns,
  type SyncedAccount,
  serveAccount,
  syncedSimulatorAccount,
} from './simulatorAccount.js';
import { ensureWebBuild } from './webBuild.js';

// the probe is the real launch: the suite runs in this browser, or is skipped saying why it failed
const launched = await tryLaunchFirefox();
const firefoxUsable = 'browser' in launched;
if (!firefoxUsable) console.warn(`skipping the Firefox suite: ${launched.reason}`);

let browser: Browser | undefined = firefoxUsable ? launched.browser : undefined;
let account: SyncedAccount;
let server: RunningServer;
let page: Page;
let errors: string[];
let expected: { live: string[]; undelivered: string[] };

const QUESTION = 'what campaigns are live?';
const BY_DAY = 'spend by day last 14 days';

afterAll(async () => {
  await browser?.close();
  browser = undefined;
  await server?.close();
  await account?.close();
});

/** Text of the assistant's finished answer right after the user's `question`. */
async function answerTo(question: string): Promise<string> {
  const handle = await page.waitForFunction(
    (q: string) => {
      const asked = [...document.querySelectorAll('.msg.user')].find((m) => m.textContent?.includes(q));
      const next = asked?.nextElementSibling;
      return next?.matches('.msg.assistant:not(.pending)') ? next.textContent : undefined;
    },
    { timeout: 20_000 },
    question,
  );
  return (await handle.jsonValue()) as string;
}

/** Waits until the answer to `question` holds a chart canvas with something drawn on it. */
async function waitForDrawnChart(question: string): Promise<void> {
  await page.waitForFunction(
    (q: string) => {
      const asked = [...document.querySelectorAll('.msg.user')].find((m) => m.textContent?.includes(q));
      const canvas = asked?.nextElementSibling?.querySelector('canvas');
      if (!canvas || canvas.width === 0 || canvas.height === 0) return false;
      const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
      return pixels?.some((v, i) => i % 4 === 3 && v > 0) ?? false;
    },
    { timeout: 10_000 },
    question,
  );
}

describe.skipIf(!firefoxUsable)('web app in Firefox', () => {
  beforeAll(async () => {
    ensureWebBuild();
    account = await syncedSimulatorAccount();
    expected = await liveCampaigns(account.simulator, account.accountId);
    server = await serveAccount(account);
    page = await (browser as Browser).newPage();
    errors = collectErrors(page);
  }, 180_000);

  it('answers "what campaigns are live?", typed and sent with Enter, with every live campaign', async () => {
    expect(expected.live.length).toBeGreaterThan(1);
    expect(expected.undelivered.length).toBeGreaterThan(0);
    await page.goto(server.url);
    await page.waitForSelector('[role="group"][aria-label="Suggested questions"]');
    await screenshot(page, '01-chat-new');
    await page.focus('#chat-input');
    await page.keyboard.type(QUESTION);
    await page.keyboard.press('Enter');
    const text = await answerTo(QUESTION);
    for (const name of expected.live) expect(text).toContain(name);
    for (const name of expected.undelivered) expect(text).toContain(name);
    await screenshot(page, '02-chat-live-campaigns');
  });

  it('renders a by-day series as a drawn chart', async () => {
    await page.focus('#chat-input');
    await page.keyboard.type(BY_DAY);
    await page.keyboard.press('Enter');
    await answerTo(BY_DAY);
    await waitForDrawnChart(BY_DAY);
    await screenshot(page, '03-chat-chart');
  });

  it('keeps the conversation across a reload', async () => {
    await page.reload();
    const restored = await answerTo(QUESTION);
    for (const name of expected.live) expect(restored).toContain(name);
    await waitForDrawnChart(BY_DAY);
    await screenshot(page, '04-chat-reloaded');
  });

  it('shows $0.00 on the campaigns page for the live campaign that did not deliver', async () => {
    await page.click('nav a[href="/campaigns"]');
    await page.waitForSelector('table.entities tbody tr');
    const spendByName = await page.$$eval('table.entities tbody tr', (rows) =>
      rows.map((r) => [
        r.querySelector('th[scope="row"]')?.textContent?.trim() ?? '',
        r.querySelector('td.num')?.textContent ?? '',
      ]),
    );
    for (const name of expected.undelivered) {
      expect(spendByName.find(([rowName]) => rowName === name)?.[1], name).toBe('$0.00');
    }
    await screenshot(page, '05-campaigns');
  });

  it('keeps the conversation in History after "New conversation" and reopens it from there', async () => {
    await page.click('nav a[href="/"]');
    await answerTo(QUESTION);
    await page.click('.chat-toolbar .toolbar-actions button:last-child'); // New conversation
    await page.waitForSelector('[role="group"][aria-label="Suggested questions"]:not([hidden])');
    await page.click('button[aria-controls="history-panel"]');
    const title = await page.waitForFunction(
      (q: string) =>
        [...document.querySelectorAll('#history-panel li[data-id] button.open')].find(
          (b) => b.textContent === q,
        ),
      { timeout: 10_000 },
      QUESTION,
    );
    await screenshot(page, '06-history');
    await (title as unknown as { click(): Promise<void> }).click();
    const reopened = await answerTo(QUESTION);
    for (const name of expected.live) expect(reopened).toContain(name);
  });

  it('opens an answer on its own page from its permalink', async () => {
    const href = await page.waitForFunction(
      (q: string) => {
        const asked = [...document.querySelectorAll('.msg.user')].find((m) => m.textContent?.includes(q));
        return asked?.nextElementSibling?.querySelector('a.permalink')?.getAttribute('href') ?? undefined;
      },
      { timeout: 10_000 },
      QUESTION,
    );
    const path = (await href.jsonValue()) as string;
    expect(path).toMatch(/^\/answers\/[0-9a-f-]{36}\/\d+$/);
    await page.goto(`${server.url}${path}`);
    await page.waitForSelector('.answer-page .msg.assistant table.data');
    const asked = await page.$eval('.answer-page .msg.user', (el) => el.textContent);
    expect(asked).toBe(QUESTION);
    await screenshot(page, '07-answer-permalink');
  });

  it('ends the campaigns table with a totals row, and drills down through a real link', async () => {
    await page.goto(`${server.url}/campaigns`);
    await page.waitForSelector('table.entities tfoot tr.totals td[data-key="spend"]');
    const total = await page.$eval(
      'table.entities tfoot tr.totals td[data-key="spend"]',
      (el) => el.textContent,
    );
    expect(total).toMatch(/^\$[\d,]+\.\d{2}$/);
    const link = await page.$eval('table.entities tbody a.drill', (a) => [
      a.getAttribute('href'),
      a.textContent,
    ]);
    expect(link[0]).toMatch(/^\/campaigns\?.*level=adset/);
    await page.click('table.entities tbody a.drill');
    await page.waitForFunction(
      (name: string) =>
        document.querySelector('nav.breadcrumbs')?.textContent?.includes(`Ad sets in “${name}”`),
      { timeout: 10_000 },
      link[1] ?? '',
    );
    await screenshot(page, '08-campaigns-adsets');
  });

  it('logged no console errors or page errors', () => {
    expect(errors).toEqual([]);
  });
});
