// Query latency of the analytics tools on a large account (BENCH_ADS ads × BENCH_DAYS days, default
// 2,000 × 500 = 1,000,000 facts, loaded day-major as a sync writes them) plus a tenth of that in
// another workspace, on PostgreSQL and on PGlite (in memory). Prints p50/p95 over BENCH_RUNS runs
// (default 30) of each tool call through the registry, as the assistant calls them: every level's
// 30-day listing, grouping and movers, and each level's listing over 7/30/90/365 days, a 30-day
// range that starts and ends mid-week, and a month.
// Env: BENCH_RUNS, BENCH_ADS, BENCH_DAYS, BENCH_BACKENDS (default "pg,pglite"), BENCH_ONLY (a
// substring of the case labels), BENCH_EXPLAIN=1 (EXPLAIN ANALYZE of each statement once, on
// PostgreSQL), BENCH_PG_DATABASE=name (a PostgreSQL database kept between runs: created and seeded
// when it has no facts, migrated, never dropped; e.g. adnavi_bench_10m with BENCH_ADS=20000). Every
// PostgreSQL database it measures gets the README's per-database settings for large accounts first
// (bench/keptDatabase.ts RECOMMENDED_SETTINGS; printed).
// With a local PostgreSQL it also prints the CPU time per call of the database backends and of node:
// on a shared machine the latency mostly measures the neighbours, the CPU time much less so.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config.js';
import { configureResultCache } from '../src/db/analytics/resultCache.js';
import type { Db } from '../src/db/db.js';
import { migrate } from '../src/db/migrate.js';
import { openPgDb } from '../src/db/pgDb.js';
import { openPgliteDb } from '../src/db/pgliteDb.js';
import { type SqlFragment, sql } from '../src/db/sql.js';
import { logger } from '../src/log.js';
import { CAMPAIGN_PAGE_METRICS } from '../src/server/routes/dataApi.js';
import { callTool } from '../src/tools/registry.js';
import type { ToolContext } from '../src/tools/types.js';
import { createPgDatabase } from '../tests/helpers/db.js';
import { applyRecommendedSettings, keptPgDatabase } from './keptDatabase.js';
import { NOW, percentile, seedAccount } from './largeAccount.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const ADS = Number(process.env.BENCH_ADS ?? 2_000);
const DAYS = Number(process.env.BENCH_DAYS ?? 500);
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'pg,pglite').split(',');
const ONLY = process.env.BENCH_ONLY;
const EXPLAIN = process.env.BENCH_EXPLAIN === '1';
const KEPT_DATABASE = process.env.BENCH_PG_DATABASE;
const MAIN_WS = '00000000-0000-4000-8000-000000000001';
const MONEY = ['spend', 'revenue', 'roas'];

type Case = [label: string, tool: string, input: unknown];

function levelCases(level: 'campaign' | 'adset' | 'ad'): Case[] {
  const list = (range: unknown): unknown => ({ level, metrics: MONEY, range, limit: 50 });
  return [
    [`${level}: list_entities 30d`, 'list_entities', list({ preset: 'last_30d' })],
    [
      `${level}: get_metrics group_by 30d`,
      'get_metrics',
      { metrics: MONEY, range: { preset: 'last_30d' }, group_by: level, limit: 50 },
    ],
    [
      `${level}: compare_periods movers 30d`,
      'compare_periods',
      { metrics: ['spend'], range: { preset: 'last_30d' }, level, top: 5 },
    ],
    [`${level}: list_entities 7d`, 'list_entities', list({ preset: 'last_7d' })],
    [`${level}: list_entities 90d`, 'list_entities', list({ preset: 'last_90d' })],
    [`${level}: list_entities 365d`, 'list_entities', list({ since: '2025-11-25', until: '2026-11-24' })],
    // a 30-day range that starts and ends mid-week (the preset's starts on a Monday)
    [
      `${level}: list_entities Oct 23-Nov 21`,
      'list_entities',
      list({ since: '2026-10-23', until: '2026-11-21' }),
    ],
    [`${level}: list_entities Oct 2026`, 'list_entities', list({ since: '2026-10-01', until: '2026-10-31' })],
    // the web app's campaigns page (GET /api/campaigns): its columns, with totals over every match
    [
      `${level}: page 30d with totals`,
      'list_entities',
      { level, metrics: [...CAMPAIGN_PAGE_METRICS], range: { preset: 'last_30d' }, limit: 50, totals: true },
    ],
  ];
}

