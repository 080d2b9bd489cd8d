// Concurrent load on a real server: BENCH_CLIENTS (default 20) clients at once for BENCH_SECONDS
// (default 20), each asking as fast as it is answered, mixed by client: REST (GET /api/campaigns at
// campaign, ad set and ad level, /api/connections), WebSocket chat questions (the offline planner,
// through the tools) and MCP tool calls over HTTP (the SDK's client). Prints p50/p95 per kind and
// overall, throughput and the error count (any non-2xx, tool error, chat error message or exception).
// Backends (BENCH_LOAD_BACKENDS, default "pg,demo"):
// - pg: PostgreSQL with the query bench's large account (2,000 ads × 500 days = 1,000,000 facts plus a
//   tenth in a second workspace; BENCH_ADS to change), in a fresh database, or kept and reused with
//   BENCH_PG_DATABASE=name (the same database bench:query keeps). Clock pinned to the day after.
// - demo: the embedded demo as `adnavi start` runs it: the simulator's account synced into PGlite in
//   a temporary data dir, real clock.
// The server runs in this process (as `adnavi serve` would; the clients in one of their own,
// loadClients.ts), loopback, local auth; the API rate limit is
// raised for the run (20 clients from one address would otherwise measure the limiter). The analytics
// result cache is on as in a server (BENCH_RESULT_CACHE=0 to measure every statement; the clients ask
// the same questions again and again, so with it most answers are hits: the hit count is printed).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAssistant } from '../src/assistant/createAssistant.js';
import { openDemoRuntime } from '../src/cli/demo.js';
import { DEFAULT_RESULT_CACHE_ENTRIES, loadConfig } from '../src/config.js';
import { configureResultCache, resultCacheStats } from '../src/db/analytics/resultCache.js';
import type { Db } from '../src/db/db.js';
import { migrate } from '../src/db/migrate.js';
import { openPgDb } from '../src/db/pgDb.js';
import { sql } from '../src/db/sql.js';
import { DEFAULT_WORKSPACE_ID } from '../src/db/workspaces.js';
import { type RunningServer, startServer } from '../src/server/serve.js';
import { createPgDatabase } from '../tests/helpers/db.js';
import { keptPgDatabase } from './keptDatabase.js';
import { NOW, percentile, seedAccount } from './largeAccount.js';
import { clientsProcess, type Sample } from './loadClients.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const ADS = Number(process.env.BENCH_ADS ?? 2_000);
const DAYS = 500;
const BACKENDS = (process.env.BENCH_LOAD_BACKENDS ?? 'pg,demo').split(',');
// All clients are one caller (local mode): the per-caller limits (API requests, chat questions a minute,
// open sockets) would otherwise refuse most of the load and the figures would time refusals.
const ENV = {
  LOG_LEVEL: 'silent',
  HOST: '127.0.0.1',
  ADNAVI_RATE_LIMIT: '1000000',
  ADNAVI_ASK_RATE_LIMIT: '1000000',
  ADNAVI_SOCKETS_PER_CALLER: '1000',
  ADNAVI_RESULT_CACHE: process.env.BENCH_RESULT_CACHE ?? String(DEFAULT_RESULT_CACHE_ENTRIES),
};

function report(label: string, samples: Sample[], seconds: number): void {
  const line = (name: string, s: Sample[]) => {
    const ms = s.map((x) => x.ms).sort((a, b) => a - b);
    const errors = s.filter((x) => !x.ok).length;
    const f = (v: number) => v.toFixed(1).padStart(7);
    console.log(
      `${label.padEnd(5)} ${name.padEnd(6)} ${String(s.length).padStart(6)} calls  ${(s.length / seconds).toFixed(1).padStart(6)}/s` +
        `  p50 ${f(percentile(ms, 50))} ms  p95 ${f(percentile(ms, 95))} ms  errors ${errors}`,
    );
  };
  for (const kind of ['rest', 'chat', 'mcp'] as const)
    line(
      kind,
      samples.filter((s) => s.kind === kind),
    );
  line('all', samples);
}

async function load(label: string, server: RunningServer, db: Db): Promise<void> {
  // one short warm-up round (plans, caches), not counted
  await clientsProcess(server.url, 3, 1);
  const { samples, seconds } = await clientsProcess(server.url, CLIENTS, SECONDS);
  report(label, samples, seconds);
  const { hits, misses } = resultCacheStats(db);
  console.log(
    `${label.padEnd(5)} result cache: ${ENV.ADNAVI_RESULT_CACHE} entries, ${hits} hits, ${misses} misses`,
  );
}

async function onPg(): Promise<void> {
  const config = loadConfig(ENV);
  const kept = process.env.BENCH_PG_DATABASE;
  const fresh = kept ? undefined : await createPgDatabase(undefined, { durable: true });
  const db = openPgDb(fresh?.url ?? (await keptPgDatabase(kept!)));
  configureResultCache(db, config.ADNAVI_RESULT_CACHE);
  try {
    await migrate(db);
    const [{ n }] = await db.query<{ n: number }>(sql`select count(*)::int as n from metric_facts`);
    if (n === 0) {
      await seedAccount(db, DEFAULT_WORKSPACE_ID, 'act_1000000001', ADS, DAYS);
      const [{ id }] = await db.query<{ id: string }>(
        sql`insert into workspaces (slug, name) values ('other', 'Other') returning id`,
      );
      await seedAccount(db, id, 'act_2000000002', ADS / 10, DAYS);
      await db.query(sql`vacuum analyze`);
    }
    const [{ facts }] = await db.query<{ facts: number }>(
      sql`select count(*)::int as facts from metric_facts`,
    );
    console.log(`pg    ${facts.toLocaleString('en')} facts, ${CLIENTS} clients, ${SECONDS} s`);
    const server = await startServer(
      { db, config, assistant: createAssistant(config), authMode: 'local', now: () => NOW },
      0,
      '127.0.0.1',
    );
    try {
      await load('pg', server, db);
    } finally {
      await server.close();
    }
  } finally {
    await db.close();
    await fresh?.dropDatabase();
  }
}

async function onDemo(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'adnavi-load-'));
  const runtime = await openDemoRuntime(loadConfig({ ...ENV, ADNAVI_DATA_DIR: dataDir }));
  try {
    const [{ facts }] = await runtime.db.query<{ facts: number }>(
      sql`select count(*)::int as facts from metric_facts`,
    );
    console.log(`demo  ${facts.toLocaleString('en')} facts (embedded), ${CLIENTS} clients, ${SECONDS} s`);
    const server = await startServer({ ...runtime.serverDeps(), authMode: 'local' }, 0, '127.0.0.1');
    try {
      await load('demo', server, runtime.db);
    } finally {
      await server.close();
    }
  } finally {
    await runtime.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

for (const backend of BACKENDS) {
  if (backend === 'pg') await onPg();
  else if (backend === 'demo') await onDemo();
  else throw new Error(`unknown backend ${backend} (pg or demo)`);
}
