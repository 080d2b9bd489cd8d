// Insights over real HTTP: levels, exact sums, action duplication, increments, hourly breakdown,
// delivery windows, determinism and the account time zone's day boundary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/simulator/index.js';

// biome-ignore lint/suspicious/noExplicitAny: Graph answers are inspected loosely in tests.
type Loose = any;

const NOW = new Date('2026-11-25T20:00:00Z'); // 12:00 in Los Angeles, 21:00 in Berlin
const FIELDS = 'spend,impressions,clicks,reach,ctr,cpc,cpm,actions,action_values,purchase_roas';
let sim: Simulator;

type Row = Record<string, Loose>;

async function allRows(s: Simulator, path: string, query: Record<string, string>): Promise<Row[]> {
  const url = new URL(`${s.url}/v24.0${path}`);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  url.searchParams.set('access_token', s.accessToken);
  const rows: Row[] = [];
  let next: string | undefined = url.toString();
  while (next) {
    const res = await fetch(next);
    const body = (await res.json()) as Loose;
    if (body.error) throw new Error(JSON.stringify(body.error));
    rows.push(...body.data);
    next = body.paging?.next;
  }
  return rows;
}

const cents = (s: string) => {
  const [whole, frac] = s.split('.');
  return Number(whole) * 100 + Number(frac);
};
const range = (since: string, until: string) => JSON.stringify({ since, until });
const action = (row: Row, type: string, key = 'actions') =>
  Number(row[key]?.find((a: Loose) => a.action_type === type)?.value ?? 0);

beforeAll(async () => {
  sim = await startSimulator({ now: () => NOW, secondAccount: true });
});
afterAll(async () => {
  await sim.close();
});

