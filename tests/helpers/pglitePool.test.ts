// The reused PGlite test databases (pglitePool.ts) come back as the template was: rows, sequences,
// session settings, planner statistics and pg-boss's schema gone; a holder's DDL means a fresh
// database instead; and a released lease answers nothing.
import { expect, it } from 'vitest';
import type { Db } from '../../src/db/db.js';
import { sql } from '../../src/db/sql.js';
import { freshLoads, leasePgliteDb } from './pglitePool.js';

/** Every row of every table in public, and the session's time zone. */
async function state(db: Db): Promise<unknown> {
  const tables = await db.query<{ name: string }>(
    sql`select relname as name from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r' order by 1`,
  );
  const rows: Record<string, unknown> = {};
  for (const { name } of tables) {
    // names from the catalog, quoted
    const { rows: r } = await db.runLibrarySql(
      `select json_agg(t order by t::text) as j from public."${name}" t`,
    );
    rows[name] = (r[0] as { j: unknown }).j;
  }
  const [{ tz }] = await db.query<{ tz: string }>(sql`select current_setting('TimeZone') as tz`);
  return { rows, tz };
}

it('gives a released database back in the template state, and a used lease refuses', async () => {
  const first = await leasePgliteDb();
  const template = await state(first.db);
  const [{ id }] = await first.db.query<{ id: string }>(
    sql`insert into workspaces (name, slug) values ('Other', 'other') returning id`,
  );
  expect(id).toBeTruthy();
  await first.db.runLibrarySql('create schema pgboss; create table pgboss.job (id int)');
  await first.db.query(sql`select set_config('TimeZone', 'Asia/Tokyo', false)`);
  expect(await state(first.db)).not.toEqual(template);
  await first.release();
  await expect(first.db.query(sql`select 1`)).rejects.toThrow(/dropped/);

  const second = await leasePgliteDb();
  expect(await state(second.db)).toEqual(template);
  const [{ n }] = await second.db.query<{ n: number }>(
    sql`select count(*)::int as n from pg_namespace where nspname = 'pgboss'`,
  );
  expect(n).toBe(0);
  // DDL of its own: not reset but closed, so the next lease is a fresh load
  await second.db.execScript('alter table workspaces add column extra int');
  await second.release();
  const third = await leasePgliteDb();
  const [{ cols }] = await third.db.query<{ cols: number }>(
    sql`select count(*)::int as cols from information_schema.columns where table_name = 'workspaces' and column_name = 'extra'`,
  );
  expect(cols).toBe(0);
  expect(await state(third.db)).toEqual(template);
  await third.release();
});

it('takes back a database a sync vacuumed and analyzed, without its statistics', async () => {
  const stats = async (db: Db) =>
    db.query<{ n: number; tuples: string }>(sql`
      select (select count(*)::int from pg_statistic s join pg_class c on c.oid = s.starelid
              where c.relnamespace = 'public'::regnamespace) as n,
             (select string_agg(relname || '=' || reltuples, ',' order by relname) from pg_class
              where relnamespace = 'public'::regnamespace and relkind = 'r') as tuples`);
  const first = await leasePgliteDb();
  const template = await state(first.db);
  const [before] = await stats(first.db);
  await first.db.query(sql`insert into workspaces (name, slug) values ('Other', 'other')`);
  await first.db.execScript('vacuum analyze workspaces, entities');
  const [analyzed] = await stats(first.db);
  expect(analyzed.n).toBeGreaterThan(before.n);
  expect(analyzed.tuples).not.toBe(before.tuples);
  const loaded = freshLoads();
  await first.release();

  const second = await leasePgliteDb();
  expect(freshLoads()).toBe(loaded); // the same database, reset, not a fresh load
  expect(await stats(second.db)).toEqual([before]);
  expect(await state(second.db)).toEqual(template);
  await second.release();
});
