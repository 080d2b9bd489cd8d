// Hourly facts (the intraday refresh): for a settled day they sum to the whole-day facts, and the
// whole-day numbers (facts, campaign and ad set roll-ups) are never counted twice. Expected values
// come from the simulator's own insights.
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../src/calendar.js';
import { sql } from '../../src/db/sql.js';
import { runSync } from '../../src/sync/syncService.js';
import { backends } from '../helpers/db.js';
import { exact, type SyncFixture, setUpSync, simulatorTotals } from './fixture.js';

describe.each(backends)('hourly facts on %s', { timeout: 120_000 }, (kind) => {
  let f: SyncFixture | undefined;
  afterEach(async () => {
    await f?.close();
    f = undefined;
  });

  it('sum to the daily facts for a settled day, and daily sums stay single', async () => {
    f = await setUpSync(kind);
    await runSync(f.deps, f.req);
    const today = todayIn(f.sim.accounts[0].timeZone, f.deps.now!());
    const yesterday = addDays(today, -1);
    const run = await runSync(f.deps, { ...f.req, from: yesterday, to: today, hourly: true });
    expect(run.stats.hourly_facts?.inserted).toBeGreaterThan(0);

    const sums = async (predicate: ReturnType<typeof sql>) => {
      const [r] = await f!.t.db.query<{ spend: string; clicks: string; n: number }>(sql`
        select coalesce(sum(spend), 0)::text as spend, coalesce(sum(clicks), 0)::text as clicks, count(*)::int as n
        from metric_facts f where connection_id = ${f!.connection.id} and date = ${yesterday} and ${predicate}`);
      return r;
    };
    const daily = await sums(sql`f.hour = -1`);
    const hourly = await sums(sql`f.hour >= 0`);
    const meta = await simulatorTotals(f.sim, yesterday, yesterday);
    expect(exact(daily.spend)).toBe(meta.spend);
    expect(exact(hourly.spend)).toBe(meta.spend);
    expect(exact(hourly.clicks)).toBe(meta.clicks);
    expect(hourly.n).toBeGreaterThan(daily.n); // many hours per ad

    // every hourly ad-day sums to that ad's daily row
    const mismatched = await f.t.db.query(sql`
      select d.entity_id from metric_facts d
      left join (select entity_id, sum(spend) as spend, sum(impressions) as impressions from metric_facts
                 where connection_id = ${f.connection.id} and date = ${yesterday} and hour >= 0 group by entity_id) h
        on h.entity_id = d.entity_id
      where d.connection_id = ${f.connection.id} and d.date = ${yesterday} and d.hour = -1
        and (coalesce(h.spend, 0) <> d.spend or coalesce(h.impressions, 0) <> d.impressions)`);
    expect(mismatched).toEqual([]);

    // the roll-ups every daily query reads hold the day once
    for (const table of ['metric_campaign_days', 'metric_adset_days'] as const) {
      const [r] = await f.t.db.query<{ spend: string }>(sql`
        select coalesce(sum(spend), 0)::text as spend from ${sql.identifier(table, [table])}
        where connection_id = ${f.connection.id} and date = ${yesterday}`);
      expect(exact(r.spend)).toBe(meta.spend);
    }
  });
});
