// Schedules fire in the ad account's time zone, across the DST changes of America/Los_Angeles
// (2026-03-08 02:00 PST → 03:00 PDT; 2026-11-01 02:00 PDT → 01:00 PST). The clock is an input: the
// scheduler is ticked at instants chosen by the test, against a real queue on both backends.
import { afterEach, describe, expect, it } from 'vitest';
import { upsertConnection } from '../../src/db/connections.js';
import { listJobs } from '../../src/db/syncJobs.js';
import { markConnectionSynced } from '../../src/db/syncRuns.js';
import { getSchedule } from '../../src/db/syncSchedules.js';
import { DEFAULT_WORKSPACE_ID } from '../../src/db/workspaces.js';
import { type JobQueue, openJobQueue } from '../../src/sync/jobQueue.js';
import { localInstant, nextDaily, nextIntraday, wallClock } from '../../src/sync/scheduleClock.js';
import { type Fired, schedulerTick } from '../../src/sync/scheduler.js';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';

const LA = 'America/Los_Angeles';
const at = (iso: string) => new Date(iso);

describe('schedule clock', () => {
  it('places local times across the spring gap and the autumn overlap', () => {
    expect(localInstant('2026-03-07', 180, LA)).toEqual(at('2026-03-07T11:00:00Z')); // 03:00 PST
    expect(localInstant('2026-03-08', 180, LA)).toEqual(at('2026-03-08T10:00:00Z')); // 03:00 PDT
    expect(localInstant('2026-03-08', 150, LA)).toEqual(at('2026-03-08T10:30:00Z')); // 02:30 does not exist → 03:30 PDT
    expect(localInstant('2026-11-01', 90, LA)).toEqual(at('2026-11-01T08:30:00Z')); // 01:30 twice → the first (PDT)
    expect(nextDaily(at('2026-03-07T11:00:00Z'), LA, 180)).toEqual(at('2026-03-08T10:00:00Z'));
  });

  it('keeps an hourly rhythm in real time through both changes', () => {
    expect(nextIntraday(at('2026-03-08T09:00:00Z'), LA, 60)).toEqual(at('2026-03-08T10:00:00Z')); // 01:00 PST → 03:00 PDT
    expect(nextIntraday(at('2026-11-01T08:00:00Z'), LA, 60)).toEqual(at('2026-11-01T09:00:00Z')); // 01:00 PDT → 01:00 PST
    expect(nextIntraday(at('2026-11-01T08:10:00Z'), LA, 30)).toEqual(at('2026-11-01T08:30:00Z'));
    expect(nextIntraday(at('2026-06-01T10:15:00Z'), 'Asia/Kolkata', 60)).toEqual(at('2026-06-01T10:30:00Z')); // :30 zone
  });
});

describe.each(backends)('scheduler on %s', { timeout: 120_000 }, (kind) => {
  let t: TestDb | undefined;
  let queue: JobQueue | undefined;
  afterEach(async () => {
    await queue?.stop();
    await t?.drop();
  });

  it('fires the first sync, then hourly refreshes and the 03:00 lookback in Los Angeles time', async () => {
    t = await createTestDb(kind);
    queue = await openJobQueue(t.db);
    const c = await upsertConnection(t.db, DEFAULT_WORKSPACE_ID, 'act_1', { timeZone: LA });
    let now = at('2026-03-06T12:07:00Z');
    const tick = () => schedulerTick({ db: t!.db, queue: queue!, now: () => now });

    const first = await tick();
    expect(first.map((x) => x.job)).toEqual(['initial']); // never synced: a first sync at once
    expect((await listJobs(t.db, DEFAULT_WORKSPACE_ID, ['created']))[0].kind).toBe('initial');
    const schedule = await getSchedule(t.db, DEFAULT_WORKSPACE_ID, c.id);
    expect(schedule?.next_lookback_at).toEqual(at('2026-03-07T11:00:00Z')); // 03:00 PST
    await markConnectionSynced(t.db, c.id, now);

    const fired: Fired[] = [];
    for (let ms = now.getTime(); ms <= at('2026-03-09T12:00:00Z').getTime(); ms += 30 * 60_000) {
      now = new Date(ms);
      fired.push(...(await tick()));
    }
    const lookbacks = fired.filter((x) => x.job === 'lookback').map((x) => x.at);
    // 03:00 local each day, whichever offset that day has (the tick is 7 minutes past)
    expect(lookbacks).toEqual([
      at('2026-03-07T11:07:00Z'),
      at('2026-03-08T10:07:00Z'),
      at('2026-03-09T10:07:00Z'),
    ]);
    expect(lookbacks.map((x) => wallClock(x, LA).minute)).toEqual([187, 187, 187]);
    const hourly = fired.filter((x) => x.job === 'intraday').map((x) => x.at.getTime());
    expect(hourly.length).toBe(71); // every real hour from 13:00Z on the 6th to 11:00Z on the 9th, across the change
    expect(hourly.slice(1).every((ms, i) => ms - hourly[i] === 3_600_000)).toBe(true);
    const hoursOnChangeDay = hourly
      .map((ms) => wallClock(new Date(ms), LA))
      .filter((w) => w.date === '2026-03-08')
      .map((w) => Math.floor(w.minute / 60));
    expect(hoursOnChangeDay).toEqual([0, 1, ...Array.from({ length: 21 }, (_, i) => i + 3)]); // no 02:00
    expect(fired.filter((x) => x.job === 'token').length).toBe(2); // daily: 12:07Z on the 7th and the 8th
  });

  it('fires each slot once however many schedulers tick', async () => {
    t = await createTestDb(kind);
    queue = await openJobQueue(t.db);
    const c = await upsertConnection(t.db, DEFAULT_WORKSPACE_ID, 'act_2', { timeZone: LA });
    let now = at('2026-06-01T12:00:00Z');
    await markConnectionSynced(t.db, c.id, now);
    const tick = () => schedulerTick({ db: t!.db, queue: queue!, now: () => now });
    await tick(); // places the slots
    now = at('2026-06-01T13:00:00Z');
    const both = await Promise.all([tick(), tick(), tick()]);
    expect(both.flat().filter((x) => x.job === 'intraday')).toHaveLength(1);
  });
});
