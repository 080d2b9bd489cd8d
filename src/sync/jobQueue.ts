// The durable job queue: pg-boss 10 on our own database, through our Db seam on both backends.
//
// Why this shape: pg-boss accepts a `db` object with executeSql(text, values). We hand it our Db
// (Db.runLibrarySql), so the queue runs on node-postgres and on embedded PGlite by one code path:
// PGlite runs pg-boss's statements as they are (SKIP LOCKED, partitions, advisory xact locks), its
// parameterless multi-statement scripts through exec. No socket server, no second connection pool.
//
// Queues and what they promise:
// - `sync-connection` (policy "short": at most one *queued* job per singleton key, so a schedule that
//   fires while its last job still waits adds nothing). The key is connection:kind. Mutual exclusion
//   of *running* syncs is the sync's advisory lock (syncService), not pg-boss's singleton policy: a
//   singleton job at the head of the queue blocks the fetch for every other account while its twin
//   runs, which is exactly the starvation an agency must not see. A job that finds its connection
//   busy is re-queued for later and frees its worker slot at once.
// - `refresh-token`: token checks, same policy.
// Retries: exponential backoff with jitter (pg-boss's retryBackoff: delay × 2^n, half of it random).
// After the last retry a job stays in pg-boss's `failed` state: that is the dead-letter state, listed
// by src/db/syncJobs.ts and retried by a person (REST, Settings). A sync job of a process that died is
// failed within about a minute by any live worker's reaper (jobReaper.ts: the connection's sync lock
// is free, so nobody runs it) and retried on another worker; pg-boss's expiration (expireIn) stays as
// the backstop for a process that hangs while holding the lock.
import PgBoss from 'pg-boss';
import { z } from 'zod';
import { isoDateSchema } from '../calendar.js';
import type { Db } from '../db/db.js';
import type { Logger } from '../log.js';

export const SYNC_QUEUE = 'sync-connection';
export const TOKEN_QUEUE = 'refresh-token';
export const QUEUE_NAMES = [SYNC_QUEUE, TOKEN_QUEUE] as const;

export const SYNC_JOB_KINDS = ['initial', 'intraday', 'lookback', 'backfill', 'manual'] as const;
export type SyncJobKind = (typeof SYNC_JOB_KINDS)[number];

export const syncJobSchema = z.object({
  workspaceId: z.uuid(),
  connectionId: z.uuid(),
  kind: z.enum(SYNC_JOB_KINDS),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});
export type SyncJob = z.infer<typeof syncJobSchema>;

export const tokenJobSchema = z.object({ workspaceId: z.uuid(), connectionId: z.uuid() });
export type TokenJob = z.infer<typeof tokenJobSchema>;

/** Higher runs first. A first sync beats refreshes; history slices wait for everything else. */
const PRIORITY: Record<SyncJobKind, number> = {
  initial: 30,
  manual: 20,
  intraday: 20,
  lookback: 20,
  backfill: 0,
};

export interface JobQueueOptions {
  /** Attempts after the first before a job is dead (failed). */
  retryLimit?: number;
  /** Base of the exponential backoff, seconds. */
  retryDelaySeconds?: number;
  /** A job running longer than this is taken for dead (its process crashed) and retried. */
  expireInSeconds?: number;
  pollingIntervalSeconds?: number;
  maintenanceIntervalSeconds?: number;
  /** A running sync job this old whose connection nobody syncs is orphaned (its process died). */
  orphanAfterSeconds?: number;
  /** How often each worker looks for orphaned jobs. */
  reapEverySeconds?: number;
  log?: Logger;
}

const DEFAULTS = {
  retryLimit: 5,
  retryDelaySeconds: 30,
  expireInSeconds: 30 * 60,
  pollingIntervalSeconds: 2,
  maintenanceIntervalSeconds: 60,
  orphanAfterSeconds: 45,
  reapEverySeconds: 15,
};

export class JobQueue {
  readonly options: typeof DEFAULTS;
  /** This process's consumers of the sync queue (worker ids), woken by a job queued here. */
  private readonly syncWorkers = new Set<string>();

