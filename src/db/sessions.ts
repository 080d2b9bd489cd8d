// SQL for browser sessions (the cookie's token is stored only as a hash).
import type { Db } from './db.js';
import { sql } from './sql.js';

export interface SessionRow {
  token_hash: string;
  user_id: string;
  workspace_id: string;
  expires_at: Date;
}

/**
 * A new session, expiring `ttlSeconds` from now by the database's clock (returned): findLiveSession
 * compares with the database's now(), so the expiry is set by the same clock.
 */
export async function insertSession(
  db: Db,
  row: { tokenHash: string; userId: string; workspaceId: string; ttlSeconds: number },
): Promise<Date> {
  const rows = await db.query<{ expires_at: Date }>(sql`
    insert into sessions (token_hash, user_id, workspace_id, expires_at)
    values (${row.tokenHash}, ${row.userId}, ${row.workspaceId}, now() + make_interval(secs => ${row.ttlSeconds}))
    returning expires_at`);
  return rows[0].expires_at;
}

/** A live session by token hash (expired ones are not found). Touches last_seen_at. */
export async function findLiveSession(db: Db, tokenHash: string): Promise<SessionRow | undefined> {
  const rows = await db.query<SessionRow>(sql`
    update sessions set last_seen_at = now()
    where token_hash = ${tokenHash} and expires_at > now()
    returning token_hash, user_id, workspace_id, expires_at`);
  return rows[0];
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.query(sql`delete from sessions where token_hash = ${tokenHash}`);
}
