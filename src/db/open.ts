import { join } from 'node:path';
import type { Config } from '../config.js';
import { closeOnShutdown } from '../shutdown.js';
import { configureResultCache } from './analytics/resultCache.js';
import type { Db } from './db.js';
import { migrate } from './migrate.js';
import { sql } from './sql.js';

type DbConfig = Pick<Config, 'DATABASE_URL' | 'ADNAVI_DATA_DIR'> &
  Partial<Pick<Config, 'ADNAVI_RESULT_CACHE'>>;

export interface OpenOptions {
  /**
   * For a process that runs a few small queries (`adnavi ask`, `adnavi mcp`), or a database opened for
   * one sync within a memory budget (`adnavi start`'s sync before it serves): the embedded database
   * starts with less CPU and memory (src/db/pgliteDb.ts).
   */
  quickStart?: boolean;
  /**
   * For a server: the embedded database runs on a worker thread of its own (src/db/pgliteThreadDb.ts),
   * so requests are answered while it works. No effect on PostgreSQL.
   */
  ownThread?: boolean;
}

/**
 * Opens the configured database: PostgreSQL when DATABASE_URL is set, embedded PGlite otherwise.
 * Only the backend in use is loaded (each costs start-up time a one-shot `adnavi ask` feels).
 */
export async function openDb(config: DbConfig, opts: OpenOptions = {}): Promise<Db> {
  if (config.DATABASE_URL) {
    const { openPgDb } = await import('./pgDb.js');
    const { databaseUrlError } = await import('../startupChecks.js');
    const db = openPgDb(config.DATABASE_URL);
    try {
      // one round trip now, so a wrong DATABASE_URL is one clear line at start-up, not a later stack
      await db.query(sql`select 1`);
    } catch (err) {
      await db.close().catch(() => undefined);
      throw databaseUrlError(err, config.DATABASE_URL);
    }
    return withResultCache(closedOnShutdown(db), config);
  }
  const { lockDataDir } = await import('./dataDirLock.js');
  const release = lockDataDir(config.ADNAVI_DATA_DIR);
  try {
    const db = await openEmbedded(pgliteDir(config.ADNAVI_DATA_DIR), opts);
    const close = db.close.bind(db);
    db.close = async () => {
      try {
        await close();
      } finally {
        release();
      }
    };
    return withResultCache(closedOnShutdown(db), config);
  } catch (err) {
    release();
    throw err;
  }
}

async function openEmbedded(dir: string, opts: OpenOptions): Promise<Db> {
  if (opts.ownThread) return (await import('./pgliteThreadDb.js')).openPgliteThreadDb(dir, opts);
  return (await import('./pgliteDb.js')).openPgliteDb(dir, opts);
}

/** Where PGlite keeps its files inside ADNAVI_DATA_DIR (beside the owner lock). */
export function pgliteDir(dataDir: string): string {
  return join(dataDir, 'pglite');
}

/** A signal that stops the process closes the database too (see shutdown.ts); an orderly close unregisters. */
function closedOnShutdown(db: Db): Db {
  const close = db.close.bind(db);
  let closing: Promise<void> | undefined;
  const closeOnce = () => {
    closing ??= close();
    return closing;
  };
  const unregister = closeOnShutdown(closeOnce);
  db.close = () => {
    unregister();
    return closeOnce();
  };
  return db;
}

/** Opens and brings the schema up to date. */
export async function openMigratedDb(config: DbConfig, opts: OpenOptions = {}): Promise<Db> {
  const db = await openDb(config, opts);
  await migrate(db);
  return db;
}

/** The configured size of the analytics result cache (src/db/analytics/resultCache.ts) on this handle. */
function withResultCache(db: Db, config: DbConfig): Db {
  if (config.ADNAVI_RESULT_CACHE !== undefined) configureResultCache(db, config.ADNAVI_RESULT_CACHE);
  return db;
}
