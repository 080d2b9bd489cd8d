// Ingest's numeric bounds are what the database holds end to end: facts at the largest values
// validation accepts, for more ads than a bigint roll-up sum could add up (about 1,025 at 2^53 - 1),
// over several days, are stored, rolled up exactly (the roll-ups equal the facts, compared as decimal
// text; the ad-week/ad-month roll-up's whole micros too, migration 0121) and answered by every analytics tool at every level; one step past a bound is a field error.
// Ingested `actions` nested past its depth limit is a field error too, however deep (never a stack
// overflow, in our walk or in PostgreSQL's jsonb parser).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { sql } from '../../src/db/sql.js';
import { DEFAULT_WORKSPACE_ID } from '../../src/db/workspaces.js';
import { METRICS } from '../../src/metrics.js';
import { type RunningServer, startServer } from '../../src/server/serve.js';
import { type IngestScope, MAX_ACTIONS_DEPTH } from '../../src/sync/ingest.js';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';
import { call, toolContext } from '../helpers/fixtures.js';
import { fact, scopeFor } from './fixtures.js';

const MAX_COUNT = Number.MAX_SAFE_INTEGER;
const MAX_DECIMAL = `${'9'.repeat(11)}.${'9'.repeat(6)}`;
const ADS = 1100;
// a Sunday and the Monday after: the ad periods' week and month rows hold every fact
const DAYS = ['2026-11-22', '2026-11-23'];
const NOW = '2026-11-25T12:00:00Z';
const COUNTS = ['impressions', 'reach', 'clicks', 'link_clicks', 'landing_page_views'] as const;
const DECIMALS = ['spend', 'revenue', 'purchases', 'leads', 'add_to_cart'] as const;
/** A count, money and the ratios over them (every metric at once is slow on PGlite, and adds nothing). */
const SOME = ['impressions', 'spend', 'revenue', 'roas', 'ctr', 'cpm'];

function edgeFact(ad: number, date: string) {
  const f = fact(ad, date);
  // every ad in one ad set of one campaign: the roll-up rows each add up all of them
  return {
    ...f,
    adset_id: '2999',
    campaign_id: '3999',
    ...Object.fromEntries(COUNTS.map((c) => [c, MAX_COUNT])),
    ...Object.fromEntries(DECIMALS.map((d) => [d, MAX_DECIMAL])),
  };
}

