// The Graph client against the simulator over real HTTP: reads, paging, field selection, insights
// (synchronous and async), and that nothing ever leaves for graph.facebook.com.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/simulator/index.js';
import { GraphClient, type InsightsParams, type MetaInsightRow } from '../../src/sync/meta/graphClient.js';
import { watchOutgoingHosts } from './fakeGraph.js';

let sim: Simulator;
let client: GraphClient;
const watch = watchOutgoingHosts();

const cents = (s: string | undefined) => {
  const [whole, frac = ''] = (s ?? '0').split('.');
  return BigInt(whole) * 100n + BigInt(frac.padEnd(2, '0').slice(0, 2));
};

function daysAgo(n: number): string {
  return new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
}

async function collect(
  gen: AsyncGenerator<MetaInsightRow[]>,
): Promise<{ rows: MetaInsightRow[]; pages: number }> {
  const rows: MetaInsightRow[] = [];
  let pages = 0;
  for await (const page of gen) {
    pages++;
    rows.push(...page);
  }
  return { rows, pages };
}

beforeAll(async () => {
  sim = await startSimulator({ ads: 1200 });
  client = new GraphClient({
    baseUrl: sim.url,
    version: sim.version,
    accessToken: sim.accessToken,
    accountId: sim.accounts[0].id,
    insightsPageLimit: 500, // small pages, so paging is exercised
    // Report polls back off from 1 s; a few ms is enough against the loopback simulator.
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 10))),
  });
});

afterAll(async () => {
  await client.close();
  await sim.close();
  watch.stop();
});

describe('GraphClient against the simulator', () => {
  it('reads the ad account with currency and time zone', async () => {
    const account = await client.getAdAccount();
    expect(account.id).toBe(sim.accounts[0].id);
    expect(account.account_id).toBe(sim.accounts[0].id.replace('act_', ''));
    expect(account.currency).toBe(sim.accounts[0].currency);
    expect(account.timezone_name).toBe(sim.accounts[0].timeZone);
    expect(typeof account.timezone_offset_hours_utc).toBe('number');
    expect(account.account_status).toBe(1);
  });

  it('pages through 1,200 ads in pages of 500 (3 calls), each ad once', async () => {
    sim.resetCalls();
    const ads = await client.listAds();
    expect(ads).toHaveLength(1200);
    expect(new Set(ads.map((a) => a.id)).size).toBe(1200);
    expect(sim.calls().byPath['/act_:id/ads']).toBe(3);
  });

  it('lists campaigns of every status with the fields the entity sync needs', async () => {
    const campaigns = await client.listCampaigns();
    const statuses = new Set(campaigns.map((c) => c.status));
    expect(statuses).toContain('PAUSED');
    expect(statuses).toContain('ARCHIVED');
    expect(statuses).toContain('DELETED');
    for (const c of campaigns) {
      for (const key of [
        'id',
        'name',
        'status',
        'configured_status',
        'effective_status',
        'objective',
        'created_time',
      ]) {
        expect(c, `campaign ${c.id} lacks ${key}`).toHaveProperty(key);
      }
      expect(c.daily_budget ?? c.lifetime_budget).toMatch(/^\d+$/);
    }
  });

  it('links ads to ad sets to campaigns by the parent ids it asks for', async () => {
    const [campaigns, adsets, ads] = await Promise.all([
      client.listCampaigns(),
      client.listAdSets(),
      client.listAds(),
    ]);
    const campaignIds = new Set(campaigns.map((c) => c.id));
    const adsetIds = new Set(adsets.map((s) => s.id));
    expect(adsets.every((s) => campaignIds.has(s.campaign_id))).toBe(true);
    expect(ads.every((a) => adsetIds.has(a.adset_id) && campaignIds.has(a.campaign_id))).toBe(true);
  });

  it('pages ad-level daily insights whose spend adds up, to the cent, to the account total', async () => {
    // Up to two days ago: today's numbers grow between the two asks, as Meta's do.
    const range = { since: daysAgo(9), until: daysAgo(2) };
    const fields = ['ad_id', 'adset_id', 'campaign_id', 'spend', 'impressions', 'actions'];
    const byAd = await collect(client.insights({ ...range, level: 'ad', fields, timeIncrement: 1 }));
    const total = await collect(client.insights({ ...range, level: 'account', fields: ['spend'] }));
    expect(byAd.pages).toBeGreaterThan(1);
    expect(total.rows).toHaveLength(1);
    const sum = byAd.rows.reduce((acc, r) => acc + cents(r.spend), 0n);
    expect(sum).toBe(cents(total.rows[0].spend));
    const keys = new Set(byAd.rows.map((r) => `${r.ad_id}|${r.date_start}`));
    expect(keys.size).toBe(byAd.rows.length);
    expect(byAd.rows.every((r) => r.date_start === r.date_stop && typeof r.spend === 'string')).toBe(true);
  });

  it('gets the same rows through an async report, reporting progress up to 100', async () => {
    const ask: InsightsParams = {
      since: daysAgo(10),
      until: daysAgo(1),
      level: 'ad',
      fields: ['ad_id', 'spend', 'impressions'],
      timeIncrement: 1,
    };
    const progress: number[] = [];
    const sync = await collect(client.insights(ask));
    const report = await collect(client.insightsAsync(ask, (pct) => progress.push(pct)));
    expect(progress.at(-1)).toBe(100);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.length).toBeGreaterThan(1);
    const key = (r: MetaInsightRow) => `${r.ad_id}|${r.date_start}|${r.spend}|${r.impressions}`;
    expect(report.rows.map(key).sort()).toEqual(sync.rows.map(key).sort());
    expect(sim.calls().byPath['/:id']).toBeGreaterThan(0);
  });

  it('sent every request to the loopback simulator, none to graph.facebook.com', () => {
    expect(watch.hosts.length).toBeGreaterThan(5);
    expect(watch.hosts.filter((h) => h !== '127.0.0.1')).toEqual([]);
  });
});
