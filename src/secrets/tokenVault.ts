// Tokens at rest: AES-256-GCM with a random 96-bit IV per encryption; the key id travels with the
// row so keys can be rotated (old rows stay readable while a rotation re-encrypts them). Plaintext
// tokens live only in memory, never in logs, errors or API output.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { ensurePrivateDir } from '../db/privateDataDir.js';

export interface Keyring {
  /** The key new encryptions use. */
  currentKeyId: string;
  keys: Map<string, Buffer>;
}

export interface SealedSecret {
  key_id: string;
  iv: Buffer;
  ciphertext: Buffer;
  auth_tag: Buffer;
}

/** A key's id: a short fingerprint, so the same key always has the same id and no registry is needed. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

export function keyringFrom(currentKey: Buffer, olderKeys: Buffer[] = []): Keyring {
  if (currentKey.length !== 32) throw new Error('encryption key must be 32 bytes');
  const keys = new Map<string, Buffer>();
  for (const key of [currentKey, ...olderKeys]) keys.set(keyIdOf(key), key);
  return { currentKeyId: keyIdOf(currentKey), keys };
}

export function seal(plaintext: string, keyring: Keyring): SealedSecret {
  const key = keyring.keys.get(keyring.currentKeyId)!;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { key_id: keyring.currentKeyId, iv, ciphertext, auth_tag: cipher.getAuthTag() };
}

/** A sealed secret as a database row holds it: bytea comes back as Buffer (pg) or Uint8Array (PGlite). */
export interface SealedRow {
  key_id: string;
  iv: Uint8Array;
  ciphertext: Uint8Array;
  auth_tag: Uint8Array;
}

export function unseal(sealed: SealedRow, keyring: Keyring): string {
  const key = keyring.keys.get(sealed.key_id);
  if (!key) throw new Error(`token was encrypted with key ${sealed.key_id}, which is not configured`);
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv);
  decipher.setAuthTag(sealed.auth_tag);
  return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
}

/**
 * The keyring from ADNAVI_ENCRYPTION_KEY (plus ADNAVI_ENCRYPTION_KEYS_OLD, comma-separated, during a
 * rotation). Without one, a key is generated into the data dir — acceptable for demo mode on one
 * machine only, which is the only case that reaches here without DATABASE_URL set.
 */
export function loadKeyring(config: Config, env: Record<string, string | undefined> = process.env): Keyring {
  const old = (env.ADNAVI_ENCRYPTION_KEYS_OLD ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
    .map((k) => Buffer.from(k, 'base64'));
  if (config.ADNAVI_ENCRYPTION_KEY)
    return keyringFrom(Buffer.from(config.ADNAVI_ENCRYPTION_KEY, 'base64'), old);
  if (config.DATABASE_URL) {
    throw new Error(
      'ADNAVI_ENCRYPTION_KEY must be set when DATABASE_URL is (generate one: openssl rand -base64 32)',
    );
  }
  return keyringFrom(localDemoKey(config.ADNAVI_DATA_DIR), old);
}

function localDemoKey(dataDir: string): Buffer {
  const path = join(dataDir, 'encryption.key');
  if (existsSync(path)) return Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  ensurePrivateDir(dataDir);
  const key = randomBytes(32);
  writeFileSync(path, key.toString('base64'), { mode: 0o600 });
  return key;
}
