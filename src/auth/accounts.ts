// Sign-up, sign-in and API keys. The first person to sign up owns the default workspace (the one
// demo mode and the CLI use); everyone after gets a workspace of their own until an owner adds them.
// Sign-ups are serialised by a transaction lock, so simultaneous first sign-ups make one owner.
//
// What sign-up reveals: a taken email answers 409 "an account with this email already exists". We
// have no mail to send, so the alternative (answer 201 and tell the owner by mail) is not open to us,
// and a silent success would leave a person unable to tell why they cannot sign in. The leak is
// bounded instead: sign-up and sign-in share the per-address throttle (signInThrottle.ts), so
// probing which emails exist runs at a few guesses a minute from one address.
import { randomBytes } from 'node:crypto';
import { type ApiKeyRow, insertApiKey } from '../db/apiKeys.js';
import type { Db } from '../db/db.js';
import { deleteSession, insertSession } from '../db/sessions.js';
import {
  addMembership,
  countUsers,
  findUserByEmail,
  insertUser,
  listMemberships,
  lockSignUps,
  type UserRow,
} from '../db/users.js';
import { createWorkspace, DEFAULT_WORKSPACE_ID } from '../db/workspaces.js';
import { ConflictError, UnauthorizedError } from '../errors.js';
import { API_KEY_PREFIX, SESSION_PREFIX } from './authenticate.js';
import { hashPassword, newOpaqueToken, sha256Hex, verifyPassword } from './secretHashing.js';

export const SESSION_TTL_MS = 14 * 24 * 3600 * 1000;

export interface NewSession {
  token: string;
  expiresAt: Date;
  user: Pick<UserRow, 'id' | 'email' | 'name'>;
  workspaceId: string;
}

export async function signUp(
  db: Db,
  input: { email: string; password: string; name?: string },
): Promise<NewSession> {
  const passwordHash = await hashPassword(input.password);
  const { user, workspaceId } = await db.transaction(async (tx) => {
    await lockSignUps(tx);
    const first = (await countUsers(tx)) === 0;
    const created = await insertUser(tx, input.email, input.name ?? null, passwordHash);
    if (!created) throw new ConflictError(EMAIL_TAKEN);
    const workspace = first
      ? DEFAULT_WORKSPACE_ID
      : (
          await createWorkspace(
            tx,
            `ws-${randomBytes(5).toString('hex')}`,
            `${input.name ?? input.email}'s workspace`,
          )
        ).id;
    await addMembership(tx, workspace, created.id, 'owner');
    return { user: created, workspaceId: workspace };
  });
  return openSession(db, user, workspaceId);
}

const EMAIL_TAKEN = 'an account with this email already exists';

export async function signIn(db: Db, input: { email: string; password: string }): Promise<NewSession> {
  const user = await findUserByEmail(db, input.email);
  // verify against a dummy hash when the user is unknown, so timing does not reveal which emails exist
  const ok = await verifyPassword(input.password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !ok) throw new UnauthorizedError('email or password is wrong');
  const [membership] = await listMemberships(db, user.id);
  if (!membership) throw new UnauthorizedError('this account has no workspace');
  return openSession(db, user, membership.workspace_id);
}

export async function signOut(db: Db, sessionToken: string): Promise<void> {
  await deleteSession(db, sha256Hex(sessionToken));
}

async function openSession(db: Db, user: UserRow, workspaceId: string): Promise<NewSession> {
  const token = newOpaqueToken(SESSION_PREFIX);
  const expiresAt = await insertSession(db, {
    tokenHash: sha256Hex(token),
    userId: user.id,
    workspaceId,
    ttlSeconds: SESSION_TTL_MS / 1000,
  });
  return { token, expiresAt, user: { id: user.id, email: user.email, name: user.name }, workspaceId };
}

/** Creates a key; the plaintext is returned here once and never stored. */
export async function createApiKey(
  db: Db,
  workspaceId: string,
  name: string,
  createdBy: string | null,
): Promise<{ key: string; row: ApiKeyRow }> {
  const key = newOpaqueToken(API_KEY_PREFIX);
  const row = await insertApiKey(db, {
    workspaceId,
    name,
    prefix: key.slice(0, API_KEY_PREFIX.length + 6),
    keyHash: sha256Hex(key),
    createdBy,
  });
  return { key, row };
}

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
