// Query latency of the analytics tools at 1,000,000 facts (2,000 ads × 500 days, loaded day-major as a
// sync writes them) plus 100,000 facts of another workspace, on PostgreSQL (a fresh database at
// TEST_DATABASE_URL, dropped afterwards) and on PGlite (in memory). Prints p50/p95 over BENCH_RUNS runs
// (default 50) of each tool call through the registry, as the assistant calls them.
// Env: BENCH_RUNS, BENCH_DAYS (default 500), BENCH_BACKENDS (default "pg,pglite"), BENCH_EXPLAIN=1
// (prints EXPLAIN ANALYZE of each statement once, on PostgreSQL).
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config.js';
import type { Db } from '../src/db/db.js';
import { migrate } from '../src/db/migrate.js';
import { openPgDb } from '../src/db/pgDb.js';
import { openPgliteDb } from '../src/db/pgliteDb.js';
import { type SqlFragment, sql } from '../src/db/sql.js';
import { logger } from '../src/log.js';
import { callTool } from '../src/tools/registry.js';
import type { ToolContext } from '../src/tools/types.js';
import { createPgDatabase } from '../tests/helpers/db.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const DAYS = Number(process.env.BENCH_DAYS ?? 500);
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'pg,pglite').split(',');
const EXPLAIN = process.env.BENCH_EXPLAIN === '1';
const MAIN_WS = '00000000-0000-4000-8000-000000000001';
const UNTIL = '2026-11-24';
const NOW = new Date('2026-11-25T12:00:00Z');

const CASES: [string, string, unknown][] = [
  [
    'list_entities campaigns, 30d spend/revenue/roas',
    'list_entities',
    { level: 'campaign', metrics: ['spend', 'revenue', 'roas'], range: { preset: 'last_30d' } },
  ],
  [
    'get_metrics 90-day totals',
    'get_metrics',
    { metrics: ['spend', 'revenue', 'roas', 'impressions', 'clicks', 'ctr'], range: { preset: 'last_90d' } },
  ],
  [
    'get_metrics by day, 90 days',
    'get_metrics',
    { metrics: ['spend', 'revenue', 'roas'], range: { preset: 'last_90d' }, group_by: 'day' },
  ],
];

