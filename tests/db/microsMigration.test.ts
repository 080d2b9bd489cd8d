// Migration 0121 (the ad roll-up in whole micros, and a check that facts hold at most 6 decimals) on
// a database written before it, when the ingest bound still allowed 10 decimals: a fact with more is
// rounded to 6 (a millionth of a currency unit, far below any currency's smallest coin) instead of
// stopping the upgrade, the values as ingested are kept (as long as their ad), and every roll-up moves
// with the facts.
import { describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../src/db/migrate.js';
import { sql } from '../../src/db/sql.js';
import { backends, createTestDb } from '../helpers/db.js';
import { addFacts, makeCampaignTree, makeConnection, makeWorkspace } from '../helpers/fixtures.js';

const MICROS_MIGRATION = 121;

describe.each(backends)('migration 0121 on %s', (kind) => {
  it('rounds facts with more than 6 decimals to 6, keeps them as ingested, and every roll-up follows', async () => {
    const t = await createTestDb(kind, { migrate: false });
    try {
      await migrate(
        t.db,
        readMigrations().filter((m) => m.version < MICROS_MIGRATION),
      );
      const workspaceId = await makeWorkspace(t.db);
      const connectionId = await makeConnection(t.db, workspaceId);
      const { ad } = await makeCampaignTree(t.db, { workspaceId, connectionId });
      // one week, one month, one quarter: every roll-up holds one row for these three days
      await addFacts(t.db, ad, [
        { date: '2026-11-02', spend: '1.23456789', revenue: '10.0000004', purchases: '0.3333333333' },
        { date: '2026-11-03', spend: '2.0000005', leads: '1.5' },
        { date: '2026-11-04', spend: '3.10', addToCart: '2.1234565' },
      ]);

      await migrate(t.db);

      const facts = await t.db.query<Record<string, string>>(sql`
        select date::text, spend::text, revenue::text, purchases::text, leads::text, add_to_cart::text
        from metric_facts order by date`);
      expect(facts).toEqual([
        {
          date: '2026-11-02',
          spend: '1.234568',
          revenue: '10.000000',
          purchases: '0.333333',
          leads: '0',
          add_to_cart: '0',
        },
        {
          date: '2026-11-03',
          spend: '2.000001',
          revenue: '0',
          purchases: '0',
          leads: '1.5',
          add_to_cart: '0',
        },
        {
          date: '2026-11-04',
          spend: '3.10',
          revenue: '0',
          purchases: '0',
          leads: '0',
          add_to_cart: '2.123457',
        },
      ]);
      const kept = await t.db.query<Record<string, string>>(sql`
        select date::text, spend::text, revenue::text, purchases::text, add_to_cart::text
        from metric_facts_unrounded order by date`);
      expect(kept).toEqual([
        {
          date: '2026-11-02',
          spend: '1.23456789',
          revenue: '10.0000004',
          purchases: '0.3333333333',
          add_to_cart: '0',
        },
        { date: '2026-11-03', spend: '2.0000005', revenue: '0', purchases: '0', add_to_cart: '0' },
        { date: '2026-11-04', spend: '3.10', revenue: '0', purchases: '0', add_to_cart: '2.1234565' },
      ]);

      // 1.234568 + 2.000001 + 3.10 = 6.334569 in every roll-up (the day roll-ups' numeric sums keep the
      // scale of the unrounded facts they were added from, hence trim_scale)
      const periods = await t.db.query<{
        period: string;
        spend: string;
        revenue: string;
        add_to_cart: string;
      }>(sql`
        select period, spend_micros::text as spend, revenue_micros::text as revenue,
          add_to_cart_micros::text as add_to_cart
        from metric_ad_periods order by period`);
      expect(periods).toEqual(
        ['month', 'quarter', 'week'].map((period) => ({
          period,
          spend: '6334569',
          revenue: '10000000',
          add_to_cart: '2123457',
        })),
      );
      for (const table of ['metric_campaign_days', 'metric_adset_days'] as const) {
        const name = sql.identifier(table, ['metric_campaign_days', 'metric_adset_days']);
        const [days] = await t.db.query<{ spend: string; purchases: string }>(
          sql`select trim_scale(sum(spend))::text as spend, trim_scale(sum(purchases))::text as purchases from ${name}`,
        );
        expect(days, table).toEqual({ spend: '6.334569', purchases: '0.333333' });
      }
      const [adsetPeriods] = await t.db.query<{ spend: string }>(
        sql`select trim_scale(sum(spend))::text as spend from metric_adset_periods where period = 'month'`,
      );
      expect(adsetPeriods.spend).toBe('6.334569');

      // the values as ingested go with their ad, as its facts do
      await t.db.query(sql`delete from entities where id = ${ad.id}`);
      expect(await t.db.query(sql`select 1 from metric_facts_unrounded`)).toEqual([]);
    } finally {
      await t.drop();
    }
  });
});
