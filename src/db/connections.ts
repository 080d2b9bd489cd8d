// SQL for connections (connected ad accounts). Every read is scoped to a workspace.
import type { Db } from './db.js';
import { isUuid } from './ids.js';
import { sql } from './sql.js';

export interface ConnectionRow {
  id: string;
  workspace_id: string;
  provider: 'meta';
  external_account_id: string;
  name: string | null;
  currency: string | null;
  time_zone: string | null;
  status: 'active' | 'needs_reauth' | 'disabled' | 'error';
  status_reason: string | null;
  last_synced_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export async function getConnection(
  db: Db,
  workspaceId: string,
  id: string,
): Promise<ConnectionRow | undefined> {
  if (!isUuid(id)) return undefined;
  const rows = await db.query<ConnectionRow>(
    sql`select * from connections where workspace_id = ${workspaceId} and id = ${id}`,
  );
  return rows[0];
}

export interface ConnectionWithToken extends ConnectionRow {
  /** When the stored token expires (null: never, or no token); never the token itself. */
  token_expires_at: Date | null;
  token_scopes: string[] | null;
}

export async function listConnections(db: Db, workspaceId: string): Promise<ConnectionWithToken[]> {
  return db.query<ConnectionWithToken>(sql`
    select c.*, t.expires_at as token_expires_at, t.scopes as token_scopes
    from connections c left join tokens t on t.connection_id = c.id
    where c.workspace_id = ${workspaceId}
    order by c.created_at, c.id`);
}

export async function findConnectionByAccount(
  db: Db,
  workspaceId: string,
  externalAccountId: string,
): Promise<ConnectionRow | undefined> {
  const rows = await db.query<ConnectionRow>(sql`
    select * from connections
    where workspace_id = ${workspaceId} and provider = 'meta' and external_account_id = ${externalAccountId}`);
  return rows[0];
}

/** Registers an ad account (or returns the existing one) in a workspace. */
export async function upsertConnection(
  db: Db,
  workspaceId: string,
  externalAccountId: string,
  fields: { name?: string | null; currency?: string | null; timeZone?: string | null } = {},
): Promise<ConnectionRow> {
  const rows = await db.query<ConnectionRow>(sql`
    insert into connections (workspace_id, provider, external_account_id, name, currency, time_zone)
    values (${workspaceId}, 'meta', ${externalAccountId}, ${fields.name ?? null}, ${fields.currency ?? null},
            ${fields.timeZone ?? null})
    on conflict (workspace_id, provider, external_account_id) do update set
      name = coalesce(excluded.name, connections.name),
      currency = coalesce(excluded.currency, connections.currency),
      time_zone = coalesce(excluded.time_zone, connections.time_zone),
      updated_at = now()
    returning *`);
  return rows[0];
}

export async function setConnectionStatus(
  db: Db,
  id: string,
  status: ConnectionRow['status'],
  reason: string | null,
): Promise<void> {
  await db.query(
    sql`update connections set status = ${status}, status_reason = ${reason}, updated_at = now() where id = ${id}`,
  );
}
