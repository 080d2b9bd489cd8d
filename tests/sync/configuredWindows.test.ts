// The backfill window comes from the environment (ADNAVI_SYNC_BACKFILL_DAYS) when it is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../src/calendar.js';
import { runSync } from '../../src/sync/syncService.js';
import { type SyncFixture, setUpSync } from './fixture.js';

describe('configured backfill', () => {
  let f: SyncFixture;
  beforeAll(async () => {
    f = await setUpSync('pglite');
  });
  afterAll(async () => f?.close());

  it('a first sync fetches the ADNAVI_SYNC_BACKFILL_DAYS whole days before today, and today', async () => {
    const deps = { ...f.deps, config: { ...f.deps.config, ADNAVI_SYNC_BACKFILL_DAYS: 10 } };
    const run = await runSync(deps, f.req);
    const today = todayIn(f.sim.accounts[0].timeZone, f.deps.now!());
    expect(run.range_since).toBe(addDays(today, -10));
    expect(run.range_until).toBe(today);
  });
});
