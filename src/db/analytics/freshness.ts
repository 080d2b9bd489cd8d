// What a tool answer covers: the connections in scope (currency, time zone, last successful sync)
// and, for the `maximum` preset, each connection's earliest fact date.
import type { Db } from '../db.js';
import { sql } from '../sql.js';
import { DAILY_ROWS } from './scope.js';

export interface ScopeConnectionRow {
  id: string;
  currency: string | null;
  time_zone: string | null;
  last_synced_at: Date | null;
  /** The first day a successful sync covered (null: never synced, e.g. ingest-only). */
  synced_since: string | null;
  /** The version of the connection's data (migration 0122; resultCache.ts), null when it has none. */
  data_version: string | null;
}

/** The workspace's connections, oldest first: the first one's time zone leads. */
export async function scopeConnections(db: Db, workspaceId: string): Promise<ScopeConnectionRow[]> {
  return db.query<ScopeConnectionRow>(sql`
    select c.id, c.currency, c.time_zone, c.last_synced_at,
      (select min(r.range_since) from sync_runs r
       where r.connection_id = c.id and r.status = 'succeeded')::text as synced_since,
      (select v.version from data_versions v where v.connection_id = c.id)::text as data_version
    from connections c
    where c.workspace_id = ${workspaceId}
    order by c.created_at, c.id`);
}

/** connection id → earliest whole-day fact date (absent when a connection has no facts). */
export async function earliestFactDates(
  db: Db,
  workspaceId: string,
  connectionIds: string[],
): Promise<Map<string, string>> {
  const rows = await db.query<{ connection_id: string; first_date: string | null }>(sql`
    select c.id as connection_id,
      (select min(f.date) from metric_facts f
       where f.workspace_id = ${workspaceId} and f.connection_id = c.id and ${DAILY_ROWS})::text as first_date
    from connections c
    where c.workspace_id = ${workspaceId} and c.id = any(${connectionIds}::uuid[])`);
  return new Map(rows.filter((r) => r.first_date !== null).map((r) => [r.connection_id, r.first_date!]));
}

/**
 * When each successful sync that fetched hourly facts started (newest first), per connection, since
 * `after`: an hourly refresh fetches yesterday and today of its start, so its start time is how far
 * those days' hours are known.
 */
export async function hourlySyncStarts(
  db: Db,
  workspaceId: string,
  connectionIds: string[],
  after: Date,
): Promise<{ connection_id: string; started_at: Date }[]> {
  return db.query<{ connection_id: string; started_at: Date }>(sql`
    select r.connection_id, r.started_at from sync_runs r
    where r.workspace_id = ${workspaceId} and r.connection_id = any(${connectionIds}::uuid[])
      and r.status = 'succeeded' and r.stats -> 'hourly_facts' is not null
      and r.started_at >= ${after.toISOString()}::timestamptz
    order by r.started_at desc
    limit 500`);
}
