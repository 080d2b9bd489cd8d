// Db over node-postgres: a Pool for the app, one client per transaction or session.
import pg from 'pg';
import type { Db } from './db.js';
import { render, type SqlFragment } from './sql.js';

// bigint (int8) counts come back as JS numbers (they stay far below 2^53 for ad metrics); numeric
// stays a string so money is never rounded through a float. date stays 'YYYY-MM-DD', not a Date in
// the server's zone.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

type Queryable = pg.Pool | pg.PoolClient;

class PgConnection implements Db {
  readonly kind = 'pg' as const;
  constructor(
    private readonly client: Queryable,
    private readonly inTransaction: boolean,
    private readonly pool: pg.Pool,
  ) {}

  async query<R>(query: SqlFragment): Promise<R[]> {
    const { text, values } = render(query);
    const result = await this.client.query(text, values);
    return result.rows as R[];
  }

  async execScript(script: string): Promise<void> {
    await this.client.query(script); // no values → simple protocol, which allows several statements
  }

  async runLibrarySql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> {
    const result = await this.client.query(text, values);
    // a multi-statement script answers an array of results: the last one is the script's answer
    return Array.isArray(result) ? (result[result.length - 1] ?? { rows: [] }) : result;
  }

  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    if (this.client !== this.pool) return runInTransaction(this.client as pg.PoolClient, this.pool, fn);
    const client = await this.pool.connect();
    try {
      return await runInTransaction(client, this.pool, fn);
    } finally {
      client.release();
    }
  }

  async session<T>(fn: (conn: Db) => Promise<T>): Promise<T> {
    if (this.client !== this.pool) return fn(this);
    const client = await this.pool.connect();
    try {
      return await fn(new PgConnection(client, false, this.pool));
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    if (this.client === this.pool) await this.pool.end();
  }
}

async function runInTransaction<T>(
  client: pg.PoolClient,
  pool: pg.Pool,
  fn: (tx: Db) => Promise<T>,
): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await fn(new PgConnection(client, true, pool));
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

export function openPgDb(url: string, max = 10): Db {
  // a server that never answers must fail the first query in seconds, not hang it
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 10_000 });
  // An idle client that errors (server restart) must not crash the process.
  pool.on('error', () => undefined);
  return new PgConnection(pool, false, pool);
}
