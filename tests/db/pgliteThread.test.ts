// The embedded database on its own thread (what a server opens) behaves as it does in-process: the
// schema migrates, values come back as the in-process Db gives them, a transaction commits or rolls
// back as one and holds the session while it runs, errors keep their SQLSTATE, and the event loop
// stays free while the database works.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.js';
import { migrate } from '../../src/db/migrate.js';
import { openPgliteDb } from '../../src/db/pgliteDb.js';
import { openPgliteThreadDb } from '../../src/db/pgliteThreadDb.js';
import { asRequest } from '../../src/db/requestOrder.js';
import { sql } from '../../src/db/sql.js';
import { logger } from '../../src/log.js';
import { toUserError } from '../../src/userErrors.js';
import { pgliteEmptyDump } from '../helpers/templateDb.js';

let dir: string;
let db: Db;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'adnavi-thread-'));
  // the data dir initdb makes, from its dump (initdb in a child process was ~5 s of CPU); what
  // follows (open on the thread, migrate) is as for any new data dir
  const seed = await openPgliteDb(join(dir, 'pglite'), { from: await pgliteEmptyDump(), quickStart: true });
  await seed.close();
  db = await openPgliteThreadDb(join(dir, 'pglite'), { quickStart: true });
  await migrate(db);
  await db.execScript('create table t (id int primary key, amount numeric, n int8, day date, doc jsonb)');
}, 60_000);

afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('PGlite on its own thread', () => {
  it('migrates, and reads values as the in-process database does (numeric and dates as text, int8 as number)', async () => {
    const [migrations] = await db.query<{ n: number }>(sql`select count(*) as n from schema_migrations`);
    expect(migrations.n).toBeGreaterThan(10);
    await db.query(
      sql`insert into t values (1, ${'12.30'}, ${9_007_199_254_740_991}, ${'2026-11-30'}, ${JSON.stringify({ a: [1] })})`,
    );
    const rows = await db.query(sql`select amount, n, day, doc, now() as at from t where id = 1`);
    expect(rows[0]).toMatchObject({
      amount: '12.30',
      n: 9_007_199_254_740_991,
      day: '2026-11-30',
      doc: { a: [1] },
    });
    expect(rows[0].at).toBeInstanceOf(Date);
  });

  it('commits a transaction as one, and rolls it all back when it throws', async () => {
    await db.transaction(async (tx) => {
      await tx.query(sql`insert into t (id) values (10)`);
      await tx.transaction(async (nested) => nested.query(sql`insert into t (id) values (11)`));
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.query(sql`insert into t (id) values (20)`);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const ids = await db.query<{ id: number }>(sql`select id from t where id >= 10 order by id`);
    expect(ids.map((r) => r.id)).toEqual([10, 11]);
  });

  it('makes statements from outside wait until a transaction under way has ended', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tx = db.transaction(async (t) => {
      await t.query(sql`insert into t (id) values (30)`);
      await held;
      await t.query(sql`insert into t (id) values (31)`);
    });
    const outside = db.query<{ n: number }>(sql`select count(*)::int as n from t where id in (30, 31)`);
    const first = await Promise.race([
      outside.then(() => 'outside'),
      new Promise((r) => setTimeout(r, 200, 'waited')),
    ]);
    expect(first).toBe('waited');
    release();
    await tx;
    expect((await outside)[0].n).toBe(2);
  });

  it('runs the waiting statement of the request that started first, not the one that came first', async () => {
    let release!: () => void;
    const held = db.transaction(() => new Promise<void>((resolve) => (release = resolve)));
    let goOn!: () => void;
    const gate = new Promise<void>((resolve) => (goOn = resolve));
    const ran: string[] = [];
    // the older request starts now but issues its statement only after the newer one has queued
    const older = asRequest(async () => {
      await gate;
      await db.query(sql`select 1`);
      ran.push('older');
    });
    await new Promise((r) => setTimeout(r, 5));
    const newer = asRequest(async () => {
      await db.query(sql`select 1`);
      ran.push('newer');
    });
    goOn();
    await new Promise((r) => setTimeout(r, 20));
    release();
    await Promise.all([held, older, newer]);
    expect(ran).toEqual(['older', 'newer']);
  });

  it('keeps the SQLSTATE of a refused value, so the caller still answers 400', async () => {
    const err = await db.query(sql`select ${'not a number'}::numeric`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as { code: string }).code).toBe('22P02');
    expect(toUserError(err, logger).status).toBe(400);
    const dup = await db
      .query(sql`insert into t (id) values (1)`)
      .catch((e: { code: string; constraint: string }) => e);
    expect(dup).toMatchObject({ code: '23505', constraint: 't_pkey' });
  });

  it('refuses a value that cannot reach the thread, and goes on serving', async () => {
    const err = await db.query(sql`select ${(() => 1) as unknown as string}::text`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((await db.query<{ one: number }>(sql`select 1 as one`))[0].one).toBe(1);
  });

  it('runs a library script (several statements, no values) and returns its last result', async () => {
    const result = await db.runLibrarySql('select 1 as a; select 2 as b');
    expect(result.rows).toEqual([{ b: 2 }]);
    const withValues = await db.runLibrarySql('select $1::text as v', ['x']);
    expect(withValues.rows).toEqual([{ v: 'x' }]);
  });

  it('leaves the event loop free while the database works', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const started = performance.now();
    await db.query(sql`select count(*) from generate_series(1, 3000000)`);
    const elapsed = performance.now() - started;
    clearInterval(timer);
    // in-process, a statement holds the thread: no timer fires until it ends
    expect(elapsed).toBeGreaterThan(50);
    expect(ticks).toBeGreaterThan(2);
  });
});
