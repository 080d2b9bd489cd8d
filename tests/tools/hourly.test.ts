// Hourly answers from the tools: get_metrics by hour and compare_periods' pacing (same_hours). The
// clock is pinned and the account sits in Los Angeles, so "today", the hour and the day an intraday
// refresh fetched are all the account's own, whatever the wall clock or UTC says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.js';
import { sql } from '../../src/db/sql.js';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';
import { addFacts, call, makeCampaignTree, makeScope, toolContext } from '../helpers/fixtures.js';

const LA = 'America/Los_Angeles';
// 14:30 PST on Nov 25 (22:30 UTC): today is Nov 25, yesterday Nov 24, hours 0..13 have ended
const NOW = '2026-11-25T22:30:00Z';

/** A successful intraday refresh (hourly facts for its yesterday and today) that started at `at`. */
async function hourlyRefresh(db: Db, scope: { workspaceId: string; connectionId: string }, at: string) {
  await db.query(sql`
    insert into sync_runs (workspace_id, connection_id, kind, status, range_since, range_until, stats, started_at, finished_at)
    values (${scope.workspaceId}, ${scope.connectionId}, 'incremental', 'succeeded', '2026-11-20', '2026-11-25',
            ${JSON.stringify({ hourly_facts: { inserted: 1, updated: 0, unchanged: 0 } })}::jsonb, ${at}::timestamptz, ${at}::timestamptz)`);
}

