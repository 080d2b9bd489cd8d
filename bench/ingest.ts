// Ingest throughput: facts/second for the batch upsert (src/sync/ingest.ts) on PostgreSQL and PGlite.
// On PostgreSQL the same rows are also loaded with COPY into a bare copy of metric_facts: same columns,
// key and indexes, no foreign keys and no triggers (so nothing it writes reaches the roll-ups), the
// floor any ingest path is measured against. Ingest and COPY run interleaved, 100k rows at a time, so
// both see the same load on a shared machine. Then the same facts are ingested again (all unchanged).
// Creates and drops its own database. The machine may be shared, so beside wall time it prints CPU
// time: this process's, plus (PostgreSQL on this machine) the server processes' of the bench database.
// Then every fact is restated (all numbers changed: the update triggers' path). BENCH_BREAKDOWN=1 (pg) then
// repeats the interleaved ingest and COPY into emptied tables with parts of the roll-up upkeep switched
// off, to say what each part costs: the facts alone, the update triggers an insert also fires (their
// statements change no row), the ad-week/ad-month part and the ad-set-day/campaign-day part of the
// insert trigger (migration 0080's function, split in two here).
// Env: BENCH_N (default 1,000,000), BENCH_PGLITE_N (default: what fits ~2.5 minutes), BENCH_BATCH (skip
// the batch-size sweep), BENCH_ONLY=pg|pglite, BENCH_BREAKDOWN=1.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
// @ts-expect-error pg-copy-streams ships no type declarations
import { from as copyFrom } from 'pg-copy-streams';
import { upsertConnection } from '../src/db/connections.js';
import type { Db } from '../src/db/db.js';
import type { FactRow } from '../src/db/facts.js';
import { migrate } from '../src/db/migrate.js';
import { openPgDb } from '../src/db/pgDb.js';
import { openPgliteDb } from '../src/db/pgliteDb.js';
import { sql } from '../src/db/sql.js';
import { type IngestScope, ingestFactRows } from '../src/sync/ingest.js';
import { createPgDatabase } from '../tests/helpers/db.js';

const N = Number(process.env.BENCH_N ?? 1_000_000);
const PGLITE_N = process.env.BENCH_PGLITE_N ? Number(process.env.BENCH_PGLITE_N) : undefined;
// the sweep runs on an empty table; later rows are slower, so the estimate aims well under 3 minutes
const PGLITE_BUDGET_MS = 100_000;
const BATCHES = process.env.BENCH_BATCH ? [Number(process.env.BENCH_BATCH)] : [5_000, 10_000, 20_000];
const SWEEP_N = 100_000;
const SEGMENT = 100_000; // interleaving unit for ingest vs COPY
const ADS = 2_000; // 2,000 ads × 500 days = 1,000,000 daily facts
const WORKSPACE = '00000000-0000-4000-8000-000000000001';
const DAY0 = Date.UTC(2025, 0, 1);

/**
 * The i-th fact: day-major like a sync window, all numbers derived from i (integer cents for money).
 * A restated fact has other numbers under the same key.
 */
function factAt(i: number, restated = false): FactRow {
  const ad = i % ADS;
  const cents = (i * 7919 + (restated ? 1 : 0)) % 100_000;
  return {
    adId: String(100_000_000 + ad),
    adsetId: String(200_000_000 + Math.floor(ad / 10)),
    campaignId: String(300_000_000 + Math.floor(ad / 100)),
    adName: `Ad ${ad}`,
    adsetName: `Ad set ${Math.floor(ad / 10)}`,
    campaignName: `Campaign ${Math.floor(ad / 100)}`,
    date: new Date(DAY0 + Math.floor(i / ADS) * 86_400_000).toISOString().slice(0, 10),
    hour: -1,
    spend: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
    impressions: ((i * 31) % 50_000) + (restated ? 1 : 0),
    reach: (i * 17) % 40_000,
    clicks: (i * 7) % 900,
    linkClicks: (i * 5) % 700,
    landingPageViews: (i * 3) % 500,
    addToCart: String(i % 13),
    purchases: String(i % 7),
    revenue: `${(i * 13) % 9_000}.50`,
    leads: String(i % 3),
    actions: null,
    actionValues: null,
  };
}

function facts(from: number, to: number, restated = false): FactRow[] {
  return Array.from({ length: to - from }, (_, k) => factAt(from + k, restated));
}

/** Wall and CPU milliseconds, summed over the timed parts of a phase. */
interface Spent {
  ms: number;
  cpu: number;
  /** the server's part of cpu */
  server: number;
}

