// The web app end to end: the real server (startServer on port 0, real assistant, real database
// synced from the simulator) in Debian's headless Chromium. Screenshots (ADNAVI_TEST_SCREENSHOTS=1)
// land in test-artifacts/.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/serve.js';
import { graphList } from '../helpers/simulatorAccount.js';
import { type AppSession, openAppSession } from './appSession.js';
import { seriousA11yViolations } from './axe.js';
import { ARTIFACTS, SCREENSHOTS, screenshot } from './browser.js';
import { liveCampaigns, type SyncedAccount, serveAccount } from './simulatorAccount.js';

let account: SyncedAccount;
let server: RunningServer;
let session: AppSession;
let page: Page;
let errors: string[];
let expected: { live: string[]; undelivered: string[] };

beforeAll(async () => {
  session = await openAppSession();
  ({ account, server, page, errors } = session);
  expected = await liveCampaigns(account.simulator, account.accountId);
}, 180_000);

afterAll(async () => session?.close());

/** Asks in the chat box and waits for the answer to finish. */
async function ask(question: string): Promise<string> {
  const before = await page.locator('.msg.assistant:not(.pending)').count();
  const box = page.getByLabel('Your question');
  await box.fill(question);
  await box.press('Enter');
  await page.locator('.msg.assistant:not(.pending)').nth(before).waitFor({ timeout: 20_000 });
  return (await page.locator('.msg.assistant').last().textContent()) ?? '';
}

/** Campaigns that spent in the last 30 days, per the simulator. */
async function campaignsWithSpend(): Promise<number> {
  const rows = await graphList<{ spend: string }>(account.simulator, `${account.accountId}/insights`, {
    level: 'campaign',
    fields: 'campaign_id,spend',
    date_preset: 'last_30d',
  });
  return rows.filter((r) => Number(r.spend) > 0).length;
}

/** The assistant's message right after the question asked (on the page, live or replayed). */
function answerTo(question: string) {
  return page
    .locator('.msg.user', { hasText: question })
    .locator('xpath=following-sibling::article[1][contains(@class, "assistant")]');
}

/**
 * After a viewport change, until the page has laid out for it: the window has the new width, every
 * chart has loaded, and every chart canvas fills its box (Chart.js resizes from a ResizeObserver
 * callback deferred to the next animation frame, so right after the change a canvas can still have
 * the old width). Today's chart boxes contain a stale canvas (the check passes without this wait
 * too); the wait keeps the overflow figure, axe and the screenshot about the page as laid out.
 */
async function settled(width: number): Promise<void> {
  await page.waitForFunction(
    (w) =>
      window.innerWidth === w &&
      document.querySelector('.chart-loading') === null &&
      [...document.querySelectorAll('.chart-box canvas')].every(
        (c) => Math.abs(c.getBoundingClientRect().width - (c.parentElement as HTMLElement).clientWidth) < 1,
      ),
    width,
    { timeout: 10_000 },
  );
}

/** The theme's text and grid colours now in effect (#rrggbb, from the stylesheet's variables). */
async function themeInks(): Promise<{ text: string; grid: string }> {
  return page.evaluate(() => {
    const style = getComputedStyle(document.documentElement);
    return { text: style.getPropertyValue('--text').trim(), grid: style.getPropertyValue('--line').trim() };
  });
}

/**
 * How many of a chart canvas's pixels are opaque and exactly each colour: the tick labels' glyph
 * stems and the grid lines (drawn on whole pixels) come out in their colour as given.
 */
async function pixelsIn(canvas: Locator, colors: string[]): Promise<number[]> {
  return canvas.evaluate((c: HTMLCanvasElement, hexes: string[]) => {
    const { data } = (c.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, c.width, c.height);
    const rgbs = hexes.map((hex) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)));
    const counts = hexes.map(() => 0);
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] !== 255) continue;
      const k = rgbs.findIndex(([r, g, b]) => data[i] === r && data[i + 1] === g && data[i + 2] === b);
      if (k >= 0) counts[k]++;
    }
    return counts;
  }, colors);
}

