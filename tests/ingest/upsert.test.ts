// Upsert semantics of ingestion on both backends: counts, exact sums, restatements, placeholders,
// workspace isolation and all-or-nothing transactions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/db/sql.js';
import { NotFoundError, ValidationError } from '../../src/errors.js';
import {
  factInputSchema,
  ingestFactRows,
  ingestFacts,
  toFactRow,
  validateFacts,
} from '../../src/sync/ingest.js';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';
import { centsToDecimal, countRows, fact, scopeFor, sumSpend } from './fixtures.js';

describe.each(backends)('ingest upsert on %s', (kind) => {
  // one database per backend; every test works in a workspace of its own
  let t: TestDb;
  let workspaces = 0;
  const freshScope = () => scopeFor(t.db, `ws-${++workspaces}`, `act_${workspaces}`);
  beforeAll(async () => {
    t = await createTestDb(kind);
  });
  afterAll(async () => t?.drop());

  it('counts inserted, unchanged and updated facts', async () => {
    const scope = await freshScope();
    const day = (d: number) => `2026-03-0${d}`;
    const first = await ingestFacts(t.db, scope, [fact(1, day(1)), fact(1, day(2)), fact(2, day(1))]);
    expect(first).toEqual({ inserted: 3, updated: 0, unchanged: 0, errors: [] });
    const same = await ingestFacts(t.db, scope, [fact(1, day(1)), fact(1, day(2)), fact(2, day(1))]);
    expect(same).toEqual({ inserted: 0, updated: 0, unchanged: 3, errors: [] });
    const mixed = await ingestFacts(t.db, scope, [
      fact(1, day(1), { clicks: 11 }),
      fact(1, day(2)),
      fact(2, day(1), { spend: '10.01' }),
      fact(2, day(2)),
    ]);
    expect(mixed).toEqual({ inserted: 1, updated: 2, unchanged: 1, errors: [] });
    expect(await countRows(t.db, 'metric_facts', scope.workspaceId)).toBe(4);
  });

  it('keeps sums exact after a re-ingest that restates half the days', async () => {
    const scope = await freshScope();
    // cents chosen so a float sum would drift (…x.1 + …x.2 style values), 400 facts over 20 ads × 20 days
    const cents = (i: number, round: number) => ((i * 7_919 + round * 13) % 100_000) + 1;
    const batch = (round: number) =>
      Array.from({ length: 400 }, (_, i) =>
        fact(i % 20, `2026-01-${String(1 + Math.floor(i / 20)).padStart(2, '0')}`, {
          spend: centsToDecimal(round === 1 && i % 2 === 0 ? cents(i, 1) : cents(i, 0)),
        }),
      );
    await ingestFacts(t.db, scope, batch(0));
    let expected = 0;
    for (let i = 0; i < 400; i++) expected += cents(i, 0);
    expect(await sumSpend(t.db, scope.workspaceId)).toBe(centsToDecimal(expected));

    const again = await ingestFacts(t.db, scope, batch(1));
    expect(again).toMatchObject({ inserted: 0, updated: 200, unchanged: 200 });
    expected = 0;
    for (let i = 0; i < 400; i++) expected += i % 2 === 0 ? cents(i, 1) : cents(i, 0);
    expect(await sumSpend(t.db, scope.workspaceId)).toBe(centsToDecimal(expected));
  });

  it('replaces a restated number instead of keeping the stale one', async () => {
    const scope = await freshScope();
    await ingestFacts(t.db, scope, [
      fact(1, '2026-02-01', { spend: '10.00', purchases: '1', impressions: 500 }),
    ]);
    const restated = await ingestFacts(t.db, scope, [
      fact(1, '2026-02-01', { spend: '12.34', purchases: '1.5', impressions: 480 }),
    ]);
    expect(restated).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 });
    const rows = await t.db.query<{ spend: string; purchases: string; impressions: number }>(
      sql`select spend::text, purchases::text, impressions from metric_facts where workspace_id = ${scope.workspaceId}`,
    );
    expect(rows).toEqual([{ spend: '12.34', purchases: '1.5', impressions: 480 }]);
  });

  it('treats the same number written differently as unchanged', async () => {
    const scope = await freshScope();
    await ingestFacts(t.db, scope, [fact(1, '2026-02-01', { spend: '12.3', revenue: 40, impressions: '7' })]);
    const before = await t.db.query<{ updated_at: Date }>(
      sql`select updated_at from metric_facts where workspace_id = ${scope.workspaceId}`,
    );
    const again = await ingestFacts(t.db, scope, [
      fact(1, '2026-02-01', { spend: '12.30', revenue: '40.000', impressions: 7 }),
    ]);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    const after = await t.db.query<{ updated_at: Date }>(
      sql`select updated_at from metric_facts where workspace_id = ${scope.workspaceId}`,
    );
    expect(after[0].updated_at).toEqual(before[0].updated_at);
  });

  it('creates linked placeholder entities once, and reuses them for later facts', async () => {
    const scope = await freshScope();
    await ingestFacts(t.db, scope, [
      fact(1, '2026-02-01', { ad_name: 'Spring ad', adset_name: 'Spring set', campaign_name: 'Spring' }),
    ]);
    type E = { id: number; level: string; external_id: string; name: string; parent_id: number | null };
    const entities = await t.db.query<
      E & { campaign_id: number | null; adset_id: number | null; is_placeholder: boolean }
    >(
      sql`select id, level, external_id, name, parent_id, campaign_id, adset_id, is_placeholder from entities where workspace_id = ${scope.workspaceId} order by level`,
    );
    const [ad, adset, campaign] = entities;
    expect(entities.map((e) => [e.level, e.external_id, e.name, e.is_placeholder])).toEqual([
      ['ad', '1001', 'Spring ad', true],
      ['adset', '2000', 'Spring set', true],
      ['campaign', '3000', 'Spring', true],
    ]);
    expect([ad.parent_id, ad.adset_id, ad.campaign_id]).toEqual([adset.id, adset.id, campaign.id]);
    expect([adset.parent_id, adset.adset_id, adset.campaign_id]).toEqual([
      campaign.id,
      adset.id,
      campaign.id,
    ]);
    expect([campaign.parent_id, campaign.campaign_id]).toEqual([null, campaign.id]);
    const factRows = await t.db.query(
      sql`select entity_id, campaign_id, adset_id from metric_facts where workspace_id = ${scope.workspaceId}`,
    );
    expect(factRows).toEqual([{ entity_id: ad.id, campaign_id: campaign.id, adset_id: adset.id }]);

    // a later fact for the known ad (with or without parents named) adds no entity
    await ingestFacts(t.db, scope, [
      fact(1, '2026-02-02'),
      { ad_id: '1001', date: '2026-02-03', spend: '1' },
    ]);
    expect(await countRows(t.db, 'entities', scope.workspaceId)).toBe(3);
    expect(await countRows(t.db, 'metric_facts', scope.workspaceId)).toBe(3);
  });

  it('rejects an ad id that already names a campaign, writing nothing', async () => {
    const scope = await freshScope();
    await ingestFacts(t.db, scope, [fact(1, '2026-02-01')]);
    const clash = ingestFacts(t.db, scope, [fact(2, '2026-02-01'), fact(1, '2026-02-02', { ad_id: '3000' })]);
    await expect(clash).rejects.toBeInstanceOf(ValidationError);
    expect(await countRows(t.db, 'metric_facts', scope.workspaceId)).toBe(1);
    expect(await countRows(t.db, 'entities', scope.workspaceId)).toBe(3);
  });

  it('keeps workspaces apart', async () => {
    const a = await freshScope();
    const b = await freshScope();
    // the same Meta ids in both workspaces stay separate facts and entities
    await ingestFacts(t.db, a, [fact(1, '2026-02-01', { spend: '1.25' })]);
    await ingestFacts(t.db, b, [fact(1, '2026-02-01', { spend: '2.50' })]);
    expect(await sumSpend(t.db, a.workspaceId)).toBe('1.25');
    expect(await sumSpend(t.db, b.workspaceId)).toBe('2.50');
    // a connection of B named under workspace A is not found, and nothing is written anywhere
    const crossed = { workspaceId: a.workspaceId, connectionId: b.connectionId };
    await expect(ingestFacts(t.db, crossed, [fact(5, '2026-02-01')])).rejects.toBeInstanceOf(NotFoundError);
    const stray = await t.db.query(sql`
      select f.workspace_id from metric_facts f join connections c on c.id = f.connection_id
      where c.workspace_id <> f.workspace_id
      union all
      select e.workspace_id from entities e join connections c on c.id = e.connection_id
      where c.workspace_id <> e.workspace_id`);
    expect(stray).toEqual([]);
    expect(await countRows(t.db, 'metric_facts', a.workspaceId)).toBe(1);
    expect(await countRows(t.db, 'entities', b.workspaceId)).toBe(3);
  });

  it('stores ids exactly whatever characters they hold (array parameters quote what needs it)', async () => {
    const scope = await freshScope();
    // rows handed straight to ingestFactRows skip the API's numeric-id check
    const ids = ['a,b', 'say "hi"', 'back\\slash', 'NULL', ' spaced ', '{1}'];
    const rows = ids.map((adId, i) => ({
      ...toFactRow(factInputSchema.parse(fact(i, '2026-02-01'))),
      adId,
      spend: `${i + 1}.25`,
    }));
    expect(await ingestFactRows(t.db, scope, rows)).toEqual({ inserted: 6, updated: 0, unchanged: 0 });
    const stored = await t.db.query<{ external_id: string; spend: string }>(sql`
      select e.external_id, f.spend::text as spend from metric_facts f join entities e on e.id = f.entity_id
      where f.workspace_id = ${scope.workspaceId} order by f.spend`);
    expect(stored).toEqual(ids.map((id, i) => ({ external_id: id, spend: `${i + 1}.25` })));
  });

  it('writes nothing when a later batch fails inside the transaction', async () => {
    const scope = await freshScope();
    await ingestFacts(t.db, scope, [fact(1, '2026-02-01', { spend: '5.00' })]);
    // a trigger makes the database refuse one row, as a constraint or a lost connection would
    await t.db.execScript(`
      create function refuse_666() returns trigger language plpgsql as $$
      begin if new.spend = 666 then raise exception 'refused by test trigger'; end if; return new; end $$;
      create trigger refuse_666 before insert or update on metric_facts for each row execute function refuse_666();`);
    const { rows } = validateFacts([
      fact(1, '2026-02-01', { spend: '7.00' }), // batch 1: an update
      fact(2, '2026-02-01'), // batch 1: a new ad
      fact(3, '2026-02-01'), // batch 2: a new ad…
      fact(4, '2026-02-01', { spend: '666' }), // …and the row the database refuses
    ]);
    await expect(ingestFactRows(t.db, scope, rows, { batchSize: 2 })).rejects.toThrow(
      /refused by test trigger/,
    );
    await t.db.execScript('drop trigger refuse_666 on metric_facts; drop function refuse_666();');
    expect(await sumSpend(t.db, scope.workspaceId)).toBe('5.00');
    expect(await countRows(t.db, 'metric_facts', scope.workspaceId)).toBe(1);
    expect(await countRows(t.db, 'entities', scope.workspaceId)).toBe(3);
  });
});

it('reports duplicate keys within one request by index', () => {
  const { rows, errors } = validateFacts([fact(1, '2026-02-01'), fact(1, '2026-02-01', { spend: '3' })]);
  expect(rows).toHaveLength(1);
  expect(errors).toEqual([
    { index: 1, field: 'date', message: expect.stringContaining('duplicates fact 0') },
  ]);
});
