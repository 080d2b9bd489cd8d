// The eval's oracle (eval/oracle.ts) must agree with the simulator's own Graph API to the cent, or
// the benchmark would grade answers against numbers nobody serves. A few ranges (whole days, a
// month, today's partial day) at every level, with Meta's canonical action types as the sync picks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Oracle, type Sums } from '../../eval/oracle.js';
import { resolveRange } from '../../eval/ranges.js';
import { type Simulator, startSimulator } from '../../src/simulator/index.js';
import { graphList } from '../helpers/simulatorAccount.js';

const NOW = new Date('2026-11-25T20:00:00Z');

interface Action {
  action_type: string;
  value: string;
}

interface Row {
  campaign_id?: string;
  adset_id?: string;
  ad_id?: string;
  spend?: string;
  impressions?: string;
  reach?: string;
  clicks?: string;
  inline_link_clicks?: string;
  actions?: Action[];
  action_values?: Action[];
}

/** "123.4" → 12340: decimal text to integer cents, no float in between. */
function cents(text: string | undefined): number {
  if (!text) return 0;
  const [whole, frac = ''] = text.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0').slice(0, 2));
}

function count(list: Action[] | undefined, type: string): number {
  return Number(list?.find((a) => a.action_type === type)?.value ?? 0);
}

function fromGraph(r: Row): Partial<Sums> {
  return {
    spend: cents(r.spend),
    impressions: Number(r.impressions ?? 0),
    reach: Number(r.reach ?? 0),
    clicks: Number(r.clicks ?? 0),
    link_clicks: Number(r.inline_link_clicks ?? 0),
    purchases: count(r.actions, 'omni_purchase'),
    revenue: cents(r.action_values?.find((a) => a.action_type === 'omni_purchase')?.value),
    leads: count(r.actions, 'lead'),
    add_to_cart: count(r.actions, 'omni_add_to_cart'),
    landing_page_views: count(r.actions, 'landing_page_view'),
  };
}

let sim: Simulator;
const oracle = new Oracle(NOW);

beforeAll(async () => {
  sim = await startSimulator({ now: () => NOW });
});

afterAll(async () => {
  await sim?.close();
});

const LEVELS = [
  ['account', undefined],
  ['campaign', 'campaign_id'],
  ['adset', 'adset_id'],
  ['ad', 'ad_id'],
] as const;

describe('eval oracle agrees with the simulator Graph API', () => {
  for (const spec of ['last_7d', 'month:10', 'md:11-03..11-10', 'this_month', 'quarter:2026-Q3']) {
    it(`every level, ${spec}`, async () => {
      const range = resolveRange(spec, oracle.calendar);
      for (const [level, idField] of LEVELS) {
        const rows = await graphList<Row>(sim, `${sim.accounts[0].id}/insights`, {
          level,
          fields:
            'campaign_id,adset_id,ad_id,spend,impressions,reach,clicks,inline_link_clicks,actions,action_values',
          time_range: JSON.stringify(range),
        });
        const nodes = idField ? oracle.nodes(level as 'campaign') : undefined;
        const expected = (id?: string) => {
          const scope = nodes ? nodes.filter((n) => n.id === id) : undefined;
          const { reach: _r, ...rest } = oracle.sums(scope ? oracle.adsOf(scope) : oracle.account.ads, range);
          return rest;
        };
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows) {
          const { reach: _r, ...got } = fromGraph(row);
          expect(got, `${level} ${idField ? row[idField] : ''} ${spec}`).toEqual(
            expected(idField ? row[idField] : undefined),
          );
        }
        // and entities Meta has no row for delivered nothing
        if (nodes) {
          const seen = new Set(rows.map((r) => r[idField!]));
          for (const n of nodes.filter((x) => !seen.has(x.id))) expect(expected(n.id).spend).toBe(0);
        }
      }
    });
  }

  it('reach is the sum of daily ad reach, as the sync stores it', async () => {
    const range = resolveRange('last_7d', oracle.calendar);
    const rows = await graphList<Row>(sim, `${sim.accounts[0].id}/insights`, {
      level: 'ad',
      fields: 'reach',
      time_range: JSON.stringify(range),
      time_increment: '1',
    });
    const total = rows.reduce((sum, r) => sum + Number(r.reach ?? 0), 0);
    expect(total).toBe(oracle.sums(oracle.account.ads, range).reach);
  });

  it.each(['today', 'yesterday'])('hours of %s, as the hourly breakdown serves them', async (day) => {
    const { since } = resolveRange(day, oracle.calendar);
    const rows = await graphList<Row & { hourly_stats_aggregated_by_advertiser_time_zone: string }>(
      sim,
      `${sim.accounts[0].id}/insights`,
      {
        level: 'account',
        fields: 'spend,clicks',
        breakdowns: 'hourly_stats_aggregated_by_advertiser_time_zone',
        time_range: JSON.stringify({ since, until: since }),
      },
    );
    const spend = oracle.hours('spend', since);
    const clicks = oracle.hours('clicks', since);
    // today: the hours begun at 12:00 in Los Angeles (00 … 12)
    expect(spend).toHaveLength(day === 'today' ? 13 : 24);
    const served = new Map(
      rows.map((r) => [Number(r.hourly_stats_aggregated_by_advertiser_time_zone.slice(0, 2)), fromGraph(r)]),
    );
    spend.forEach((v, h) => {
      expect(served.get(h)?.spend ?? 0, `${day} ${h}:00 spend`).toBe(v.num);
      expect(served.get(h)?.clicks ?? 0, `${day} ${h}:00 clicks`).toBe(clicks[h].num);
    });
  });
});
