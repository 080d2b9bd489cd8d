// SQL for connection tokens. Only sealed (encrypted) tokens touch the database.
import { type Keyring, type SealedSecret, seal, unseal } from '../secrets/tokenVault.js';
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
  const rows = await db.query<
    SealedSecret & { expires_at: Date | null; scopes: string[]; token_type: string }
  >(
    sql`select key_id, iv, ciphertext, auth_tag, expires_at, scopes, token_type from tokens where connection_id = ${connectionId}`,
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    token: unseal(
      {
        ...row,
        iv: Buffer.from(row.iv),
        ciphertext: Buffer.from(row.ciphertext),
        auth_tag: Buffer.from(row.auth_tag),
      },
      keyring,
    ),
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
  let rotated = 0;
  for (;;) {
    const rows = await db.query<SealedSecret & { id: string }>(sql`
      select id, key_id, iv, ciphertext, auth_tag from tokens
      where key_id <> ${keyring.currentKeyId} order by id limit ${batchSize}`);
    if (rows.length === 0) return { rotated };
    for (const row of rows) {
      const sealed = {
        ...row,
        iv: Buffer.from(row.iv),
        ciphertext: Buffer.from(row.ciphertext),
        auth_tag: Buffer.from(row.auth_tag),
      };
      const fresh = seal(unseal(sealed, keyring), keyring);
      await db.query(sql`
        update tokens set key_id = ${fresh.key_id}, iv = ${fresh.iv}, ciphertext = ${fresh.ciphertext},
          auth_tag = ${fresh.auth_tag}, updated_at = now()
        where id = ${row.id} and ciphertext = ${sealed.ciphertext}`);
      rotated++;
    }
  }
}
