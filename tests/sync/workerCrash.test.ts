// A worker process killed (SIGKILL) in the middle of a sync: a live worker's reaper fails its job at
// once (its connection's sync lock died with the process; pg-boss's own expiry is left at 30 minutes
// here, so only the reaper can be what saves it), the job is retried on that worker, the sync resumes
// from the dead run's finished windows, and the totals equal the simulator's. While the first worker
// lives, the reaper leaves its job alone however long it runs. PostgreSQL only: PGlite cannot be
// shared by two processes.
import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from '../../src/db/sql.js';
import { getJob } from '../../src/db/syncJobs.js';
import { listSyncRuns } from '../../src/db/syncRuns.js';
import { logger } from '../../src/log.js';
import { type Background, startBackgroundSync } from '../../src/sync/background.js';
import { type JobQueue, openJobQueue } from '../../src/sync/jobQueue.js';
import { reapOrphanedJobs } from '../../src/sync/jobReaper.js';
import { backends } from '../helpers/db.js';
import { factTotals, type SyncFixture, setUpSync, simulatorTotals } from './fixture.js';
import { waitFor } from './waitFor.js';

// 91 days refused above 10 → 6-day windows at 200 ms a call: time to kill the worker between windows
const windows = { maxSyncInsightsDays: 10 };
const faults = { ...windows, latencyMs: 200 };

describe.runIf(backends.includes('pg'))('a killed worker', { timeout: 120_000 }, () => {
  let f: SyncFixture | undefined;
  let child: ChildProcess | undefined;
  let queue: JobQueue | undefined;
  let survivor: Background | undefined;
  afterEach(async () => {
    child?.kill('SIGKILL');
    await survivor?.stop();
    await queue?.stop();
    await f?.close();
  });

  it('leaves its job to another worker, which finishes it exactly', async () => {
    f = await setUpSync('pg', { faults });
    // the job carries the default expiry (30 min): far beyond this test's timeout
    queue = await openJobQueue(f.t.db, { retryDelaySeconds: 1, retryLimit: 3 });
    const jobId = await queue.enqueueSync({ ...f.req, kind: 'initial' });
    child = spawn(process.execPath, ['bin/adnavi.mjs', 'worker', '--concurrency', '1', '--no-scheduler'], {
      env: {
        ...process.env,
        DATABASE_URL: f.t.url,
        ADNAVI_ENCRYPTION_KEY: f.key,
        META_GRAPH_URL: f.sim.url,
        META_API_VERSION: f.sim.version,
        LOG_LEVEL: 'silent',
      },
      stdio: 'ignore',
    });
    await waitFor(async () => {
      const [run] = await listSyncRuns(f!.t.db, f!.req.workspaceId);
      return run && (run.progress.windows_done ?? 0) >= 1 ? run : undefined;
    }, 60_000);
    // another worker process, as the killed one is: the real clock (the fixture's is frozen, and the
    // dead run's stamps come from the child's clock)
    survivor = await startBackgroundSync(
      { ...f.deps, now: () => new Date(), log: logger },
      {
        concurrency: 1,
        scheduler: false,
        queue: {
          pollingIntervalSeconds: 0.5,
          maintenanceIntervalSeconds: 1,
          orphanAfterSeconds: 1,
          reapEverySeconds: 0.25,
        },
      },
    );
    // once the job is past the reaper's grace (pg-boss's clock), a reaper pass leaves the live worker's
    // job alone: the survivor's own passes run meanwhile, and this one is known to have happened
    await waitFor(async () => {
      const [job] = await f!.t.db.query<{ id: string }>(sql`
        select id from pgboss.job where id = ${jobId!} and started_on < now() - interval '1.5 seconds'`);
      return job;
    }, 30_000);
    expect(await reapOrphanedJobs({ db: f.t.db, queue: survivor.queue })).toEqual([]);
    const alive = await getJob(f.t.db, f.req.workspaceId, jobId!);
    expect(alive).toMatchObject({ state: 'active', retry_count: 0 });
    const crashed = await waitFor(
      async () => {
        const [run] = await listSyncRuns(f!.t.db, f!.req.workspaceId);
        return run && (run.progress.windows_done ?? 0) >= 3 ? run : undefined;
      },
      60_000,
      50,
    );
    expect(crashed.status).toBe('running');
    child.kill('SIGKILL');
    f.sim.setFaults(windows); // the survivor's windows need not take time

    const done = await waitFor(async () => {
      const [run] = await listSyncRuns(f!.t.db, f!.req.workspaceId);
      return run?.status === 'succeeded' ? run : undefined;
    }, 90_000);
    expect(done.resumed_from).toBe(crashed.id);
    expect(done.stats.windows_skipped).toBeGreaterThanOrEqual(3);
    const job = await waitFor(async () => {
      const j = await getJob(f!.t.db, f!.req.workspaceId, jobId!);
      return j?.state === 'completed' ? j : undefined;
    }, 10_000);
    expect(job.retry_count).toBeGreaterThanOrEqual(1);
    f.sim.setFaults({});
    expect(await factTotals(f, done.range_since!, done.range_until!)).toEqual(
      await simulatorTotals(f.sim, done.range_since!, done.range_until!),
    );
  });
});
