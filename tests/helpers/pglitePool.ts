// Reused in-memory PGlite test databases. Loading the migrated template into a new PGlite costs
// ~0.3-0.5 s of CPU (untar into its in-memory file system, then PostgreSQL's start-up), and a suite
// run made ~80 of them in the worker processes; putting a released database back into the template's
// state costs a tenth of that. A worker runs one file at a time, so an idle database waits here for
// the next file's createTestDb.
//
// A database goes back into the pool only when its state can be made the template's again exactly:
// - whoever held it wrote no DDL of their own (no create/alter/drop/grant/vacuum/analyze... through
//   query or execScript); pg-boss's own statements (runLibrarySql) only touch its schema, dropped here;
// - it was not closed, and every reset statement succeeded;
// - afterwards the catalog matches the template's (same objects, same pg_class rows, no planner
//   statistics, sequences at their start), checked, not assumed.
// Anything else: the database is closed and the next caller gets a freshly loaded one, as before.
// A released lease refuses every later call ("dropped"), as a closed PGlite did, so a stray timer of
// one file can never write into the next file's database.
import type { Db } from '../../src/db/db.js';
import { openPgliteDb } from '../../src/db/pgliteDb.js';
import { render, type SqlFragment } from '../../src/db/sql.js';
import { pgliteTemplateDump } from './templateDb.js';

/**
 * SQL text that changes the catalog: such a database is not reused. VACUUM and ANALYZE are not here: a
 * sync ends with one (refreshStatisticsIfDue), and all they leave is what reset puts back and then
 * checks (planner statistics, pg_class's figures, the tables' files, which truncate replaces). Counted
 * as DDL, they sent half of the suite's databases to a fresh load (~0.4 s of CPU each).
 */
const DDL =
  /\b(create|alter|drop|grant|revoke|comment|cluster|reindex|security|import|lock|refresh|rename)\b/i;

const USER_NS = `(select oid from pg_namespace where nspname not like 'pg\\_%' and nspname <> 'information_schema')`;

/** What must equal the template's after a reset: every object in our schemas and its pg_class row. */
const CATALOG = `select string_agg(x, E'\\n' order by x) as catalog from (
  select 'ns ' || nspname as x from pg_namespace where oid in ${USER_NS}
  union all select 'rel ' || c.oid || ' ' || c.relname || ' ' || c.relkind::text || ' ' || c.reltuples || ' '
    || c.relpages || ' ' || c.relallvisible || ' ' || c.relnatts || ' ' || c.relchecks || ' ' || c.relhastriggers
    || ' ' || c.relhasindex || ' ' || c.relrowsecurity || ' ' || c.relpersistence::text || ' '
    || coalesce(c.relacl::text, '') || ' ' || coalesce(c.reloptions::text, '')
    from pg_class c where c.relnamespace in ${USER_NS}
  union all select 'att ' || a.attrelid || ' ' || a.attnum || ' ' || a.xmin from pg_attribute a
    join pg_class c on c.oid = a.attrelid where c.relnamespace in ${USER_NS}
  union all select 'con ' || oid || ' ' || xmin from pg_constraint where connamespace in ${USER_NS}
  union all select 'idx ' || i.indexrelid || ' ' || i.xmin from pg_index i join pg_class c on c.oid = i.indexrelid
    where c.relnamespace in ${USER_NS}
  union all select 'def ' || oid || ' ' || xmin from pg_attrdef
  union all select 'trg ' || oid || ' ' || xmin from pg_trigger
  union all select 'rule ' || oid || ' ' || xmin from pg_rewrite where ev_class >= 16384
  union all select 'fn ' || oid || ' ' || xmin from pg_proc where pronamespace in ${USER_NS}
  union all select 'type ' || oid || ' ' || xmin from pg_type where typnamespace in ${USER_NS}
  union all select 'pol ' || oid || ' ' || xmin from pg_policy
  union all select 'role ' || oid || ' ' || xmin from pg_authid
  union all select 'ext ' || oid || ' ' || xmin from pg_extension
  union all select 'dbset ' || coalesce(setconfig::text, '') from pg_db_role_setting
  union all select 'seq ' || schemaname || '.' || sequencename || ' ' || coalesce(last_value::text, '-') from pg_sequences
  union all select 'stat ' || count(*) from pg_statistic s join pg_class c on c.oid = s.starelid
    where c.relnamespace in ${USER_NS}
) f`;

interface Template {
  catalog: string;
  /** Our tables, for one truncate. */
  tables: string[];
  /** The rows the migrations put in (e.g. the default workspace), as JSON per table. */
  seeds: [table: string, rows: string][];
  /** pg_class's statistics columns as the template has them (truncate resets them). */
  relStats: string;
}

const idle: Db[] = [];
/** Described once, from the first database loaded: every load of the same dump is the same state. */
let template: Template | undefined;
const MAX_IDLE = 2;

async function rows<R>(db: Db, text: string, values?: unknown[]): Promise<R[]> {
  return (await db.runLibrarySql(text, values)).rows as R[];
}

