// Crash recovery sooner than pg-boss's expiry. A sync job whose process died stays `active` in
// pg-boss until its expireIn (30 min) passes; the reaper finds it within about a minute and fails
// it, so pg-boss retries it (with its backoff, counting the attempt: a job that kills every process
// that runs it still ends dead-lettered) on a live worker, where the sync resumes from the dead run's
// finished windows.
//
// Why the sync lock and not a heartbeat age: every sync holds its connection's session-level advisory
// lock for the whole run, and PostgreSQL frees it the moment the holder's session ends, so "nobody
// holds the lock" is the database's own word that no process is syncing it. A heartbeat would need a
// staleness threshold longer than any legitimate stall (a long throttle wait, a blocked event loop) and
// would still guess. The grace (orphanAfterSeconds) covers the moments a job runs outside its lock
// (reading its request before taking it, queueing the next slice after); jobs this process is running
// are skipped outright (on PGlite every sync shares the one session, where the lock is re-entrant).
// Each reaper works in one transaction with the job rows locked, so two reapers never fail a job twice.
import type { Db } from '../db/db.js';
import { lockLongRunningJobs } from '../db/syncJobs.js';
import { isConnectionSyncFree } from '../db/syncRuns.js';
import { type Logger, logger } from '../log.js';
import { type JobQueue, SYNC_QUEUE } from './jobQueue.js';
import { isJobRunningHere } from './syncJobs.js';

export interface ReaperDeps {
  db: Db;
  queue: JobQueue;
  log?: Logger;
}

const MESSAGE =
  'the worker running this job stopped (its process died) before it finished; retried on another worker';

/** One pass: fails the orphaned sync jobs (for pg-boss to retry); returns their ids. */
export async function reapOrphanedJobs(deps: ReaperDeps): Promise<string[]> {
  const orphans = await deps.db.transaction(async (tx) => {
    const found: string[] = [];
    for (const job of await lockLongRunningJobs(tx, SYNC_QUEUE, deps.queue.options.orphanAfterSeconds)) {
      if (isJobRunningHere(job.id)) continue;
      if (await isConnectionSyncFree(tx, job.connection_id)) found.push(job.id);
    }
    const db = { executeSql: (text: string, values?: unknown[]) => tx.runLibrarySql(text, values) };
    for (const id of found) await deps.queue.boss.fail(SYNC_QUEUE, id, { message: MESSAGE }, { db });
    return found;
  });
  if (orphans.length > 0) (deps.log ?? logger).warn({ jobIds: orphans }, 'orphaned sync jobs retried');
  return orphans;
}

/** Reaps every `reapEverySeconds` until stopped; errors are logged and the next pass tries again. */
export function startReaper(deps: ReaperDeps): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const timer = setInterval(() => {
    if (stopped) return;
    running = running
      .then(() => reapOrphanedJobs(deps))
      .catch((err) => (deps.log ?? logger).warn({ err: String(err) }, 'job reaper pass failed'));
  }, deps.queue.options.reapEverySeconds * 1000);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
