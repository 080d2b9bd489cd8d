// SQL for sync runs and their checkpointed windows. A run row is the public record of a sync (status,
// range, progress, stats, error); its windows are the resume points. Reads are scoped to a workspace.
// Every stamp (`at`) comes from the caller's clock, never the database's now(): the resume cut-off and
// "last complete day" are computed from that clock, so the two must agree even when they differ.
import type { Db } from './db.js';
import { isUuid } from './ids.js';
import { sql } from './sql.js';

export type SyncRunKind = 'initial' | 'incremental' | 'full' | 'range';
export type SyncRunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface SyncRunProgress {
  step?: 'entities' | 'metrics' | 'done';
  windows_done?: number;
  windows_total?: number;
  rows?: number;
}

export interface LevelCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface SyncRunStats {
  entities?: Record<string, LevelCounts>;
  facts?: { inserted: number; updated: number; unchanged: number };
  hourly_facts?: { inserted: number; updated: number; unchanged: number };
  calls?: number;
  retries?: number;
  throttled_ms?: number;
  windows_skipped?: number;
  windows_split?: number;
  async_reports?: number;
}

export interface SyncRunRow {
  id: string;
  workspace_id: string;
  connection_id: string;
  kind: SyncRunKind;
  status: SyncRunStatus;
  range_since: string | null;
  range_until: string | null;
  progress: SyncRunProgress;
  stats: SyncRunStats;
  error: string | null;
  resumed_from: string | null;
  created_at: Date;
  started_at: Date | null;
  heartbeat_at: Date | null;
  finished_at: Date | null;
}

export interface SyncWindowRow {
  since: string;
  until: string;
  rows: number;
}

export async function getSyncRun(
  db: Db,
  workspaceId: string,
  runId: string,
): Promise<SyncRunRow | undefined> {
  if (!isUuid(runId)) return undefined;
  const rows = await db.query<SyncRunRow>(
    sql`select * from sync_runs where workspace_id = ${workspaceId} and id = ${runId}`,
  );
  return rows[0];
}

export async function listSyncRuns(
  db: Db,
  workspaceId: string,
  opts: { connectionId?: string; limit?: number } = {},
): Promise<SyncRunRow[]> {
  if (opts.connectionId !== undefined && !isUuid(opts.connectionId)) return [];
  const byConnection = opts.connectionId ? sql`and connection_id = ${opts.connectionId}` : sql.empty;
  return db.query<SyncRunRow>(sql`
    select * from sync_runs where workspace_id = ${workspaceId} ${byConnection}
    order by created_at desc, id limit ${opts.limit ?? 20}`);
}

/** Runs of a connection still marked queued or running (live, or left behind by a dead process). */
export async function listActiveRuns(
  db: Db,
  workspaceId: string,
  connectionId: string,
): Promise<SyncRunRow[]> {
  return db.query<SyncRunRow>(sql`
    select * from sync_runs
    where workspace_id = ${workspaceId} and connection_id = ${connectionId} and status in ('queued', 'running')
    order by created_at desc`);
}

export async function createSyncRun(
  db: Db,
  run: {
    workspaceId: string;
    connectionId: string;
    kind: SyncRunKind;
    since: string | null;
    until: string | null;
    resumedFrom: string | null;
  },
  at: Date,
): Promise<SyncRunRow> {
  const rows = await db.query<SyncRunRow>(sql`
    insert into sync_runs (workspace_id, connection_id, kind, status, range_since, range_until, resumed_from,
                           progress, created_at, started_at, heartbeat_at)
    values (${run.workspaceId}, ${run.connectionId}, ${run.kind}, 'running', ${run.since}, ${run.until},
            ${run.resumedFrom}, ${JSON.stringify({ step: 'entities', windows_done: 0, windows_total: 0, rows: 0 })},
            ${at}, ${at}, ${at})
    returning *`);
  return rows[0];
}

/** The days a run covers, known once the entity sync has read the account's time zone. */
export async function setSyncRunRange(db: Db, runId: string, since: string, until: string): Promise<void> {
  await db.query(
    sql`update sync_runs set range_since = ${since}, range_until = ${until} where id = ${runId}`,
  );
}

/** Marks runs whose process died (their lock is free) as failed, keeping their windows for a resume. */
export async function markRunsAbandoned(db: Db, runIds: string[], message: string, at: Date): Promise<void> {
  if (runIds.length === 0) return;
  await db.query(sql`
    update sync_runs set status = 'failed', error = ${message}, finished_at = ${at}
    where id = any(${runIds}::uuid[]) and status in ('queued', 'running')`);
}

export async function updateSyncProgress(
  db: Db,
  runId: string,
  progress: SyncRunProgress,
  at: Date,
): Promise<void> {
  await db.query(sql`
    update sync_runs set progress = ${JSON.stringify(progress)}, heartbeat_at = ${at} where id = ${runId}`);
}

export async function touchSyncRun(db: Db, runId: string, at: Date): Promise<void> {
  await db.query(sql`update sync_runs set heartbeat_at = ${at} where id = ${runId} and status = 'running'`);
}

