// npm run bench:fleet — agency scale: the simulator serves a fleet of ad accounts (each with its own
// call budget and usage headers), all connected to one PostgreSQL database, and the first sync of
// every one of them is queued and run by 1, 2 and 4 `adnavi worker` processes (real child processes,
// as deployed). Per run: wall time, Graph calls per account (the simulator's own count), throttle
// waits (time the syncs spent waiting on Meta's budget, and jobs deferred to later), the spread of
// finish times across accounts (fairness: does everyone finish at about the same pace, or do some
// wait for others), and an exact check of every stored daily fact against the simulator's ad-level
// daily insights (none missing, none extra, none duplicated, every spend/impressions/clicks equal).
// Then a run in which one worker is killed (SIGKILL) part-way: its jobs finish on the others (the
// reaper retries them, src/sync/jobReaper.ts), totals exact.
//
// Env: FLEET_ACCOUNTS (60, so the default runs in a few minutes on a small machine; 200 for the agency
// figures), FLEET_ADS (100 per account), FLEET_DAYS (7: the first sync's whole days
// before today, plus today; 90 is the product's default), FLEET_WORKERS (1,2,4), FLEET_CONCURRENCY
// (2 sync slots per worker), FLEET_CALLS_PER_MINUTE (60 per account), FLEET_KILL_WORKERS (2; 0 skips the
// kill run), FLEET_TIMEOUT_S (900 per run), FLEET_DATABASE (adnavi_bench_fleet, recreated for every
// run at TEST_DATABASE_URL's server; FLEET_KEEP=1 keeps the last one).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import type { Db } from '../src/db/db.js';
import { migrate } from '../src/db/migrate.js';
import { openPgDb } from '../src/db/pgDb.js';
import { sql } from '../src/db/sql.js';
import { DEFAULT_WORKSPACE_ID } from '../src/db/workspaces.js';
import { keyringFrom } from '../src/secrets/tokenVault.js';
import { type Simulator, startSimulator } from '../src/simulator/index.js';
import { connectMetaAccount } from '../src/sync/connect.js';
import { openJobQueue } from '../src/sync/jobQueue.js';

const env = process.env;
const ACCOUNTS = Number(env.FLEET_ACCOUNTS ?? 60);
const ADS = Number(env.FLEET_ADS ?? 100);
const DAYS = Number(env.FLEET_DAYS ?? 7);
const WORKERS = (env.FLEET_WORKERS ?? '1,2,4').split(',').map(Number);
const CONCURRENCY = Number(env.FLEET_CONCURRENCY ?? 2);
const CALLS_PER_MINUTE = Number(env.FLEET_CALLS_PER_MINUTE ?? 60);
const KILL_WORKERS = Number(env.FLEET_KILL_WORKERS ?? 2);
const TIMEOUT_MS = Number(env.FLEET_TIMEOUT_S ?? 900) * 1000;
const DATABASE = env.FLEET_DATABASE ?? 'adnavi_bench_fleet';
const ADMIN_URL = env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BIN = join(import.meta.dirname, '..', 'bin', 'adnavi.mjs');

if (!/^[a-z_][a-z0-9_]*$/.test(DATABASE)) throw new Error('FLEET_DATABASE: letters, digits and _ only');

interface RunResult {
  label: string;
  wallS: number;
  done: number;
  callsPerAccount: number;
  throttledRuns: number;
  throttledS: number;
  deferred: number;
  retried: number;
  finish: { first: number; p50: number; p90: number; last: number };
  /** Seconds each account's own (succeeded) sync took, once a worker started it. */
  took: { p50: number; p90: number; max: number };
  check: Check;
}

interface Check {
  facts: number;
  missing: number;
  extra: number;
  duplicates: number;
  mismatched: number;
}

async function recreateDatabase(): Promise<string> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    // the name was checked above: letters, digits, underscore
    await admin.query(`drop database if exists ${DATABASE} with (force)`);
    await admin.query(`create database ${DATABASE}`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DATABASE}`;
  return url.toString();
}

async function dropDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${DATABASE} with (force)`).finally(() => admin.end());
}

