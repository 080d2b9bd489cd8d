// SQL for sync schedules (one per connection) and the scheduler's compare-and-set fires. Reads that a
// person sees are scoped to a workspace; the scheduler's reads span every workspace (it serves all).
import type { Db } from './db.js';
import { isUuid } from './ids.js';
import { sql } from './sql.js';

export interface SyncScheduleRow {
  connection_id: string;
  workspace_id: string;
  enabled: boolean;
  intraday_every_minutes: number;
  lookback_at_minute: number;
  token_check_every_hours: number;
  backfill_limit_days: number;
  backfill_slice_days: number;
  next_intraday_at: Date | null;
  next_lookback_at: Date | null;
  next_token_check_at: Date | null;
  updated_at: Date;
}

/** A schedule with what the scheduler needs of its connection. */
export interface DueScheduleRow extends SyncScheduleRow {
  time_zone: string | null;
  external_account_id: string;
  last_synced_at: Date | null;
}

export type ScheduleSlot = 'next_intraday_at' | 'next_lookback_at' | 'next_token_check_at';
const SLOTS: readonly ScheduleSlot[] = ['next_intraday_at', 'next_lookback_at', 'next_token_check_at'];

export type ScheduleSettings = Partial<
  Pick<
    SyncScheduleRow,
    | 'enabled'
    | 'intraday_every_minutes'
    | 'lookback_at_minute'
    | 'token_check_every_hours'
    | 'backfill_limit_days'
    | 'backfill_slice_days'
  >
>;

/** Gives every connection without a schedule the defaults (the column defaults above). */
export async function ensureSchedules(db: Db): Promise<void> {
  await db.query(sql`
    insert into sync_schedules (connection_id, workspace_id)
    select c.id, c.workspace_id from connections c
    where not exists (select 1 from sync_schedules s where s.connection_id = c.id)
    on conflict (connection_id) do nothing`);
}

/** Enabled schedules with a slot due at `now` or never computed (null), across workspaces. */
export async function listDueSchedules(db: Db, now: Date): Promise<DueScheduleRow[]> {
  return db.query<DueScheduleRow>(sql`
    select s.*, c.time_zone, c.external_account_id, c.last_synced_at
    from sync_schedules s join connections c on c.id = s.connection_id
    where s.enabled and c.status <> 'disabled'
      and (s.next_intraday_at is null or s.next_intraday_at <= ${now}
        or s.next_lookback_at is null or s.next_lookback_at <= ${now}
        or s.next_token_check_at is null or s.next_token_check_at <= ${now})
    order by s.connection_id`);
}

/**
 * Moves one slot from `seen` to `next`; true only for the caller that moved it (a compare-and-set:
 * of two schedulers that saw the same due slot, exactly one fires it).
 */
export async function advanceScheduleSlot(
  db: Db,
  connectionId: string,
  slot: ScheduleSlot,
  seen: Date | null,
  next: Date,
): Promise<boolean> {
  const column = sql.identifier(slot, SLOTS);
  const rows = await db.query(sql`
    update sync_schedules set ${column} = ${next}
    where connection_id = ${connectionId} and ${column} is not distinct from ${seen}
    returning connection_id`);
  return rows.length === 1;
}

export async function getSchedule(
  db: Db,
  workspaceId: string,
  connectionId: string,
): Promise<SyncScheduleRow | undefined> {
  if (!isUuid(connectionId)) return undefined;
  const rows = await db.query<SyncScheduleRow>(sql`
    select * from sync_schedules where workspace_id = ${workspaceId} and connection_id = ${connectionId}`);
  return rows[0];
}

export async function listSchedules(db: Db, workspaceId: string): Promise<SyncScheduleRow[]> {
  return db.query<SyncScheduleRow>(sql`
    select s.* from sync_schedules s join connections c on c.id = s.connection_id
    where s.workspace_id = ${workspaceId} order by c.created_at, c.id`);
}

/**
 * Changes settings; the computed next_* times of what changed are cleared so the scheduler
 * recomputes them from the new settings on its next tick.
 */
export async function updateSchedule(
  db: Db,
  workspaceId: string,
  connectionId: string,
  s: ScheduleSettings,
): Promise<SyncScheduleRow | undefined> {
  if (!isUuid(connectionId)) return undefined;
  const rows = await db.query<SyncScheduleRow>(sql`
    update sync_schedules set
      enabled = coalesce(${s.enabled ?? null}::boolean, enabled),
      intraday_every_minutes = coalesce(${s.intraday_every_minutes ?? null}::int, intraday_every_minutes),
      lookback_at_minute = coalesce(${s.lookback_at_minute ?? null}::int, lookback_at_minute),
      token_check_every_hours = coalesce(${s.token_check_every_hours ?? null}::int, token_check_every_hours),
      backfill_limit_days = coalesce(${s.backfill_limit_days ?? null}::int, backfill_limit_days),
      backfill_slice_days = coalesce(${s.backfill_slice_days ?? null}::int, backfill_slice_days),
      next_intraday_at = case when ${s.intraday_every_minutes ?? null}::int is null then next_intraday_at end,
      next_lookback_at = case when ${s.lookback_at_minute ?? null}::int is null then next_lookback_at end,
      next_token_check_at = case when ${s.token_check_every_hours ?? null}::int is null then next_token_check_at end,
      updated_at = now()
    where workspace_id = ${workspaceId} and connection_id = ${connectionId}
    returning *`);
  return rows[0];
}

/** The first day a successful sync of the connection covered (null before the first success). */
export async function syncedSince(db: Db, connectionId: string): Promise<string | null> {
  const rows = await db.query<{ since: string | null }>(sql`
    select min(range_since)::text as since from sync_runs
    where connection_id = ${connectionId} and status = 'succeeded'`);
  return rows[0]?.since ?? null;
}