async function readTemplate(db: Db): Promise<Template> {
  const [{ catalog }] = await rows<{ catalog: string }>(db, CATALOG);
  const tables = (
    await rows<{ t: string }>(
      db,
      `select c.oid::regclass::text as t from pg_class c where c.relkind in ('r', 'p') and c.relnamespace in ${USER_NS} order by 1`,
    )
  ).map((r) => r.t);
  const seeds: [string, string][] = [];
  for (const table of tables) {
    // table names come from the catalog of the template we just loaded, not from input
    const [{ j }] = await rows<{ j: string | null }>(db, `select json_agg(x)::text as j from ${table} x`);
    if (j) seeds.push([table, j]);
  }
  const [{ s }] = await rows<{ s: string }>(
    db,
    `select json_agg(json_build_array(oid, reltuples, relpages, relallvisible))::text as s from pg_class where relnamespace in ${USER_NS}`,
  );
  return { catalog, tables, seeds, relStats: s };
}

/** Puts the database back into the template's state; false when it cannot be shown to be. */
async function reset(db: Db, template: Template): Promise<boolean> {
  await db.execScript('discard all'); // session settings, prepared statements, temp tables, advisory locks
  const schemas = await rows<{ nspname: string }>(
    db,
    `select nspname from pg_namespace where oid in ${USER_NS} and nspname <> 'public'`,
  );
  // pg-boss's schema (made by its start); the names come from the catalog, quoted
  for (const { nspname } of schemas)
    await db.execScript(`drop schema "${nspname.replaceAll('"', '""')}" cascade`);
  // replica: no triggers (the roll-ups' truncate triggers), and the seed rows go back as they were
  await db.execScript(`set session_replication_role = replica;
    truncate ${template.tables.join(', ')} restart identity;
    delete from pg_statistic where starelid in (select oid from pg_class where relnamespace in ${USER_NS});`);
  for (const [table, json] of template.seeds) {
    await db.runLibrarySql(`insert into ${table} select * from json_populate_recordset(null::${table}, $1)`, [
      json,
    ]);
  }
  await db.runLibrarySql(
    `update pg_class c set reltuples = (s->>1)::real, relpages = (s->>2)::int, relallvisible = (s->>3)::int
     from json_array_elements($1::json) s where c.oid = (s->>0)::oid`,
    [template.relStats],
  );
  await db.execScript('reset session_replication_role; select pg_stat_reset();');
  const [{ catalog }] = await rows<{ catalog: string }>(db, CATALOG);
  return catalog === template.catalog;
}

/**
 * A migrated in-memory PGlite database, and how to give it back. Same contract as a fresh one from
 * the template: the lease is a Db that stops answering once released.
 */
export async function leasePgliteDb(): Promise<{ db: Db; release(): Promise<void> }> {
  const pooled = idle.pop() ?? (await openFresh());
  const described = template;
  let released = false;
  let reusable = true;
  const taint = (text: string) => {
    if (DDL.test(text)) reusable = false;
  };
  // called first in every (async) method, so a dropped lease rejects as a closed PGlite does
  const live = () => {
    if (released) throw new Error('this test database was dropped');
  };
  const wrap = (inner: Db, top: boolean): Db & { dump(): Promise<Blob> } => ({
    kind: 'pglite',
    async query<R>(query: SqlFragment) {
      live();
      taint(render(query).text);
      return inner.query<R>(query);
    },
    async execScript(script: string) {
      live();
      taint(script);
      return inner.execScript(script);
    },
    async runLibrarySql(text: string, values?: unknown[]) {
      live();
      return inner.runLibrarySql(text, values);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>) {
      live();
      return inner.transaction((tx) => fn(tx === inner ? wrapped : wrap(tx, false)));
    },
    async session<T>(fn: (conn: Db) => Promise<T>) {
      live();
      return inner.session((conn) => fn(conn === inner ? wrapped : wrap(conn, false)));
    },
    async close() {
      if (!top) return inner.close();
      if (released) return;
      reusable = false;
      await inner.close();
    },
    async dump() {
      live();
      return (inner as unknown as { dump(): Promise<Blob> }).dump();
    },
  });
  const wrapped = wrap(pooled, true);
  return {
    db: wrapped,
    async release() {
      if (released) return;
      released = true;
      const ok =
        reusable &&
        described &&
        idle.length < MAX_IDLE &&
        (await reset(pooled, described).catch(() => false));
      if (ok) {
        idle.push(pooled);
        return;
      }
      await pooled.close();
    },
  };
}

let loads = 0;
/** How many databases this worker has loaded from the template (the rest were reused). */
export const freshLoads = (): number => loads;

async function openFresh(): Promise<Db> {
  loads++;
  // the quick start's 8 MB of buffers: a test database holds a few MB, and the pool is zero-filled at every open
  const db = await openPgliteDb(undefined, { from: await pgliteTemplateDump(), quickStart: true });
  template ??= await readTemplate(db);
  return db;
}