describe.each(backends)('hourly tools on %s', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind);
  });
  afterAll(async () => t?.drop());

  async function seeded() {
    const scope = await makeScope(t.db, { timeZone: LA, currency: 'USD' });
    const ctx = toolContext(t.db, scope.workspaceId, NOW);
    const tree = await makeCampaignTree(t.db, scope);
    return { scope, ctx, ad: tree.ad };
  }

  it('get_metrics by hour: today so far from the hourly rows only, through the hour the data was fetched', async () => {
    const { scope, ctx, ad } = await seeded();
    // fetched at 14:10 PST: hours 0..14 exist (14 still running); the whole-day row must not count
    await addFacts(t.db, ad, [
      ...Array.from({ length: 15 }, (_, h) => ({
        date: '2026-11-25',
        hour: h,
        spend: String(h + 1),
        clicks: h,
      })),
      { date: '2026-11-25', spend: '1000.00', clicks: 5000 },
    ]);
    await hourlyRefresh(t.db, scope, '2026-11-25T22:10:00Z');
    const out = await call(
      'get_metrics',
      { metrics: ['spend', 'clicks'], range: { preset: 'today' }, group_by: 'hour' },
      ctx,
    );
    expect(out.range).toMatchObject({ since: '2026-11-25', until: '2026-11-25', time_zone: LA });
    expect(out.hours).toEqual({ through_hour: 14, as_of: '2026-11-25T22:10:00.000Z' });
    expect(out.rows.map((r: { key: string }) => r.key)).toEqual(
      Array.from({ length: 15 }, (_, h) => `${String(h).padStart(2, '0')}:00`),
    );
    expect(out.rows[3].metrics).toEqual({ spend: 4, clicks: 3 });
    // 1 + 2 + … + 15 = 120; clicks 0 + … + 14 = 105: the hours' sum, not the day row's 1000
    expect(out.totals).toEqual({ spend: 120, clicks: 105 });
    // the daily answer still reads only the day row
    const daily = await call('get_metrics', { metrics: ['spend'], range: { preset: 'today' } }, ctx);
    expect(daily.totals.spend).toBe(1000);
    expect(daily.hours).toBeUndefined();
  });

  it('get_metrics by hour: yesterday is whole once a refresh ran today; an older day has no hours', async () => {
    const { scope, ctx, ad } = await seeded();
    await addFacts(t.db, ad, [
      { date: '2026-11-24', hour: 9, spend: '7.25', clicks: 3 },
      { date: '2026-11-24', hour: 23, spend: '0.75', clicks: 9 },
      { date: '2026-11-24', spend: '8.00', clicks: 12 },
    ]);
    // yesterday 22:00 PST (partial), then today 01:05 PST (the whole of yesterday)
    await hourlyRefresh(t.db, scope, '2026-11-25T06:00:00Z');
    await hourlyRefresh(t.db, scope, '2026-11-25T09:05:00Z');
    const out = await call(
      'get_metrics',
      { metrics: ['clicks'], range: { preset: 'yesterday' }, group_by: 'hour' },
      ctx,
    );
    expect(out.hours).toEqual({ through_hour: 23, as_of: '2026-11-25T09:05:00.000Z' });
    expect(out.rows).toHaveLength(24);
    const top = [...out.rows].sort(
      (a: { metrics: { clicks: number } }, b: { metrics: { clicks: number } }) =>
        b.metrics.clicks - a.metrics.clicks,
    )[0];
    expect(top).toMatchObject({ key: '23:00', metrics: { clicks: 9 } });
    expect(out.totals).toEqual({ clicks: 12 });

    const older = await call(
      'get_metrics',
      { metrics: ['spend'], range: { since: '2026-11-20', until: '2026-11-20' }, group_by: 'hour' },
      ctx,
    );
    expect(older.hours).toEqual({ through_hour: -1, as_of: null });
    expect(older.rows).toEqual([]);
    await expect(
      call('get_metrics', { metrics: ['spend'], range: { preset: 'last_7d' }, group_by: 'hour' }, ctx),
    ).rejects.toThrow(/range: hourly numbers need a single day/);
  });

  it('compare_periods same_hours: today through the last ended hour vs yesterday through the same hour', async () => {
    const { scope, ctx, ad } = await seeded();
    await addFacts(t.db, ad, [
      // today, fetched 14:10 PST: hours 0..14, 14 still running
      ...Array.from({ length: 15 }, (_, h) => ({ date: '2026-11-25', hour: h, spend: '2.00' })),
      // yesterday, all 24 hours
      ...Array.from({ length: 24 }, (_, h) => ({ date: '2026-11-24', hour: h, spend: '1.50' })),
      { date: '2026-11-25', spend: '500.00' },
      { date: '2026-11-24', spend: '36.00' },
    ]);
    await hourlyRefresh(t.db, scope, '2026-11-25T09:05:00Z');
    await hourlyRefresh(t.db, scope, '2026-11-25T22:10:00Z');
    const out = await call(
      'compare_periods',
      { metrics: ['spend'], range: { preset: 'today' }, same_hours: true },
      ctx,
    );
    expect(out.current.range).toMatchObject({ since: '2026-11-25', until: '2026-11-25' });
    expect(out.previous.range).toMatchObject({ since: '2026-11-24', until: '2026-11-24' });
    expect(out.hours).toEqual({ through_hour: 13, as_of: '2026-11-25T22:10:00.000Z' });
    // 14 ended hours each: 14 × 2.00 against 14 × 1.50
    expect(out.current.totals).toEqual({ spend: 28 });
    expect(out.previous.totals).toEqual({ spend: 21 });
    expect(out.change.spend).toEqual({ absolute: 7, percent: 33.33 });
    expect(out.movers[0]).toMatchObject({ current: 28, previous: 21 });

    // without same_hours, the whole-day rows as before
    const whole = await call('compare_periods', { metrics: ['spend'], range: { preset: 'today' } }, ctx);
    expect(whole.current.totals).toEqual({ spend: 500 });
    expect(whole.hours).toBeUndefined();
  });

  it('compare_periods same_hours right after midnight: no hour has ended, so nothing is compared', async () => {
    const { scope, ad } = await seeded();
    const ctx = toolContext(t.db, scope.workspaceId, '2026-11-25T08:40:00Z'); // 00:40 PST
    await addFacts(t.db, ad, [
      { date: '2026-11-25', hour: 0, spend: '3.00' },
      { date: '2026-11-24', hour: 0, spend: '1.00' },
    ]);
    await hourlyRefresh(t.db, scope, '2026-11-25T08:35:00Z');
    const out = await call(
      'compare_periods',
      { metrics: ['spend'], range: { preset: 'today' }, same_hours: true },
      ctx,
    );
    expect(out.hours.through_hour).toBe(-1);
    expect(out.current.totals.spend).toBe(0);
    expect(out.previous.totals.spend).toBe(0);
  });
});
