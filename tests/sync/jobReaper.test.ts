// The reaper: a sync job left `active` by a process that is gone is failed for pg-boss to retry (with
// the attempt counted), once; a job whose connection someone is syncing (its lock held) is left alone.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { getJob } from '../../src/db/syncJobs.js';
import { tryLockConnectionSync, unlockConnectionSync } from '../../src/db/syncRuns.js';
import { DEFAULT_WORKSPACE_ID } from '../../src/db/workspaces.js';
import { type JobQueue, openJobQueue, SYNC_QUEUE } from '../../src/sync/jobQueue.js';
import { reapOrphanedJobs } from '../../src/sync/jobReaper.js';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';

describe.each(backends)('job reaper on %s', { timeout: 60_000 }, (kind) => {
  let t: TestDb | undefined;
  let queue: JobQueue | undefined;
  afterEach(async () => {
    await queue?.stop();
    await t?.drop();
  });

  /** A sync job taken by a worker that then vanished: active, and nobody running it. */
  async function orphan() {
    t = await createTestDb(kind);
    queue = await openJobQueue(t.db, { orphanAfterSeconds: 0, retryDelaySeconds: 1, retryLimit: 2 });
    const connectionId = randomUUID();
    const id = await queue.enqueueSync({ workspaceId: DEFAULT_WORKSPACE_ID, connectionId, kind: 'manual' });
    const [taken] = await queue.boss.fetch(SYNC_QUEUE);
    expect(taken.id).toBe(id);
    return { id: id!, connectionId };
  }

  it('fails an orphaned sync job once, for pg-boss to retry', async () => {
    const { id } = await orphan();
    expect(await reapOrphanedJobs({ db: t!.db, queue: queue! })).toEqual([id]);
    const job = await getJob(t!.db, DEFAULT_WORKSPACE_ID, id);
    expect(job?.state).toBe('retry');
    expect(job?.error).toMatch(/stopped .* before it finished/);
    // nothing active any more: a second pass (or another worker's) changes nothing
    expect(await reapOrphanedJobs({ db: t!.db, queue: queue! })).toEqual([]);
    expect((await getJob(t!.db, DEFAULT_WORKSPACE_ID, id))?.retry_count).toBe(job?.retry_count);
  });

  // PGlite is one session, where the advisory lock is re-entrant: there, in-process jobs are known by id
  it.runIf(kind === 'pg')('leaves a job alone while a live session holds its connection', async () => {
    const { id, connectionId } = await orphan();
    await t!.db.session(async (session) => {
      expect(await tryLockConnectionSync(session, connectionId)).toBe(true);
      try {
        expect(await reapOrphanedJobs({ db: t!.db, queue: queue! })).toEqual([]);
        expect((await getJob(t!.db, DEFAULT_WORKSPACE_ID, id))?.state).toBe('active');
      } finally {
        await unlockConnectionSync(session, connectionId);
      }
    });
    expect(await reapOrphanedJobs({ db: t!.db, queue: queue! })).toEqual([id]);
  });
});