const TICK_MS = 10; // /proc/<pid>/stat counts CPU in clock ticks, 100 per second on Linux

/** CPU ms used so far by this process and by the server processes of db's database (0 where /proc cannot tell). */
async function cpuNow(db: Db): Promise<{ own: number; server: number }> {
  const own = process.cpuUsage();
  let server = 0;
  if (db.kind === 'pg') {
    const pids = await db.query<{ pid: number }>(
      sql`select pid from pg_stat_activity where datname = current_database()`,
    );
    for (const { pid } of pids) {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
        server += (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime, stime
      } catch {
        // a server on another machine, or a process that just ended
      }
    }
  }
  return { own: (own.user + own.system) / 1000, server };
}

/** Runs fn, adding its wall and CPU time to `into`. */
async function timed<T>(db: Db, into: Spent, fn: () => Promise<T>): Promise<T> {
  const cpu0 = await cpuNow(db);
  const t0 = performance.now();
  const result = await fn();
  into.ms += performance.now() - t0;
  const cpu1 = await cpuNow(db);
  into.server += cpu1.server - cpu0.server;
  into.cpu += cpu1.own - cpu0.own + cpu1.server - cpu0.server;
  return result;
}

const rate = (n: number, ms: number) => Math.round((n / ms) * 1000).toLocaleString('en-US');
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const cpuSeconds = (s: Spent) => `${seconds(s.cpu)} CPU, ${seconds(s.server)} of it the server's`;

/**
 * Ingests facts [from, to): one ingestFactRows call (one transaction, statements of `batch` rows) per
 * 100k facts, as a sync writes a window; COPY below also commits once per 100k rows.
 */
async function ingest(db: Db, scope: IngestScope, from: number, to: number, batch: number, restated = false) {
  const spent = { ms: 0, cpu: 0, server: 0 };
  const totals = { inserted: 0, updated: 0, unchanged: 0 };
  for (let start = from; start < to; start += SEGMENT) {
    const rows = facts(start, Math.min(to, start + SEGMENT), restated); // generated outside the timed part
    const counts = await timed(db, spent, () => ingestFactRows(db, scope, rows, { batchSize: batch }));
    totals.inserted += counts.inserted;
    totals.updated += counts.updated;
    totals.unchanged += counts.unchanged;
  }
  return { ...spent, ...totals };
}

async function setUp(db: Db): Promise<IngestScope> {
  await migrate(db);
  const connection = await upsertConnection(db, WORKSPACE, 'act_1000');
  return { workspaceId: WORKSPACE, connectionId: connection.id };
}

/** Ingests n facts into an empty table per batch size; returns the fastest. Leaves the database empty. */
async function sweep(label: string, db: Db, scope: IngestScope, n: number) {
  let best = { batch: BATCHES[0], ms: Number.POSITIVE_INFINITY };
  for (const batch of BATCHES) {
    await db.query(sql`truncate metric_facts`);
    const r = await ingest(db, scope, 0, n, batch);
    console.log(
      `${label}: sweep batch ${batch}: ${n} facts in ${seconds(r.ms)} (${cpuSeconds(r)}) = ${rate(n, r.ms)} facts/s`,
    );
    if (r.ms < best.ms) best = { batch, ms: r.ms };
  }
  await db.query(sql`truncate metric_facts, entities cascade`);
  return best;
}

async function reingest(label: string, db: Db, scope: IngestScope, n: number, batch: number): Promise<void> {
  const again = await ingest(db, scope, 0, n, batch);
  if (again.unchanged !== n) throw new Error(`${label}: expected ${n} unchanged, got ${again.unchanged}`);
  console.log(
    `${label}: re-ingest (all unchanged): ${seconds(again.ms)} (${cpuSeconds(again)}) = ${rate(n, again.ms)} facts/s`,
  );
  const restated = await ingest(db, scope, 0, n, batch, true);
  if (restated.updated !== n) throw new Error(`${label}: expected ${n} updated, got ${restated.updated}`);
  console.log(
    `${label}: re-ingest (all restated): ${seconds(restated.ms)} (${cpuSeconds(restated)}) = ${rate(n, restated.ms)} facts/s`,
  );
}

