// SQL for people and their workspaces.
import type { Db } from './db.js';
import { sql } from './sql.js';

export interface UserRow {
  id: string;
  email: string;
  name: string | null;
  password_hash: string;
  created_at: Date;
}

export async function countUsers(db: Db): Promise<number> {
  const rows = await db.query<{ n: number }>(sql`select count(*)::int as n from users`);
  return rows[0].n;
}

/**
 * Serialises sign-ups until the transaction ends, so "the first user owns the default workspace" is
 * decided by one of them at a time (two simultaneous first sign-ups otherwise both count 0 users).
 */
export async function lockSignUps(tx: Db): Promise<void> {
  await tx.query(sql`select pg_advisory_xact_lock(hashtext('adnavi:sign-up'))`);
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const rows = await db.query<UserRow>(sql`select * from users where lower(email) = lower(${email})`);
  return rows[0];
}

export async function insertUser(
  db: Db,
  email: string,
  name: string | null,
  passwordHash: string,
): Promise<UserRow | undefined> {
  // a taken email (any casing; the unique index) answers no row instead of a unique violation
  const rows = await db.query<UserRow>(sql`
    insert into users (email, name, password_hash) values (${email}, ${name}, ${passwordHash})
    on conflict do nothing
    returning *`);
  return rows[0];
}

export async function addMembership(
  db: Db,
  workspaceId: string,
  userId: string,
  role: 'owner' | 'member',
): Promise<void> {
  await db.query(sql`
    insert into memberships (workspace_id, user_id, role) values (${workspaceId}, ${userId}, ${role})
    on conflict (workspace_id, user_id) do update set role = excluded.role`);
}

export interface MembershipRow {
  workspace_id: string;
  role: 'owner' | 'member';
  slug: string;
  name: string;
}

export async function listMemberships(db: Db, userId: string): Promise<MembershipRow[]> {
  return db.query<MembershipRow>(sql`
    select m.workspace_id, m.role, w.slug, w.name
    from memberships m join workspaces w on w.id = m.workspace_id
    where m.user_id = ${userId}
    order by m.created_at`);
}

export async function getMembership(
  db: Db,
  workspaceId: string,
  userId: string,
): Promise<MembershipRow | undefined> {
  const rows = await db.query<MembershipRow>(sql`
    select m.workspace_id, m.role, w.slug, w.name
    from memberships m join workspaces w on w.id = m.workspace_id
    where m.user_id = ${userId} and m.workspace_id = ${workspaceId}`);
  return rows[0];
}