describe('simulator insights', () => {
  it('answers the sync ask with ad rows per day, strings for numbers, ids and names per level', async () => {
    const rows = await allRows(sim, '/act_1234567890/insights', {
      level: 'ad',
      time_increment: '1',
      time_range: range('2026-11-01', '2026-11-07'),
      fields: `${FIELDS},ad_id,ad_name,adset_id,adset_name,campaign_id,campaign_name`,
      limit: '50',
    });
    expect(rows.length).toBeGreaterThan(50);
    const r = rows[0];
    expect(r).toMatchObject({ account_id: '1234567890', account_currency: 'USD' });
    expect(r.date_start).toBe(r.date_stop);
    for (const k of ['ad_id', 'ad_name', 'adset_id', 'adset_name', 'campaign_id', 'campaign_name'])
      expect(typeof r[k]).toBe('string');
    expect(r.spend).toMatch(/^\d+\.\d\d$/);
    expect(r.impressions).toMatch(/^\d+$/);
    const keys = new Set(rows.map((x) => `${x.ad_id}|${x.date_start}`));
    expect(keys.size).toBe(rows.length);
  });

  it('includes deleted and archived ads that delivered, and no row for days without delivery', async () => {
    const rows = await allRows(sim, '/act_1234567890/insights', {
      level: 'ad',
      time_increment: '1',
      date_preset: 'maximum',
      fields: 'spend,campaign_name,ad_id',
      limit: '500',
    });
    const names = new Set(rows.map((r) => r.campaign_name));
    expect(names).toContain('Spring Promo – 20% Off'); // DELETED campaign
    expect(names).toContain('Brand Awareness Q3 2026'); // ARCHIVED
    expect(names).not.toContain('New Year Teaser 2027 🎆'); // created yesterday, no delivery yet
    expect(rows.every((r) => cents(r.spend) > 0)).toBe(true);
    const dates = rows.map((r) => r.date_start).sort();
    expect(dates[0] >= '2025-10-01').toBe(true); // ~13 months of history
    expect(dates.at(-1)).toBe('2026-11-25'); // today's partial day
    // An always-on ad skips a few days over 13 months: those days have no row at all.
    const alwaysOn = rows.filter((r) => r.campaign_name === 'Always-On Prospecting | US');
    const perAd = new Map<string, number>();
    for (const r of alwaysOn) perAd.set(r.ad_id, (perAd.get(r.ad_id) ?? 0) + 1);
    const counts = [...perAd.values()];
    expect(Math.min(...counts)).toBeGreaterThan(100);
    expect(Math.max(...counts)).toBeLessThan(401);
  });

  it('account level equals the sum of ad rows to the cent, counts included', async () => {
    const q = { time_range: range('2026-10-01', '2026-11-25'), fields: FIELDS, limit: '500' };
    const [account] = await allRows(sim, '/act_1234567890/insights', { ...q, level: 'account' });
    const ads = await allRows(sim, '/act_1234567890/insights', { ...q, level: 'ad', time_increment: '1' });
    const campaigns = await allRows(sim, '/act_1234567890/insights', {
      ...q,
      level: 'campaign',
      time_increment: 'monthly',
    });
    expect(ads.reduce((s, r) => s + cents(r.spend), 0)).toBe(cents(account.spend));
    expect(campaigns.reduce((s, r) => s + cents(r.spend), 0)).toBe(cents(account.spend));
    expect(ads.reduce((s, r) => s + Number(r.impressions), 0)).toBe(Number(account.impressions));
    expect(ads.reduce((s, r) => s + action(r, 'purchase'), 0)).toBe(action(account, 'purchase'));
    const value = ads.reduce((s, r) => s + cents(r.action_values?.[0]?.value ?? '0.00'), 0);
    expect(value).toBe(cents(account.action_values[0].value));
    expect(account.date_start).toBe('2026-10-01');
    expect(account.date_stop).toBe('2026-11-25');
  });

  it('reports the same purchases under purchase, omni_purchase and the pixel type', async () => {
    const [row] = await allRows(sim, '/act_1234567890/insights', { date_preset: 'last_30d', fields: FIELDS });
    const n = action(row, 'purchase');
    expect(n).toBeGreaterThan(0);
    expect(action(row, 'omni_purchase')).toBe(n);
    expect(action(row, 'offsite_conversion.fb_pixel_purchase')).toBe(n);
    const v = row.action_values.map((a: Loose) => a.value);
    expect(new Set(v).size).toBe(1);
    expect(row.purchase_roas[0].action_type).toBe('omni_purchase');
    expect(Number(row.purchase_roas[0].value)).toBeCloseTo(cents(v[0]) / cents(row.spend), 5);
    expect(action(row, 'lead')).toBe(
      action(row, 'onsite_conversion.lead_grouped') + action(row, 'offsite_conversion.fb_pixel_lead'),
    );
  });

  it('splits by month and by hour with exact sums; today stops at the current hour', async () => {
    const monthly = await allRows(sim, '/act_1234567890/insights', {
      time_range: range('2026-09-15', '2026-11-10'),
      time_increment: 'monthly',
      fields: 'spend',
    });
    expect(monthly.map((r) => [r.date_start, r.date_stop])).toEqual([
      ['2026-09-15', '2026-09-30'],
      ['2026-10-01', '2026-10-31'],
      ['2026-11-01', '2026-11-10'],
    ]);
    const hourly = await allRows(sim, '/act_1234567890/insights', {
      date_preset: 'yesterday',
      breakdowns: 'hourly_stats_aggregated_by_advertiser_time_zone',
      fields: 'spend,impressions',
    });
    expect(hourly).toHaveLength(24);
    expect(hourly[0].hourly_stats_aggregated_by_advertiser_time_zone).toBe('00:00:00 - 00:59:59');
    const [day] = await allRows(sim, '/act_1234567890/insights', {
      date_preset: 'yesterday',
      fields: 'spend',
    });
    expect(hourly.reduce((s, r) => s + cents(r.spend), 0)).toBe(cents(day.spend));
    const today = await allRows(sim, '/act_1234567890/insights', {
      date_preset: 'today',
      breakdowns: '["hourly_stats_aggregated_by_advertiser_time_zone"]',
      fields: 'spend',
    });
    expect(today.at(-1)?.hourly_stats_aggregated_by_advertiser_time_zone).toBe('12:00:00 - 12:59:59');
  });

  it('answers insights on a campaign and on an ad, and pages insights', async () => {
    const ads = await allRows(sim, '/act_1234567890/insights', {
      level: 'ad',
      date_preset: 'last_7d',
      fields: 'spend',
      limit: '5',
    });
    const ad = ads[0];
    const [one] = await allRows(sim, `/${ad.ad_id}/insights`, { date_preset: 'last_7d', fields: 'spend' });
    expect(one.spend).toBe(ad.spend);
    expect(one.ad_id).toBe(ad.ad_id);
    const [camp] = await allRows(sim, `/${ad.campaign_id}/insights`, {
      date_preset: 'last_7d',
      fields: 'spend',
    });
    const sum = ads.filter((r) => r.campaign_id === ad.campaign_id).reduce((s, r) => s + cents(r.spend), 0);
    expect(cents(camp.spend)).toBe(sum);
    expect(camp.ad_id).toBeUndefined();
  });

  it('is deterministic for a seed and a day, and differs with the seed', async () => {
    const q = { level: 'ad', time_increment: '1', date_preset: 'last_14d', fields: FIELDS, limit: '500' };
    const twin = await startSimulator({ now: () => NOW });
    const other = await startSimulator({ now: () => NOW, seed: 7 });
    try {
      const a = await allRows(sim, '/act_1234567890/insights', q);
      expect(await allRows(twin, '/act_1234567890/insights', q)).toEqual(a);
      expect(await allRows(other, '/act_1234567890/insights', q)).not.toEqual(a);
    } finally {
      await twin.close();
      await other.close();
    }
  });

  it("dates days in the account's time zone, not UTC", async () => {
    // 07:30 UTC on the 25th is 23:30 on the 24th in Los Angeles and 08:30 on the 25th in Berlin.
    const early = await startSimulator({ now: () => new Date('2026-11-25T07:30:00Z'), secondAccount: true });
    try {
      const [la] = await allRows(early, '/act_1234567890/insights', {
        date_preset: 'today',
        fields: 'spend',
      });
      expect(la.date_start).toBe('2026-11-24');
      const [berlin] = await allRows(early, '/act_2345678901/insights', {
        date_preset: 'today',
        fields: 'spend',
      });
      expect(berlin).toMatchObject({ date_start: '2026-11-25', account_currency: 'EUR' });
      const [laYesterday] = await allRows(early, '/act_1234567890/insights', {
        date_preset: 'yesterday',
        fields: 'spend',
      });
      expect(laYesterday.date_start).toBe('2026-11-23');
    } finally {
      await early.close();
    }
  });

  it('refuses bad parameters with code 100', async () => {
    const res = await fetch(
      `${sim.url}/v24.0/act_1234567890/insights?level=nope&access_token=${sim.accessToken}`,
    );
    expect(((await res.json()) as Loose).error.code).toBe(100);
  });
});
