// The scheduler: on each tick (clock in, jobs out) it gives new connections their default schedule,
// then fires every slot that is due: the intraday refresh, the daily lookback and the token check,
// each computed in the ad account's time zone (scheduleClock.ts). A slot is fired by the scheduler
// that moves its next_* time (compare-and-set), so any number of schedulers (one per server or
// worker) fire each slot once. A never-synced connection gets its first sync instead.
import type { Db } from '../db/db.js';
import {
  advanceScheduleSlot,
  type DueScheduleRow,
  ensureSchedules,
  listDueSchedules,
  type ScheduleSlot,
} from '../db/syncSchedules.js';
import { type Logger, logger } from '../log.js';
import type { JobQueue, SyncJobKind } from './jobQueue.js';
import { nextDaily, nextEvery, nextIntraday } from './scheduleClock.js';

export interface SchedulerDeps {
  db: Db;
  queue: JobQueue;
  now: () => Date;
  log?: Logger;
}

export interface Fired {
  connectionId: string;
  slot: ScheduleSlot;
  at: Date;
  job: SyncJobKind | 'token';
  jobId: string | null;
}

/** The next time of one slot after `after`; undefined when the slot is off. */
export function nextSlotTime(s: DueScheduleRow, slot: ScheduleSlot, after: Date): Date | undefined {
  const zone = s.time_zone ?? 'UTC';
  if (slot === 'next_intraday_at') {
    return s.intraday_every_minutes > 0 ? nextIntraday(after, zone, s.intraday_every_minutes) : undefined;
  }
  if (slot === 'next_lookback_at') return nextDaily(after, zone, s.lookback_at_minute);
  return nextEvery(after, s.token_check_every_hours);
}

const SLOT_JOBS: Record<ScheduleSlot, SyncJobKind | 'token'> = {
  next_intraday_at: 'intraday',
  next_lookback_at: 'lookback',
  next_token_check_at: 'token',
};

/** One pass: returns what it fired. */
export async function schedulerTick(deps: SchedulerDeps): Promise<Fired[]> {
  const now = deps.now();
  await ensureSchedules(deps.db);
  const fired: Fired[] = [];
  for (const s of await listDueSchedules(deps.db, now)) {
    for (const slot of Object.keys(SLOT_JOBS) as ScheduleSlot[]) {
      const seen = s[slot];
      if (seen && seen.getTime() > now.getTime()) continue;
      const next = nextSlotTime(s, slot, now);
      if (!next || !(await advanceScheduleSlot(deps.db, s.connection_id, slot, seen, next))) continue;
      // a slot seen for the first time is only placed, not fired; a never-synced account syncs at once
      if (!seen && !(slot === 'next_intraday_at' && !s.last_synced_at)) continue;
      const kind = s.last_synced_at ? SLOT_JOBS[slot] : slot === 'next_token_check_at' ? 'token' : 'initial';
      const ids = { workspaceId: s.workspace_id, connectionId: s.connection_id };
      const jobId =
        kind === 'token'
          ? await deps.queue.enqueueTokenCheck(ids)
          : await deps.queue.enqueueSync({ ...ids, kind });
      fired.push({ connectionId: s.connection_id, slot, at: now, job: kind, jobId });
    }
  }
  if (fired.length > 0) (deps.log ?? logger).info({ fired: fired.length }, 'scheduler fired');
  return fired;
}

/** Ticks every `everyMs` until stopped; errors are logged and the next tick tries again. */
export function startScheduler(deps: SchedulerDeps, everyMs = 30_000): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    running = schedulerTick(deps).catch((err) =>
      (deps.log ?? logger).warn({ err: String(err) }, 'scheduler tick failed'),
    );
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
