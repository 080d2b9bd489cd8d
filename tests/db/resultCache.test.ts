// The analytics result cache (src/db/analytics/resultCache.ts, migration 0122) serves a result again
// only while nothing it read has changed. fast-check drives random writes of every kind an answer
// reads (facts ingested, restated and deleted, entities renamed, paused and removed, sync runs,
// a connection's currency, a second connection and its removal, a truncate, a rolled-back write); after
// each, the same tool calls through a cached handle must answer exactly as through a handle with no
// cache, and the cached handle must have answered some from the cache.
import { rmSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { configureResultCache, resultCacheStats } from '../../src/db/analytics/resultCache.js';
import type { Db } from '../../src/db/db.js';
import { openMigratedDb } from '../../src/db/open.js';
import { sql } from '../../src/db/sql.js';
import { openNewDataDir } from '../helpers/dataDir.js';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';
import {
  addFacts,
  call,
  type Entity,
  makeCampaignTree,
  makeConnection,
  makeWorkspace,
  toolContext,
} from '../helpers/fixtures.js';

const DAYS = ['2026-11-16', '2026-11-17', '2026-11-20', '2026-11-23', '2026-11-24'];
const NOW = '2026-11-25T12:00:00Z';

/** What an answer reads, through `db`: listings, groupings, totals, movers and a series. */
async function answers(db: Db, workspaceId: string): Promise<unknown[]> {
  const ctx = toolContext(db, workspaceId, NOW);
  const range = { preset: 'last_30d' };
  return [
    await call('list_entities', { level: 'ad', metrics: ['spend', 'clicks'], range, totals: true }, ctx),
    await call('list_entities', { level: 'campaign', metrics: ['spend'], range, status: 'any' }, ctx),
    await call('get_metrics', { metrics: ['spend', 'roas'], range, group_by: 'ad' }, ctx),
    await call('get_metrics', { metrics: ['spend'], range: { preset: 'last_7d' }, group_by: 'day' }, ctx),
    await call(
      'compare_periods',
      { metrics: ['spend'], range: { preset: 'last_7d' }, level: 'ad', top: 3 },
      ctx,
    ),
  ];
}

const writeArb = fc.oneof(
  fc.record({ kind: fc.constant('ingest' as const), ad: fc.nat(2), day: fc.nat(4), cents: fc.nat(50_000) }),
  fc.record({ kind: fc.constant('delete' as const), ad: fc.nat(2), day: fc.nat(4) }),
  fc.record({
    kind: fc.constant('rename' as const),
    ad: fc.nat(2),
    name: fc.constantFrom('Alpha', 'Beta', 'Gamma'),
  }),
  fc.record({
    kind: fc.constant('status' as const),
    ad: fc.nat(2),
    status: fc.constantFrom('ACTIVE', 'PAUSED', 'ARCHIVED'),
  }),
  fc.record({ kind: fc.constant('remove' as const), ad: fc.nat(2) }),
  fc.record({ kind: fc.constant('syncRun' as const) }),
  fc.record({ kind: fc.constant('currency' as const), currency: fc.constantFrom('USD', 'EUR') }),
  fc.record({ kind: fc.constant('secondAccount' as const), cents: fc.nat(50_000) }),
  fc.record({ kind: fc.constant('dropSecond' as const) }),
  fc.record({ kind: fc.constant('truncate' as const) }),
  fc.record({ kind: fc.constant('rolledBack' as const), ad: fc.nat(2), cents: fc.nat(50_000) }),
);
type Write = typeof writeArb extends fc.Arbitrary<infer W> ? W : never;

const money = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

describe.each(backends)('the result cache on %s', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind);
  });
  afterAll(async () => t?.drop());

  it('answers as the database does after any writes, and from the cache in between', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(writeArb, { minLength: 1, maxLength: 6 }), async (writes) => {
        const cached: Db = Object.create(t.db);
        const uncached: Db = Object.create(t.db);
        configureResultCache(uncached, 0);
        const workspaceId = await makeWorkspace(t.db);
        const connectionId = await makeConnection(t.db, workspaceId, { currency: 'USD', timeZone: 'UTC' });
        const scope = { workspaceId, connectionId };
        const ads: Entity[] = [];
        for (let i = 0; i < 3; i++) ads.push((await makeCampaignTree(t.db, scope, { name: `Ad ${i}` })).ad);
        for (const ad of ads)
          await addFacts(
            t.db,
            ad,
            DAYS.map((date) => ({ date, spend: '10.00', clicks: 1 })),
          );
        let second: string | undefined;

        const apply = async (w: Write) => {
          const ad = 'ad' in w ? ads[w.ad] : ads[0];
          switch (w.kind) {
            case 'ingest':
              return addFacts(t.db, ad, [{ date: DAYS[w.day], spend: money(w.cents), clicks: 2 }]);
            case 'delete':
              return void (await t.db.query(
                sql`delete from metric_facts where entity_id = ${ad.id} and date = ${DAYS[w.day]}`,
              ));
            case 'rename':
              return void (await t.db.query(sql`update entities set name = ${w.name} where id = ${ad.id}`));
            case 'status':
              return void (await t.db.query(
                sql`update entities set status = ${w.status}, effective_status = ${w.status} where id = ${ad.id}`,
              ));
            case 'remove':
              return void (await t.db.query(sql`update entities set removed_at = now() where id = ${ad.id}`));
            case 'syncRun':
              return void (await t.db.query(sql`
                insert into sync_runs (workspace_id, connection_id, kind, status, range_since, range_until, started_at, finished_at)
                values (${workspaceId}, ${connectionId}, 'range', 'succeeded', '2026-11-20', '2026-11-24', now(), now())`));
            case 'currency':
              return void (await t.db.query(
                sql`update connections set currency = ${w.currency} where id = ${connectionId}`,
              ));
            case 'secondAccount': {
              second ??= await makeConnection(t.db, workspaceId, { currency: 'USD', timeZone: 'UTC' });
              const tree = await makeCampaignTree(t.db, { workspaceId, connectionId: second }, {});
              return addFacts(t.db, tree.ad, [{ date: DAYS[4], spend: money(w.cents), clicks: 1 }]);
            }
            case 'dropSecond':
              if (second) await t.db.query(sql`delete from connections where id = ${second}`);
              second = undefined;
              return;
            case 'truncate':
              // every workspace's facts: the cache of this one must not keep them
              return void (await t.db.query(sql`truncate metric_facts`));
            case 'rolledBack':
              await t.db
                .transaction(async (tx) => {
                  await tx.query(sql`update metric_facts set spend = spend + ${money(w.cents)}::numeric
                    where entity_id = ${ad.id}`);
                  // read inside: this handle's results must not outlive the transaction
                  await answers(tx, workspaceId);
                  throw new Error('roll back');
                })
                .catch(() => undefined);
              return;
          }
        };

        await answers(cached, workspaceId); // filled before any write
        for (const w of writes) {
          await apply(w);
          expect(await answers(cached, workspaceId), w.kind).toEqual(await answers(uncached, workspaceId));
          // asked again with nothing written in between: the same, now from the cache
          const hits = resultCacheStats(cached).hits;
          expect(await answers(cached, workspaceId)).toEqual(await answers(uncached, workspaceId));
          expect(resultCacheStats(cached).hits).toBeGreaterThan(hits);
        }
      }),
      { numRuns: kind === 'pglite' ? 12 : 20 },
    );
  }, 300_000);

  it('keeps no more results than configured, and none at 0 (ADNAVI_RESULT_CACHE, applied when opened)', async () => {
    const workspaceId = await makeWorkspace(t.db);
    const connectionId = await makeConnection(t.db, workspaceId, { currency: 'USD', timeZone: 'UTC' });
    const { ad } = await makeCampaignTree(t.db, { workspaceId, connectionId }, { name: 'Kept' });
    await addFacts(t.db, ad, [{ date: DAYS[0], spend: '1.00' }]);
    const small: Db = Object.create(t.db);
    configureResultCache(small, 2);
    await answers(small, workspaceId);
    expect(resultCacheStats(small).kept).toBe(2);
    expect(resultCacheStats(small).chars).toBeGreaterThan(0);
    const none: Db = Object.create(t.db);
    configureResultCache(none, 0);
    await answers(none, workspaceId);
    await answers(none, workspaceId);
    expect(resultCacheStats(none)).toMatchObject({ hits: 0, misses: 0, kept: 0, chars: 0 });
  });
});

describe('opening the database', () => {
  it('sizes the result cache from ADNAVI_RESULT_CACHE', async () => {
    // a data dir copied from the migrated template: the migrations, not the cache, took 4.6 s from an empty one
    const { dir, db: template } = await openNewDataDir('adnavi-cache-');
    await template.close();
    try {
      const db = await openMigratedDb({ ...loadConfig({ ADNAVI_RESULT_CACHE: '0' }), ADNAVI_DATA_DIR: dir });
      expect(resultCacheStats(db).entries).toBe(0);
      await db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
