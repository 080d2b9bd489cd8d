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
import { NOW, percentile, seedAccount } from './largeAccount.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const DAYS = Number(process.env.BENCH_DAYS ?? 500);
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'pg,pglite').split(',');
const EXPLAIN = process.env.BENCH_EXPLAIN === '1';
const MAIN_WS = '00000000-0000-4000-8000-000000000001';

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
