// Offline assistant latency: question → answer in-process (the planner, through the tools) on an
// embedded PGlite database of 1,000,000 facts (2,000 ads × 500 days), over a mix of question kinds;
// then a cold `adnavi ask` (a new node process: start, open the embedded database, answer, exit) and
// a spawn of `adnavi mcp` to its tools/list answer, both from whatever bin/adnavi.mjs runs (dist/ when
// fresh). Goals on a quiet machine: in-process p95 ≤ 100 ms; cold ask ≤ 600 ms; tools/list ≤ 500 ms.
// Env: BENCH_RUNS (default 20 per question), BENCH_DAYS (default 500), BENCH_CLI_RUNS (default 5; 0
// skips both CLI figures), BENCH_KEEP=1 keeps the embedded database (its path is printed), BENCH_DATA_DIR=path
// reuses a kept one instead of seeding again. Prints wall time and this process's CPU time per answer,
// and the CPU time of each cold CLI process (Linux), which a busy machine does not inflate as much.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { createAssistant } from '../src/assistant/createAssistant.js';
import { loadConfig } from '../src/config.js';
import { configureResultCache } from '../src/db/analytics/resultCache.js';
import type { Db } from '../src/db/db.js';
import { openMigratedDb } from '../src/db/open.js';
import { sql } from '../src/db/sql.js';
import { DEFAULT_WORKSPACE_ID } from '../src/db/workspaces.js';
import { logger } from '../src/log.js';
import { figures, NOW, seedAccount } from './largeAccount.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const DAYS = Number(process.env.BENCH_DAYS ?? 500);
const CLI_RUNS = Number(process.env.BENCH_CLI_RUNS ?? 5);

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
  'compare Campaign 3 and Campaign 7 spend last week',
  'leads last month vs the month before',
];

async function inProcess(db: Db): Promise<void> {
  // every question is asked RUNS times: measure the answers, not the analytics result cache
  configureResultCache(db, 0);
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const assistant = createAssistant(config);
  const ctx = { db, config, workspaceId: DEFAULT_WORKSPACE_ID, log: logger, now: () => NOW };
  for (const q of QUESTIONS) await assistant.ask(q, { ctx }); // warm-up
  const all: number[] = [];
  const allCpu: number[] = [];
  for (const q of QUESTIONS) {
    const times: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      await assistant.ask(q, { ctx });
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      times.push(performance.now() - t0);
    }
    all.push(...times);
    allCpu.push(...cpu);
    console.log(`  ${q.padEnd(50)} ${figures(times)}  (cpu ${figures(cpu)})`);
  }
  console.log(`in-process, all ${all.length} questions: ${figures(all)} (goal p95 ≤ 100 ms)`);
  // on a shared machine wall time measures the neighbours; this process's CPU time (planner, tools and
  // the embedded database, which runs in-process) is what the answer itself costs
  console.log(`in-process CPU time per answer: ${figures(allCpu)}`);
}

// CPU time (user + system, ms) from /proc, Linux only: a process's own (`pid`), or the total of this
// process's waited-for children ('children'). On a shared machine the wall time of a cold start
// measures the neighbours; its CPU time is what the start itself costs.
function cpuMs(of: number | 'children'): number | undefined {
  try {
    const fields = readFileSync(`/proc/${of === 'children' ? 'self' : of}/stat`, 'utf8')
      .split(') ')[1]
      .split(' ');
    const [user, system] = of === 'children' ? [fields[13], fields[14]] : [fields[11], fields[12]];
    return ((Number(user) + Number(system)) * 1000) / 100; // clock ticks, USER_HZ = 100 on Linux
  } catch {
    return undefined;
  }
}

function cpuFigures(cpu: (number | undefined)[]): string {
  const known = cpu.filter((c): c is number => c !== undefined);
  return known.length === cpu.length ? `  (its cpu ${figures(known)})` : '';
}

