// metric_facts has no foreign keys to workspaces, connections, campaigns or ad sets (migration 0011):
// the ingest path copies them from the ad's entity row, and 0012 makes them follow the ad. Whatever
// is written through ingestion, or done to entities and connections afterwards, no fact may name a
// workspace, connection, campaign or ad set that its ad does not (an orphan).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.js';
import { sql } from '../../src/db/sql.js';
import { NotFoundError } from '../../src/errors.js';
import { ingestFacts } from '../../src/sync/ingest.js';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';
import { fact, scopeFor } from './fixtures.js';

/** Facts whose copied keys disagree with their ad's entity row or point at nothing. */
async function orphanFacts(db: Db): Promise<unknown[]> {
  return db.query(sql`
    select f.entity_id, f.date, f.hour from metric_facts f
    left join entities e on e.id = f.entity_id
    left join connections c on c.id = f.connection_id
    where e.id is null or c.id is null or c.workspace_id <> f.workspace_id
      or e.workspace_id <> f.workspace_id or e.connection_id <> f.connection_id
      or e.campaign_id is distinct from f.campaign_id or e.adset_id is distinct from f.adset_id
      or (f.campaign_id is not null and not exists (select 1 from entities x where x.id = f.campaign_id
            and x.level = 'campaign' and x.connection_id = f.connection_id))
      or (f.adset_id is not null and not exists (select 1 from entities x where x.id = f.adset_id
            and x.level = 'adset' and x.connection_id = f.connection_id))`);
}

describe.each(backends)('no orphan facts on %s', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind);
  });
  afterAll(async () => t?.drop());

  it('holds through placeholders, foreign connections, moved ads, deleted campaigns and connections', async () => {
    const a = await scopeFor(t.db, 'orphans-a', 'act_501');
    const b = await scopeFor(t.db, 'orphans-b', 'act_502');
    // the same Meta ids in two workspaces: each write lands under its own connection's entities
    const facts = [
      fact(1, '2026-05-01'),
      fact(2, '2026-05-01'),
      fact(11, '2026-05-02'),
      fact(150, '2026-05-02'),
    ];
    await ingestFacts(t.db, a, facts);
    await ingestFacts(t.db, b, facts);
    expect(await orphanFacts(t.db)).toEqual([]);

    // a connection of another workspace is refused, nothing written
    await expect(
      ingestFacts(t.db, { workspaceId: a.workspaceId, connectionId: b.connectionId }, [
        fact(3, '2026-05-03'),
      ]),
    ).rejects.toBeInstanceOf(NotFoundError);
    const [{ n }] = await t.db.query<{ n: number }>(
      sql`select count(*)::int as n from metric_facts where date = '2026-05-03'`,
    );
    expect(n).toBe(0);

    // an ad moves to another ad set (and campaign); its facts follow
    await t.db.query(sql`
      update entities ad set parent_id = s.id, adset_id = s.id, campaign_id = s.campaign_id
      from entities s
      where ad.connection_id = ${a.connectionId} and ad.external_id = '1001'
        and s.connection_id = ${a.connectionId} and s.external_id = '2001'`);
    expect(await orphanFacts(t.db)).toEqual([]);

    // a campaign row is deleted: its ads' campaign_id becomes null, and so does their facts'
    await t.db.query(
      sql`delete from entities where connection_id = ${a.connectionId} and external_id = '3000'`,
    );
    expect(await orphanFacts(t.db)).toEqual([]);
    const [{ unassigned }] = await t.db.query<{ unassigned: number }>(sql`
      select count(*)::int as unassigned from metric_facts where connection_id = ${a.connectionId} and campaign_id is null`);
    expect(unassigned).toBe(3); // ads 1, 2 and 11 were under campaign 3000; ad 150 under 3001

    // a connection goes: its facts go with its entities
    await t.db.query(sql`delete from connections where id = ${b.connectionId}`);
    expect(await orphanFacts(t.db)).toEqual([]);
    const [{ left }] = await t.db.query<{ left: number }>(
      sql`select count(*)::int as left from metric_facts where connection_id = ${b.connectionId}`,
    );
    expect(left).toBe(0);
  });
});