async function benchPglite(): Promise<void> {
  const db = await openPgliteDb();
  try {
    const scope = await setUp(db);
    const probe = Math.min(SWEEP_N / 2, N);
    const { batch, ms } = await sweep('pglite', db, scope, probe);
    // the largest multiple of 100k (at most N) the sweep's best rate ingests within the budget
    const fits = Math.floor(((PGLITE_BUDGET_MS / ms) * probe) / 100_000) * 100_000;
    const n = PGLITE_N ?? Math.max(100_000, Math.min(N, fits));
    console.log(`pglite: in-memory, N = ${n}${n < N ? ' (the full N would take more than ~3 minutes)' : ''}`);
    const first = await ingest(db, scope, 0, n, batch);
    if (first.inserted !== n) throw new Error(`pglite: expected ${n} inserted, got ${first.inserted}`);
    console.log(
      `pglite: ingest ${n} facts, batch ${batch}: ${seconds(first.ms)} (${cpuSeconds(first)}) = ${rate(n, first.ms)} facts/s`,
    );
    await reingest('pglite', db, scope, n, batch);
  } finally {
    await db.close();
  }
}

type AdIds = Map<string, { id: number; campaign_id: number; adset_id: number }>;

async function adIds(db: Db): Promise<AdIds> {
  const ads = await db.query<{ external_id: string; id: number; campaign_id: number; adset_id: number }>(
    sql`select external_id, id, campaign_id, adset_id from entities where level = 'ad'`,
  );
  return new Map(ads.map((a) => [a.external_id, a]));
}

/** Facts [from, to) as COPY text (tab-separated), built before timing. */
function copyText(ids: AdIds, scope: IngestScope, from: number, to: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let start = from; start < to; start += 10_000) {
    const lines = facts(start, Math.min(to, start + 10_000)).map((f) => {
      const e = ids.get(f.adId)!;
      return [
        e.id,
        f.date,
        f.hour,
        'meta',
        scope.workspaceId,
        scope.connectionId,
        e.campaign_id,
        e.adset_id,
        f.spend,
        f.impressions,
        f.reach,
        f.clicks,
        f.linkClicks,
        f.landingPageViews,
        f.addToCart,
        f.purchases,
        f.revenue,
        f.leads,
      ].join('\t');
    });
    chunks.push(Buffer.from(`${lines.join('\n')}\n`));
  }
  return chunks;
}

const COPY_TABLE = 'metric_facts_copy';

/** A table like metric_facts (columns, defaults, checks, key, indexes) without its foreign key or triggers. */
async function createCopyTable(db: Db): Promise<void> {
  await db.query(sql`create table metric_facts_copy (like metric_facts including all)`);
}

/** One COPY statement streaming the chunks. */
async function copyLoad(client: pg.Client, chunks: Buffer[]): Promise<void> {
  const copy = client.query(
    copyFrom(`copy ${COPY_TABLE} (entity_id, date, hour, provider, workspace_id, connection_id, campaign_id,
      adset_id, spend, impressions, reach, clicks, link_clicks, landing_page_views, add_to_cart, purchases, revenue,
      leads) from stdin`),
  );
  await pipeline(Readable.from(chunks), copy);
}

async function countRows(db: Db, table: typeof COPY_TABLE | 'metric_facts'): Promise<number> {
  const name = sql.identifier(table, [COPY_TABLE, 'metric_facts']);
  const rows = await db.query<{ n: number }>(sql`select count(*)::int as n from ${name}`);
  return rows[0].n;
}

/** Ingest and COPY into empty tables, 100k rows at a time each; their summed durations. */
async function interleaved(url: string, db: Db, scope: IngestScope, batch: number) {
  await db.query(sql`truncate metric_facts, metric_facts_copy`);
  const ingested: Spent = { ms: 0, cpu: 0, server: 0 };
  const copied: Spent = { ms: 0, cpu: 0, server: 0 };
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let ids: AdIds | undefined;
    for (let from = 0; from < N; from += SEGMENT) {
      const to = Math.min(N, from + SEGMENT);
      const r = await ingest(db, scope, from, to, batch);
      if (r.inserted !== to - from) throw new Error(`pg: expected ${to - from} inserted, got ${r.inserted}`);
      ingested.ms += r.ms;
      ingested.cpu += r.cpu;
      ingested.server += r.server;
      ids ??= await adIds(db); // the first segment created every ad
      const chunks = copyText(ids, scope, from, to);
      await timed(db, copied, () => copyLoad(client, chunks));
    }
  } finally {
    await client.end();
  }
  for (const table of ['metric_facts', COPY_TABLE] as const) {
    const n = await countRows(db, table);
    if (n !== N) throw new Error(`${table} holds ${n} rows, expected ${N}`);
  }
  return { ingested, copied };
}

