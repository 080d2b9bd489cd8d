// The Campaigns table in Chromium against the real server and a database synced from the simulator:
// the totals row (summed by the server, checked against the simulator's own insights), the extra
// measures with a column picker kept across reloads, drill-down names that are real links (opened in
// a new tab), the campaign in the ad-level breadcrumb, "1 campaign", one date style, and an empty
// filter that does not send a connected person to Settings. Steps wait on what the page shows.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCount, formatMoney } from '../../src/display/numbers.js';
import type { RunningServer } from '../../src/server/serve.js';
import { graphList } from '../helpers/simulatorAccount.js';
import { type AppSession, openAppSession } from './appSession.js';
import { seriousA11yViolations } from './axe.js';
import { collectErrors, screenshot } from './browser.js';
import type { SyncedAccount } from './simulatorAccount.js';

let account: SyncedAccount;
let server: RunningServer;
let session: AppSession;
let context: BrowserContext;
let page: Page;
let errors: string[];

beforeAll(async () => {
  session = await openAppSession({ stepTimeoutMs: 15_000 });
  ({ account, server, context, page, errors } = session);
}, 180_000);

afterAll(async () => session?.close());

/** Per campaign name, the simulator's last-30-days spend (cents) and impressions. */
async function simulatorCampaigns(): Promise<Map<string, { cents: number; impressions: number }>> {
  const rows = await graphList<{ campaign_name: string; spend: string; impressions: string }>(
    account.simulator,
    `${account.accountId}/insights`,
    { level: 'campaign', fields: 'campaign_name,spend,impressions', date_preset: 'last_30d', limit: '100' },
  );
  return new Map(
    rows.map((r) => [
      r.campaign_name,
      { cents: Math.round(Number(r.spend) * 100), impressions: Number(r.impressions) },
    ]),
  );
}

const totals = () => page.locator('table.entities tfoot tr.totals');
const headers = () =>
  page
    .locator('table.entities thead th')
    .allTextContents()
    .then((t) => t.map((s) => s.replace(/[▲▼]/g, '').trim()));

describe('Campaigns table in Chromium', () => {
  it('ends with a totals row equal to the simulator’s sums over the listed campaigns', async () => {
    await page.goto(`${server.url}/campaigns`);
    await totals().waitFor();
    const names = await page.locator('table.entities tbody th').allTextContents();
    const sim = await simulatorCampaigns();
    const cents = names.reduce((sum, n) => sum + (sim.get(n)?.cents ?? 0), 0);
    expect(cents).toBeGreaterThan(0);
    expect(await totals().locator('td[data-key="spend"]').textContent()).toBe(
      formatMoney(cents / 100, 'USD'),
    );
    expect(await totals().locator('th').textContent()).toBe(`Total (${names.length} campaigns)`);
    // one date style with the chat: "Oct 31 – Nov 29, 2026", never an ISO day in the text
    const summary = (await page.locator('.campaigns-body > p.muted').textContent()) ?? '';
    expect(summary).toMatch(/^[A-Z][a-z]{2} \d{1,2}(, \d{4})? – [A-Z][a-z]{2} \d{1,2}, \d{4} \(/);
    expect(await page.locator('.campaigns-page').textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    await screenshot(page, '40-campaigns-totals');
  });

  it('adds measures from the column picker, and keeps the choice across a reload', async () => {
    expect(await headers()).toEqual(['Name', 'Status', 'Spend', 'Revenue', 'ROAS', 'Clicks', 'CTR']);
    await page.locator('.column-picker summary').click();
    await page.getByRole('checkbox', { name: 'Impressions' }).check();
    await page.locator('table.entities thead th', { hasText: 'Impressions' }).waitFor();
    await page.getByRole('checkbox', { name: 'CPA' }).check();
    await page.locator('table.entities thead th', { hasText: 'CPA' }).waitFor();
    await page.getByRole('checkbox', { name: 'Revenue' }).uncheck();
    await page.waitForFunction(
      () => !document.querySelector('table.entities thead')?.textContent?.includes('Revenue'),
    );
    const expected = ['Name', 'Status', 'Spend', 'ROAS', 'Impressions', 'Clicks', 'CTR', 'CPA'];
    expect(await headers()).toEqual(expected);
    await screenshot(page, '41-campaigns-columns');
    await page.reload();
    await totals().waitFor();
    expect(await headers()).toEqual(expected);
    const names = await page.locator('table.entities tbody th').allTextContents();
    const sim = await simulatorCampaigns();
    const impressions = names.reduce((sum, n) => sum + (sim.get(n)?.impressions ?? 0), 0);
    expect(await totals().locator('td[data-key="impressions"]').textContent()).toBe(formatCount(impressions));
  });

  it('drills down through real links: a new tab opens the ad sets, and the ad level names the campaign', async () => {
    const link = page.locator('table.entities tbody th a.drill').first();
    const campaign = (await link.textContent()) ?? '';
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/campaigns\?.*level=adset/);
    // what "open in new tab" does: load the link's address in a fresh page
    const tab = await context.newPage();
    const tabErrors = collectErrors(tab);
    await tab.goto(new URL(href, server.url).href);
    await tab.getByText(`Ad sets in “${campaign}”`).waitFor();
    const adset = tab.locator('table.entities tbody th a.drill').first();
    const adsetName = (await adset.textContent()) ?? '';
    await adset.click();
    await tab.getByText(`Ads in “${adsetName}”`).waitFor();
    const crumbs = tab.getByRole('navigation', { name: 'Level' });
    expect((await crumbs.textContent())?.replace(/\s+/g, ' ')).toBe(
      `All campaigns › ${campaign} › Ads in “${adsetName}”`,
    );
    await screenshot(tab, '42-campaigns-ads-breadcrumb');
    await crumbs.getByRole('link', { name: campaign }).click();
    await tab.getByText(`Ad sets in “${campaign}”`).waitFor();
    expect(tabErrors).toEqual([]);
    await tab.close();
  });

  it('says "1 campaign" and explains an empty filter without pointing a connected account at Settings', async () => {
    await page.goto(`${server.url}/campaigns?status=archived`);
    await totals().waitFor();
    expect(await page.locator('table.entities tbody tr').count()).toBe(1); // the demo's one archived campaign
    expect(await page.locator('.campaigns-body > p.muted').textContent()).toContain(' · 1 campaign · ');
    expect(await totals().locator('th').textContent()).toBe('Total (1 campaign)');

    await page.goto(`${server.url}/campaigns?level=adset&parent_id=999999999&parent_name=Gone`);
    // the words settle once the page has asked whether an account is connected
    const empty = page.locator('.campaigns-body p.empty[data-connected]');
    await empty.waitFor();
    expect(await empty.getAttribute('data-connected')).toBe('true');
    expect(await empty.textContent()).toMatch(/^No ad sets in [A-Z][a-z]{2} \d/);
    expect(await empty.textContent()).not.toContain('Connect');
  });

  it('has no serious accessibility violations and no sideways scroll, light and dark, phone and desktop', async () => {
    await page.goto(`${server.url}/campaigns`);
    await totals().waitFor();
    await page.locator('.column-picker summary').click();
    const problems: string[] = [];
    for (const [size, viewport] of [
      ['desktop', { width: 1280, height: 860 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      await page.setViewportSize(viewport);
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        if (overflow > 0) problems.push(`${size}: scrolls sideways by ${overflow}px`);
        for (const v of await seriousA11yViolations(page)) problems.push(`${size} ${scheme}: ${v}`);
        await screenshot(page, `43-campaigns-${size}-${scheme}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('logged no console errors', () => {
    expect(errors).toEqual([]);
  });
});