export async function finishSyncRun(
  db: Db,
  runId: string,
  outcome: { status: 'succeeded' | 'failed'; stats: SyncRunStats; progress: SyncRunProgress; error?: string },
  at: Date,
): Promise<SyncRunRow> {
  const rows = await db.query<SyncRunRow>(sql`
    update sync_runs set status = ${outcome.status}, stats = ${JSON.stringify(outcome.stats)},
      progress = ${JSON.stringify(outcome.progress)}, error = ${outcome.error ?? null},
      finished_at = ${at}, heartbeat_at = ${at}
    where id = ${runId}
    returning *`);
  return rows[0];
}

/** A successful sync: the connection is fresh, and healthy again if an earlier run had flagged it. */
export async function markConnectionSynced(db: Db, connectionId: string, at: Date): Promise<void> {
  await db.query(sql`
    update connections set last_synced_at = ${at}, status = 'active', status_reason = null, updated_at = ${at}
    where id = ${connectionId}`);
}

/** The most recent succeeded run that moved the connection's data forward (not a one-off range). */
export async function lastForwardRun(db: Db, connectionId: string): Promise<SyncRunRow | undefined> {
  const rows = await db.query<SyncRunRow>(sql`
    select * from sync_runs
    where connection_id = ${connectionId} and status = 'succeeded' and kind in ('initial', 'incremental', 'full')
    order by finished_at desc limit 1`);
  return rows[0];
}

/** The latest failed run of the connection that was alive after `since` (a candidate to resume). */
export async function latestResumableRun(
  db: Db,
  connectionId: string,
  since: Date,
): Promise<SyncRunRow | undefined> {
  const rows = await db.query<SyncRunRow>(sql`
    select * from sync_runs
    where connection_id = ${connectionId} and status = 'failed' and heartbeat_at >= ${since}
    order by created_at desc limit 1`);
  return rows[0];
}

/** Checkpoints one finished window (its facts are already committed). */
export async function recordSyncWindow(
  db: Db,
  run: { runId: string; workspaceId: string; connectionId: string },
  window: SyncWindowRow,
  at: Date,
): Promise<void> {
  await db.query(sql`
    insert into sync_windows (run_id, workspace_id, connection_id, since, until, rows, completed_at)
    values (${run.runId}, ${run.workspaceId}, ${run.connectionId}, ${window.since}, ${window.until}, ${window.rows}, ${at})
    on conflict (run_id, since) do update set until = excluded.until, rows = excluded.rows, completed_at = excluded.completed_at`);
}

/**
 * Copies another run's windows finished after `notBefore` into this one (as inherited) and returns
 * them: older ones may have been restated since and are fetched again.
 */
export async function inheritSyncWindows(
  db: Db,
  fromRunId: string,
  toRunId: string,
  notBefore: Date,
): Promise<SyncWindowRow[]> {
  return db.query<SyncWindowRow>(sql`
    insert into sync_windows (run_id, workspace_id, connection_id, since, until, rows, inherited, completed_at)
    select ${toRunId}, workspace_id, connection_id, since, until, rows, true, completed_at
    from sync_windows where run_id = ${fromRunId} and completed_at >= ${notBefore}
    on conflict (run_id, since) do nothing
    returning since, until, rows`);
}

export async function listSyncWindows(
  db: Db,
  runId: string,
): Promise<(SyncWindowRow & { inherited: boolean })[]> {
  return db.query(sql`
    select since, until, rows, inherited from sync_windows where run_id = ${runId} order by since`);
}

// Session-level advisory lock: one sync per connection across processes. Held on a pinned session
// (db.session); PostgreSQL frees it when that session ends, so a killed process never leaves it held.
const SYNC_LOCK_NAMESPACE = 741_192_502; // arbitrary, constant: "adnavi sync"

export async function tryLockConnectionSync(session: Db, connectionId: string): Promise<boolean> {
  const rows = await session.query<{ locked: boolean }>(
    sql`select pg_try_advisory_lock(${SYNC_LOCK_NAMESPACE}::int, hashtext(${connectionId})) as locked`,
  );
  return rows[0].locked;
}

export async function unlockConnectionSync(session: Db, connectionId: string): Promise<void> {
  await session.query(sql`select pg_advisory_unlock(${SYNC_LOCK_NAMESPACE}::int, hashtext(${connectionId}))`);
}

/**
 * Is anyone syncing the connection? Tries the same lock for the caller's transaction only: granted
 * means no live session holds it (PostgreSQL frees a dead process's lock with its session). Within one
 * session the lock is re-entrant, so this cannot see syncs of the caller's own session (PGlite).
 */
export async function isConnectionSyncFree(tx: Db, connectionId: string): Promise<boolean> {
  const rows = await tx.query<{ locked: boolean }>(
    sql`select pg_try_advisory_xact_lock(${SYNC_LOCK_NAMESPACE}::int, hashtext(${connectionId})) as locked`,
  );
  return rows[0].locked;
}

/** Per connection of the workspace, its latest failed run newer than its latest success (if any). */
export async function latestUnresolvedFailures(db: Db, workspaceId: string): Promise<SyncRunRow[]> {
  return db.query<SyncRunRow>(sql`
    select distinct on (r.connection_id) r.* from sync_runs r
    where r.workspace_id = ${workspaceId} and r.status = 'failed'
      and r.created_at > coalesce((select max(s.created_at) from sync_runs s
        where s.connection_id = r.connection_id and s.status = 'succeeded'), '-infinity')
    order by r.connection_id, r.created_at desc`);
}