function spawnWorker(url: string, key: string, sim: Simulator): ChildProcess {
  return spawn(process.execPath, [BIN, 'worker', '--concurrency', String(CONCURRENCY), '--no-scheduler'], {
    env: {
      ...env,
      DATABASE_URL: url,
      ADNAVI_ENCRYPTION_KEY: key,
      META_GRAPH_URL: sim.url,
      META_API_VERSION: sim.version,
      ADNAVI_SYNC_BACKFILL_DAYS: String(DAYS),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** "12.34" → 1234 (decimal text to integer cents, no float in between). */
function cents(text: string | undefined): bigint {
  if (!text) return 0n;
  const [whole, frac = ''] = text.split('.');
  return BigInt(whole) * 100n + BigInt(frac.padEnd(2, '0').slice(0, 2));
}

interface SimRow {
  ad_id: string;
  date_start: string;
  spend?: string;
  impressions?: string;
  clicks?: string;
}

/** The simulator's ad-level daily rows of one account over a range (waiting out its own budget). */
async function simulatorRows(sim: Simulator, account: string, since: string, until: string) {
  const url = new URL(`${sim.url}/${sim.version}/${account}/insights`);
  url.search = new URLSearchParams({
    level: 'ad',
    time_increment: '1',
    fields: 'ad_id,spend,impressions,clicks',
    time_range: JSON.stringify({ since, until }),
    limit: '5000',
    access_token: sim.accessToken,
  }).toString();
  const rows: SimRow[] = [];
  let next: string | undefined = url.toString();
  while (next) {
    const res = await fetch(next);
    if (res.status === 400) {
      await sleep(2_000); // the account's budget: the check waits like any client
      continue;
    }
    const body = (await res.json()) as { data: SimRow[]; paging?: { next?: string } };
    rows.push(...body.data);
    next = body.paging?.next;
  }
  return rows;
}

/** Every stored daily fact of every account against the simulator, row by row. */
async function check(db: Db, sim: Simulator): Promise<Check> {
  const out: Check = { facts: 0, missing: 0, extra: 0, duplicates: 0, mismatched: 0 };
  const [dup] = await db.query<{ n: number }>(sql`
    select count(*)::int as n from (select 1 from metric_facts group by entity_id, date, hour, provider having count(*) > 1) d`);
  out.duplicates = dup.n;
  const runs = await db.query<{ connection_id: string; account: string; since: string; until: string }>(sql`
    select distinct on (r.connection_id) r.connection_id, c.external_account_id as account,
      r.range_since::text as since, r.range_until::text as until
    from sync_runs r join connections c on c.id = r.connection_id
    where r.status = 'succeeded' order by r.connection_id, r.finished_at desc`);
  const work = [...runs];
  const one = async () => {
    for (let r = work.shift(); r; r = work.shift()) {
      const ours = await db.query<{
        ad: string;
        date: string;
        spend: string;
        impressions: string;
        clicks: string;
      }>(sql`
        select e.external_id as ad, f.date::text as date, f.spend::text as spend,
          f.impressions::text as impressions, f.clicks::text as clicks
        from metric_facts f join entities e on e.id = f.entity_id
        where f.connection_id = ${r.connection_id} and f.hour = -1 and f.date between ${r.since} and ${r.until}`);
      out.facts += ours.length;
      const mine = new Map(ours.map((o) => [`${o.ad}|${o.date}`, o]));
      for (const s of await simulatorRows(sim, r.account, r.since, r.until)) {
        const key = `${s.ad_id}|${s.date_start}`;
        const o = mine.get(key);
        if (!o) {
          out.missing++;
          continue;
        }
        mine.delete(key);
        const same =
          cents(o.spend) === cents(s.spend) &&
          o.impressions === (s.impressions ?? '0') &&
          o.clicks === (s.clicks ?? '0');
        if (!same) out.mismatched++;
      }
      out.extra += mine.size;
    }
  };
  await Promise.all(Array.from({ length: 6 }, one));
  return out;
}

async function run(sim: Simulator, workers: number, kill: boolean): Promise<RunResult> {
  const label = kill ? `${workers} workers, one killed` : `${workers} worker${workers === 1 ? '' : 's'}`;
  const url = await recreateDatabase();
  const db = openPgDb(url);
  const children: ChildProcess[] = [];
  try {
    await migrate(db);
    const key = randomBytes(32);
    const config = loadConfig({ META_GRAPH_URL: sim.url, META_API_VERSION: sim.version, LOG_LEVEL: 'warn' });
    const deps = { db, config, keyring: keyringFrom(key) };
    const fleet = sim.accounts.filter((a) => a.id.startsWith('act_9'));
    const connections: string[] = [];
    for (const a of fleet) {
      const c = await connectMetaAccount(deps, {
        workspaceId: DEFAULT_WORKSPACE_ID,
        accountId: a.id,
        token: sim.accessToken,
      });
      connections.push(c.id);
    }
    // retries of a killed worker's jobs come back after a few seconds (the job carries its backoff)
    const queue = await openJobQueue(db, { retryDelaySeconds: 2 });
    for (const connectionId of connections)
      await queue.enqueueSync({ workspaceId: DEFAULT_WORKSPACE_ID, connectionId, kind: 'initial' });
    await queue.stop();

    sim.resetCalls();
    const started = Date.now();
    for (let i = 0; i < workers; i++) children.push(spawnWorker(url, key.toString('base64'), sim));
    let killed = !kill;
    let done = 0;
    while (Date.now() - started < TIMEOUT_MS) {
      await sleep(500);
      const [r] = await db.query<{ n: number }>(
        sql`select count(distinct connection_id)::int as n from sync_runs where status = 'succeeded'`,
      );
      done = r.n;
      if (!killed && done >= connections.length * 0.4) {
        children[0].kill('SIGKILL');
        killed = true;
        console.log(
          `  [${label}] killed worker pid ${children[0].pid} at ${done}/${connections.length} accounts`,
        );
      }
      if (done >= connections.length) break;
    }
    const calls = sim.calls().total;
    const finishes = await db.query<{ s: number }>(sql`
      select extract(epoch from min(finished_at) - ${new Date(started).toISOString()}::timestamptz)::float8 as s
      from sync_runs where status = 'succeeded' group by connection_id order by 1`);
    const offsets = finishes.map((f) => f.s);
    const durations = (
      await db.query<{ s: number }>(sql`
        select extract(epoch from finished_at - started_at)::float8 as s
        from sync_runs where status = 'succeeded' order by 1`)
    ).map((d) => d.s);
    const [stats] = await db.query<{ throttled_runs: number; throttled_ms: number }>(sql`
      select count(*) filter (where (stats->>'throttled_ms')::float8 > 0)::int as throttled_runs,
        coalesce(sum((stats->>'throttled_ms')::float8), 0)::float8 as throttled_ms
      from sync_runs`);
    const [jobs] = await db.query<{ deferred: number; retried: number }>(sql`
      select count(*) filter (where output->>'status' = 'deferred')::int as deferred,
        count(*) filter (where retry_count > 0)::int as retried
      from pgboss.job where name = 'sync-connection'`);
    for (const c of children) c.kill('SIGTERM');
    return {
      label,
      wallS: offsets.at(-1) ?? Number.NaN,
      done,
      callsPerAccount: calls / connections.length,
      throttledRuns: stats.throttled_runs,
      throttledS: stats.throttled_ms / 1000,
      deferred: jobs.deferred,
      retried: jobs.retried,
      finish: {
        first: quantile(offsets, 0),
        p50: quantile(offsets, 0.5),
        p90: quantile(offsets, 0.9),
        last: offsets.at(-1) ?? Number.NaN,
      },
      took: {
        p50: quantile(durations, 0.5),
        p90: quantile(durations, 0.9),
        max: durations.at(-1) ?? Number.NaN,
      },
      check: await check(db, sim),
    };
  } finally {
    for (const c of children) c.kill('SIGKILL');
    await db.close();
  }
}

function print(r: RunResult): void {
  const f = (n: number) => n.toFixed(1);
  const c = r.check;
  console.log(
    `${r.label.padEnd(24)} ${String(r.done).padStart(4)}/${ACCOUNTS} synced  wall ${f(r.wallS)} s  ` +
      `calls/account ${f(r.callsPerAccount)}  throttle waits ${r.throttledRuns} runs ${f(r.throttledS)} s, ` +
      `${r.deferred} jobs deferred, ${r.retried} retried`,
  );
  console.log(
    `${''.padEnd(24)} finish times (s from start): first ${f(r.finish.first)}, median ${f(r.finish.p50)}, ` +
      `p90 ${f(r.finish.p90)}, last ${f(r.finish.last)}; each account's sync took median ${f(r.took.p50)} s, ` +
      `p90 ${f(r.took.p90)}, max ${f(r.took.max)}`,
  );
  console.log(
    `${''.padEnd(24)} facts ${c.facts}: missing ${c.missing}, extra ${c.extra}, duplicated ${c.duplicates}, ` +
      `different ${c.mismatched} ${c.missing + c.extra + c.duplicates + c.mismatched === 0 ? '(exact)' : '(NOT EXACT)'}`,
  );
}

async function main(): Promise<void> {
  // the data calendar is frozen at the start, so today's partial numbers do not grow under the check
  const at = new Date();
  const sim = await startSimulator({
    now: () => at,
    fleet: { accounts: ACCOUNTS, ads: ADS, callsPerMinute: CALLS_PER_MINUTE },
  });
  console.log(
    `bench:fleet — ${ACCOUNTS} accounts × ${ADS} ads, first sync ${DAYS} days + today, ` +
      `${CONCURRENCY} slots per worker, ${CALLS_PER_MINUTE} calls/min per account; PostgreSQL ${DATABASE}`,
  );
  const results: RunResult[] = [];
  try {
    for (const n of WORKERS) {
      const r = await run(sim, n, false);
      print(r);
      results.push(r);
    }
    if (KILL_WORKERS > 0) {
      const r = await run(sim, KILL_WORKERS, true);
      print(r);
      results.push(r);
    }
  } finally {
    await sim.close();
    if (env.FLEET_KEEP !== '1') await dropDatabase();
  }
  const bad = results.filter(
    (r) =>
      r.done < ACCOUNTS ||
      Object.values(r.check)
        .slice(1)
        .some((v) => v > 0),
  );
  if (bad.length > 0) process.exitCode = 1;
}

await main();
