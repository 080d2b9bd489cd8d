// SQL for connection tokens. Only sealed (encrypted) tokens touch the database.

import { ValidationError } from '../errors.js';
import { type Keyring, type SealedRow, seal, unseal } from '../secrets/tokenVault.js';
import type { Db } from './db.js';
import { sql } from './sql.js';

export interface TokenMeta {
  expiresAt?: Date | null;
  scopes?: string[];
  tokenType?: 'user' | 'system_user' | 'page' | 'app';
}

export async function saveToken(
  db: Db,
  keyring: Keyring,
  scope: { workspaceId: string; connectionId: string },
  token: string,
  meta: TokenMeta = {},
): Promise<void> {
  const s = seal(token, keyring);
  await db.query(sql`
    insert into tokens (workspace_id, connection_id, key_id, iv, ciphertext, auth_tag, token_type, scopes, expires_at)
    values (${scope.workspaceId}, ${scope.connectionId}, ${s.key_id}, ${s.iv}, ${s.ciphertext}, ${s.auth_tag},
            ${meta.tokenType ?? 'user'}, ${meta.scopes ?? []}, ${meta.expiresAt ?? null})
    on conflict (connection_id) do update set
      key_id = excluded.key_id, iv = excluded.iv, ciphertext = excluded.ciphertext, auth_tag = excluded.auth_tag,
      token_type = excluded.token_type, scopes = excluded.scopes, expires_at = excluded.expires_at, updated_at = now()`);
}

export interface StoredToken {
  token: string;
  expiresAt: Date | null;
  scopes: string[];
  tokenType: string;
}

/** The decrypted token of a connection, or undefined when none is stored. */
export async function loadToken(
  db: Db,
  keyring: Keyring,
  connectionId: string,
): Promise<StoredToken | undefined> {
  const rows = await db.query<SealedRow & { expires_at: Date | null; scopes: string[]; token_type: string }>(
    sql`select key_id, iv, ciphertext, auth_tag, expires_at, scopes, token_type from tokens where connection_id = ${connectionId}`,
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    token: unseal(row, keyring),
    expiresAt: row.expires_at,
    scopes: row.scopes,
    tokenType: row.token_type,
  };
}

/**
 * Re-encrypts every token sealed with an older key under the keyring's current key, a batch at a
 * time. Each row is swapped only if it still holds the ciphertext we read, so a token refreshed
 * meanwhile is never overwritten with a stale one. Readers keep working throughout: the keyring
 * still holds the old keys until the rotation is done.
 */
export async function rotateTokens(db: Db, keyring: Keyring, batchSize = 100): Promise<{ rotated: number }> {
  await assertKeysConfigured(db, keyring);
  let rotated = 0;
  for (;;) {
    const rows = await db.query<SealedRow & { id: string }>(sql`
      select id, key_id, iv, ciphertext, auth_tag from tokens
      where key_id <> ${keyring.currentKeyId} order by id limit ${batchSize}`);
    if (rows.length === 0) return { rotated };
    for (const row of rows) {
      const fresh = seal(unseal(row, keyring), keyring);
      const swapped = await db.query(sql`
        update tokens set key_id = ${fresh.key_id}, iv = ${fresh.iv}, ciphertext = ${fresh.ciphertext},
          auth_tag = ${fresh.auth_tag}, updated_at = now()
        where id = ${row.id} and ciphertext = ${row.ciphertext} returning id`);
      // not swapped: saved meanwhile; under an old key it is picked up again by the next batch
      rotated += swapped.length;
    }
  }
}

/** Rows sealed with a key the keyring lacks cannot be rotated: say which key is missing, before any work. */
async function assertKeysConfigured(db: Db, keyring: Keyring): Promise<void> {
  const rows = await db.query<{ key_id: string; n: number }>(
    sql`select key_id, count(*)::int as n from tokens group by key_id order by key_id`,
  );
  const missing = rows.filter((r) => !keyring.keys.has(r.key_id));
  if (missing.length === 0) return;
  const which = missing.map((r) => `${r.n} token(s) with key ${r.key_id}`).join(', ');
  throw ValidationError.field(
    'ADNAVI_ENCRYPTION_KEYS_OLD',
    `${which}: that key is not configured; add it to ADNAVI_ENCRYPTION_KEYS_OLD and run again`,
  );
}

export interface ExpiringToken extends StoredToken {
  workspaceId: string;
  connectionId: string;
  connectionName: string | null;
  accountId: string;
}

/** User tokens of active connections that expire before `before` (expired ones included), decrypted. */
export async function listExpiringTokens(
  db: Db,
  keyring: Keyring,
  before: Date,
  workspaceId?: string,
): Promise<ExpiringToken[]> {
  const rows = await db.query<
    SealedRow & {
      workspace_id: string;
      connection_id: string;
      name: string | null;
      external_account_id: string;
      expires_at: Date;
      scopes: string[];
      token_type: string;
    }
  >(sql`
    select t.workspace_id, t.connection_id, c.name, c.external_account_id, t.key_id, t.iv, t.ciphertext,
           t.auth_tag, t.expires_at, t.scopes, t.token_type
    from tokens t join connections c on c.id = t.connection_id and c.workspace_id = t.workspace_id
    where t.token_type = 'user' and t.expires_at is not null and t.expires_at < ${before}
      and c.status = 'active' ${workspaceId ? sql`and t.workspace_id = ${workspaceId}` : sql``}
    order by t.expires_at`);
  return rows.map((row) => ({
    workspaceId: row.workspace_id,
    connectionId: row.connection_id,
    connectionName: row.name,
    accountId: row.external_account_id,
    token: unseal(row, keyring),
    expiresAt: row.expires_at,
    scopes: row.scopes,
    tokenType: row.token_type,
  }));
}
