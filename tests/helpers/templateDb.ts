// Migrate once, copy many times. Every test file used to create and migrate its own database (initdb
// plus every migration: most of a small file's run time). Now the migrated state is made once per
// migration set and each test database starts as a copy of it:
// - PGlite: a dumped data dir in the OS temp dir, loaded by each new instance (no initdb);
// - PostgreSQL: a template database, `create database x template t`.
// Both are keyed by a hash of the migrations folder, so a template from an older migration set is
// never reused, and both are published atomically (built under a private name, then renamed), so
// parallel workers and parallel runs from other checkouts never see a half-built one. Templates of
// other migration sets are dropped once unused for a day (each run stamps the one it uses): another
// checkout's run may still be copying from one, so "not ours" alone is no reason to drop it.
import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import type { Db } from '../../src/db/db.js';
import { migrate, readMigrations } from '../../src/db/migrate.js';
import { openPgDb } from '../../src/db/pgDb.js';
import { dumpPgliteDb, openPgliteDb } from '../../src/db/pgliteDb.js';

/** Short hash of every migration's name and text. */
export function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const m of readMigrations()) hash.update(`${m.version} ${m.name}\n${m.sql}\n`);
  return hash.digest('hex').slice(0, 12);
}

let pgliteTemplate: Promise<Uint8Array> | undefined;
let pgliteEmpty: Promise<Uint8Array> | undefined;

/** The migrated PGlite data dir as a tarball (built on first use, then read from the temp dir). */
export function pgliteTemplateDump(): Promise<Uint8Array> {
  pgliteTemplate ??= loadOrBuildPgliteDump(`${migrationsHash()}-v${TEMPLATE_LAYOUT}`, async (db) => {
    await migrate(db);
    // Every test database loads this dump, and the load costs in proportion to its size: initdb's
    // 16 MB first WAL segment and the two template databases (nothing here creates a database) were
    // 31 of its 41 MB, ~0.3 s of CPU per load.
    for (const template of ['template0', 'template1']) {
      await db.execScript(`alter database ${template} is_template false`);
      await db.execScript(`drop database ${template}`);
    }
  });
  return pgliteTemplate;
}

/**
 * A PGlite data dir just after initdb, nothing migrated, as a tarball: for the tests of migrating a new
 * database. initdb is most of a new PGlite's start-up (~1 s of CPU in-process, ~5 s in the child
 * process a new data dir on disk gets); loading its result is a tenth of that, and the database is
 * the one initdb made (its WAL in 1 MB segments, as the migrated template's).
 */
export function pgliteEmptyDump(): Promise<Uint8Array> {
  pgliteEmpty ??= loadOrBuildPgliteDump(`empty-v${TEMPLATE_LAYOUT}`, async () => {});
  return pgliteEmpty;
}

/** Bumped when the way the template is made changes, so an older dump is not reused. */
const TEMPLATE_LAYOUT = 2;

async function loadOrBuildPgliteDump(key: string, make: (db: Db) => Promise<void>): Promise<Uint8Array> {
  // the PGlite version is in the name too: a data dir is only loadable by the PGlite that wrote it
  const name = `adnavi-test-pglite-${pgliteVersion()}-${key}.tar`;
  const file = join(tmpdir(), name);
  removeStaleTarballs(file);
  if (existsSync(file)) {
    const now = new Date();
    utimesSync(file, now, now); // "last used", as the PostgreSQL templates' stamp
    return readFileSync(file);
  }
  const db = await openPgliteDb(undefined, { walSegmentMb: 1 });
  try {
    await make(db);
    await db.execScript('checkpoint'); // so a load replays no WAL
    const dump = await dumpPgliteDb(db);
    const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(partial, dump);
    renameSync(partial, file); // atomic: a racing worker's identical file is simply replaced
    return dump;
  } finally {
    await db.close();
  }
}

/** Other migration sets' (or PGlite versions') dumps not used for a day (see dropStaleTemplates). */
function removeStaleTarballs(current: string): void {
  for (const name of readdirSync(tmpdir())) {
    const path = join(tmpdir(), name);
    if (!/^adnavi-test-pglite-.+\.tar$/.test(name) || path === current) continue;
    try {
      if (Date.now() - statSync(path).mtimeMs > STALE_AFTER_MS) rmSync(path, { force: true });
    } catch {
      // removed by a parallel run
    }
  }
}

function pgliteVersion(): string {
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

const templates = new Map<string, Promise<string>>();

/** The name of the migrated template database on the server at adminUrl (built when missing). */
export function pgTemplateName(adminUrl: string): Promise<string> {
  let name = templates.get(adminUrl);
  if (!name) {
    name = ensurePgTemplate(adminUrl);
    templates.set(adminUrl, name);
  }
  return name;
}

function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function ensurePgTemplate(adminUrl: string): Promise<string> {
  const name = `adnavi_tpl_${migrationsHash()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount) {
      await dropStaleTemplates(admin, name);
      return name;
    }
    const building = `${name}_b${randomBytes(4).toString('hex')}`; // names are generated, not input
    await admin.query(`create database ${building}`);
    const db = openPgDb(databaseUrl(adminUrl, building));
    try {
      await migrate(db);
    } finally {
      await db.close();
    }
    try {
      await admin.query(`alter database ${building} rename to ${name}`);
      // nobody may connect to it (a connection would block every copy), and copies need no connection
      await admin.query(`alter database ${name} with is_template true allow_connections false`);
    } catch (err) {
      await admin.query(`drop database if exists ${building}`);
      if ((err as { code?: string }).code !== '42P04') throw err; // duplicate_database: another run won
    }
    await dropStaleTemplates(admin, name);
    return name;
  } finally {
    await admin.end();
  }
}

const STALE_AFTER_MS = 24 * 3_600_000;
const TEMPLATE_NAME = /^adnavi_tpl_[0-9a-f]{12}$/; // published templates only, never one being built

/**
 * Stamps the template in use with the time (its comment), and drops the other migration sets'
 * templates whose stamp is over a day old. A template never stamped (made before stamps existed) gets
 * one now, so it too has a day's grace. Failures (one in use right now) are left for a later run.
 */
async function dropStaleTemplates(admin: pg.Client, current: string): Promise<void> {
  const now = new Date();
  // names are generated and checked against TEMPLATE_NAME; the stamp is an ISO time
  await admin.query(`comment on database ${current} is '${now.toISOString()}'`);
  const { rows } = await admin.query<{ datname: string; used: string | null }>(
    `select datname, shobj_description(oid, 'pg_database') as used from pg_database
     where datname like 'adnavi\\_tpl\\_%' and datname <> $1`,
    [current],
  );
  for (const { datname, used } of rows) {
    if (!TEMPLATE_NAME.test(datname)) continue;
    const stamp = used ? Date.parse(used) : Number.NaN;
    try {
      if (Number.isNaN(stamp)) {
        await admin.query(`comment on database ${datname} is '${now.toISOString()}'`);
      } else if (now.getTime() - stamp > STALE_AFTER_MS) {
        await admin.query(`alter database ${datname} with is_template false`);
        await admin.query(`drop database if exists ${datname}`);
      }
    } catch {
      // in use, or dropped by a parallel run: a later run tries again
    }
  }
}