/** Campaigns → ad sets → ads (25 × 8 × 10 per 2,000 ads) and `days` daily facts per ad, day-major. */
async function seedAccount(
  db: Db,
  workspaceId: string,
  account: string,
  ads: number,
  days: number,
): Promise<void> {
  const [{ id: conn }] = await db.query<{ id: string }>(sql`
    insert into connections (workspace_id, external_account_id, currency, time_zone, last_synced_at)
    values (${workspaceId}, ${account}, 'EUR', 'Europe/Vienna', now()) returning id`);
  const prefix = account.slice(-3);
  const campaigns = Math.ceil(ads / 80);
  await db.query(sql`
    insert into entities (workspace_id, connection_id, level, external_id, name, status, effective_status)
    select ${workspaceId}, ${conn}, 'campaign', ${prefix} || '1' || g, 'Campaign ' || g,
      case when g % 5 = 0 then 'PAUSED' else 'ACTIVE' end, case when g % 5 = 0 then 'PAUSED' else 'ACTIVE' end
    from generate_series(1, ${campaigns}::int) g`);
  await db.query(
    sql`update entities set campaign_id = id where connection_id = ${conn} and level = 'campaign'`,
  );
  await db.query(sql`
    insert into entities (workspace_id, connection_id, level, external_id, name, parent_id, campaign_id, status, effective_status)
    select ${workspaceId}, ${conn}, 'adset', ${prefix} || '2' || g, 'Ad set ' || g, c.id, c.id, 'ACTIVE', c.effective_status
    from generate_series(1, ${ads / 10}::int) g
    join entities c on c.connection_id = ${conn} and c.external_id = ${prefix} || '1' || ((g - 1) / 8 + 1)`);
  await db.query(sql`update entities set adset_id = id where connection_id = ${conn} and level = 'adset'`);
  await db.query(sql`
    insert into entities (workspace_id, connection_id, level, external_id, name, parent_id, campaign_id, adset_id, status, effective_status)
    select ${workspaceId}, ${conn}, 'ad', ${prefix} || '3' || g, 'Ad ' || g, s.id, s.campaign_id, s.id, 'ACTIVE', s.effective_status
    from generate_series(1, ${ads}::int) g
    join entities s on s.connection_id = ${conn} and s.external_id = ${prefix} || '2' || ((g - 1) / 10 + 1)`);
  // in chunks of 50 days, so PGlite's memory stays bounded
  for (let start = days - 1; start >= 0; start -= 50) {
    const end = Math.max(0, start - 49);
    await db.query(sql`
      insert into metric_facts (entity_id, date, hour, workspace_id, connection_id, campaign_id, adset_id, spend,
        impressions, reach, clicks, link_clicks, landing_page_views, add_to_cart, purchases, revenue, leads)
      select a.id, ${UNTIL}::date - d, -1, ${workspaceId}, ${conn}, a.campaign_id, a.adset_id,
        (((a.id * 7919 + d * 104729) % 10000) / 100.0)::numeric(12, 2), (a.id * 31 + d * 17) % 5000, (a.id * 31 + d * 17) % 4000,
        (a.id + d) % 90, (a.id + d) % 70, (a.id + d) % 50, (a.id + d) % 7, (a.id + d) % 4,
        (((a.id * 13 + d * 7) % 20000) / 100.0)::numeric(12, 2), (a.id + d) % 3
      from generate_series(${start}::int, ${end}::int, -1) d
      cross join (select id, campaign_id, adset_id from entities where connection_id = ${conn} and level = 'ad') a
      order by d desc, a.id`);
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** A Db that prints EXPLAIN ANALYZE of each select it is asked to run (then runs it). */
function explaining(db: Db): Db {
  return {
    ...db,
    kind: db.kind,
    async query<R>(q: SqlFragment): Promise<R[]> {
      const plan = await db.query<{ 'QUERY PLAN': string }>(sql`explain (analyze, buffers) ${q}`);
      console.log(plan.map((r) => r['QUERY PLAN']).join('\n'), '\n');
      return db.query<R>(q);
    },
  };
}

async function measure(db: Db, kind: string): Promise<void> {
  const ctx: ToolContext = { db, config: loadConfig({}), workspaceId: MAIN_WS, log: logger, now: () => NOW };
  if (EXPLAIN && kind === 'pg') {
    for (const [label, tool, input] of CASES) {
      console.log(`--- EXPLAIN ${label}`);
      await callTool(tool, input, { ...ctx, db: explaining(db) });
    }
  }
  for (const [label, tool, input] of CASES) {
    for (let i = 0; i < 5; i++) await callTool(tool, input, ctx); // warm caches and plans
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await callTool(tool, input, ctx);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const f = (ms: number) => ms.toFixed(1).padStart(7);
    console.log(
      `${kind.padEnd(7)} ${label.padEnd(48)} p50 ${f(percentile(times, 50))} ms   p95 ${f(percentile(times, 95))} ms`,
    );
  }
}

async function run(kind: string): Promise<void> {
  const pgDatabase = kind === 'pg' ? await createPgDatabase() : undefined;
  const db = pgDatabase ? openPgDb(pgDatabase.url) : await openPgliteDb();
  try {
    await migrate(db);
    const t0 = performance.now();
    await seedAccount(db, MAIN_WS, 'act_1000000001', 2_000, DAYS);
    const [{ id: other }] = await db.query<{ id: string }>(
      sql`insert into workspaces (slug, name) values ('other', 'Other') returning id`,
    );
    await seedAccount(db, other, 'act_2000000002', 200, DAYS);
    await db.query(sql`analyze`);
    const [{ n }] = await db.query<{ n: number }>(sql`select count(*) as n from metric_facts`);
    console.log(
      `${kind.padEnd(7)} loaded ${n.toLocaleString('en')} facts in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    await measure(db, kind);
  } finally {
    await db.close();
    if (process.env.BENCH_KEEP === '1' && pgDatabase) console.log(`kept ${pgDatabase.url}`);
    else await pgDatabase?.dropDatabase();
  }
}

for (const kind of BACKENDS) await run(kind);
