// The embedded database has no autovacuum: the write paths analyse the analytics tables themselves once
// enough rows changed (autovacuum's default threshold, 50 rows + 10% of the tables), so the planner
// sees the account's real size instead of a guess (without it, 6,500 ads took seconds per question).
import { afterEach, describe, expect, it } from 'vitest';
import { upsertConnection } from '../../src/db/connections.js';
import { sql } from '../../src/db/sql.js';
import { DEFAULT_WORKSPACE_ID } from '../../src/db/workspaces.js';
import { ingestFactRows } from '../../src/sync/ingest.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { factRow } from '../helpers/fixtures.js';

const fact = (i: number) =>
  factRow({
    adId: String(5_000 + i),
    adsetId: '200',
    campaignId: '100',
    adName: `Ad ${i}`,
    adsetName: 'Ad set',
    campaignName: 'Campaign',
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
    select s.last_analyze is not null as analysed, c.reltuples::float8 as reltuples
    from pg_stat_user_tables s join pg_class c on c.oid = s.relid where s.relname = 'metric_facts'`);
  return row;
}

describe('planner statistics on PGlite', () => {
  it('analyses the analytics tables once more than 50 rows + 10% were written, not before', async () => {
    t = await createTestDb('pglite');
    const connection = await upsertConnection(t.db, DEFAULT_WORKSPACE_ID, 'act_1');
    const scope = { workspaceId: DEFAULT_WORKSPACE_ID, connectionId: connection.id };
    const facts = Array.from({ length: 400 }, (_, i) => fact(i));

    await ingestFactRows(t.db, scope, facts.slice(0, 40));
    expect((await factStatistics(t.db)).analysed).toBe(false);

    await ingestFactRows(t.db, scope, facts.slice(40, 60)); // 60 written: past 50
    expect(await factStatistics(t.db)).toEqual({ analysed: true, reltuples: 60 });

    // now the bar is 50 + 10% of what is there: 20 more rows do not reach it, 340 more do
    await ingestFactRows(t.db, scope, facts.slice(60, 80));
    expect((await factStatistics(t.db)).reltuples).toBe(60);
    await ingestFactRows(t.db, scope, facts.slice(80, 400));
    expect((await factStatistics(t.db)).reltuples).toBe(400);
  });
});
