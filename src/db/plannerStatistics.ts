// Autovacuum's work for the embedded database, and its first analyse after big writes on PostgreSQL.
// PGlite runs no autovacuum, so nothing ever ANALYZEs or VACUUMs its tables: the planner keeps
// guessing row counts from whatever it saw last (or from page counts), and once an account grows past
// a few thousand ads it picks plans that are seconds slow (a 6,500-ad account: a list of ads 4-6 s
// instead of 0.1 s, a question about a name 20-40 s instead of 0.1 s); the dead rows every sync leaves
// in the roll-ups (it rewrites the current week's and month's row of every ad) are never reclaimed,
// and the visibility map that lets the roll-ups' covering keys answer without the table (index-only
// scans) is never set. The write paths report how many rows they wrote; past autovacuum's default
// analyse threshold (50 rows + 10% of the tables' rows), the analytics tables are vacuumed and
// analysed. On PostgreSQL autovacuum does this, but up to a minute (its naptime) after the writes: the
// questions asked right after a first sync were planned on an empty database's statistics (a question
// about a name on a 1,500-ad account 5 s instead of 0.2 s), so past the same threshold (the tables'
// size read from the catalogue the first time) the sync analyses them; autovacuum still vacuums.
import type { Db } from './db.js';
import { sql } from './sql.js';

/** The tables every analytics statement plans over. */
const ANALYSED = [
  'entities',
  'metric_facts',
  'metric_campaign_days',
  'metric_adset_days',
  'metric_adset_periods',
  'metric_ad_periods',
];

interface Pending {
  /** Rows written since the last ANALYZE. */
  written: number;
  /**
   * The tables' rows as of the last ANALYZE. Unknown (read from the catalogue) before this process's
   * first on PostgreSQL; 0 on PGlite, whose counts no autovacuum keeps up between processes.
   */
  rows: number | undefined;
}

const pending = new WeakMap<Db, Pending>();

/** Records `rows` written (inserted, updated or deleted); refreshStatisticsIfDue acts on the count. */
export function noteRowsWritten(db: Db, rows: number): void {
  if (rows <= 0) return;
  const state = pending.get(db) ?? { written: 0, rows: db.kind === 'pglite' ? 0 : undefined };
  pending.set(db, state);
  state.written += rows;
}

/**
 * Vacuums and analyses the analytics tables when enough rows were written since the last time. Called
 * once at the end of a unit of work (a sync run, an ingest request), not per statement: during a first
 * sync the tables grow by 10% again and again (a 200k-fact ingest analysing at every step took 90 s,
 * without 45 s: one unpaired pair of runs on a loaded machine).
 */
export async function refreshStatisticsIfDue(db: Db): Promise<void> {
  const state = pending.get(db);
  if (!state) return;
  state.rows ??= await tablesRows(db);
  if (state.written <= 50 + 0.1 * state.rows) return;
  state.written = 0;
  const tables = sql.join(ANALYSED.map((t) => sql.identifier(t, ANALYSED)));
  await db.query(db.kind === 'pglite' ? sql`vacuum analyze ${tables}` : sql`analyze ${tables}`);
  state.rows = await tablesRows(db);
}

/** The analysed tables' rows as the planner knows them (never analysed: 0). */
async function tablesRows(db: Db): Promise<number> {
  const [{ total }] = await db.query<{ total: number }>(sql`
    select coalesce(sum(greatest(reltuples, 0)), 0)::float8 as total from pg_class
    where oid = any(${ANALYSED}::regclass[])`);
  return total;
}
