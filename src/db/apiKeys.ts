// SQL for workspace API keys (stored as SHA-256; the key itself is shown once, at creation).
import type { Db } from './db.js';
import { isUuid } from './ids.js';
import { sql } from './sql.js';

export interface ApiKeyRow {
  id: string;
  workspace_id: string;
  name: string;
  prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export async function insertApiKey(
  db: Db,
  row: { workspaceId: string; name: string; prefix: string; keyHash: string; createdBy: string | null },
): Promise<ApiKeyRow> {
  const rows = await db.query<ApiKeyRow>(sql`
    insert into api_keys (workspace_id, name, prefix, key_hash, created_by)
    values (${row.workspaceId}, ${row.name}, ${row.prefix}, ${row.keyHash}, ${row.createdBy})
    returning id, workspace_id, name, prefix, created_at, last_used_at, revoked_at`);
  return rows[0];
}

/** The live key with this hash; records the use (at most once a minute, to spare writes). */
export async function useApiKey(db: Db, keyHash: string): Promise<ApiKeyRow | undefined> {
  // the database's clock both stamps and throttles: comparing its stamp with this process's clock
  // would mix two clocks (on a skewed app host, a rewrite on every request, or none for hours)
  const rows = await db.query<ApiKeyRow & { stale: boolean }>(sql`
    select id, workspace_id, name, prefix, created_at, last_used_at, revoked_at,
      coalesce(last_used_at < now() - interval '1 minute', true) as stale
    from api_keys where key_hash = ${keyHash} and revoked_at is null`);
  if (rows.length === 0) return undefined;
  const { stale, ...key } = rows[0];
  if (stale) await db.query(sql`update api_keys set last_used_at = now() where id = ${key.id}`);
  return key;
}

export async function listApiKeys(db: Db, workspaceId: string): Promise<ApiKeyRow[]> {
  return db.query<ApiKeyRow>(sql`
    select id, workspace_id, name, prefix, created_at, last_used_at, revoked_at
    from api_keys where workspace_id = ${workspaceId} order by created_at desc`);
}

/** Revokes a key of this workspace; false when there is no such (live) key. */
export async function revokeApiKey(db: Db, workspaceId: string, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const rows = await db.query(sql`
    update api_keys set revoked_at = now()
    where workspace_id = ${workspaceId} and id = ${id} and revoked_at is null returning id`);
  return rows.length > 0;
}
