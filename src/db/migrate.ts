// Forward-only migrations: migrations/NNNN_name.sql, applied in order, each once, each in its own
// transaction, recorded in schema_migrations. A transaction-scoped advisory lock serialises
// concurrent runners (two processes starting at once): the second waits, then sees the file applied.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../paths.js';
import type { Db } from './db.js';
import { sql } from './sql.js';

export const MIGRATIONS_DIR = join(ROOT, 'migrations');
const LOCK_KEY = 7_411_925_001; // arbitrary, constant: "adnavi migrations"

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 4)),
      name: file.slice(5, -4),
      sql: readFileSync(join(dir, file), 'utf8'),
    }));
}

/** Applies pending migrations; returns the versions it applied (empty when up to date). */
export async function migrate(db: Db, migrations = readMigrations()): Promise<number[]> {
  if (await isUpToDate(db, migrations)) return [];
  await db.transaction(async (tx) => {
    await tx.query(sql`select pg_advisory_xact_lock(${LOCK_KEY})`);
    await tx.query(sql`
      create table if not exists schema_migrations (
        version integer primary key,
        name text not null,
        applied_at timestamptz not null default now()
      )`);
  });
  const applied: number[] = [];
  for (const migration of migrations) {
    const didApply = await db.transaction(async (tx) => {
      await tx.query(sql`select pg_advisory_xact_lock(${LOCK_KEY})`);
      const done = await tx.query(sql`select 1 from schema_migrations where version = ${migration.version}`);
      if (done.length > 0) return false;
      await tx.execScript(migration.sql);
      await tx.query(
        sql`insert into schema_migrations (version, name) values (${migration.version}, ${migration.name})`,
      );
      return true;
    });
    if (didApply) applied.push(migration.version);
  }
  return applied;
}

/**
 * The common case at every start-up, answered with one cheap read and no lock: every migration is
 * recorded. Anything else (no table yet, a pending file) takes the locked path above.
 */
async function isUpToDate(db: Db, migrations: Migration[]): Promise<boolean> {
  const [table] = await db.query<{ exists: boolean }>(
    sql`select to_regclass('schema_migrations') is not null as exists`,
  );
  if (!table.exists) return false;
  const applied = await db.query<{ version: number }>(sql`select version from schema_migrations`);
  const done = new Set(applied.map((r) => r.version));
  return migrations.every((m) => done.has(m.version));
}
