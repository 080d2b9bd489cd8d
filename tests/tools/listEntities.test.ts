import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';
import {
  addFacts,
  call,
  makeCampaignTree,
  makeConnection,
  makeEntity,
  makeScope,
  toolContext,
} from '../helpers/fixtures.js';

const NOVEMBER = { since: '2026-11-01', until: '2026-11-24' };

describe.each(backends)('list_entities on %s', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind);
  });
  afterAll(async () => t?.drop());

  const setup = (connection: Parameters<typeof makeScope>[1] = {}) => makeScope(t.db, connection);

  it('lists a campaign without delivery with zeros, and null ratios for zero denominators', async () => {
    const { ctx, ...scope } = await setup({ lastSyncedAt: '2026-11-24T10:00:00Z' });
    const sold = await makeCampaignTree(t.db, scope, { name: 'Sold' });
    await makeCampaignTree(t.db, scope, { name: 'Silent' });
    await addFacts(t.db, sold.ad, [
      { date: '2026-11-20', spend: '10.00', revenue: '25.00', clicks: 4, impressions: 1000, purchases: '2' },
    ]);
    const out = await call(
      'list_entities',
      { metrics: ['spend', 'revenue', 'roas', 'cpc', 'ctr', 'cpa', 'cpm'], range: NOVEMBER },
      ctx,
    );
    expect(out.total_count).toBe(2);
    expect(out.currency).toBe('EUR');
    expect(out.data_as_of).toBe('2026-11-24T10:00:00.000Z');
    expect(out.range).toEqual({ ...NOVEMBER, time_zone: 'UTC' });
    expect(out.rows.map((r: { name: string }) => r.name)).toEqual(['Sold', 'Silent']);
    expect(out.rows[0].metrics).toEqual({
      spend: 10,
      revenue: 25,
      roas: 2.5,
      cpc: 2.5,
      ctr: 0.4,
      cpa: 5,
      cpm: 10,
    });
    expect(out.rows[1].metrics).toEqual({
      spend: 0,
      revenue: 0,
      roas: null,
      cpc: null,
      ctr: null,
      cpa: null,
      cpm: null,
    });
    expect(out.rows[0].id).toBe(sold.campaign.externalId);
  });

  it('adds a totals row over every match (not only the listed limit), summed exactly in SQL', async () => {
    const { ctx, ...scope } = await setup();
    const a = await makeCampaignTree(t.db, scope, { name: 'A' });
    const b = await makeCampaignTree(t.db, scope, { name: 'B' });
    await makeCampaignTree(t.db, scope, { name: 'C' });
    // cents that a float sum would get wrong (0.1 + 0.2), over several days and ads
    await addFacts(t.db, a.ad, [
      { date: '2026-11-02', spend: '0.10', revenue: '1.00', clicks: 1, impressions: 300, purchases: '1' },
      { date: '2026-11-03', spend: '1234567.89', impressions: 1 },
    ]);
    await addFacts(t.db, b.ad, [
      { date: '2026-11-04', spend: '0.20', clicks: 2, impressions: 700, purchases: '2' },
    ]);
    const metrics = ['spend', 'revenue', 'roas', 'clicks', 'ctr', 'cpa', 'cpm'];
    const out = await call('list_entities', { metrics, range: NOVEMBER, limit: 1, totals: true }, ctx);
    expect(out.rows).toHaveLength(1);
    expect(out.total_count).toBe(3);
    expect(out.totals).toEqual({
      currency: 'EUR',
      metrics: {
        spend: 1234568.19,
        revenue: 1,
        roas: 0, // 1 / 1234568.19 rounds to 0.0000
        clicks: 3,
        ctr: 0.2997, // 3 clicks / 1001 impressions
        cpa: 411522.73, // 1234568.19 / 3
        cpm: 1233334.86, // 1234568.19 * 1000 / 1001
      },
    });
    // a second account in dollars: euros and dollars are never added into one total
    const usd = {
      workspaceId: scope.workspaceId,
      connectionId: await makeConnection(t.db, scope.workspaceId, { currency: 'USD' }),
    };
    const d = await makeCampaignTree(t.db, usd, { name: 'D' });
    await addFacts(t.db, d.ad, [{ date: '2026-11-05', spend: '5.00' }]);
    const mixed = await call('list_entities', { metrics, range: NOVEMBER, totals: true }, ctx);
    expect(mixed.rows).toHaveLength(4);
    expect(mixed.totals).toBeNull();
    // without the flag the output is as before
    expect((await call('list_entities', { metrics, range: NOVEMBER }, ctx)).totals).toBeUndefined();
    // nothing matches: no rows, and totals of nothing (zeros, null ratios) rather than none
    const none = await call(
      'list_entities',
      { metrics, range: NOVEMBER, name_contains: 'nope', totals: true },
      ctx,
    );
    expect(none).toMatchObject({ total_count: 0, rows: [] });
    expect(none.totals).toEqual({
      currency: null,
      metrics: { spend: 0, revenue: 0, roas: null, clicks: 0, ctr: null, cpa: null, cpm: null },
    });
  });

  it("an ad listing's totals are its every match's, whatever status or name leaves ads out", async () => {
    const { ctx, ...scope } = await setup();
    const tree = await makeCampaignTree(t.db, scope, { name: 'Tree' });
    const ad = (name: string, spec: Omit<Parameters<typeof makeEntity>[2], 'level' | 'parent'>) =>
      makeEntity(t.db, scope, { level: 'ad', name, parent: tree.adset, ...spec });
    const ads = [
      tree.ad,
      await ad('held', { status: 'ACTIVE', effectiveStatus: 'ADSET_PAUSED' }),
      await ad('paused', { status: 'PAUSED', effectiveStatus: 'PAUSED' }),
      await ad('archived', { status: 'ARCHIVED', effectiveStatus: 'ARCHIVED' }),
      await ad('deleted', { status: 'DELETED', effectiveStatus: 'DELETED' }),
      await ad('removed', { status: 'ACTIVE', effectiveStatus: 'ACTIVE', removed: true }),
      await ad('ghost', { status: null, effectiveStatus: null, isPlaceholder: true }),
    ];
    // Wednesday Nov 4 to Sunday Nov 22: the weeks of Nov 2, 9 and 16 less Nov 2 and 3
    const range = { since: '2026-11-04', until: '2026-11-22' };
    for (const [i, a] of ads.entries()) {
      await addFacts(t.db, a, [
        { date: '2026-11-02', spend: '1000.00', clicks: 1000, impressions: 1000 },
        { date: '2026-11-03', spend: '100.00', clicks: 100, impressions: 100 },
        ...(i === 2
          ? []
          : [{ date: '2026-11-05', spend: `${i + 1}.25`, clicks: i + 1, impressions: 10 * i + 7 }]),
        ...(i % 2 ? [{ date: '2026-11-22', spend: '0.10', clicks: 1, impressions: 1 }] : []),
      ]);
    }
    const metrics = ['spend', 'clicks', 'impressions'];
    const filters = [
      ...['default', 'live', 'active', 'paused', 'not_paused', 'archived', 'deleted', 'any'].map(
        (status) => ({
          status,
        }),
      ),
      { status: 'any', name_contains: 'e' },
    ];
    for (const filter of filters) {
      const out = await call(
        'list_entities',
        { level: 'ad', ...filter, range, metrics, totals: true, limit: 100 },
        ctx,
      );
      const sum = (m: string) =>
        out.rows.reduce(
          (n: number, r: { metrics: Record<string, number> }) => n + Math.round(r.metrics[m] * 100),
          0,
        ) / 100;
      expect([filter, out.totals.metrics]).toEqual([
        filter,
        Object.fromEntries(metrics.map((m) => [m, sum(m)])),
      ]);
      expect(out.rows.length).toBeGreaterThan(0);
    }
  });

  it('lists only the entities past a bound (`where`), counts and totals them, at every level', async () => {
    const { ctx, ...scope } = await setup();
    const a = await makeCampaignTree(t.db, scope, { name: 'A' });
    const b = await makeCampaignTree(t.db, scope, { name: 'B' });
    await makeCampaignTree(t.db, scope, { name: 'C' }); // no delivery: no ROAS, spend 0
    await addFacts(t.db, a.ad, [
      { date: '2026-11-02', spend: '100.00', revenue: '60.00' },
      { date: '2026-11-20', spend: '50.01', revenue: '40.00' },
    ]);
    await addFacts(t.db, b.ad, [{ date: '2026-11-03', spend: '50.00', revenue: '200.00' }]);
    for (const level of ['campaign', 'ad'] as const) {
      const names = async (where: object, totals = false) => {
        const out = await call(
          'list_entities',
          { level, metrics: ['spend', 'roas'], range: NOVEMBER, where, totals },
          ctx,
        );
        return {
          ids: out.rows.map((r: { id: string }) => r.id),
          count: out.total_count,
          spend: out.totals?.metrics.spend,
        };
      };
      const id = (tree: typeof a) => (level === 'campaign' ? tree.campaign : tree.ad).externalId;
      expect(await names({ metric: 'spend', op: 'gt', value: 150 }, true)).toEqual({
        ids: [id(a)],
        count: 1,
        spend: 150.01,
      });
      expect((await names({ metric: 'spend', op: 'gt', value: 150.01 })).count).toBe(0);
      expect((await names({ metric: 'spend', op: 'gte', value: 150.01 })).ids).toEqual([id(a)]);
      // a ratio without a denominator is past no bound; the idle one is below a spend bound
      expect((await names({ metric: 'roas', op: 'lt', value: 1 })).ids).toEqual([id(a)]);
      expect((await names({ metric: 'spend', op: 'lt', value: 100 }, true)).count).toBe(2);
      expect((await names({ metric: 'spend', op: 'lt', value: 100 }, true)).spend).toBe(50);
    }
    await expect(
      call('list_entities', { range: NOVEMBER, where: { metric: 'spend', op: 'over', value: 1 } }, ctx),
    ).rejects.toThrow(/where\.op/);
  });

  it('lists only the entities past every bound of a `where` list, checked against sums of the facts', async () => {
    const { ctx, ...scope } = await setup();
    // per campaign, its ad's facts; the expected rows are filtered from these sums, not from SQL
    const facts: Record<
      string,
      { date: string; spend: string; revenue: string; clicks: number; purchases: string }[]
    > = {
      'spent, no purchases': [
        { date: '2026-11-02', spend: '100.00', revenue: '0.00', clicks: 12, purchases: '0' },
        { date: '2026-11-20', spend: '50.01', revenue: '0.00', clicks: 3, purchases: '0' },
      ],
      'spent, no clicks': [{ date: '2026-11-03', spend: '0.40', revenue: '0.00', clicks: 0, purchases: '0' }],
      'sold, under 1': [
        { date: '2026-11-04', spend: '120.00', revenue: '119.99', clicks: 30, purchases: '2' },
      ],
      'sold well': [{ date: '2026-11-05', spend: '80.00', revenue: '400.00', clicks: 9, purchases: '5' }],
      idle: [],
    };
    const ids = new Map<string, { campaign: string; ad: string }>();
    for (const [name, rows] of Object.entries(facts)) {
      const tree = await makeCampaignTree(t.db, scope, { name });
      ids.set(name, { campaign: tree.campaign.externalId, ad: tree.ad.externalId });
      if (rows.length > 0) await addFacts(t.db, tree.ad, rows);
    }
    const sums = (name: string) => {
      const cents = (k: 'spend' | 'revenue') =>
        facts[name].reduce((n, f) => n + Math.round(Number(f[k]) * 100), 0);
      const spend = cents('spend') / 100;
      return {
        spend,
        revenue: cents('revenue') / 100,
        clicks: facts[name].reduce((n, f) => n + f.clicks, 0),
        purchases: facts[name].reduce((n, f) => n + Number(f.purchases), 0),
        roas: spend > 0 ? cents('revenue') / cents('spend') : null,
      };
    };
    type Bound = {
      metric: 'spend' | 'revenue' | 'clicks' | 'purchases' | 'roas';
      op: 'gt' | 'gte' | 'lt' | 'lte';
      value: number;
    };
    const past = (v: number | null, b: Bound) =>
      v !== null &&
      (b.op === 'gt'
        ? v > b.value
        : b.op === 'gte'
          ? v >= b.value
          : b.op === 'lt'
            ? v < b.value
            : v <= b.value);
    const cases: Bound[][] = [
      [
        { metric: 'spend', op: 'gt', value: 0 },
        { metric: 'purchases', op: 'lte', value: 0 },
      ],
      [
        { metric: 'spend', op: 'gt', value: 0 },
        { metric: 'clicks', op: 'lt', value: 1 },
      ],
      [
        { metric: 'spend', op: 'gt', value: 100 },
        { metric: 'roas', op: 'lt', value: 1 },
      ],
      [
        { metric: 'clicks', op: 'gte', value: 1 },
        { metric: 'purchases', op: 'lte', value: 0 },
        { metric: 'revenue', op: 'lte', value: 0 },
      ],
      [
        { metric: 'spend', op: 'gt', value: 1000 },
        { metric: 'clicks', op: 'gt', value: 0 },
      ],
    ];
    for (const level of ['campaign', 'ad'] as const) {
      for (const where of cases) {
        const expected = Object.keys(facts).filter((name) =>
          where.every((b) => past(sums(name)[b.metric], b)),
        );
        const out = await call(
          'list_entities',
          { level, metrics: ['spend', 'clicks', 'purchases', 'roas'], range: NOVEMBER, where, totals: true },
          ctx,
        );
        const got = out.rows.map((r: { id: string }) => r.id).sort();
        expect([level, where, got]).toEqual([level, where, expected.map((n) => ids.get(n)![level]).sort()]);
        expect(out.total_count).toBe(expected.length);
        const spent = expected.reduce((n, name) => n + Math.round(sums(name).spend * 100), 0) / 100;
        expect(out.totals.metrics.spend).toBe(spent);
      }
    }
    // one bound in a list is the single object; an empty or too long list, or a bad bound, names the field
    const one = { metric: 'spend', op: 'gt', value: 100 };
    const single = await call('list_entities', { range: NOVEMBER, where: one }, ctx);
    expect((await call('list_entities', { range: NOVEMBER, where: [one] }, ctx)).rows).toEqual(single.rows);
    await expect(call('list_entities', { range: NOVEMBER, where: [] }, ctx)).rejects.toThrow(/where:/);
    await expect(call('list_entities', { range: NOVEMBER, where: Array(5).fill(one) }, ctx)).rejects.toThrow(
      /where:.*<=4/,
    );
    await expect(
      call(
        'list_entities',
        { range: NOVEMBER, where: [one, { metric: 'clicks', op: 'lt', value: '1' }] },
        ctx,
      ),
    ).rejects.toThrow(/where\.1\.value/);
    await expect(
      call('list_entities', { range: NOVEMBER, where: [one, { metric: 'likes', op: 'lt', value: 1 }] }, ctx),
    ).rejects.toThrow(/where\.1\.metric/);
  });

  it('filters by status, and shows placeholders only under any/deleted or when they delivered', async () => {
    const { ctx, ...scope } = await setup();
    const make = (
      name: string,
      spec: Parameters<typeof makeEntity>[2] extends infer S ? Omit<S & object, 'level'> : never,
    ) => makeCampaignTree(t.db, scope, { name, ...spec });
    await make('live', { status: 'ACTIVE', effectiveStatus: 'ACTIVE' });
    await make('held', { status: 'ACTIVE', effectiveStatus: 'ADSET_PAUSED' });
    await make('paused', { status: 'PAUSED', effectiveStatus: 'PAUSED' });
    await make('archived', { status: 'ARCHIVED', effectiveStatus: 'ARCHIVED' });
    await make('deleted', { status: 'DELETED', effectiveStatus: 'DELETED' });
    await make('removed', { status: 'ACTIVE', effectiveStatus: 'ACTIVE', removed: true });
    const spent = await make('ghost-spent', { status: null, effectiveStatus: null, isPlaceholder: true });
    await make('ghost-idle', { status: null, effectiveStatus: null, isPlaceholder: true });
    await addFacts(t.db, spent.ad, [{ date: '2026-11-10', spend: '1.50' }]);
    const names = async (status: string) => {
      const out = await call(
        'list_entities',
        { status, range: NOVEMBER, sort: { by: 'name', direction: 'asc' } },
        ctx,
      );
      return out.rows.map((r: { name: string }) => r.name);
    };
    expect(await names('default')).toEqual(['ghost-spent', 'held', 'live', 'paused']);
    expect(await names('live')).toEqual(['live']);
    expect(await names('active')).toEqual(['held', 'live']);
    expect(await names('paused')).toEqual(['held', 'paused']);
    // the default ones less the paused, whether paused itself or by its ad set; no placeholder
    expect(await names('not_paused')).toEqual(['live']);
    expect(await names('archived')).toEqual(['archived']);
    expect(await names('deleted')).toEqual(['deleted', 'ghost-idle', 'ghost-spent', 'removed']);
    expect(await names('any')).toHaveLength(8);
  });

  it('lists ad sets and ads under a parent, by name, sorted and limited', async () => {
    const { ctx, ...scope } = await setup();
    const a = await makeCampaignTree(t.db, scope, { name: 'Summer 50%' });
    const second = await makeEntity(t.db, scope, { level: 'ad', name: 'second ad', parent: a.adset });
    const b = await makeCampaignTree(t.db, scope, { name: 'Winter' });
    await addFacts(t.db, a.ad, [{ date: '2026-11-03', spend: '4.00' }]);
    await addFacts(t.db, second, [{ date: '2026-11-03', spend: '6.00' }]);
    await addFacts(t.db, b.ad, [{ date: '2026-11-03', spend: '100.00' }]);

    const ads = await call(
      'list_entities',
      { level: 'ad', parent_id: a.campaign.externalId, range: NOVEMBER, metrics: ['spend'] },
      ctx,
    );
    expect(ads.rows.map((r: { id: string }) => r.id)).toEqual([second.externalId, a.ad.externalId]);
    expect(ads.rows[0].parent_id).toBe(a.adset.externalId);

    const adsets = await call(
      'list_entities',
      { level: 'adset', range: NOVEMBER, metrics: ['spend'], limit: 1 },
      ctx,
    );
    expect(adsets.total_count).toBe(2);
    expect(adsets.rows).toHaveLength(1);
    expect(adsets.rows[0]).toMatchObject({ id: b.adset.externalId, metrics: { spend: 100 } });
    expect(adsets.rows[0].parent_name).toBe('Winter');

    // % is taken literally, not as a wildcard
    const named = await call('list_entities', { name_contains: '50%', range: NOVEMBER }, ctx);
    expect(named.rows.map((r: { name: string }) => r.name)).toEqual(['Summer 50%']);
    const campaigns = await call(
      'list_entities',
      { range: NOVEMBER, metrics: ['spend'], sort: { by: 'spend', direction: 'asc' } },
      ctx,
    );
    expect(campaigns.rows.map((r: { metrics: { spend: number } }) => r.metrics.spend)).toEqual([10, 100]);
  });

  it('resolves presets in the account time zone (LA: today is the 24th at 07:30 UTC on the 25th)', async () => {
    const { workspaceId, connectionId } = await setup({ timeZone: 'America/Los_Angeles' });
    const tree = await makeCampaignTree(t.db, { workspaceId, connectionId });
    await addFacts(t.db, tree.ad, [
      { date: '2026-11-23', spend: '3.00' },
      { date: '2026-11-24', spend: '5.00' },
      { date: '2026-11-25', spend: '7.00' },
    ]);
    const ctx = toolContext(t.db, workspaceId, '2026-11-25T07:30:00Z');
    const today = await call('list_entities', { range: { preset: 'today' }, metrics: ['spend'] }, ctx);
    expect(today.range).toEqual({
      since: '2026-11-24',
      until: '2026-11-24',
      time_zone: 'America/Los_Angeles',
      preset: 'today',
    });
    expect(today.rows[0].metrics.spend).toBe(5);
    const yesterday = await call(
      'list_entities',
      { range: { preset: 'yesterday' }, metrics: ['spend'] },
      ctx,
    );
    expect(yesterday.rows[0].metrics.spend).toBe(3);
  });
});
