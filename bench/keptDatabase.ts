// A PostgreSQL database kept between benchmark runs (BENCH_PG_DATABASE), so a large seed is paid once,
// and the per-database settings the README recommends for large accounts, applied to every database a
// bench measures so its figures can be reproduced.
import pg from 'pg';
import { ADMIN_URL } from '../tests/helpers/db.js';

/** README, "PostgreSQL for large accounts": the settings `alter database … set` gives each session. */
export const RECOMMENDED_SETTINGS: Record<string, string> = {
  jit: 'off',
  work_mem: '64MB',
  random_page_cost: '1.1',
  max_parallel_workers_per_gather: '0',
};

async function withAdmin<T>(run: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    return await run(admin);
  } finally {
    await admin.end();
  }
}

/** The kept database's URL, created when missing. */
export async function keptPgDatabase(name: string): Promise<string> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error('BENCH_PG_DATABASE must be a plain lower-case name');
  await withAdmin(async (admin) => {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) await admin.query(`create database ${name}`); // checked above
  });
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Sets RECOMMENDED_SETTINGS on the database of `url` (sessions opened afterwards get them) and
 * returns them as one line to print.
 */
export async function applyRecommendedSettings(url: string): Promise<string> {
  const name = new URL(url).pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unexpected database name ${name}`);
  await withAdmin(async (admin) => {
    for (const [setting, value] of Object.entries(RECOMMENDED_SETTINGS)) {
      // names and values are the constants above, the database name checked above
      await admin.query(`alter database ${name} set ${setting} = '${value}'`);
    }
  });
  return Object.entries(RECOMMENDED_SETTINGS)
    .map(([setting, value]) => `${setting} = ${value}`)
    .join(', ');
}
