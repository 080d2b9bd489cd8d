// npm run bench:sync — Graph calls and wall time of a first 90-day sync of a 100-ad simulated
// account into a fresh PGlite, beside the seed's plan (one insights call per ad per 7-day chunk)
// executed against the same account, then an incremental sync. The simulator runs in a child process,
// so the memory printed is the sync's own. Goals: ≤ 25 calls for the backfill,
// ≤ 5 for an incremental. Calls are counted by the simulator's own call log. Also prints the process's
// peak memory (RSS: with PGlite that includes the database; with PostgreSQL only the client side).
// Env: BENCH_ADS (default 100; the seed plan is skipped above 500 ads), BENCH_BACKEND=pglite|pg
// (pg: a fresh database at TEST_DATABASE_URL, dropped afterwards; pglite: a data dir on disk in a
// temporary directory, as `adnavi` keeps it, removed afterwards), BENCH_TUNING=none (V8's defaults
// instead of the settings `adnavi sync` runs with, src/processTuning.ts and the start flags of
// bin/startFlags.mjs, with which this script runs itself again: for A/B runs).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { relaunchWith, START_FLAGS } from '../bin/startFlags.mjs';
import { addDays, todayIn } from '../src/calendar.js';
import { loadConfig } from '../src/config.js';
import { migrate } from '../src/db/migrate.js';
import { openPgDb } from '../src/db/pgDb.js';
import { openPgliteDb } from '../src/db/pgliteDb.js';
import { DEFAULT_WORKSPACE_ID } from '../src/db/workspaces.js';
import { tuneForSync } from '../src/processTuning.js';
import { keyringFrom } from '../src/secrets/tokenVault.js';
import { connectMetaAccount } from '../src/sync/connect.js';
import { runSync } from '../src/sync/syncService.js';
import { createPgDatabase } from '../tests/helpers/db.js';
import { startSimulatorProcess } from './simulatorProcess.js';

type Simulator = Awaited<ReturnType<typeof startSimulatorProcess>>;

const ADS = Number(process.env.BENCH_ADS ?? 100);
const BACKEND = process.env.BENCH_BACKEND ?? 'pglite';
const DAYS = 90;
const CHUNK = 7;

async function graph(
  sim: Simulator,
  path: string,
  params: Record<string, string>,
): Promise<{ data: { id: string }[] }> {
  const q = new URLSearchParams({ ...params, access_token: sim.accessToken });
  const res = await fetch(`${sim.url}/${sim.version}/${path}?${q}`);
  return (await res.json()) as { data: { id: string }[] };
}

/** The seed's plan, executed: every ad, every 7-day chunk of the 90 days, one insights ask each. */
async function seedPlan(sim: Simulator, today: string): Promise<{ calls: number; ms: number }> {
  const account = sim.accounts[0].id;
  const statuses = JSON.stringify([
    'ACTIVE',
    'PAUSED',
    'ARCHIVED',
    'DELETED',
    'CAMPAIGN_PAUSED',
    'ADSET_PAUSED',
  ]);
  const ads = (
    await graph(sim, `${account}/ads`, { fields: 'id', limit: '5000', effective_status: statuses })
  ).data;
  const asks: { ad: string; since: string; until: string }[] = [];
  const first = addDays(today, -(DAYS - 1));
  for (const ad of ads) {
    for (let since = first; since <= today; since = addDays(since, CHUNK)) {
      const until = addDays(since, CHUNK - 1) < today ? addDays(since, CHUNK - 1) : today;
      asks.push({ ad: ad.id, since, until });
    }
  }
  await sim.resetCalls();
  const started = performance.now();
  for (let i = 0; i < asks.length; i += 10) {
    await Promise.all(
      asks.slice(i, i + 10).map((a) =>
        graph(sim, `${a.ad}/insights`, {
          fields: 'spend,impressions,actions',
          time_increment: '1',
          time_range: JSON.stringify({ since: a.since, until: a.until }),
        }),
      ),
    );
  }
  return { calls: (await sim.calls()).total, ms: performance.now() - started };
}