  constructor(
    readonly boss: PgBoss,
    options: typeof DEFAULTS,
  ) {
    this.options = options;
  }

  /** Queues a sync; null when one of the same kind is already waiting for this connection. */
  async enqueueSync(job: SyncJob, opts: { startAfterSeconds?: number } = {}): Promise<string | null> {
    const data = syncJobSchema.parse(job);
    const id = await this.boss.send(SYNC_QUEUE, data, {
      ...this.jobOptions(),
      priority: PRIORITY[data.kind],
      singletonKey: `${data.connectionId}:${data.kind}`,
      startAfter: opts.startAfterSeconds,
    });
    if (id !== null && !opts.startAfterSeconds) this.wakeSyncWorkers();
    return id;
  }

  /**
   * A worker of this process on the sync queue: a job queued here that may start now wakes it, so it
   * starts at once instead of at the worker's next poll (up to pollingIntervalSeconds later; other
   * processes' workers still find it by polling). Returns the removal.
   */
  addSyncWorker(workerId: string): () => void {
    this.syncWorkers.add(workerId);
    return () => void this.syncWorkers.delete(workerId);
  }

  private wakeSyncWorkers(): void {
    for (const id of this.syncWorkers) this.boss.notifyWorker(id);
  }

  async enqueueTokenCheck(job: TokenJob): Promise<string | null> {
    const data = tokenJobSchema.parse(job);
    return this.boss.send(TOKEN_QUEUE, data, {
      ...this.jobOptions(),
      priority: 10,
      singletonKey: data.connectionId,
    });
  }

  // Retry and expiry travel with each job (the one who queues it decides), so processes started
  // with other settings never rewrite each other's queue definitions.
  private jobOptions(): PgBoss.SendOptions {
    return {
      retryLimit: this.options.retryLimit,
      retryDelay: this.options.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: this.options.expireInSeconds,
    };
  }

  /** Puts a dead (failed) job back in the queue. */
  async retry(queue: (typeof QUEUE_NAMES)[number], jobId: string): Promise<void> {
    await this.boss.retry(queue, jobId);
    if (queue === SYNC_QUEUE) this.wakeSyncWorkers();
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }
}

/** Starts pg-boss on `db` (creating or migrating its schema) and makes sure our queues exist. */
export async function openJobQueue(db: Db, opts: JobQueueOptions = {}): Promise<JobQueue> {
  const o = {
    retryLimit: opts.retryLimit ?? DEFAULTS.retryLimit,
    retryDelaySeconds: opts.retryDelaySeconds ?? DEFAULTS.retryDelaySeconds,
    expireInSeconds: opts.expireInSeconds ?? DEFAULTS.expireInSeconds,
    pollingIntervalSeconds: opts.pollingIntervalSeconds ?? DEFAULTS.pollingIntervalSeconds,
    maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds ?? DEFAULTS.maintenanceIntervalSeconds,
    orphanAfterSeconds: opts.orphanAfterSeconds ?? DEFAULTS.orphanAfterSeconds,
    reapEverySeconds: opts.reapEverySeconds ?? DEFAULTS.reapEverySeconds,
  };
  const boss = new PgBoss({
    db: { executeSql: (text: string, values?: unknown[]) => db.runLibrarySql(text, values) },
    schedule: false, // schedules are ours (account time zones, stored per connection): src/sync/scheduler.ts
    supervise: true,
    maintenanceIntervalSeconds: o.maintenanceIntervalSeconds,
  } as PgBoss.ConstructorOptions);
  boss.on('error', (err) => opts.log?.warn({ err: String(err) }, 'job queue error'));
  await boss.start();
  for (const name of QUEUE_NAMES) {
    const queue = {
      name,
      policy: 'short',
      retryLimit: o.retryLimit,
      retryDelay: o.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: o.expireInSeconds,
    } as PgBoss.Queue;
    await boss.createQueue(name, queue); // does nothing when it exists
  }
  return new JobQueue(boss, o);
}
