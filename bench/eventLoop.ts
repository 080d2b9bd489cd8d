// How long the server's event loop stays blocked while the embedded database writes: 60,000 facts in
// 5,000-fact pages (what a sync or an ingest request writes), with PGlite in the server's thread and
// on a thread of its own (src/db/pgliteThreadDb.ts, what `adnavi start` / `serve` open). A 10 ms
// timer stands for everything else the server does meanwhile (requests, chat, pings): how often it
// fired and the longest gap between two firings. In-process a PGlite statement resolves without I/O,
// so the statements of a write run back to back and nothing else gets a turn until all are done.
// Env: BENCH_PAGES (default 12).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { upsertConnection } from '../src/db/connections.js';
import type { FactRow } from '../src/db/facts.js';
import { migrate } from '../src/db/migrate.js';
import { openPgliteDb } from '../src/db/pgliteDb.js';
import { openPgliteThreadDb } from '../src/db/pgliteThreadDb.js';
import { DEFAULT_WORKSPACE_ID } from '../src/db/workspaces.js';
import { ingestFactRows } from '../src/sync/ingest.js';

const PAGES = Number(process.env.BENCH_PAGES ?? 12);
const PAGE = 5_000;
const ADS = 1_000;

/** The k-th fact of a page: 1,000 ads × 5 days per page, day-major like a sync window. */
function factAt(page: number, k: number): FactRow {
  const ad = k % ADS;
  const day = page * (PAGE / ADS) + Math.floor(k / ADS);
  return {
    adId: String(100_000_000 + ad),
    adsetId: String(200_000_000 + Math.floor(ad / 10)),
    campaignId: String(300_000_000 + Math.floor(ad / 100)),
    adName: `Ad ${ad}`,
    adsetName: null,
    campaignName: null,
    date: new Date(Date.UTC(2026, 0, 1) + day * 86_400_000).toISOString().slice(0, 10),
    hour: -1,
    spend: `${k % 90}.25`,
    impressions: k,
    reach: k,
    clicks: k % 50,
    linkClicks: 0,
    landingPageViews: 0,
    addToCart: '0',
    purchases: '1',
    revenue: '3.50',
    leads: '0',
    actions: null,
    actionValues: null,
  };
}

async function measure(mode: 'in-process' | 'own thread'): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'adnavi-bench-loop-'));
  try {
    const dataDir = join(dir, 'pglite');
    const db = mode === 'own thread' ? await openPgliteThreadDb(dataDir) : await openPgliteDb(dataDir);
    await migrate(db);
    const connection = await upsertConnection(db, DEFAULT_WORKSPACE_ID, 'act_1');
    const scope = { workspaceId: DEFAULT_WORKSPACE_ID, connectionId: connection.id };
    let last = performance.now();
    let longest = 0;
    let fired = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
      fired++;
    }, 10);
    const started = performance.now();
    for (let page = 0; page < PAGES; page++) {
      await ingestFactRows(
        db,
        scope,
        Array.from({ length: PAGE }, (_, k) => factAt(page, k)),
      );
    }
    const took = performance.now() - started;
    clearInterval(timer);
    longest = Math.max(longest, performance.now() - last);
    await db.close();
    console.log(
      `${mode.padEnd(10)}  ${(PAGES * PAGE).toLocaleString('en')} facts in ${(took / 1000).toFixed(1)} s; ` +
        `a 10 ms timer fired ${fired} times, longest gap ${longest.toFixed(0)} ms`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const mode of ['in-process', 'own thread', 'in-process', 'own thread'] as const) await measure(mode);
