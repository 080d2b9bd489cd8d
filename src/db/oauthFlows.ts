// SQL for OAuth connect flows: single-use, expiring state; the token obtained waits here sealed
// while the person picks ad accounts, and is wiped once they have.
import type { SealedSecret } from '../secrets/tokenVault.js';
import type { Db } from './db.js';
import { sql } from './sql.js';

export interface OAuthFlowRow {
  nonce: string;
  workspace_id: string;
  expires_at: Date;
  used_at: Date | null;
  key_id: string | null;
  iv: Uint8Array | null;
  ciphertext: Uint8Array | null;
  auth_tag: Uint8Array | null;
  token_expires_at: Date | null;
  scopes: string[] | null;
}

/**
 * A new flow, expiring `ttlSeconds` from now by the database's clock: every expiry check here compares
 * with the database's now(), so the expiry is set by the same clock (the server's and the database's
 * clocks need not agree; a test at a pinned instant moves only the server's).
 */
export async function insertOAuthFlow(
  db: Db,
  row: { nonce: string; workspaceId: string; userId: string | null; ttlSeconds: number },
): Promise<void> {
  await db.query(sql`
    insert into oauth_flows (nonce, workspace_id, user_id, expires_at)
    values (${row.nonce}, ${row.workspaceId}, ${row.userId}, now() + make_interval(secs => ${row.ttlSeconds}))`);
}

/** Marks the state used, atomically: only the first callback with it gets the row back. */
export async function consumeOAuthState(
  db: Db,
  nonce: string,
  workspaceId: string,
): Promise<OAuthFlowRow | undefined> {
  const rows = await db.query<OAuthFlowRow>(sql`
    update oauth_flows set used_at = now()
    where nonce = ${nonce} and workspace_id = ${workspaceId} and used_at is null and expires_at > now()
    returning *`);
  return rows[0];
}

export async function storeOAuthToken(
  db: Db,
  nonce: string,
  sealed: SealedSecret,
  meta: { expiresAt: Date | null; scopes: string[] },
): Promise<void> {
  await db.query(sql`
    update oauth_flows set key_id = ${sealed.key_id}, iv = ${sealed.iv}, ciphertext = ${sealed.ciphertext},
      auth_tag = ${sealed.auth_tag}, token_expires_at = ${meta.expiresAt}, scopes = ${meta.scopes},
      expires_at = now() + interval '30 minutes'
    where nonce = ${nonce}`);
}

/** A flow of this workspace that holds a token and has not expired. */
export async function getReadyOAuthFlow(
  db: Db,
  nonce: string,
  workspaceId: string,
): Promise<OAuthFlowRow | undefined> {
  const rows = await db.query<OAuthFlowRow>(sql`
    select * from oauth_flows
    where nonce = ${nonce} and workspace_id = ${workspaceId} and ciphertext is not null and expires_at > now()`);
  return rows[0];
}

export async function deleteOAuthFlow(db: Db, nonce: string): Promise<void> {
  await db.query(sql`delete from oauth_flows where nonce = ${nonce}`);
}
