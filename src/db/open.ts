import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Db } from './db.js';
import { migrate } from './migrate.js';
import { openPgDb } from './pgDb.js';
import { openPgliteDb } from './pgliteDb.js';

/** Opens the configured database: PostgreSQL when DATABASE_URL is set, embedded PGlite otherwise. */
export async function openDb(config: Pick<Config, 'DATABASE_URL' | 'ADNAVI_DATA_DIR'>): Promise<Db> {
  if (config.DATABASE_URL) return openPgDb(config.DATABASE_URL);
  return openPgliteDb(join(config.ADNAVI_DATA_DIR, 'pglite'));
}

/** Opens and brings the schema up to date. */
export async function openMigratedDb(config: Pick<Config, 'DATABASE_URL' | 'ADNAVI_DATA_DIR'>): Promise<Db> {
  const db = await openDb(config);
  await migrate(db);
  return db;
}
