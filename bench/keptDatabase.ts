// A PostgreSQL database kept between benchmark runs (BENCH_PG_DATABASE), so a large seed is paid once.
import pg from 'pg';
import { ADMIN_URL } from '../tests/helpers/db.js';

/** The kept database's URL, created when missing. */
export async function keptPgDatabase(name: string): Promise<string> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error('BENCH_PG_DATABASE must be a plain lower-case name');
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
  if (exists.rowCount === 0) await admin.query(`create database ${name}`); // checked above
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}