describe.each(backends)('ingest bounds end to end on %s', (kind) => {
  let t: TestDb;
  let server: RunningServer;
  let scope: IngestScope;

  beforeAll(async () => {
    t = await createTestDb(kind);
    scope = await scopeFor(t.db);
    server = await startServer({ db: t.db, config: loadConfig({}) }, 0, '127.0.0.1');
  });
  afterAll(async () => {
    await server?.close();
    await t?.drop();
  });

  const post = (body: string) =>
    fetch(`${server.url}/api/workspaces/${DEFAULT_WORKSPACE_ID}/metrics/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });

  async function sums(table: string): Promise<Record<string, string>> {
    const columns = [...COUNTS, ...DECIMALS];
    const rows = await t.db.query<Record<string, string>>(
      sql`select ${sql.join(columns.map((c) => sql`sum(${sql.identifier(c, columns)})::text as ${sql.identifier(c, columns)}`))}
          from ${sql.identifier(table, ['metric_facts', 'metric_campaign_days', 'metric_adset_days', 'metric_adset_periods'])}
          where connection_id = ${scope.connectionId} ${table === 'metric_facts' ? sql`and hour = -1` : sql``}
            ${table === 'metric_adset_periods' ? sql`and period = 'month'` : sql``}`,
    );
    return rows[0];
  }

  /** The ad periods' sums like sums(): the micros scaled back, as the same decimal text. */
  async function adPeriodSums(period: string): Promise<Record<string, string>> {
    const rows = await t.db.query<Record<string, string>>(
      sql`select ${sql.join([
        ...COUNTS.map((c) => sql`sum(${sql.identifier(c, COUNTS)})::text as ${sql.identifier(c, COUNTS)}`),
        ...DECIMALS.map(
          (d) =>
            sql`(sum(${sql.identifier(
              `${d}_micros`,
              DECIMALS.map((m) => `${m}_micros`),
            )}) * 0.000001)::text as ${sql.identifier(d, DECIMALS)}`,
        ),
      ])}
          from metric_ad_periods where connection_id = ${scope.connectionId} and period = ${period}`,
    );
    return rows[0];
  }

  it('stores facts at the largest accepted values for 1,100 ads × 2 days, and every tool answers', async () => {
    const facts = DAYS.flatMap((date) => Array.from({ length: ADS }, (_, i) => edgeFact(i + 1, date)));
    const res = await post(JSON.stringify({ connection_id: scope.connectionId, facts }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ inserted: ADS * DAYS.length, updated: 0, unchanged: 0, errors: [] });

    // the roll-ups hold the exact sums (beyond a bigint: 2,200 × (2^53 - 1) ≈ 2e19)
    const facts_ = await sums('metric_facts');
    expect(BigInt(facts_.impressions)).toBe(BigInt(MAX_COUNT) * BigInt(ADS * DAYS.length));
    expect(await sums('metric_campaign_days')).toEqual(facts_);
    expect(await sums('metric_adset_days')).toEqual(facts_);
    expect(await sums('metric_adset_periods')).toEqual(facts_);
    for (const period of ['week', 'month', 'quarter'])
      expect(await adPeriodSums(period), period).toEqual(facts_);

    const ctx = toolContext(t.db, DEFAULT_WORKSPACE_ID, NOW);
    const range = { since: DAYS[0], until: DAYS.at(-1) };
    const total = await call('get_metrics', { metrics: [...METRICS], range }, ctx);
    expect(total.totals.impressions).toBe(Number(facts_.impressions));
    expect(total.totals.ctr).toBe(100);
    // each source: the ad-set roll-up, the facts (ad level), the campaign roll-up (listing)
    for (const group_by of ['adset', 'ad']) {
      const grouped = await call('get_metrics', { metrics: SOME, range, group_by, limit: 3 }, ctx);
      expect(grouped.rows[0].metrics.impressions, group_by).toBeGreaterThan(0);
    }
    const listed = await call('list_entities', { metrics: SOME, range, limit: 3 }, ctx);
    expect(listed.rows[0].metrics.impressions).toBe(Number(facts_.impressions));
    const compared = await call(
      'compare_periods',
      { metrics: SOME, range: { since: DAYS[1], until: DAYS[1] }, top: 3 },
      ctx,
    );
    expect(compared.current.totals.impressions).toBe(MAX_COUNT * ADS);
  });

  it('holds a quarter of one ad at the largest accepted amounts exactly in micros', async () => {
    // 92 days, the longest quarter: 92 × (10^17 - 1) micros, just inside bigint
    const days = Array.from({ length: 92 }, (_, i) =>
      new Date(Date.UTC(2025, 9, 1 + i)).toISOString().slice(0, 10),
    );
    const facts = days.map((date) => ({
      ...fact(9001, date),
      ...Object.fromEntries(DECIMALS.map((d) => [d, MAX_DECIMAL])),
    }));
    const res = await post(JSON.stringify({ connection_id: scope.connectionId, facts }));
    expect((await res.json()).errors).toEqual([]);
    const [row] = await t.db.query<{ spend_micros: string }>(sql`
      select d.spend_micros::text as spend_micros from metric_ad_periods d
      join entities e on e.id = d.entity_id
      where d.connection_id = ${scope.connectionId} and e.external_id = ${facts[0].ad_id} and d.period = 'quarter'`);
    expect(BigInt(row.spend_micros)).toBe(92n * (10n ** 17n - 1n));
  });

  it('refuses one step past each bound, naming the field', async () => {
    const res = await post(
      JSON.stringify({
        connection_id: scope.connectionId,
        facts: [
          { ...fact(1, '2026-10-01'), impressions: MAX_COUNT + 2 },
          { ...fact(2, '2026-10-01'), clicks: String(BigInt(MAX_COUNT) + 1n) },
          { ...fact(3, '2026-10-01'), spend: `1${'0'.repeat(11)}` },
          { ...fact(4, '2026-10-01'), revenue: `1.${'0'.repeat(7)}` },
        ],
      }),
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.errors.map((e: { index: number; field: string }) => [e.index, e.field])).toEqual([
      [0, 'impressions'],
      [1, 'clicks'],
      [2, 'spend'],
      [3, 'revenue'],
    ]);
    // the database holds the same line for any other writer: a roll-up in micros could not be exact
    await expect(
      t.db.query(
        sql`update metric_facts set revenue = 1.0000001 where connection_id = ${scope.connectionId}`,
      ),
    ).rejects.toThrow(/metric_facts_whole_micros/);
  });

  it('refuses actions nested past the depth limit, however deep, naming the field', async () => {
    const nestedText = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;
    for (const depth of [MAX_ACTIONS_DEPTH, 5_000, 1_000_000]) {
      // as raw text: JSON.stringify itself could not write a million levels
      const bad = JSON.stringify({ ...fact(7, '2026-10-02'), actions: ['@'] }).replace(
        '"@"',
        nestedText(depth),
      );
      const res = await post(`{"connection_id":"${scope.connectionId}","facts":[${bad}]}`);
      expect(res.status, `depth ${depth}`).toBe(200);
      const body = await res.json();
      expect(body.errors, `depth ${depth}`).toEqual([
        {
          index: 0,
          field: 'actions',
          message: `must not be nested more than ${MAX_ACTIONS_DEPTH} levels deep`,
        },
      ]);
    }
    const fine = fact(8, '2026-10-02', { actions: [{ action_type: 'purchase', value: '2', nested: [[1]] }] });
    const res = await post(JSON.stringify({ connection_id: scope.connectionId, facts: [fine] }));
    expect((await res.json()).errors).toEqual([]);
  });
});
