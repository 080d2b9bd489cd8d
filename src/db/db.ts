// The Db seam: a small interface over node-postgres (a real server) and PGlite (embedded). Everything
// above src/db talks to this and nothing else; only src/db writes SQL.
import type { SqlFragment } from './sql.js';

export type DbKind = 'pg' | 'pglite';

export interface Db {
  readonly kind: DbKind;
  /** Runs one parameterised statement and returns its rows. */
  query<R = Record<string, unknown>>(query: SqlFragment): Promise<R[]>;
  /** Runs fn in a transaction on one connection; commits if it resolves, rolls back if it throws. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /**
   * Runs fn on one pinned connection without a transaction (for session-level advisory locks
   * held across many transactions, e.g. one sync per connection).
   */
  session<T>(fn: (conn: Db) => Promise<T>): Promise<T>;
  /** Runs a multi-statement script with no parameters. Only for trusted files from the repository (migrations). */
  execScript(script: string): Promise<void>;
  /**
   * Runs SQL text a trusted library wrote (pg-boss's own statements: one parameterised statement,
   * or a parameterless multi-statement script). Never for our SQL, which goes through `query`.
   */
  runLibrarySql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  close(): Promise<void>;
}