function coldCli(dataDir: string): void {
  if (CLI_RUNS === 0) return;
  const times: number[] = [];
  const cpu: (number | undefined)[] = [];
  for (let i = 0; i < CLI_RUNS; i++) {
    const c0 = cpuMs('children');
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
    const c1 = cpuMs('children');
    cpu.push(c0 === undefined || c1 === undefined ? undefined : c1 - c0);
    if (res.status !== 0) throw new Error(`adnavi ask failed: ${res.stderr}`);
    if (i === 0) console.log(`  answer: ${(JSON.parse(res.stdout) as { answer: string }).answer}`);
  }
  console.log(
    `cold \`adnavi ask\` (${CLI_RUNS} runs): ${figures(times)}  min ${Math.min(...times).toFixed(0)} ms (goal ≤ 600 ms quiet)${cpuFigures(cpu)}`,
  );
}

/** Spawn of `adnavi mcp` to the answer of tools/list, through the SDK's own client over stdio. */
async function mcpToolsList(dataDir: string): Promise<void> {
  if (CLI_RUNS === 0) return;
  const times: number[] = [];
  const cpu: (number | undefined)[] = [];
  for (let i = 0; i < CLI_RUNS; i++) {
    const t0 = performance.now();
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ['bin/adnavi.mjs', 'mcp'],
      env: { PATH: process.env.PATH ?? '', ADNAVI_DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    });
    const client = new Client({ name: 'adnavi-bench', version: '1.0.0' });
    await client.connect(transport);
    const { tools } = await client.listTools();
    times.push(performance.now() - t0);
    cpu.push(transport.pid === null ? undefined : cpuMs(transport.pid));
    if (tools.length === 0) throw new Error('tools/list answered no tools');
    await client.close();
    // the next spawn must find the data dir free: wait for this server to have let go of it (or to
    // be gone: a server the client had to kill leaves its lock file behind, stale)
    while (ownerAlive(dataDir)) await new Promise((r) => setTimeout(r, 20));
  }
  console.log(
    `spawn \`adnavi mcp\` → tools/list (${CLI_RUNS} runs): ${figures(times)}  min ${Math.min(...times).toFixed(0)} ms (goal ≤ 500 ms quiet)${cpuFigures(cpu)}`,
  );
}

function ownerAlive(dataDir: string): boolean {
  try {
    const { pid } = JSON.parse(readFileSync(join(dataDir, 'owner.lock'), 'utf8')) as { pid: number };
    process.kill(pid, 0);
    return true;
  } catch {
    return false; // no lock, or its process is gone
  }
}

function whichCli(): string {
  const fresh = spawnSync(
    process.execPath,
    ['-e', "import('./bin/distFreshness.mjs').then((m) => console.log(m.distIsFresh()))"],
    { encoding: 'utf8' },
  );
  return fresh.stdout.trim() === 'true'
    ? 'compiled dist/'
    : 'tsx (dist/ missing or stale: npm run build:cli)';
}

// BENCH_DATA_DIR: a database an earlier run kept (BENCH_KEEP=1), reused instead of seeded again
const reused = process.env.BENCH_DATA_DIR;
const dataDir = reused ?? mkdtempSync(join(tmpdir(), 'adnavi-bench-ask-'));
try {
  const db = await openMigratedDb({ ADNAVI_DATA_DIR: dataDir, DATABASE_URL: undefined });
  const t0 = performance.now();
  if (!reused) {
    await seedAccount(db, DEFAULT_WORKSPACE_ID, 'act_1000000001', 2_000, DAYS);
    await db.query(sql`analyze`);
  }
  const [{ n }] = await db.query<{ n: number }>(sql`select count(*)::int as n from metric_facts`);
  console.log(
    `pglite (embedded, on disk) ${reused ? 'reused' : 'loaded'} ${n.toLocaleString('en')} facts in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  await inProcess(db);
  await db.close();
  console.log(`the CLI runs from ${whichCli()}`);
  coldCli(dataDir);
  await mcpToolsList(dataDir);
} finally {
  if (process.env.BENCH_KEEP || reused) console.log(`kept the database in ${dataDir}`);
  else rmSync(dataDir, { recursive: true, force: true });
}
