// Reads of the job queue's own tables (pg-boss's schema `pgboss`, created by pg-boss at start, not by
// our migrations) for what a person sees: jobs of a workspace that are waiting, running or dead. A
// `failed` job has used all its retries: the dead-letter state, kept until a person retries it (or
// pg-boss archives it after its retention). Writes to these tables are pg-boss's alone (the reaper
// only row-locks jobs it is about to hand to pg-boss's own fail).
import type { Db } from './db.js';
import { isUuid } from './ids.js';
import { sql } from './sql.js';

export interface QueuedJobRow {
  id: string;
  name: string;
  state: 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';
  connection_id: string;
  kind: string | null;
  retry_count: number;
  retry_limit: number;
  start_after: Date;
  started_on: Date | null;
  completed_on: Date | null;
  created_on: Date;
  /** The last failure's message (pg-boss stores the thrown error as the job's output). */
  error: string | null;
}

const columns = sql`
  id::text, name, state::text, data->>'connectionId' as connection_id, data->>'kind' as kind,
  retry_count, retry_limit, start_after, started_on, completed_on, created_on,
  coalesce(output->>'message', output->'value'->>'message') as error`;

async function queueExists(db: Db): Promise<boolean> {
  const rows = await db.query<{ ok: boolean }>(sql`select to_regclass('pgboss.job') is not null as ok`);
  return rows[0].ok;
}

/** Jobs of the workspace in a state (newest first); empty before the queue ever started. */
export async function listJobs(
  db: Db,
  workspaceId: string,
  states: QueuedJobRow['state'][],
  opts: { connectionId?: string; limit?: number } = {},
): Promise<QueuedJobRow[]> {
  if (!(await queueExists(db))) return [];
  if (opts.connectionId !== undefined && !isUuid(opts.connectionId)) return [];
  const byConnection = opts.connectionId ? sql`and data->>'connectionId' = ${opts.connectionId}` : sql.empty;
  return db.query<QueuedJobRow>(sql`
    select ${columns} from pgboss.job
    where data->>'workspaceId' = ${workspaceId} and state::text = any(${states}::text[]) ${byConnection}
    order by created_on desc limit ${opts.limit ?? 50}`);
}

/** One job of the workspace, by id. */
export async function getJob(db: Db, workspaceId: string, jobId: string): Promise<QueuedJobRow | undefined> {
  if (!isUuid(jobId) || !(await queueExists(db))) return undefined;
  const rows = await db.query<QueuedJobRow>(sql`
    select ${columns} from pgboss.job where id = ${jobId} and data->>'workspaceId' = ${workspaceId}`);
  return rows[0];
}

/**
 * Active jobs of a queue started more than `graceSeconds` ago (pg-boss's clock: the database's), each
 * row-locked for the caller's transaction; jobs another reaper holds are skipped.
 */
export async function lockLongRunningJobs(
  tx: Db,
  queue: string,
  graceSeconds: number,
): Promise<{ id: string; connection_id: string }[]> {
  if (!(await queueExists(tx))) return [];
  return tx.query<{ id: string; connection_id: string }>(sql`
    select id::text, data->>'connectionId' as connection_id from pgboss.job
    where name = ${queue} and state = 'active' and started_on < now() - make_interval(secs => ${graceSeconds})
    order by started_on
    limit 100
    for update skip locked`);
}
