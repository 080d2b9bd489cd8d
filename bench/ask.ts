// Offline assistant latency: question → answer in-process (the planner, through the tools) on an
// embedded PGlite database of 1,000,000 facts (2,000 ads × 500 days), over a mix of question kinds;
// then a cold `adnavi ask` (a new node process: start, open the embedded database, answer, exit).
// Goals (issue 6): in-process p95 ≤ 100 ms; cold CLI ≤ 1.5 s.
// Env: BENCH_RUNS (default 20 per question), BENCH_DAYS (default 500), BENCH_CLI_RUNS (default 5),
// BENCH_KEEP=1 keeps the embedded database (its path is printed).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAssistant } from '../src/assistant/createAssistant.js';
import { loadConfig } from '../src/config.js';
import type { Db } from '../src/db/db.js';
import { openMigratedDb } from '../src/db/open.js';
import { sql } from '../src/db/sql.js';
import { logger } from '../src/log.js';
import { DEFAULT_WORKSPACE_ID } from '../src/server/deps.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const DAYS = Number(process.env.BENCH_DAYS ?? 500);
const CLI_RUNS = Number(process.env.BENCH_CLI_RUNS ?? 5);
const ADS = 2_000;
const UNTIL = '2026-11-24';
const NOW = new Date('2026-11-25T12:00:00Z');

const QUESTIONS = [
  'what campaigns are live?',
  'what was my Meta spend in the last 30 days?',
  'revenue yesterday',
  'ROAS since Nov 1',
  'which campaign spent the most last week',
  'top 3 campaigns by revenue',
  'which campaigns had no spend last 7 days',
  'compare spend this week vs last week',
  'spend by day last 14 days',
  'how many ads are active?',
  'spend for Campaign 7 last week',
];

/** 25 campaigns → 200 ad sets → 2,000 ads and `days` daily facts per ad, written with generate_series. */
async function seed(db: Db): Promise<void> {
  const ws = DEFAULT_WORKSPACE_ID;
  const [{ id: conn }] = await db.query<{ id: string }>(sql`
    insert into connections (workspace_id, external_account_id, name, currency, time_zone, last_synced_at)
    values (${ws}, 'act_1000000001', 'Bench account', 'EUR', 'Europe/Vienna', now()) returning id`);
  await db.query(sql`
    insert into entities (workspace_id, connection_id, level, external_id, name, status, effective_status)
    select ${ws}, ${conn}, 'campaign', '1' || g, 'Campaign ' || g,
      case when g % 5 = 0 then 'PAUSED' else 'ACTIVE' end, case when g % 5 = 0 then 'PAUSED' else 'ACTIVE' end
    from generate_series(1, ${ADS / 80}::int) g`);
  await db.query(
    sql`update entities set campaign_id = id where connection_id = ${conn} and level = 'campaign'`,
  );
  await db.query(sql`
    insert into entities (workspace_id, connection_id, level, external_id, name, parent_id, campaign_id, status, effective_status)
    select ${ws}, ${conn}, 'adset', '2' || g, 'Ad set ' || g, c.id, c.id, 'ACTIVE', c.effective_status
    from generate_series(1, ${ADS / 10}::int) g
    join entities c on c.connection_id = ${conn} and c.external_id = '1' || ((g - 1) / 8 + 1)`);
  await db.query(sql`update entities set adset_id = id where connection_id = ${conn} and level = 'adset'`);
  await db.query(sql`
    insert into entities (workspace_id, connection_id, level, external_id, name, parent_id, campaign_id, adset_id, status, effective_status)
    select ${ws}, ${conn}, 'ad', '3' || g, 'Ad ' || g, s.id, s.campaign_id, s.id, 'ACTIVE', s.effective_status
    from generate_series(1, ${ADS}::int) g
    join entities s on s.connection_id = ${conn} and s.external_id = '2' || ((g - 1) / 10 + 1)`);
  for (let start = DAYS - 1; start >= 0; start -= 50) {
    const end = Math.max(0, start - 49);
    await db.query(sql`
      insert into metric_facts (entity_id, date, hour, workspace_id, connection_id, campaign_id, adset_id, spend,
        impressions, reach, clicks, link_clicks, landing_page_views, add_to_cart, purchases, revenue, leads)
      select a.id, ${UNTIL}::date - d, -1, ${ws}, ${conn}, a.campaign_id, a.adset_id,
        ((a.id * 7919 + d * 104729) % 10000) / 100.0, (a.id * 31 + d * 17) % 5000, (a.id * 31 + d * 17) % 4000,
        (a.id + d) % 90, (a.id + d) % 70, (a.id + d) % 50, (a.id + d) % 7, (a.id + d) % 4,
        ((a.id * 13 + d * 7) % 20000) / 100.0, (a.id + d) % 3
      from generate_series(${start}::int, ${end}::int, -1) d
      cross join (select id, campaign_id, adset_id from entities where connection_id = ${conn} and level = 'ad') a
      order by d desc, a.id`);
  }
  await db.query(sql`analyze`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function figures(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  return `p50 ${percentile(s, 50).toFixed(1)} ms  p95 ${percentile(s, 95).toFixed(1)} ms`;
}

async function inProcess(db: Db): Promise<void> {
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const assistant = createAssistant(config);
  const ctx = { db, config, workspaceId: DEFAULT_WORKSPACE_ID, log: logger, now: () => NOW };
  for (const q of QUESTIONS) await assistant.ask(q, { ctx }); // warm-up
  const all: number[] = [];
  for (const q of QUESTIONS) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await assistant.ask(q, { ctx });
      times.push(performance.now() - t0);
    }
    all.push(...times);
    console.log(`  ${q.padEnd(46)} ${figures(times)}`);
  }
  console.log(`in-process, all ${all.length} questions: ${figures(all)} (goal p95 ≤ 100 ms)`);
}

function coldCli(dataDir: string): void {
  const times: number[] = [];
  for (let i = 0; i < CLI_RUNS; i++) {
    const t0 = performance.now();
    const res = spawnSync(
      process.execPath,
      ['bin/adnavi.mjs', 'ask', '--json', 'what was my spend in the last 30 days?'],
      {
        env: { PATH: process.env.PATH, ADNAVI_DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
        encoding: 'utf8',
      },
    );
    times.push(performance.now() - t0);
    if (res.status !== 0) throw new Error(`adnavi ask failed: ${res.stderr}`);
    if (i === 0) console.log(`  answer: ${(JSON.parse(res.stdout) as { answer: string }).answer}`);
  }
  console.log(
    `cold \`adnavi ask\` (${CLI_RUNS} runs): ${figures(times)}  min ${Math.min(...times).toFixed(0)} ms (goal ≤ 1,500 ms)`,
  );
}

const dataDir = mkdtempSync(join(tmpdir(), 'adnavi-bench-ask-'));
try {
  const db = await openMigratedDb({ ADNAVI_DATA_DIR: dataDir, DATABASE_URL: undefined });
  const t0 = performance.now();
  await seed(db);
  const [{ n }] = await db.query<{ n: number }>(sql`select count(*)::int as n from metric_facts`);
  console.log(
    `pglite (embedded, on disk) loaded ${n.toLocaleString('en')} facts in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  await inProcess(db);
  await db.close();
  coldCli(dataDir);
} finally {
  if (process.env.BENCH_KEEP) console.log(`kept the database in ${dataDir}`);
  else rmSync(dataDir, { recursive: true, force: true });
}