async function benchPg(): Promise<void> {
  const { url, dropDatabase } = await createPgDatabase(undefined, { durable: true });
  const db = openPgDb(url, 2);
  try {
    const scope = await setUp(db);
    const { batch } = await sweep('pg', db, scope, Math.min(SWEEP_N, N));
    await createCopyTable(db);
    await db.query(sql`checkpoint`);
    const { ingested, copied } = await interleaved(url, db, scope, batch);
    console.log(
      `pg: ingest ${N} facts, batch ${batch}: ${seconds(ingested.ms)} (${cpuSeconds(ingested)}) = ${rate(N, ingested.ms)} facts/s`,
    );
    console.log(
      `pg: COPY ${N} rows into the same key and indexes, no foreign keys or triggers: ${seconds(copied.ms)} (${cpuSeconds(copied)}) = ${rate(N, copied.ms)} rows/s`,
    );
    console.log(
      `pg: ingest/COPY = ${(copied.ms / ingested.ms).toFixed(2)} by wall time, ${(copied.cpu / ingested.cpu).toFixed(2)} by CPU time`,
    );
    await reingest('pg', db, scope, N, batch);
    if (process.env.BENCH_BREAKDOWN === '1') await breakdown(url, db, scope, batch);
  } finally {
    await db.close();
    await dropDatabase();
  }
}

const INSERT_TRIGGER = 'metric_facts_rollups_insert';

/**
 * The insert trigger function's two statements (ad weeks and months; ad-set and campaign days) as two
 * functions of their own, read from the live definition; undefined when it no longer has that shape.
 */
async function splitInsertTrigger(db: Db): Promise<{ periods: string; days: string } | undefined> {
  const [fn] = await db.query<{ src: string }>(
    sql`select prosrc as src from pg_proc where proname = ${INSERT_TRIGGER}`,
  );
  const body = fn?.src.trim() ?? '';
  if (!body.startsWith('begin') || !body.endsWith('end')) return undefined;
  const statements = body.slice('begin'.length, -'end'.length).replace(/return null;\s*$/, '');
  const cut = statements.indexOf('\n  with s as (');
  if (cut < 0) return undefined;
  return { periods: statements.slice(0, cut), days: statements.slice(cut) };
}

/** Interleaved ingest and COPY with only some of metric_facts' roll-up upkeep on, per part. */
async function breakdown(url: string, db: Db, scope: IngestScope, batch: number): Promise<void> {
  const split = await splitInsertTrigger(db);
  if (!split) {
    console.log(`pg: breakdown skipped: ${INSERT_TRIGGER}() no longer has the two statements it splits`);
    return;
  }
  for (const [name, body] of Object.entries(split)) {
    await db.execScript(`create function bench_rollups_${name}() returns trigger language plpgsql as $bench$
      begin ${body} return null; end $bench$`);
  }
  const parts: [string, string[]][] = [
    ['facts alone (no trigger)', ['alter table metric_facts disable trigger user']],
    ['+ the update triggers only', [`alter table metric_facts disable trigger ${INSERT_TRIGGER}`]],
    [
      '+ update triggers + ad weeks/months',
      [
        `alter table metric_facts disable trigger ${INSERT_TRIGGER}`,
        'create trigger bench_part after insert on metric_facts referencing new table as new_rows for each statement execute function bench_rollups_periods()',
      ],
    ],
    [
      '+ update triggers + ad-set/campaign days',
      [
        `alter table metric_facts disable trigger ${INSERT_TRIGGER}`,
        'create trigger bench_part after insert on metric_facts referencing new table as new_rows for each statement execute function bench_rollups_days()',
      ],
    ],
    ['all (as shipped)', []],
  ];
  for (const [label, setup] of parts) {
    await db.query(sql`truncate metric_facts, metric_facts_copy`); // with its triggers on: empties the roll-ups
    for (const statement of setup) await db.execScript(statement);
    const { ingested, copied } = await interleaved(url, db, scope, batch);
    await db.execScript(
      'drop trigger if exists bench_part on metric_facts; alter table metric_facts enable trigger user',
    );
    console.log(
      `pg: breakdown, ${label}: ingest ${seconds(ingested.cpu)} CPU (${seconds(ingested.server)} server), COPY ${seconds(copied.cpu)} CPU; ingest/COPY by CPU ${(copied.cpu / ingested.cpu).toFixed(2)}, by wall ${(copied.ms / ingested.ms).toFixed(2)}`,
    );
  }
}

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY;
  if (only !== 'pglite') await benchPg();
  if (only !== 'pg') await benchPglite();
}

await main();
