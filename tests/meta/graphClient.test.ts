// The Graph client against the simulator over real HTTP: reads, paging, field selection, insights
// (synchronous and async), and that nothing ever leaves for graph.facebook.com. The day-by-day
// insight checks run on the wall clock and again at every pinned instant (tests/helpers/clocks.ts):
// "yesterday" is the ad account's yesterday, never UTC's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../src/calendar.js';
import { type Simulator, startSimulator } from '../../src/simulator/index.js';
import { GraphClient, type InsightsParams, type MetaInsightRow } from '../../src/sync/meta/graphClient.js';
import { PINNED_INSTANTS, steppedClockAt } from '../helpers/clocks.js';
import { watchOutgoingHosts } from './fakeGraph.js';

let sim: Simulator;
let client: GraphClient;
const watch = watchOutgoingHosts();

const cents = (s: string | undefined) => {
  const [whole, frac = ''] = (s ?? '0').split('.');
  return BigInt(whole) * 100n + BigInt(frac.padEnd(2, '0').slice(0, 2));
};

/** The account's date n days before its today, on the simulator's clock. */
function daysAgo(sim: Simulator, now: () => Date, n: number): string {
  return addDays(todayIn(sim.accounts[0].timeZone, now()), -n);
}

function clientFor(sim: Simulator, opts: { insightsPageLimit?: number } = {}): GraphClient {
  return new GraphClient({
    baseUrl: sim.url,
    version: sim.version,
    accessToken: sim.accessToken,
    accountId: sim.accounts[0].id,
    insightsPageLimit: opts.insightsPageLimit ?? 500, // small pages, so paging is exercised
    // Report polls back off from 1 s; a few ms is enough against the loopback simulator.
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 10))),
  });
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

const wallClock = () => new Date();

beforeAll(async () => {
  sim = await startSimulator({ ads: 1200, now: wallClock });
  client = clientFor(sim);
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
    await expectDailyAdSpendAddsUp(client, sim, wallClock, { pagesAtLeast: 2 });
  });

  it('gets the same rows through an async report, reporting progress up to 100', async () => {
    await expectAsyncReportMatches(client, sim, wallClock);
  });

  it('sent every request to the loopback simulator, none to graph.facebook.com', () => {
    expect(watch.hosts.length).toBeGreaterThan(5);
    expect(watch.hosts.filter((h) => h !== '127.0.0.1')).toEqual([]);
  });
});

describe.each(PINNED_INSTANTS)('daily insights at $label', ({ at }) => {
  let pinnedSim: Simulator;
  let pinnedClient: GraphClient;
  const clock = steppedClockAt(at);
  // Up to an hour passes between the two asks, within the account's day (the simulator's world is
  // laid out relative to the account's today): today grows, closed days must not.
  const anHourPasses = () => {
    const zone = pinnedSim.accounts[0].timeZone;
    const today = todayIn(zone, clock.now());
    for (let minute = 0; minute < 60; minute++) {
      if (todayIn(zone, new Date(clock.now().getTime() + 60_000)) !== today) return;
      clock.advance(60_000);
    }
  };
  beforeAll(async () => {
    pinnedSim = await startSimulator({ now: clock.now });
    pinnedClient = clientFor(pinnedSim, { insightsPageLimit: 20 });
  });
  afterAll(async () => {
    await pinnedClient.close();
    await pinnedSim.close();
  });

  it('ad-level spend adds up to the account total', async () => {
    await expectDailyAdSpendAddsUp(pinnedClient, pinnedSim, clock.now, {
      pagesAtLeast: 2,
      between: anHourPasses,
    });
  });

  it('an async report returns the same rows as the synchronous ask', async () => {
    await expectAsyncReportMatches(pinnedClient, pinnedSim, clock.now, anHourPasses);
  });
});

async function expectDailyAdSpendAddsUp(
  client: GraphClient,
  sim: Simulator,
  now: () => Date,
  opts: { pagesAtLeast: number; between?: () => void },
): Promise<void> {
  // Up to two days ago: today's numbers grow between the two asks, as Meta's do.
  const range = { since: daysAgo(sim, now, 9), until: daysAgo(sim, now, 2) };
  const fields = ['ad_id', 'adset_id', 'campaign_id', 'spend', 'impressions', 'actions'];
  const byAd = await collect(client.insights({ ...range, level: 'ad', fields, timeIncrement: 1 }));
  opts.between?.();
  const total = await collect(client.insights({ ...range, level: 'account', fields: ['spend'] }));
  expect(byAd.pages).toBeGreaterThanOrEqual(opts.pagesAtLeast);
  expect(total.rows).toHaveLength(1);
  const sum = byAd.rows.reduce((acc, r) => acc + cents(r.spend), 0n);
  expect(sum).toBe(cents(total.rows[0].spend));
  const keys = new Set(byAd.rows.map((r) => `${r.ad_id}|${r.date_start}`));
  expect(keys.size).toBe(byAd.rows.length);
  expect(byAd.rows.every((r) => r.date_start === r.date_stop && typeof r.spend === 'string')).toBe(true);
  expect(new Set(byAd.rows.map((r) => r.date_start)).size).toBe(8);
}

async function expectAsyncReportMatches(
  client: GraphClient,
  sim: Simulator,
  now: () => Date,
  between?: () => void,
): Promise<void> {
  // Up to the account's yesterday: a closed day, so both asks must see the same numbers.
  const ask: InsightsParams = {
    since: daysAgo(sim, now, 10),
    until: daysAgo(sim, now, 1),
    level: 'ad',
    fields: ['ad_id', 'spend', 'impressions'],
    timeIncrement: 1,
  };
  const progress: number[] = [];
  const sync = await collect(client.insights(ask));
  between?.();
  const report = await collect(client.insightsAsync(ask, (pct) => progress.push(pct)));
  expect(progress.at(-1)).toBe(100);
  expect(progress).toEqual([...progress].sort((a, b) => a - b));
  expect(progress.length).toBeGreaterThan(1);
  const key = (r: MetaInsightRow) => `${r.ad_id}|${r.date_start}|${r.spend}|${r.impressions}`;
  expect(sync.rows.length).toBeGreaterThan(0);
  expect(report.rows.map(key).sort()).toEqual(sync.rows.map(key).sort());
  expect(sim.calls().byPath['/:id']).toBeGreaterThan(0);
}
