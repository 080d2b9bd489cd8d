// The embedded database has no autovacuum: the write paths vacuum and analyse the analytics tables
// themselves once enough rows changed (autovacuum's default analyse threshold, 50 rows + 10% of the
// tables), so the planner sees the account's real size instead of a guess (without it, 6,500 ads took
// seconds per question) and the roll-ups' dead rows are reclaimed. On PostgreSQL the same threshold
// analyses them at once, instead of up to a minute later when autovacuum gets to it.
import { afterEach, describe, expect, it } from 'vitest';
import { upsertConnection } from '../../src/db/connections.js';
import { sql } from '../../src/db/sql.js';
import { DEFAULT_WORKSPACE_ID } from '../../src/db/workspaces.js';
import { ingestFacts } from '../../src/sync/ingest.js';
import { syncedWorld } from '../assistant/fixture.js';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';

/** A fact as the ingest API takes it. */
const fact = (i: number) => ({
  ad_id: String(5_000 + i),
  adset_id: '200',
  campaign_id: '100',
  ad_name: `Ad ${i}`,
  date: '2026-11-20',
  spend: '2.50',
  impressions: 10,
});

let t: TestDb | undefined;
afterEach(async () => {
  await t?.drop();
  t = undefined;
});

async function factStatistics(db: TestDb['db']) {
  const [row] = await db.query<{ analysed: boolean; reltuples: number }>(sql`
    select s.last_analyze is not null and s.last_vacuum is not null as analysed, c.reltuples::float8 as reltuples
    from pg_stat_user_tables s join pg_class c on c.oid = s.relid where s.relname = 'metric_facts'`);
  return row;
}

describe.each(backends)('planner statistics after an ingest on %s', (kind) => {
  it('an ingest request analyses once more than 50 rows + 10% were written, not before', async () => {
    t = await createTestDb(kind);
    const connection = await upsertConnection(t.db, DEFAULT_WORKSPACE_ID, 'act_1');
    const scope = { workspaceId: DEFAULT_WORKSPACE_ID, connectionId: connection.id };
    const facts = Array.from({ length: 400 }, (_, i) => fact(i));
    // what the planner believes metric_facts holds (never analysed: -1 on PostgreSQL, 0 on PGlite)
    const believed = async () => Math.max(0, (await factStatistics(t!.db)).reltuples);

    await ingestFacts(t.db, scope, facts.slice(0, 40));
    expect(await believed()).toBe(0);
    await ingestFacts(t.db, scope, facts.slice(40, 60)); // 60 written: past 50
    expect(await believed()).toBe(60);
    // now the bar is 50 + 10% of what is there: 20 more rows do not reach it, 340 more do
    await ingestFacts(t.db, scope, facts.slice(60, 80));
    expect(await believed()).toBe(60);
    await ingestFacts(t.db, scope, facts.slice(80, 400));
    expect(await believed()).toBe(400);
  });
});

describe('planner statistics on PGlite', () => {
  it('an ingest request vacuums too (PGlite has no autovacuum)', async () => {
    t = await createTestDb('pglite');
    const connection = await upsertConnection(t.db, DEFAULT_WORKSPACE_ID, 'act_1');
    const scope = { workspaceId: DEFAULT_WORKSPACE_ID, connectionId: connection.id };
    await ingestFacts(
      t.db,
      scope,
      Array.from({ length: 60 }, (_, i) => fact(i)),
    );
    expect(await factStatistics(t.db)).toEqual({ analysed: true, reltuples: 60 });
  });

  it('a sync run leaves the tables analysed once its writes are in, not after every page', async () => {
    const w = await syncedWorld('pglite', 2);
    try {
      const [facts] = await w.t.db.query<{ n: number }>(sql`select count(*)::int as n from metric_facts`);
      expect(facts.n).toBeGreaterThan(50);
      expect(await factStatistics(w.t.db)).toEqual({ analysed: true, reltuples: facts.n });
      const [runs] = await w.t.db.query<{ vacuums: number }>(
        sql`select vacuum_count::int as vacuums from pg_stat_user_tables where relname = 'metric_facts'`,
      );
      expect(runs.vacuums).toBe(1);
    } finally {
      await w.close();
    }
  });
});
