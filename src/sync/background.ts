// Keeping data fresh without anyone asking: the job queue, a worker and (optionally) the scheduler,
// started together and stopped together. `adnavi worker` runs this on its own; `npm start` runs it
// inside the server process on the embedded database (one code path on PGlite and PostgreSQL).
import type { Logger } from '../log.js';
import { type JobQueue, type JobQueueOptions, openJobQueue } from './jobQueue.js';
import { startScheduler } from './scheduler.js';
import type { JobDeps } from './syncJobs.js';
import { startWorker } from './worker.js';

/** A worker waits this long on a throttled account before it re-queues the job for later. */
const WORKER_MAX_THROTTLE_WAIT_MS = 60_000;

export interface BackgroundOptions {
  concurrency: number;
  /** Also fire schedules from this process (safe in any number of processes). */
  scheduler: boolean;
  schedulerEveryMs?: number;
  queue?: JobQueueOptions;
  /** A queue already open (the server's): used, and left open at stop(). */
  openQueue?: JobQueue;
  busyRetrySeconds?: number;
}

export interface Background {
  queue: JobQueue;
  stop(): Promise<void>;
}

export async function startBackgroundSync(
  deps: Omit<JobDeps, 'queue'> & { log: Logger },
  opts: BackgroundOptions,
): Promise<Background> {
  const queue = opts.openQueue ?? (await openJobQueue(deps.db, { log: deps.log, ...opts.queue }));
  const jobDeps: JobDeps = {
    ...deps,
    queue,
    busyRetrySeconds: opts.busyRetrySeconds,
    tuning: { maxThrottleWaitMs: WORKER_MAX_THROTTLE_WAIT_MS, ...deps.tuning },
  };
  const worker = await startWorker(jobDeps, { concurrency: opts.concurrency });
  const scheduler = opts.scheduler
    ? startScheduler(
        { db: deps.db, queue, now: deps.now ?? (() => new Date()), log: deps.log },
        opts.schedulerEveryMs,
      )
    : undefined;
  return {
    queue,
    stop: async () => {
      await scheduler?.stop();
      await worker.stop();
      if (!opts.openQueue) await queue.stop(); // waits for the jobs in flight (graceful), then closes
    },
  };
}