const ALL_CASES: Case[] = [
  [
    'account: get_metrics 90-day totals',
    'get_metrics',
    { metrics: ['spend', 'revenue', 'roas', 'impressions', 'clicks', 'ctr'], range: { preset: 'last_90d' } },
  ],
  [
    'account: get_metrics by day 90d',
    'get_metrics',
    { metrics: MONEY, range: { preset: 'last_90d' }, group_by: 'day' },
  ],
  ...levelCases('campaign'),
  ...levelCases('adset'),
  ...levelCases('ad'),
];
const CASES = ALL_CASES.filter(([label]) => !ONLY || label.includes(ONLY));

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

/**
 * CPU milliseconds the PostgreSQL backends of this database have used so far (from /proc, so only
 * when the server runs on this machine; null otherwise). On a shared machine wall-clock latency
 * mostly measures the neighbours; CPU time per call does not.
 */
async function backendCpuMs(db: Db): Promise<number | null> {
  if (db.kind !== 'pg') return null;
  const rows = await db.query<{ pid: number }>(
    sql`select pid from pg_stat_activity where datname = current_database()`,
  );
  let ticks = 0;
  for (const { pid } of rows) {
    try {
      // fields after the ")" of the command name: utime and stime are the 12th and 13th
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      return null;
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
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
    for (let i = 0; i < 3; i++) await callTool(tool, input, ctx); // warm caches and plans
    const times: number[] = [];
    const cpu0 = await backendCpuMs(db);
    const node0 = process.cpuUsage();
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await callTool(tool, input, ctx);
      times.push(performance.now() - t0);
    }
    const cpu1 = await backendCpuMs(db);
    const node = process.cpuUsage(node0);
    times.sort((a, b) => a - b);
    const f = (ms: number) => ms.toFixed(1).padStart(7);
    const cpu =
      cpu0 === null || cpu1 === null
        ? ''
        : `   cpu/call: db ${f((cpu1 - cpu0) / RUNS)} ms, node ${f((node.user + node.system) / 1000 / RUNS)} ms`;
    console.log(
      `${kind.padEnd(7)} ${label.padEnd(38)} p50 ${f(percentile(times, 50))} ms   p95 ${f(percentile(times, 95))} ms${cpu}`,
    );
  }
}

async function seed(db: Db, kind: string): Promise<void> {
  const [{ n: before }] = await db.query<{ n: number }>(sql`select count(*)::int as n from metric_facts`);
  if (before > 0) return;
  const t0 = performance.now();
  await seedAccount(db, MAIN_WS, 'act_1000000001', ADS, DAYS);
  const [{ id: other }] = await db.query<{ id: string }>(
    sql`insert into workspaces (slug, name) values ('other', 'Other') returning id`,
  );
  await seedAccount(db, other, 'act_2000000002', ADS / 10, DAYS);
  await db.query(sql`vacuum analyze`);
  console.log(`${kind.padEnd(7)} seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

async function run(kind: string): Promise<void> {
  const fresh =
    kind === 'pg' && !KEPT_DATABASE ? await createPgDatabase(undefined, { durable: true }) : undefined;
  const url = kind === 'pg' ? (fresh?.url ?? (await keptPgDatabase(KEPT_DATABASE!))) : undefined;
  // before the first session opens: the settings apply to sessions started afterwards
  if (url) console.log(`${kind.padEnd(7)} alter database set ${await applyRecommendedSettings(url)}`);
  const db = url ? openPgDb(url) : await openPgliteDb();
  // the statements are measured, never the analytics result cache (every call here repeats one)
  configureResultCache(db, 0);
  try {
    if ((await migrate(db)).length > 0) await db.query(sql`analyze`);
    await seed(db, kind);
    const [{ n }] = await db.query<{ n: number }>(sql`select count(*)::int as n from metric_facts`);
    console.log(`${kind.padEnd(7)} ${n.toLocaleString('en')} facts`);
    await measure(db, kind);
  } finally {
    await db.close();
    await fresh?.dropDatabase();
  }
}

for (const kind of BACKENDS) await run(kind);
