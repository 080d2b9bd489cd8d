import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/db/sql.js';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';
import {
  addFacts,
  call,
  makeCampaignTree,
  makeConnection,
  makeScope,
  makeWorkspace,
  toolContext,
} from '../helpers/fixtures.js';

describe.each(backends)('get_metrics on %s', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind);
  });
  afterAll(async () => t?.drop());

  const setup = (connection: Parameters<typeof makeScope>[1] = {}) => makeScope(t.db, connection);

  it('sums decimals exactly, ignores hourly rows, and returns every day including zero days', async () => {
    const { ctx, ...scope } = await setup();
    const tree = await makeCampaignTree(t.db, scope);
    await addFacts(t.db, tree.ad, [
      { date: '2026-11-01', spend: '0.10', impressions: 3 },
      { date: '2026-11-02', spend: '0.20', impressions: 0 },
      { date: '2026-11-04', spend: '0.30', impressions: 0 },
      { date: '2026-11-04', hour: 5, spend: '99.00', impressions: 1000 },
    ]);
    const range = { since: '2026-11-01', until: '2026-11-05' };
    const out = await call(
      'get_metrics',
      { metrics: ['spend', 'impressions', 'cpm'], range, group_by: 'day' },
      ctx,
    );
    expect(out.totals).toEqual({ spend: 0.6, impressions: 3, cpm: 200 });
    expect(out.currency).toBe('EUR');
    expect(out.by_currency).toBeUndefined();
    expect(out.total_rows).toBe(5);
    expect(
      out.rows.map((r: { key: string; metrics: { spend: number } }) => [r.key, r.metrics.spend]),
    ).toEqual([
      ['2026-11-01', 0.1],
      ['2026-11-02', 0.2],
      ['2026-11-03', 0],
      ['2026-11-04', 0.3],
      ['2026-11-05', 0],
    ]);
    expect(out.rows[2].metrics.cpm).toBeNull();
    const capped = await call('get_metrics', { metrics: ['spend'], range, group_by: 'day', limit: 2 }, ctx);
    expect(capped.total_rows).toBe(5);
    expect(capped.rows.map((r: { key: string }) => r.key)).toEqual(['2026-11-04', '2026-11-05']);
  });

  it('groups by week (Monday keys), month and campaign (zero-delivery campaigns included)', async () => {
    const { ctx, ...scope } = await setup();
    const a = await makeCampaignTree(t.db, scope, { name: 'A' });
    await makeCampaignTree(t.db, scope, { name: 'Idle' });
    await addFacts(t.db, a.ad, [
      { date: '2026-10-31', spend: '1.00' },
      { date: '2026-11-01', spend: '2.00' },
      { date: '2026-11-02', spend: '4.00' },
    ]);
    const range = { since: '2026-10-30', until: '2026-11-03' };
    const weeks = await call('get_metrics', { metrics: ['spend'], range, group_by: 'week' }, ctx);
    expect(
      weeks.rows.map((r: { key: string; metrics: { spend: number } }) => [r.key, r.metrics.spend]),
    ).toEqual([
      ['2026-10-26', 3],
      ['2026-11-02', 4],
    ]);
    const months = await call('get_metrics', { metrics: ['spend'], range, group_by: 'month' }, ctx);
    expect(months.rows.map((r: { key: string }) => r.key)).toEqual(['2026-10-01', '2026-11-01']);
    const campaigns = await call('get_metrics', { metrics: ['spend'], range, group_by: 'campaign' }, ctx);
    expect(campaigns.rows).toEqual([
      { key: a.campaign.externalId, label: 'A', currency: 'EUR', metrics: { spend: 7 } },
      expect.objectContaining({ label: 'Idle', metrics: { spend: 0 } }),
    ]);
  });

  it('filters by entity ids at any level and by name', async () => {
    const { ctx, ...scope } = await setup();
    const a = await makeCampaignTree(t.db, scope, { name: 'Brand' });
    const b = await makeCampaignTree(t.db, scope, { name: 'Retarget' });
    await addFacts(t.db, a.ad, [{ date: '2026-11-20', spend: '10.00', leads: '2' }]);
    await addFacts(t.db, b.ad, [{ date: '2026-11-20', spend: '5.00', leads: '0' }]);
    const range = { preset: 'last_7d' };
    const byAdset = await call(
      'get_metrics',
      { metrics: ['spend', 'cpl'], range, filters: { entity_ids: [a.adset.externalId] } },
      ctx,
    );
    expect(byAdset.totals).toEqual({ spend: 10, cpl: 5 });
    const byName = await call(
      'get_metrics',
      { metrics: ['spend', 'cpl'], range, filters: { name_contains: 'retar' } },
      ctx,
    );
    expect(byName.totals).toEqual({ spend: 5, cpl: null });
    const ads = await call(
      'get_metrics',
      {
        metrics: ['spend'],
        range,
        group_by: 'ad',
        filters: { level: 'campaign', entity_ids: [b.campaign.externalId] },
      },
      ctx,
    );
    expect(ads.rows.map((r: { key: string }) => r.key)).toEqual([b.ad.externalId]);
  });

  it('never sums two currencies into one number', async () => {
    const workspaceId = await makeWorkspace(t.db);
    const eur = await makeConnection(t.db, workspaceId, {
      currency: 'EUR',
      lastSyncedAt: '2026-11-24T08:00:00Z',
    });
    const usd = await makeConnection(t.db, workspaceId, {
      currency: 'USD',
      lastSyncedAt: '2026-11-24T09:00:00Z',
    });
    const e = await makeCampaignTree(t.db, { workspaceId, connectionId: eur });
    const u = await makeCampaignTree(t.db, { workspaceId, connectionId: usd });
    await addFacts(t.db, e.ad, [{ date: '2026-11-20', spend: '10.00', revenue: '30.00', impressions: 100 }]);
    await addFacts(t.db, u.ad, [{ date: '2026-11-21', spend: '20.00', revenue: '20.00', impressions: 100 }]);
    const ctx = toolContext(t.db, workspaceId);
    const metrics = ['spend', 'revenue', 'roas', 'impressions'];
    const out = await call('get_metrics', { metrics, range: { preset: 'last_7d' }, group_by: 'day' }, ctx);
    expect(out.currency).toBeNull();
    expect(out.data_as_of).toBe('2026-11-24T09:00:00.000Z');
    expect(out.totals).toEqual({ spend: null, revenue: null, roas: null, impressions: 200 });
    expect(out.by_currency).toEqual([
      { currency: 'EUR', totals: { spend: 10, revenue: 30, roas: 3, impressions: 100 } },
      { currency: 'USD', totals: { spend: 20, revenue: 20, roas: 1, impressions: 100 } },
    ]);
    expect(out.rows).toHaveLength(14); // 7 days × 2 currencies
    expect(
      out.rows.find((r: { key: string; currency: string }) => r.key === '2026-11-20' && r.currency === 'EUR')
        .metrics.spend,
    ).toBe(10);

    const one = await call(
      'get_metrics',
      { metrics, range: { preset: 'last_7d' }, filters: { connection_id: usd } },
      ctx,
    );
    expect(one.currency).toBe('USD');
    expect(one.totals.spend).toBe(20);
    expect(one.data_as_of).toBe('2026-11-24T09:00:00.000Z');

    const list = await call('list_entities', { range: { preset: 'last_7d' }, metrics: ['spend'] }, ctx);
    expect(list.currency).toBeNull();
    expect(
      list.rows.map((r: { currency: string; metrics: { spend: number } }) => [r.currency, r.metrics.spend]),
    ).toEqual([
      ['USD', 20],
      ['EUR', 10],
    ]);
  });

  it('resolves a preset per connection, each in its own time zone', async () => {
    const workspaceId = await makeWorkspace(t.db);
    const la = await makeConnection(t.db, workspaceId, { timeZone: 'America/Los_Angeles' });
    const tokyo = await makeConnection(t.db, workspaceId, { timeZone: 'Asia/Tokyo' });
    await t.db.query(
      sql`update connections set created_at = created_at + interval '1 minute' where id = ${tokyo}`,
    );
    const l = await makeCampaignTree(t.db, { workspaceId, connectionId: la });
    const k = await makeCampaignTree(t.db, { workspaceId, connectionId: tokyo });
    await addFacts(t.db, l.ad, [{ date: '2026-11-24', spend: '1.00' }]);
    await addFacts(t.db, k.ad, [
      { date: '2026-11-24', spend: '10.00' },
      { date: '2026-11-25', spend: '100.00' },
    ]);
    // 07:30 UTC: still the 24th in Los Angeles, already the 25th (16:30) in Tokyo
    const ctx = toolContext(t.db, workspaceId, '2026-11-25T07:30:00Z');
    const out = await call('get_metrics', { metrics: ['spend'], range: { preset: 'today' } }, ctx);
    expect(out.totals.spend).toBe(101);
    expect(out.range).toEqual({
      since: '2026-11-24',
      until: '2026-11-24',
      time_zone: 'America/Los_Angeles',
      preset: 'today',
    });
  });
});
