// Which days a metrics sync asks for, and in which windows. Days are the ad account's time-zone days
// (Meta's insights are), so "today" is computed in that zone, never in UTC or the server's zone.
// Date math is src/calendar.ts.

import { addDays, type DayRange, daysIn } from '../calendar.js';
import { earliestMetaDay } from '../dateBounds.js';

export type { DayRange };

export interface RangeInput {
  today: string;
  /** The last day a previous forward sync saw complete; undefined before the first success. */
  lastCompleteDay?: string;
  from?: string;
  to?: string;
  full?: boolean;
  backfillDays: number;
  lookbackDays: number;
}

export interface PlannedRange extends DayRange {
  kind: 'initial' | 'incremental' | 'full' | 'range';
}

/** What a run will be, decided before the account's time zone is known. */
export function runKind(req: {
  from?: string;
  to?: string;
  full?: boolean;
  hasForwardRun: boolean;
}): PlannedRange['kind'] {
  if (req.from || req.to) return 'range';
  if (req.full) return 'full';
  return req.hasForwardRun ? 'incremental' : 'initial';
}

/**
 * First sync: the `backfillDays` whole days before today, plus today (so Meta's last_90d, the 90
 * whole days before today, is complete the moment a first sync of 90 ends); older history follows
 * in background slices (nextBackfillSlice). Later: from the last complete day minus the lookback
 * (attribution restates recent days for up to 28 days) through today. from/to/full override.
 */
export function planRange(input: RangeInput): PlannedRange {
  const backfillSince = addDays(input.today, -input.backfillDays);
  if (input.from || input.to) {
    const until = input.to ?? input.today;
    const since = input.from ?? addDays(until, -(input.backfillDays - 1));
    return { kind: 'range', since, until };
  }
  if (input.full) return { kind: 'full', since: backfillSince, until: input.today };
  if (!input.lastCompleteDay) return { kind: 'initial', since: backfillSince, until: input.today };
  const since = addDays(input.lastCompleteDay, -input.lookbackDays);
  // never reach further back than a backfill would (dates compare as strings: YYYY-MM-DD)
  if (since < backfillSince) return { kind: 'incremental', since: backfillSince, until: input.today };
  return { kind: 'incremental', since, until: input.today };
}

/**
 * Progressive backfill: the next slice of older history to load, the `sliceDays` days just before
 * the first day loaded so far, never older than `limitDays` before today nor than Meta's 37 months
 * (src/dateBounds.ts); undefined once the limit
 * is reached. One slice per job, so history loads at low priority without holding a worker long.
 */
export function nextBackfillSlice(input: {
  syncedSince: string;
  today: string;
  limitDays: number;
  sliceDays: number;
}): DayRange | undefined {
  // never before what Meta keeps (a day-count limit can reach a day or two past 37 months)
  let oldest = addDays(input.today, -input.limitDays);
  const metaEarliest = earliestMetaDay(input.today);
  if (oldest < metaEarliest) oldest = metaEarliest;
  const until = addDays(input.syncedSince, -1);
  if (until < oldest) return undefined;
  const since = addDays(until, -(input.sliceDays - 1));
  if (since < oldest) return { since: oldest, until }; // dates compare as strings: YYYY-MM-DD
  return { since, until };
}

/** The parts of `range` not covered by `done` (windows a crashed run already finished). */
export function remainingSegments(range: DayRange, done: DayRange[]): DayRange[] {
  const sorted = [...done].sort((a, b) => a.since.localeCompare(b.since));
  const out: DayRange[] = [];
  let cursor = range.since;
  for (const d of sorted) {
    if (d.until < cursor || d.since > range.until) continue;
    if (d.since > cursor) out.push({ since: cursor, until: addDays(d.since, -1) });
    cursor = addDays(d.until, 1);
    if (cursor > range.until) return out;
  }
  if (cursor <= range.until) out.push({ since: cursor, until: range.until });
  return out;
}

/**
 * Hands out windows over the remaining segments, newest days first (the days most likely to have
 * changed land first), at an adaptive size: a window Meta refuses as too much data is put back and
 * the size halved for it and every later window.
 */
export class WindowPlanner {
  private readonly queue: DayRange[];
  private size: number;
  done = 0;

  constructor(
    segments: DayRange[],
    initialDays: number,
    readonly minDays: number,
  ) {
    this.queue = [...segments].sort((a, b) => b.until.localeCompare(a.until));
    this.size = Math.max(initialDays, minDays);
  }

  get windowDays(): number {
    return this.size;
  }

  /** The next window, or undefined when every day is handed out. */
  next(): DayRange | undefined {
    const seg = this.queue.shift();
    if (!seg) return undefined;
    const since = addDays(seg.until, -(this.size - 1));
    if (since <= seg.since) return seg;
    this.queue.unshift({ since: seg.since, until: addDays(since, -1) });
    return { since, until: seg.until };
  }

  /** Puts a refused window back and halves the size; false when it is already at the minimum. */
  shrink(window: DayRange): boolean {
    const days = daysIn(window);
    if (days <= this.minDays) return false;
    this.size = Math.max(this.minDays, Math.ceil(days / 2));
    this.queue.unshift(window);
    return true;
  }

  complete(): void {
    this.done += 1;
  }

  /** Windows done plus the windows the remaining days need at the current size. */
  get total(): number {
    return this.done + this.queue.reduce((n, seg) => n + Math.ceil(daysIn(seg) / this.size), 0);
  }
}
