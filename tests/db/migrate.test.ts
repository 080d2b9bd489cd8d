import { afterEach, describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../src/db/migrate.js';
import { openPgDb } from '../../src/db/pgDb.js';
import { sql } from '../../src/db/sql.js';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';

describe.each(backends)('migrate on %s', (kind) => {
  let t: TestDb;
  afterEach(async () => t?.drop());

  it('applies every migration once, records it, and is idempotent', async () => {
    t = await createTestDb(kind, { migrate: false });
    const all = readMigrations().map((m) => m.version);
    expect(await migrate(t.db)).toEqual(all);
    expect(await migrate(t.db)).toEqual([]);
    const rows = await t.db.query<{ version: number }>(
      sql`select version from schema_migrations order by version`,
    );
    expect(rows.map((r) => r.version)).toEqual(all);
  }, 120_000); // the only test that runs every migration from nothing instead of copying the template

  it('creates the default workspace', async () => {
    t = await createTestDb(kind);
    const rows = await t.db.query<{ slug: string }>(sql`select slug from workspaces`);
    expect(rows.map((r) => r.slug)).toEqual(['default']);
  });

  it('rolls back a failing migration whole and records nothing of it', async () => {
    t = await createTestDb(kind);
    const broken = { version: 9999, name: 'broken', sql: 'create table half_made (id int); select 1/0;' };
    await expect(migrate(t.db, [...readMigrations(), broken])).rejects.toThrow(/division by zero/);
    const tables = await t.db.query(
      sql`select 1 from information_schema.tables where table_name = 'half_made'`,
    );
    expect(tables).toHaveLength(0);
    const recorded = await t.db.query(sql`select 1 from schema_migrations where version = 9999`);
    expect(recorded).toHaveLength(0);
  });

  it.runIf(kind === 'pg')('is safe when several processes migrate at once', async () => {
    t = await createTestDb(kind, { migrate: false });
    const pools = Array.from({ length: 4 }, () => openPgDb(t.url!, 2));
    try {
      const results = await Promise.all(pools.map((p) => migrate(p)));
      const applied = results.flat().sort((a, b) => a - b);
      expect(applied).toEqual(readMigrations().map((m) => m.version));
      const ws = await t.db.query(sql`select 1 from workspaces`);
      expect(ws).toHaveLength(1);
    } finally {
      await Promise.all(pools.map((p) => p.close()));
    }
  });
});
