// What a worker does with one job. A sync job becomes a sync request (the kind decides the days), runs
// through the one sync path (syncService: advisory lock, sync_runs, resume), and then schedules the
// next slice of history when there is one. What the queue must not wait on is handed back to it:
// - the connection is busy (another process holds its lock, or this one runs it): the job is queued
//   again a little later and its worker slot is free at once;
// - Meta throttles the account longer than a worker may wait: the job is queued again for when
//   Meta said the budget is back, so one throttled account never holds a slot others could use.
// Every other failure is thrown: pg-boss retries it with backoff and jitter, then keeps it as failed
// (the dead-letter state a person sees and retries). Logs carry the job id.

import { refreshExpiringTokens } from '../auth/tokenRefresh.js';
import { addDays, todayIn } from '../calendar.js';
import { getConnection } from '../db/connections.js';
import { lastForwardRun } from '../db/syncRuns.js';
import { getSchedule, syncedSince } from '../db/syncSchedules.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { type Logger, logger } from '../log.js';
import type { JobQueue, SyncJob, TokenJob } from './jobQueue.js';
import { MetaApiError } from './meta/metaErrors.js';
import { isSyncRunning, runSync, type SyncDeps, type SyncRequest } from './syncService.js';
import { nextBackfillSlice } from './syncWindows.js';

export interface JobDeps extends SyncDeps {
  queue: JobQueue;
  /** How long a job whose connection is busy waits before it is tried again (default 30 s). */
  busyRetrySeconds?: number;
}

export interface JobOutcome {
  status: 'synced' | 'deferred' | 'skipped';
  reason?: string;
  runId?: string;
  nextSlice?: { since: string; until: string };
}

/** The sync request a job kind stands for, given what the connection already has. */
async function requestFor(deps: JobDeps, job: SyncJob): Promise<SyncRequest> {
  const base = { workspaceId: job.workspaceId, connectionId: job.connectionId };
  if (job.kind === 'backfill' || job.kind === 'manual') return { ...base, from: job.from, to: job.to };
  const connection = await getConnection(deps.db, job.workspaceId, job.connectionId);
  if (!connection) throw new NotFoundError(`connection ${job.connectionId} no longer exists`);
  const forward = await lastForwardRun(deps.db, job.connectionId);
  // never synced (or its zone unknown): whatever was scheduled, the first sync comes first
  if (!forward || !connection.time_zone) return base;
  if (job.kind === 'intraday') {
    const today = todayIn(connection.time_zone, (deps.now ?? (() => new Date()))());
    return { ...base, from: addDays(today, -1), to: today, hourly: true };
  }
  return base; // lookback and initial: an incremental run (last complete day minus the lookback)
}

/** base to twice base, to a tenth of a second (pg-boss takes fractional seconds for startAfter). */
function jitterSeconds(base: number): number {
  return Math.round(base * (1 + Math.random()) * 10) / 10;
}

/** Jobs this process is running (the reaper never takes them for orphans). */
const runningHere = new Set<string>();

export function isJobRunningHere(jobId: string): boolean {
  return runningHere.has(jobId);
}

export async function runSyncJob(deps: JobDeps, jobId: string, job: SyncJob): Promise<JobOutcome> {
  runningHere.add(jobId);
  try {
    return await syncJob(deps, jobId, job);
  } finally {
    runningHere.delete(jobId);
  }
}

async function syncJob(deps: JobDeps, jobId: string, job: SyncJob): Promise<JobOutcome> {
  const log = (deps.log ?? logger).child({ jobId, connectionId: job.connectionId, kind: job.kind });
  const busyRetry = deps.busyRetrySeconds ?? 30;
  let run: Awaited<ReturnType<typeof runSync>>;
  try {
    const req = await requestFor(deps, job);
    // checked right before runSync starts (no await between): runSync would otherwise hand back the
    // run already going in this process instead of doing this job's own days
    if (isSyncRunning(job.connectionId)) return defer(deps, job, jitterSeconds(busyRetry), 'busy', log);
    run = await runSync({ ...deps, log }, req);
  } catch (err) {
    if (err instanceof ConflictError) return defer(deps, job, jitterSeconds(busyRetry), 'busy', log);
    if (err instanceof MetaApiError && err.kind === 'throttle' && err.retryAfterMs !== undefined) {
      return defer(deps, job, Math.ceil(err.retryAfterMs / 1000) + jitterSeconds(5), 'throttled', log);
    }
    log.warn({ err: err instanceof Error ? err.message : String(err) }, 'sync job failed');
    throw err;
  }
  // history continues after a first sync, a slice, or the daily lookback (which restarts a chain
  // whose slice died); never after the hourly refresh, which would queue the running slice's twin
  const chains = run.kind === 'initial' || job.kind === 'backfill' || job.kind === 'lookback';
  const nextSlice = chains ? await queueNextSlice(deps, job) : undefined;
  log.info({ runId: run.id, nextSlice }, 'sync job done');
  return { status: 'synced', runId: run.id, nextSlice };
}

async function defer(
  deps: JobDeps,
  job: SyncJob,
  seconds: number,
  reason: 'busy' | 'throttled',
  log: Logger,
): Promise<JobOutcome> {
  await deps.queue.enqueueSync(job, { startAfterSeconds: seconds });
  log.info({ reason, retryInSeconds: seconds }, 'sync job deferred');
  return { status: 'deferred', reason };
}

/** After a forward sync or a slice: the next slice of older history, if the limit is not reached. */
async function queueNextSlice(
  deps: JobDeps,
  job: SyncJob,
): Promise<{ since: string; until: string } | undefined> {
  const connection = await getConnection(deps.db, job.workspaceId, job.connectionId);
  const schedule = await getSchedule(deps.db, job.workspaceId, job.connectionId);
  const since = await syncedSince(deps.db, job.connectionId);
  if (!connection?.time_zone || !schedule?.enabled || !since) return undefined;
  const slice = nextBackfillSlice({
    syncedSince: since,
    today: todayIn(connection.time_zone, (deps.now ?? (() => new Date()))()),
    limitDays: schedule.backfill_limit_days,
    sliceDays: schedule.backfill_slice_days,
  });
  if (!slice) return undefined;
  await deps.queue.enqueueSync({ ...job, kind: 'backfill', from: slice.since, to: slice.until });
  return slice;
}

export async function runTokenJob(deps: JobDeps, jobId: string, job: TokenJob): Promise<JobOutcome> {
  const log = (deps.log ?? logger).child({ jobId, connectionId: job.connectionId });
  const result = await refreshExpiringTokens({ ...deps, log }, job.workspaceId, {
    now: (deps.now ?? (() => new Date()))(),
  });
  log.info(result, 'token check done');
  return { status: 'synced', reason: JSON.stringify(result) };
}