/** Waits until the chart is drawn in the theme now in effect: its text and grid colours, none of the other's. */
async function expectChartIn(
  canvas: Locator,
  now: { text: string; grid: string },
  other?: { text: string; grid: string },
): Promise<void> {
  await expect
    .poll(
      async () => {
        const [text, grid, ...stale] = await pixelsIn(canvas, [
          now.text,
          now.grid,
          ...(other ? [other.text, other.grid] : []),
        ]);
        return { text: text > 0, grid: grid > 0, stale: stale.reduce((a, b) => a + b, 0) };
      },
      { timeout: 5_000 },
    )
    .toEqual({ text: true, grid: true, stale: 0 });
}

describe('web app in Chromium', () => {
  it('answers "what campaigns are live?" with the live campaigns, including the one with no delivery', async () => {
    expect(expected.live.length).toBeGreaterThan(1);
    expect(expected.undelivered.length).toBeGreaterThan(0);
    await page.goto(server.url);
    await page.getByRole('group', { name: 'Suggested questions' }).waitFor();
    // on loopback (local mode) the app needs no sign-in and offers no sign-out
    expect(await page.getByRole('heading', { name: 'Sign in to AdNavi' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    await screenshot(page, '01-chat-new');
    const text = await ask('what campaigns are live?');
    for (const name of expected.live) expect(text).toContain(name);
    const answer = page.locator('.msg.assistant').last();
    // the planner may list more than once (it resolves names); at least one chip shows the listing
    expect(await answer.locator('.chip > summary', { hasText: /^list entities$/ }).count()).toBeGreaterThan(
      0,
    );
    expect(await answer.locator('table.data tbody tr').count()).toBe(expected.live.length);
    await screenshot(page, '02-chat-live-campaigns');
  });

  it('renders a by-day series as a chart', async () => {
    await ask('spend by day last 14 days');
    const canvas = page.locator('.msg.assistant').last().locator('canvas').first();
    await canvas.waitFor({ timeout: 10_000 });
    await screenshot(page, '03-chat-chart');
    // a chart on the page follows a theme switch without a reload: the system's scheme (nothing
    // chosen yet), then the toggle, and back each time
    const light = await themeInks();
    await expectChartIn(canvas, light);
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await themeInks();
    expect(dark.text).not.toBe(light.text);
    expect(dark.grid).not.toBe(light.grid);
    await expectChartIn(canvas, dark, light);
    // the chart alone: a full-page shot shows the chat log's start, not the chart at its end
    if (SCREENSHOTS) await canvas.screenshot({ path: `${ARTIFACTS}/03a-chat-chart-dark.png` });
    await page.emulateMedia({ colorScheme: 'light' });
    await expectChartIn(canvas, light, dark);
    const toggle = page.getByRole('button', { name: 'Dark mode' });
    await toggle.click();
    await expectChartIn(canvas, dark, light);
    await toggle.click();
    await expectChartIn(canvas, light, dark);
    // the toggle stored a choice; the pages after this one follow the system's scheme again
    await page.evaluate(() => localStorage.removeItem('adnavi.theme'));
  });

  // asked before the reload, so the reload must bring back a table, a chart and the chips
  it('keeps the conversation across a reload, with its tables, charts and tool chips', async () => {
    await page.reload();
    await page.locator('.msg.user', { hasText: 'what campaigns are live?' }).waitFor({ timeout: 10_000 });
    const live = answerTo('what campaigns are live?');
    const restored = (await live.textContent()) ?? '';
    for (const name of expected.live) expect(restored).toContain(name);
    expect(await page.getByRole('group', { name: 'Suggested questions' }).isHidden()).toBe(true);
    expect(await page.locator('.msg.assistant').count()).toBe(2);
    expect(await live.locator('.chip > summary', { hasText: /^list entities$/ }).count()).toBeGreaterThan(0);
    expect(await live.locator('table.data tbody tr').count()).toBe(expected.live.length);
    const rows = (await live.locator('table.data tbody').textContent()) ?? '';
    for (const name of expected.live) expect(rows).toContain(name);
    const byDay = answerTo('spend by day last 14 days');
    await byDay.locator('canvas').waitFor({ timeout: 10_000 });
    expect(await byDay.locator('.chip').count()).toBeGreaterThan(0);
    await screenshot(page, '03c-chat-reloaded');
  });

  it('never puts money and percentages on one axis, and draws categories as labelled horizontal bars', async () => {
    await ask('spend and ctr by day last 14 days');
    const mixed = page.locator('.msg.assistant').last();
    await mixed.locator('figure.chart canvas').first().waitFor({ timeout: 10_000 });
    const units = await mixed
      .locator('figure.chart')
      .evaluateAll((els) =>
        els.map((el) => [(el as HTMLElement).dataset.unit, (el as HTMLElement).dataset.metrics]),
      );
    expect(units).toEqual([
      ['money', 'spend'],
      ['percent', 'ctr'],
    ]);
    await screenshot(page, '03d-chat-money-and-percent');

    await ask('spend by campaign last 30 days');
    const bars = page.locator('.msg.assistant').last().locator('figure.chart');
    await bars.locator('canvas[data-labels-shown]').waitFor({ timeout: 10_000 });
    expect(await bars.getAttribute('data-orientation')).toBe('horizontal');
    const categories = Number(await bars.getAttribute('data-categories'));
    expect(categories).toBeGreaterThanOrEqual(await campaignsWithSpend());
    // Chart.js skips crowded labels unless told not to: every bar keeps its name
    expect(Number(await bars.locator('canvas').getAttribute('data-labels-shown'))).toBe(categories);
    await screenshot(page, '03e-chat-bars-by-campaign');

    await ask('spend by week last 30 days');
    const weekly = page.locator('.msg.assistant').last().locator('figure.chart');
    await weekly.locator('canvas').waitFor({ timeout: 10_000 });
    // 30 days never start on a Monday and end on a Sunday at once: at least one end is partial
    expect(Number(await weekly.getAttribute('data-partial'))).toBeGreaterThan(0);
    await expect(weekly.locator('.chart-note').textContent()).resolves.toContain('partial');
  });

  it('shows statuses in words (raw status on hover) and comparisons with the currency and signed changes', async () => {
    await ask('what campaigns are live?');
    const badge = page.locator('.msg.assistant').last().locator('table.data tbody .badge').first();
    expect(await badge.textContent()).toBe('Active');
    expect(await badge.getAttribute('title')).toBe('ACTIVE');
    // the chip opens to the full input and the rows the tool returned
    const chip = page
      .locator('.msg.assistant')
      .last()
      .locator('details.chip', { has: page.locator('summary', { hasText: /^list entities$/ }) })
      .last();
    await chip.locator('summary').click();
    const input = JSON.parse((await chip.locator('pre.json').first().textContent()) ?? 'null');
    expect(input).toMatchObject({ level: 'campaign', status: 'live' });
    const rawRows = chip.locator('table.raw tbody tr');
    // the rows are drawn when the chip opens: wait for them before counting
    await rawRows.first().waitFor({ timeout: 10_000 });
    expect(await rawRows.count()).toBe(expected.live.length);
    const rawText = (await chip.locator('table.raw').textContent()) ?? '';
    for (const name of expected.live) expect(rawText).toContain(name);
    await screenshot(page, '03g-chat-chip-open');

    await ask('compare spend and ctr this week vs last week');
    const answer = page.locator('.msg.assistant').last();
    const rows = answer.locator('table.data tbody tr');
    await rows.first().waitFor({ timeout: 10_000 });
    const spendRow = (await rows.nth(0).locator('th, td').allTextContents()).map((t) => t.trim());
    const ctrRow = (await rows.nth(1).locator('th, td').allTextContents()).map((t) => t.trim());
    expect(spendRow[0]).toBe('Spend');
    expect(spendRow[1]).toMatch(/^\$[\d,]+\.\d{2}$/);
    expect(ctrRow[0]).toBe('CTR');
    expect(ctrRow[1]).toMatch(/^\d+\.\d{2}%$/);
    // the change in the table is written as in the answer text (one decimal, a real minus sign)
    const text = (await answer.locator('.text').textContent()) ?? '';
    const change = spendRow[3];
    expect(change).toMatch(/^([+−±]\d+\.\d%|n\/a)$/);
    if (change !== 'n/a') expect(text).toContain(change);
    await screenshot(page, '03f-chat-comparison');
  });

  it('starts a sync from the chat and shows its progress live', async () => {
    await ask('sync my account');
    // the card is part of the answer, and the answer ends by saying how the sync ended
    const answer = answerTo('sync my account');
    await answer.locator('.sync-progress[data-status="succeeded"]').waitFor({ timeout: 90_000 });
    const result = answer.locator('.sync-result');
    await result.waitFor();
    expect(await result.textContent()).toMatch(
      /^Sync finished: [\d,]+ rows loaded\. Answers now use the new data\.$/,
    );
    expect(await answer.getAttribute('data-sync')).toBe('done');
    // no run id to copy around
    const runId = await answer.locator('.sync-progress').getAttribute('data-run-id');
    expect(await answer.locator('.text').textContent()).not.toContain(runId);
    expect(await page.locator('.chat-log > .msg.system').count()).toBe(0);
    await screenshot(page, '03b-chat-sync');
  });

  it('lists every campaign on the campaigns page, with $0.00 for the one that did not deliver', async () => {
    await page.getByRole('link', { name: 'Campaigns' }).click();
    const table = page.locator('table.entities');
    await table.waitFor({ timeout: 10_000 });
    for (const name of expected.undelivered) {
      const row = table.locator('tbody tr', { hasText: name });
      await expect(row.locator('td.num').first().textContent()).resolves.toBe('$0.00');
    }
    await screenshot(page, '04-campaigns');
    await table.locator('tbody tr a.drill').first().click();
    await page.getByText('Ad sets in').waitFor({ timeout: 10_000 });
    expect(await page.locator('table.entities tbody tr').count()).toBeGreaterThan(0);
    await screenshot(page, '05-campaigns-adsets');
  });

  it('syncs from the settings page and shows the run finish', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    const card = page.locator(`article.account[data-connection-id="${account.connectionId}"]`);
    await card.waitFor({ timeout: 10_000 });
    await card.getByRole('button', { name: 'Sync now' }).click();
    await card.locator('.live-sync [data-status="succeeded"]').waitFor({ timeout: 90_000 });
    await card.locator('.runs-table tbody tr[data-status="succeeded"]').first().waitFor({ timeout: 10_000 });
    await screenshot(page, '06-settings-synced');
  });

  it('is readable at a phone width', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('link', { name: 'Chat' }).click();
    await page.locator('.msg.user').first().waitFor();
    if (SCREENSHOTS) await page.screenshot({ path: `${ARTIFACTS}/07-chat-phone.png` }); // the viewport: the input sits at the bottom
    await page.getByRole('link', { name: 'Campaigns' }).click();
    await page.locator('table.entities').waitFor();
    await screenshot(page, '08-campaigns-phone');
  });

  it('every page, at phone and desktop sizes, light and dark: no sideways scroll, no serious axe violations', async () => {
    const sizes = [
      ['phone', { width: 390, height: 844 }],
      ['desktop', { width: 1280, height: 860 }],
    ] as const;
    const problems: string[] = [];
    // an answer's own page (its permalink), and the chat with its History panel open
    await page.goto(server.url);
    const permalink = (await page.locator('.msg.assistant a.permalink').first().getAttribute('href')) ?? '';
    expect(permalink).toMatch(/^\/answers\//);
    // each theme's chart colours, to tell a chart drawn in one from a chart drawn in the other
    await page.emulateMedia({ colorScheme: 'light' });
    const inks = { light: await themeInks(), dark: { text: '', grid: '' } };
    await page.emulateMedia({ colorScheme: 'dark' });
    inks.dark = await themeInks();
    let chartsChecked = 0;
    // Each page is loaded once and checked in both schemes and at both sizes in place (4 page
    // loads; 8 while charts kept the colours they were drawn in): the layout follows a viewport
    // change (settled() waits for the charts), and the page, charts included, a scheme change. Axe
    // does not read canvas pixels, so the charts' colours are checked here.
    for (const [name, path, ready] of [
      ['chat', '/', '.msg.assistant table.data'],
      ['history', '/', '.msg.assistant table.data'],
      ['answer', permalink, '.answer-page .msg.assistant table.data'],
      ['campaigns', '/campaigns', 'table.entities tfoot tr.totals'],
      ['settings', '/settings', 'article.account'],
    ] as const) {
      await page.emulateMedia({ colorScheme: 'light' });
      // the History panel opens over the chat just checked: the same page, not a second load of it
      if (name !== 'history') await page.goto(`${server.url}${path}`);
      await page.locator(ready).first().waitFor({ timeout: 15_000 });
      if (name === 'history') {
        await page.getByRole('button', { name: 'History' }).click();
        await page.locator('#history-panel li[data-id]').first().waitFor();
      }
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        // the page follows the scheme (the toggle reads it too)
        await page
          .locator(`button.theme-toggle[aria-pressed="${scheme === 'dark'}"]`)
          .waitFor({ state: 'attached' });
        for (const [size, viewport] of sizes) {
          await page.setViewportSize(viewport);
          await settled(viewport.width);
          for (const canvas of await page.locator('.chart-box canvas:visible').all()) {
            await expectChartIn(canvas, inks[scheme], inks[scheme === 'dark' ? 'light' : 'dark']);
            chartsChecked++;
          }
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          if (overflow > 0) problems.push(`${name} ${size} ${scheme}: scrolls sideways by ${overflow}px`);
          for (const v of await seriousA11yViolations(page)) problems.push(`${name} ${size} ${scheme}: ${v}`);
          await screenshot(page, `10-${name}-${size}-${scheme}`);
        }
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 860 });
    expect(problems).toEqual([]);
    // 40 today: the chat's 5 charts, with and without the History panel, 2 schemes, 2 sizes
    expect(chartsChecked).toBeGreaterThan(0);
  }, 240_000);

  it('keeps a dark theme chosen with the toggle across a reload', async () => {
    await page.goto(server.url);
    const toggle = page.getByRole('button', { name: 'Dark mode' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.reload();
    await page.getByRole('button', { name: 'Dark mode' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(bg).toBe('rgb(15, 19, 32)');
    await page.getByRole('button', { name: 'Dark mode' }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
  });

  it('says so when the socket drops, reconnects by itself and keeps answering', async () => {
    await page.goto(server.url);
    await page.locator('#connection-status[data-state="open"]').waitFor({ state: 'attached' });
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { statuses: string[] }).statuses = seen;
      const el = document.getElementById('connection-status') as HTMLElement;
      new MutationObserver(() => seen.push(el.textContent ?? '')).observe(el, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    const port = new URL(server.url).port;
    const down = errors.length;
    await server.close();
    server = await serveAccount(account, Number(port));
    await page.waitForFunction(
      () => {
        const seen = (window as unknown as { statuses: string[] }).statuses;
        return (
          seen.some((s) => s.startsWith('Connection lost')) &&
          document.getElementById('connection-status')?.textContent === ''
        );
      },
      undefined,
      { timeout: 20_000 },
    );
    forgiveRefusedSockets(down);
    expect(await ask('how many campaigns are live?')).toContain(String(expected.live.length));
  });

  it('sends a question asked while the socket is down once it is back, instead of dropping it', async () => {
    await page.locator('#connection-status[data-state="open"]').waitFor({ state: 'attached' });
    const answered = await page.locator('.msg.assistant:not(.pending)').count();
    const port = new URL(server.url).port;
    const down = errors.length;
    await server.close();
    await page.locator('#connection-status[data-state="closed"]').waitFor({ state: 'attached' });
    const box = page.getByLabel('Your question');
    await box.fill('how many ad sets are live?');
    await box.press('Enter');
    await page
      .locator('.msg.notice', { hasText: 'will be sent as soon as the connection is open' })
      .waitFor();
    expect(await page.locator('.msg.assistant:not(.pending)').count()).toBe(answered);
    server = await serveAccount(account, Number(port));
    const answer = page.locator('.msg.assistant:not(.pending)').nth(answered);
    await answer.waitFor({ timeout: 25_000 });
    forgiveRefusedSockets(down);
    expect(await answer.textContent()).toMatch(/\d+ live ad sets?/);
    expect(await box.inputValue()).toBe('');
  });

  /**
   * Chromium logs a reconnect attempt that finds the port closed as a console error, which no page code
   * can prevent: those logged since `from` (the server was shut on purpose then) are dropped, the rest
   * stay for the check below. Whether an attempt falls in the gap depends on the machine's load.
   */
  function forgiveRefusedSockets(from: number) {
    const refused = /^console: WebSocket connection to '.*' failed: .*ERR_CONNECTION_REFUSED/;
    const kept = errors.slice(from).filter((e) => !refused.test(e));
    errors.splice(from, errors.length - from, ...kept);
  }

  it('logged no console errors', () => {
    expect(errors).toEqual([]);
  });
});
