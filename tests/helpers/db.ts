// Test databases on both backends: PGlite (in memory) always, and real PostgreSQL when one answers
// at TEST_DATABASE_URL (default: the local server). Each call gets a fresh, migrated database: a copy
// of a template migrated once per migration set (templateDb.ts), not a migration run of its own.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db, DbKind } from '../../src/db/db.js';
import { migrate } from '../../src/db/migrate.js';
import { openPgDb } from '../../src/db/pgDb.js';
import { openPgliteDb } from '../../src/db/pgliteDb.js';
import { leasePgliteDb } from './pglitePool.js';
import { pgliteEmptyDump, pgTemplateName } from './templateDb.js';

export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function pgReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const pgUp = await pgReachable();
if (!pgUp && process.env.CI) throw new Error(`CI expects PostgreSQL at ${ADMIN_URL}, but it did not answer`);

/** The backends this run covers: ['pglite'] or ['pglite', 'pg']. */
export const backends: DbKind[] = pgUp ? ['pglite', 'pg'] : ['pglite'];

export interface TestDb {
  db: Db;
  /** A DATABASE_URL for child processes (pg only). */
  url?: string;
  drop(): Promise<void>;
}

/** A fresh database of the given kind with all migrations applied (or none: `migrate: false`). */
export async function createTestDb(kind: DbKind, opts: { migrate?: boolean } = {}): Promise<TestDb> {
  const migrated = opts.migrate !== false;
  if (kind === 'pglite') {
    if (migrated) {
      const { db, release } = await leasePgliteDb();
      return { db, drop: release };
    }
    const db = await openPgliteDb(undefined, { from: await pgliteEmptyDump(), quickStart: true });
    return { db, drop: () => db.close() };
  }
  const { url, dropDatabase } = await createPgDatabase(
    migrated ? await pgTemplateName(ADMIN_URL) : undefined,
  );
  const pgDb = openPgDb(url);
  if (migrated) await migrate(pgDb); // a no-op read on a copy of the template; kept as the safety net
  return {
    db: pgDb,
    url,
    drop: async () => {
      await pgDb.close();
      await dropDatabase();
    },
  };
}

/**
 * An empty PostgreSQL database (or a copy of `template`) with a random name, and how to drop it.
 * A test database commits without waiting for its WAL to reach the disk (`synchronous_commit = off`,
 * for every session on it, spawned CLIs' included): a crash would lose its last commits, which a test
 * database never needs, and the flush per commit was a fifth of the whole suite's time on this
 * machine's disk (quiet, whole suite: 138 s against 115-126 s). CREATE and DROP DATABASE flush
 * whatever the setting says. A bench passes `durable` to measure what a real server does.
 */
export async function createPgDatabase(
  template?: string,
  opts: { durable?: boolean } = {},
): Promise<{ url: string; dropDatabase(): Promise<void> }> {
  const name = `adnavi_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    // names are generated here and in templateDb.ts, never input
    const create = template ? `create database ${name} template ${template}` : `create database ${name}`;
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(create);
        break;
      } catch (err) {
        // object_in_use: the template is momentarily busy (being published by a parallel run)
        if ((err as { code?: string }).code !== '55006' || attempt >= 20) throw err;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
    if (!opts.durable) await admin.query(`alter database ${name} set synchronous_commit = off`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dropDatabase: async () => {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
