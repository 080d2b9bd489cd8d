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
// The server runs in this process (as `adnavi serve` would), loopback, local auth; the API rate limit is
// raised for the run (20 clients from one address would otherwise measure the limiter). The analytics
// result cache is on as in a server (BENCH_RESULT_CACHE=0 to measure every statement; the clients ask
// the same questions again and again, so with it most answers are hits: the hit count is printed).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import WebSocket from 'ws';
import { createAssistant } from '../src/assistant/createAssistant.js';
import { openDemoRuntime } from '../src/cli/demo.js';
import { loadConfig } from '../src/config.js';
import {
  configureResultCache,
  DEFAULT_RESULT_CACHE_ENTRIES,
  resultCacheStats,
} from '../src/db/analytics/resultCache.js';
import type { Db } from '../src/db/db.js';
import { migrate } from '../src/db/migrate.js';
import { openPgDb } from '../src/db/pgDb.js';
import { sql } from '../src/db/sql.js';
import { DEFAULT_WORKSPACE_ID } from '../src/db/workspaces.js';
import { type RunningServer, startServer } from '../src/server/serve.js';
import { createPgDatabase } from '../tests/helpers/db.js';
import { keptPgDatabase } from './keptDatabase.js';
import { NOW, percentile, seedAccount } from './largeAccount.js';

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

type Kind = 'rest' | 'chat' | 'mcp';
interface Sample {
  kind: Kind;
  ms: number;
  ok: boolean;
}

const REST_PATHS = [
  '/api/campaigns',
  '/api/campaigns?level=adset&preset=last_7d',
  '/api/campaigns?level=ad&limit=50',
  '/api/connections',
];
const QUESTIONS = [
  'what was my spend in the last 30 days?',
  'top 5 ads by revenue last 30 days',
  'which ad set had the best ROAS last week',
  'compare spend this week vs last week',
  'spend by day last 14 days',
  'how many ads are active?',
];
const MCP_CALLS: { name: string; arguments: Record<string, unknown> }[] = [
  { name: 'get_metrics', arguments: { metrics: ['spend', 'roas'], range: { preset: 'last_30d' } } },
  {
    name: 'get_metrics',
    arguments: { metrics: ['spend', 'revenue'], range: { preset: 'last_30d' }, group_by: 'ad', limit: 20 },
  },
  {
    name: 'list_entities',
    arguments: { level: 'adset', metrics: ['spend', 'ctr'], range: { preset: 'last_90d' }, limit: 20 },
  },
  {
    name: 'compare_periods',
    arguments: { metrics: ['spend'], range: { preset: 'last_7d' }, level: 'ad', top: 5 },
  },
];

/** One chat socket: questions in turn, each awaited until its answer (or error) arrives. */
async function openChat(baseUrl: string): Promise<(question: string) => Promise<boolean>> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws`);
  const waiting = new Map<string, (ok: boolean) => void>();
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as { type: string; id?: string };
    if ((msg.type === 'answer' || msg.type === 'error') && msg.id)
      waiting.get(msg.id)?.(msg.type === 'answer');
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let n = 0;
  return (question) =>
    new Promise((resolve) => {
      const id = `q${++n}`;
      waiting.set(id, (ok) => {
        waiting.delete(id);
        resolve(ok);
      });
      ws.send(JSON.stringify({ type: 'ask', id, question }));
    });
}

async function openMcp(baseUrl: string): Promise<Client> {
  const client = new Client({ name: 'adnavi-bench', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', baseUrl)));
  return client;
}

/** One client's loop until the deadline; which kind it is follows its index (REST, chat, MCP in turn). */
async function runClient(index: number, baseUrl: string, deadline: number, samples: Sample[]): Promise<void> {
  const kind: Kind = (['rest', 'chat', 'mcp'] as const)[index % 3];
  const ask = kind === 'chat' ? await openChat(baseUrl) : undefined;
  const mcp = kind === 'mcp' ? await openMcp(baseUrl) : undefined;
  try {
    for (let i = index; performance.now() < deadline; i++) {
      const t0 = performance.now();
      let ok = false;
      try {
        if (kind === 'rest') {
          const res = await fetch(`${baseUrl}${REST_PATHS[i % REST_PATHS.length]}`);
          await res.arrayBuffer();
          ok = res.ok;
        } else if (ask) {
          ok = await ask(QUESTIONS[i % QUESTIONS.length]);
        } else if (mcp) {
          const result = (await mcp.callTool(MCP_CALLS[i % MCP_CALLS.length])) as CallToolResult;
          ok = !result.isError;
        }
      } catch {
        ok = false;
      }
      samples.push({ kind, ms: performance.now() - t0, ok });
    }
  } finally {
    await mcp?.close();
  }
}

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
  await Promise.all(
    Array.from({ length: 3 }, (_, i) => runClient(i, server.url, performance.now() + 1000, [])),
  );
  const samples: Sample[] = [];
  const t0 = performance.now();
  const deadline = t0 + SECONDS * 1000;
  await Promise.all(Array.from({ length: CLIENTS }, (_, i) => runClient(i, server.url, deadline, samples)));
  report(label, samples, (performance.now() - t0) / 1000);
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
