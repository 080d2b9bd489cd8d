// A worker: pg-boss consumers for our queues in this process. `concurrency` sync slots, each its own
// consumer fetching one job at a time, so one long job never holds jobs fetched behind it. Jobs are
// fetched by priority, then oldest first; a deferred job is queued anew (at the back), which makes
// the queue round-robin over accounts. The Graph budget of each ad account is shared by every
// process through the usage limiter (Redis / Bottleneck cluster when REDIS_URL is set). Each worker
// also reaps the sync jobs of workers that died (jobReaper.ts).
import type PgBoss from 'pg-boss';
import { SYNC_QUEUE, syncJobSchema, TOKEN_QUEUE, tokenJobSchema } from './jobQueue.js';
import { startReaper } from './jobReaper.js';
import { type JobDeps, runSyncJob, runTokenJob } from './syncJobs.js';

export interface Worker {
  stop(): Promise<void>;
}

export interface WorkerOptions {
  concurrency: number;
}

export async function startWorker(deps: JobDeps, opts: WorkerOptions): Promise<Worker> {
  const { boss } = deps.queue;
  const polling = { pollingIntervalSeconds: deps.queue.options.pollingIntervalSeconds };
  const ids: string[] = [];
  const unwake: (() => void)[] = [];
  for (let i = 0; i < opts.concurrency; i++) {
    const id = await boss.work(SYNC_QUEUE, polling, async ([job]: PgBoss.Job<object>[]) =>
      runSyncJob(deps, job.id, syncJobSchema.parse(job.data)),
    );
    ids.push(id);
    unwake.push(deps.queue.addSyncWorker(id));
  }
  ids.push(
    await boss.work(TOKEN_QUEUE, polling, async ([job]: PgBoss.Job<object>[]) =>
      runTokenJob(deps, job.id, tokenJobSchema.parse(job.data)),
    ),
  );
  // every worker also looks for jobs of workers that died (jobReaper.ts)
  const reaper = startReaper({ db: deps.db, queue: deps.queue, log: deps.log });
  return {
    stop: async () => {
      await reaper.stop();
      for (const remove of unwake) remove();
      for (const id of ids) await boss.offWork({ id });
    },
  };
}