/** Peaks of the process's memory parts, sampled every 100 ms (what RSS is made of). */
function memorySampler(): { stop(): string } {
  const peak = { heapUsed: 0, external: 0, arrayBuffers: 0, rss: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    for (const k of Object.keys(peak) as (keyof typeof peak)[]) peak[k] = Math.max(peak[k], m[k]);
  };
  const timer = setInterval(sample, 100);
  return {
    stop() {
      clearInterval(timer);
      sample();
      const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
      return `peaks: rss ${mb(peak.rss)}, JS heap ${mb(peak.heapUsed)}, external ${mb(peak.external)} (array buffers ${mb(peak.arrayBuffers)})`;
    },
  };
}

async function main(): Promise<void> {
  if (tuned) tuneForSync(); // as `adnavi sync` does, before PGlite compiles its WebAssembly
  const sim = await startSimulatorProcess(ADS);
  const pgDatabase = BACKEND === 'pg' ? await createPgDatabase(undefined, { durable: true }) : undefined;
  const dataDir = pgDatabase ? undefined : mkdtempSync(join(tmpdir(), 'adnavi-bench-sync-'));
  const db = pgDatabase ? openPgDb(pgDatabase.url) : await openPgliteDb(join(dataDir!, 'pglite'));
  await migrate(db);
  const config = loadConfig({ META_GRAPH_URL: sim.url, META_API_VERSION: sim.version, LOG_LEVEL: 'warn' });
  const deps = { db, config, keyring: keyringFrom(randomBytes(32)) };
  try {
    const connection = await connectMetaAccount(deps, {
      workspaceId: DEFAULT_WORKSPACE_ID,
      accountId: sim.accounts[0].id,
      token: sim.accessToken,
    });
    const req = { workspaceId: DEFAULT_WORKSPACE_ID, connectionId: connection.id };

    await sim.resetCalls();
    const memory = memorySampler();
    let t = performance.now();
    const first = await runSync(deps, req);
    const firstMs = performance.now() - t;
    const peaks = memory.stop();
    const firstCalls = await sim.calls();

    await sim.resetCalls();
    t = performance.now();
    const incremental = await runSync(deps, req);
    const incMs = performance.now() - t;
    const incCalls = await sim.calls();

    const rows = first.stats.facts ? first.stats.facts.inserted : 0;
    console.log(
      `${BACKEND}: account ${sim.accounts[0].id}, ${ADS} ads, first sync ${first.range_since}..${first.range_until}, V8 ${tuned ? "tuned as adnavi sync's" : 'defaults (BENCH_TUNING=none)'}`,
    );
    console.log(
      `first ${DAYS}-day sync: ${firstCalls.total} Graph calls (insights ${firstCalls.byPath['/act_:id/insights'] ?? 0}), ${rows} facts, ${Math.round(firstMs)} ms   [goal ≤ 25 calls]`,
    );
    console.log(
      `peak memory (RSS of this process) after the first sync: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB   [goal < 400 MB]`,
    );
    console.log(`  during the first sync, ${peaks}`);
    if (ADS <= 500) await printSeedPlan(sim, firstCalls.total);
    console.log(
      `incremental sync (${incremental.range_since}..${incremental.range_until}): ${incCalls.total} Graph calls (insights ${incCalls.byPath['/act_:id/insights'] ?? 0}), ${Math.round(incMs)} ms   [goal ≤ 5 calls]`,
    );
  } finally {
    await db.close();
    await pgDatabase?.dropDatabase();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    await sim.close();
  }
}

async function printSeedPlan(sim: Simulator, firstCalls: number): Promise<void> {
  const seed = await seedPlan(sim, todayIn(sim.accounts[0].timeZone, new Date()));
  console.log(
    `seed plan (1 call per ad per ${CHUNK}-day chunk), executed: ${seed.calls} Graph calls, ${Math.round(seed.ms)} ms`,
  );
  console.log(
    `  → ${(seed.calls / firstCalls).toFixed(1)}× fewer calls; at 200 calls/h the seed plan needs ${(seed.calls / 200).toFixed(1)} h`,
  );
}

const tuned = process.env.BENCH_TUNING !== 'none';
if (!tuned || !relaunchWith(START_FLAGS.sync)) await main();
