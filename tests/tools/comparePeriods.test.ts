import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';
import {
  addFacts,
  call,
  makeCampaignTree,
  makeConnection,
  makeWorkspace,
  toolContext,
} from '../helpers/fixtures.js';

// now = 2026-11-25 12:00 UTC → last_7d = 11-18..11-24, the period before = 11-11..11-17
const CUR = '2026-11-20';
const PREV = '2026-11-12';

describe.each(backends)('compare_periods on %s', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind);
  });
  afterAll(async () => t?.drop());

  it('compares with the period just before, exactly, and ranks movers by absolute change', async () => {
    const workspaceId = await makeWorkspace(t.db);
    const connectionId = await makeConnection(t.db, workspaceId);
    const scope = { workspaceId, connectionId };
    const up = await makeCampaignTree(t.db, scope, { name: 'up' });
    const born = await makeCampaignTree(t.db, scope, { name: 'born' });
    const down = await makeCampaignTree(t.db, scope, { name: 'down' });
    await makeCampaignTree(t.db, scope, { name: 'still' });
    await addFacts(t.db, up.ad, [
      { date: PREV, spend: '10.00', revenue: '0.10' },
      { date: CUR, spend: '30.00', revenue: '0.30' },
    ]);
    await addFacts(t.db, born.ad, [{ date: CUR, spend: '5.00' }]);
    await addFacts(t.db, down.ad, [
      { date: PREV, spend: '20.00' },
      { date: CUR, spend: '4.00' },
    ]);
    const out = await call(
      'compare_periods',
      { metrics: ['spend', 'revenue', 'roas'] },
      toolContext(t.db, workspaceId),
    );
    expect(out.current.range).toEqual({
      since: '2026-11-18',
      until: '2026-11-24',
      time_zone: 'UTC',
      preset: 'last_7d',
    });
    expect(out.previous.range).toEqual({ since: '2026-11-11', until: '2026-11-17', time_zone: 'UTC' });
    expect(out.current.totals).toEqual({ spend: 39, revenue: 0.3, roas: 0.0077 });
    expect(out.previous.totals).toEqual({ spend: 30, revenue: 0.1, roas: 0.0033 });
    expect(out.change.spend).toEqual({ absolute: 9, percent: 30 });
    expect(out.change.revenue).toEqual({ absolute: 0.2, percent: 200 });
    expect(out.currency).toBe('EUR');
    expect(
      out.movers.map((m: { name: string; absolute: number; percent: number | null }) => [
        m.name,
        m.absolute,
        m.percent,
      ]),
    ).toEqual([
      ['up', 20, 200],
      ['down', -16, -80],
      ['born', 5, null],
    ]);
  });

  it('breaks ties at the top cut by name, and ranks unknown (null) changes last', async () => {
    const workspaceId = await makeWorkspace(t.db);
    const connectionId = await makeConnection(t.db, workspaceId);
    const scope = { workspaceId, connectionId };
    const ctx = toolContext(t.db, workspaceId);
    // c, a and b move spend by 7 (a tie across the cut of top 2), z by 9
    for (const [name, prev, cur] of [
      ['c', '1.00', '8.00'],
      ['z', '0.00', '9.00'],
      ['a', '10.00', '3.00'],
      ['b', '2.00', '9.00'],
      ['small', '1.00', '2.00'],
    ] as const) {
      const tree = await makeCampaignTree(t.db, scope, { name });
      await addFacts(t.db, tree.ad, [
        { date: PREV, spend: prev, revenue: '1.00' },
        { date: CUR, spend: cur, revenue: '2.00' },
      ]);
    }
    const names = async (input: Record<string, unknown>) =>
      (await call('compare_periods', input, ctx)).movers.map((m: { name: string }) => m.name);
    expect(await names({ metrics: ['spend'], top: 2 })).toEqual(['z', 'a']);
    expect(await names({ metrics: ['spend'], top: 3 })).toEqual(['z', 'a', 'b']);
    expect(await names({ metrics: ['spend'], top: 4 })).toEqual(['z', 'a', 'b', 'c']);
    // roas: c 1 → 0.25, a 0.1 → 0.6667, b 0.5 → 0.2222; small 1 → 1 did not move; z's zero-spend
    // week has none, so its change is unknown and comes after every known one
    expect(await names({ metrics: ['roas'], top: 5 })).toEqual(['c', 'a', 'b', 'z']);
    // the cut at the top-th change: three known changes fill top 3; top 4 reaches the unknown one
    expect(await names({ metrics: ['roas'], top: 3 })).toEqual(['c', 'a', 'b']);
    expect(await names({ metrics: ['roas'], top: 4 })).toEqual(['c', 'a', 'b', 'z']);
    expect(await names({ metrics: ['roas'], top: 2 })).toEqual(['c', 'a']);
  });

  it('takes an explicit compare_to, and keeps currencies apart', async () => {
    const workspaceId = await makeWorkspace(t.db);
    const eur = await makeConnection(t.db, workspaceId, { currency: 'EUR' });
    const usd = await makeConnection(t.db, workspaceId, { currency: 'USD' });
    const e = await makeCampaignTree(t.db, { workspaceId, connectionId: eur });
    const u = await makeCampaignTree(t.db, { workspaceId, connectionId: usd });
    await addFacts(t.db, e.ad, [
      { date: '2026-10-05', spend: '2.00', clicks: 1 },
      { date: CUR, spend: '6.00', clicks: 3 },
    ]);
    await addFacts(t.db, u.ad, [{ date: CUR, spend: '1.00', clicks: 1 }]);
    const out = await call(
      'compare_periods',
      {
        metrics: ['spend', 'clicks'],
        range: { preset: 'last_7d' },
        compare_to: { since: '2026-10-01', until: '2026-10-31' },
      },
      toolContext(t.db, workspaceId),
    );
    expect(out.previous.range).toEqual({ since: '2026-10-01', until: '2026-10-31', time_zone: 'UTC' });
    expect(out.currency).toBeNull();
    expect(out.current.totals).toEqual({ spend: null, clicks: 4 });
    expect(out.change).toEqual({
      spend: { absolute: null, percent: null },
      clicks: { absolute: 3, percent: 300 },
    });
    expect(out.by_currency).toEqual([
      {
        currency: 'EUR',
        current: { spend: 6, clicks: 3 },
        previous: { spend: 2, clicks: 1 },
        change: { spend: { absolute: 4, percent: 200 }, clicks: { absolute: 2, percent: 200 } },
      },
      {
        currency: 'USD',
        current: { spend: 1, clicks: 1 },
        previous: { spend: 0, clicks: 0 },
        change: { spend: { absolute: 1, percent: null }, clicks: { absolute: 1, percent: null } },
      },
    ]);
    expect(out.movers.map((m: { currency: string }) => m.currency)).toEqual(['EUR', 'USD']);
  });
});
