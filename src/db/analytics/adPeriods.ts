// How an ad-level range is read from the ad-week and ad-month roll-up (metric_ad_periods, migration
// 0070): the calendar months the range covers whole, then the Monday weeks of what is left, then the
// remainder days from the daily facts. A 30-day range is then about 6 rows per ad instead of 30, a
// 365-day one about 25 instead of 365, a calendar month one (scope.ts adPeriodRows reads them).
import type { ConnectionRange } from './scope.js';

/** A range split into whole months, whole weeks and days; months and weeks are given by their first days. */
export interface RangePieces {
  months: ConnectionRange[];
  weeks: ConnectionRange[];
  days: ConnectionRange[];
}

const DAY_MS = 86_400_000;
const toTime = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const toIso = (t: number) => new Date(t).toISOString().slice(0, 10);
const addDays = (iso: string, n: number) => toIso(toTime(iso) + n * DAY_MS);
function addMonths(iso: string, n: number): string {
  const d = new Date(toTime(iso));
  return toIso(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
}
const monthStart = (iso: string) => `${iso.slice(0, 8)}01`;
/** The Monday of the ISO week holding `iso` (date_trunc('week') in SQL). */
const weekStart = (iso: string) => addDays(iso, -((new Date(toTime(iso)).getUTCDay() + 6) % 7));

interface Grain {
  /** first day of the period holding a date */
  start: (iso: string) => string;
  /** first day of the period `n` periods after the one starting on `start` */
  next: (start: string, n: number) => string;
}
const MONTH: Grain = { start: monthStart, next: addMonths };
const WEEK: Grain = { start: weekStart, next: (s, n) => addDays(s, 7 * n) };
const DAY: Grain = { start: (iso) => iso, next: addDays };
const GRAINS = { month: MONTH, week: WEEK, day: DAY };

/**
 * The whole periods of `grain` inside [since, until] (as first/last period start) and the days left
 * before and after them.
 */
function splitBy(
  grain: Grain,
  since: string,
  until: string,
): { whole: [string, string] | null; rest: [string, string][] } {
  const first = grain.start(since) === since ? since : grain.next(grain.start(since), 1);
  const afterUntil = addDays(until, 1);
  const last =
    grain.start(afterUntil) === afterUntil ? grain.start(until) : grain.next(grain.start(until), -1);
  if (first > last) return { whole: null, rest: [[since, until]] };
  const rest: [string, string][] = [];
  if (since < first) rest.push([since, addDays(first, -1)]);
  const end = addDays(grain.next(last, 1), -1);
  if (end < until) rest.push([addDays(end, 1), until]);
  return { whole: [first, last], rest };
}

/**
 * Splits each connection's range into whole months, then whole weeks of what is left, then days.
 * Without weeks (`weeks: false`, for a roll-up whose week rows would outnumber the days they stand
 * for), what months leave is days.
 */
export function splitRanges(ranges: readonly ConnectionRange[], { weeks = true } = {}): RangePieces {
  const out: RangePieces = { months: [], weeks: [], days: [] };
  for (const { connectionId, since, until } of ranges) {
    if (since > until) continue;
    const piece = ([s, u]: [string, string]) => ({ connectionId, since: s, until: u });
    const byMonth = splitBy(MONTH, since, until);
    if (byMonth.whole) out.months.push(piece(byMonth.whole));
    for (const [s, u] of byMonth.rest) {
      if (!weeks) {
        out.days.push(piece([s, u]));
        continue;
      }
      const byWeek = splitBy(WEEK, s, u);
      if (byWeek.whole) out.weeks.push(piece(byWeek.whole));
      out.days.push(...byWeek.rest.map(piece));
    }
  }
  return out;
}

/**
 * Every first day of a `grain` period in the pieces (all connections together, sorted, distinct):
 * the exact values an index can look up, where the span of the pieces (a 365-day range leaves days
 * at both ends) would cover nearly everything.
 */
export function pieceStarts(pieces: readonly ConnectionRange[], grain: keyof typeof GRAINS): string[] {
  const starts = new Set<string>();
  for (const { since, until } of pieces) {
    for (let d = since; d <= until; d = GRAINS[grain].next(d, 1)) starts.add(d);
  }
  return [...starts].sort();
}
