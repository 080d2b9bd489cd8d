// Progressive backfill: the first sync loads the 90 whole days before today plus today, then older
// history follows one slice per low-priority job until the schedule's limit, and the whole span
// ends exactly equal to the simulator's numbers (nothing missing at slice edges, nothing doubled).
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../src/calendar.js';
import { listJobs } from '../../src/db/syncJobs.js';
import { listSyncRuns } from '../../src/db/syncRuns.js';
import { ensureSchedules, syncedSince, updateSchedule } from '../../src/db/syncSchedules.js';
import { logger } from '../../src/log.js';
import { type Background, startBackgroundSync } from '../../src/sync/background.js';
import { backends } from '../helpers/db.js';
import { factTotals, RUNNING_SYNC_CLOCK, type SyncFixture, setUpSync, simulatorTotals } from './fixture.js';
import { waitFor } from './waitFor.js';

describe.each(backends)('progressive backfill on %s', { timeout: 180_000 }, (kind) => {
  let f: SyncFixture | undefined;
  let b: Background | undefined;
  afterEach(async () => {
    await b?.stop();
    await f?.close();
  });

  it('loads last_90d plus today first, then slices down to the limit, exactly', async () => {
    f = await setUpSync(kind, {}, RUNNING_SYNC_CLOCK); // runs are listed in the order they were created
    await ensureSchedules(f.t.db);
    await updateSchedule(f.t.db, f.req.workspaceId, f.connection.id, {
      backfill_limit_days: 120,
      backfill_slice_days: 16,
    });
    b = await startBackgroundSync(
      { ...f.deps, log: logger },
      { concurrency: 1, scheduler: false, queue: { pollingIntervalSeconds: 0.5 } },
    );
    await b.queue.enqueueSync({ ...f.req, kind: 'initial' });
    const today = todayIn(f.sim.accounts[0].timeZone, f.deps.now!());
    await waitFor(async () => {
      const open = await listJobs(f!.t.db, f!.req.workspaceId, ['created', 'retry', 'active']);
      const since = await syncedSince(f!.t.db, f!.connection.id);
      return open.length === 0 && since === addDays(today, -120) ? true : undefined;
    }, 150_000);

    const runs = (await listSyncRuns(f.t.db, f.req.workspaceId, { limit: 20 })).reverse();
    expect(runs.map((r) => [r.kind, r.range_since, r.range_until])).toEqual([
      ['initial', addDays(today, -90), today],
      ['range', addDays(today, -106), addDays(today, -91)],
      ['range', addDays(today, -120), addDays(today, -107)], // the last slice stops at the limit
    ]);
    expect(await factTotals(f, addDays(today, -120), today)).toEqual(
      await simulatorTotals(f.sim, addDays(today, -120), today),
    );
  });
});
