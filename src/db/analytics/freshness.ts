// What a tool answer covers: the connections in scope (currency, time zone, last successful sync)
// and, for the `maximum` preset, each connection's earliest fact date.
import type { Db } from '../db.js';
import { isUuid } from '../ids.js';
import { sql } from '../sql.js';
import { DAILY_ROWS } from './scope.js';

export interface ScopeConnectionRow {
  id: string;
  currency: string | null;
  time_zone: string | null;
  last_synced_at: Date | null;
  /** The first day a successful sync covered (null: never synced, e.g. ingest-only). */
  synced_since: string | null;
}

/** The workspace's connections (or the one asked for), oldest first: the first one's time zone leads. */
export async function scopeConnections(
  db: Db,
  workspaceId: string,
  connectionId?: string,
): Promise<ScopeConnectionRow[]> {
  if (connectionId !== undefined && !isUuid(connectionId)) return [];
  return db.query<ScopeConnectionRow>(sql`
    select c.id, c.currency, c.time_zone, c.last_synced_at,
      (select min(r.range_since) from sync_runs r
       where r.connection_id = c.id and r.status = 'succeeded')::text as synced_since
    from connections c
    where c.workspace_id = ${workspaceId} ${connectionId ? sql`and c.id = ${connectionId}` : sql.empty}
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
