// Tokens at rest: AES-256-GCM seal/unseal, tampering detected, and key rotation (rotateTokens, and
// the real `adnavi keys rotate` on PostgreSQL) re-encrypting rows without clobbering a token saved
// meanwhile, after which the old key is no longer needed.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertConnection } from '../../src/db/connections.js';
import type { Db } from '../../src/db/db.js';
import { render, sql } from '../../src/db/sql.js';
import { loadToken, rotateTokens, saveToken } from '../../src/db/tokens.js';
import { keyIdOf, keyringFrom, seal, unseal } from '../../src/secrets/tokenVault.js';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';
import { makeWorkspace } from '../helpers/fixtures.js';

const run = promisify(execFile);
const REPO = new URL('../..', import.meta.url).pathname;

describe('token vault', () => {
  const keyring = keyringFrom(randomBytes(32));
  it('round-trips and never stores the plaintext', () => {
    const sealed = seal('EAAsecret-token-123', keyring);
    expect(sealed.key_id).toBe(keyring.currentKeyId);
    expect(sealed.iv).toHaveLength(12);
    expect(sealed.ciphertext.toString('utf8')).not.toContain('secret');
    expect(unseal(sealed, keyring)).toBe('EAAsecret-token-123');
    // a fresh IV every time: the same token never gives the same ciphertext
    expect(seal('EAAsecret-token-123', keyring).ciphertext.equals(sealed.ciphertext)).toBe(false);
  });

  it('refuses tampered ciphertext, tag or iv, and unknown keys', () => {
    const sealed = seal('EAAsecret-token-123', keyring);
    const flip = (b: Buffer) => {
      const c = Buffer.from(b);
      c[0] ^= 1;
      return c;
    };
    expect(() => unseal({ ...sealed, ciphertext: flip(sealed.ciphertext) }, keyring)).toThrow();
    expect(() => unseal({ ...sealed, auth_tag: flip(sealed.auth_tag) }, keyring)).toThrow();
    expect(() => unseal({ ...sealed, iv: flip(sealed.iv) }, keyring)).toThrow();
    const other = keyringFrom(randomBytes(32));
    expect(() => unseal(sealed, other)).toThrow(/not configured/);
    // same id, wrong key material (a forged key id) still fails authentication
    const forged = { currentKeyId: sealed.key_id, keys: new Map([[sealed.key_id, randomBytes(32)]]) };
    expect(() => unseal(sealed, forged)).toThrow();
    expect(() => keyringFrom(randomBytes(16))).toThrow(/32 bytes/);
  });
});

/** A Db that runs `before` once, just before the first statement matching `pattern` with `value` among its parameters. */
function interceptOnce(db: Db, pattern: RegExp, value: unknown, before: () => Promise<void>): Db {
  let fired = false;
  return {
    ...db,
    kind: db.kind,
    query: async (q) => {
      const { text, values } = render(q);
      if (!fired && pattern.test(text) && values.includes(value)) {
        fired = true;
        await before();
      }
      return db.query(q);
    },
  } as Db;
}

describe.each(backends)('key rotation (%s)', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind);
  });
  afterAll(async () => {
    await t?.drop();
  });

  async function connections(n: number) {
    const ws = await makeWorkspace(t.db);
    const out = [];
    for (let i = 0; i < n; i++) out.push(await upsertConnection(t.db, ws, `act_${Date.now()}${i}`));
    return out;
  }

  it('re-encrypts every row under the new key; a token saved meanwhile is kept', async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const before = keyringFrom(oldKey);
    const during = keyringFrom(newKey, [oldKey]);
    const conns = await connections(5);
    for (const [i, c] of conns.entries()) {
      await saveToken(t.db, before, { workspaceId: c.workspace_id, connectionId: c.id }, `EAAtoken-${i}`);
    }
    const [{ id: tokenIdOf0 }] = await t.db.query<{ id: string }>(
      sql`select id from tokens where connection_id = ${conns[0].id}`,
    );
    // a server still on the old key refreshes connection 0 while the rotation runs
    // (just after the rotation read its row, just before it writes it back)
    const racing = interceptOnce(t.db, /update tokens set key_id/, tokenIdOf0, () =>
      saveToken(
        t.db,
        before,
        { workspaceId: conns[0].workspace_id, connectionId: conns[0].id },
        'EAArefreshed-0',
      ),
    );
    const { rotated } = await rotateTokens(racing, during, 2);
    expect(rotated).toBe(5); // the raced row was skipped once, then rotated with its new value

    const keyIds = await t.db.query<{ key_id: string }>(
      sql`select distinct key_id from tokens where connection_id = any(${conns.map((c) => c.id)}::uuid[])`,
    );
    expect(keyIds.map((r) => r.key_id)).toEqual([keyIdOf(newKey)]);
    const only = keyringFrom(newKey); // the old key is gone from the configuration
    expect((await loadToken(t.db, only, conns[0].id))?.token).toBe('EAArefreshed-0');
    for (let i = 1; i < conns.length; i++)
      expect((await loadToken(t.db, only, conns[i].id))?.token).toBe(`EAAtoken-${i}`);
    expect(await rotateTokens(t.db, during)).toEqual({ rotated: 0 });
    // a rotation that lacks a key in use stops before touching anything, naming the key
    await expect(rotateTokens(t.db, keyringFrom(randomBytes(32)))).rejects.toThrow(
      new RegExp(`key ${keyIdOf(newKey)}.*ADNAVI_ENCRYPTION_KEYS_OLD`),
    );
    expect((await loadToken(t.db, only, conns[1].id))?.token).toBe('EAAtoken-1');
  });

  it.runIf(kind === 'pg')('`adnavi keys rotate` does the same from the command line', async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const fresh = await createTestDb('pg');
    const ws = await makeWorkspace(fresh.db);
    const c = await upsertConnection(fresh.db, ws, 'act_42');
    await saveToken(
      fresh.db,
      keyringFrom(oldKey),
      { workspaceId: c.workspace_id, connectionId: c.id },
      'EAAcli-token',
    );
    const { stdout, stderr } = await run(process.execPath, ['bin/adnavi.mjs', 'keys', 'rotate'], {
      cwd: REPO,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: fresh.url,
        ADNAVI_ENCRYPTION_KEY: newKey.toString('base64'),
        ADNAVI_ENCRYPTION_KEYS_OLD: oldKey.toString('base64'),
        LOG_LEVEL: 'debug',
      },
    });
    expect(stdout).toMatch(/Re-encrypted \d+ token\(s\) with key/);
    expect(`${stdout}${stderr}`).not.toContain('EAAcli-token');
    expect((await loadToken(fresh.db, keyringFrom(newKey), c.id))?.token).toBe('EAAcli-token');
    await fresh.drop();
  });
});
