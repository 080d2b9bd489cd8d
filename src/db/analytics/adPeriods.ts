// How an ad-level range is read from the ad-week, ad-month and ad-quarter roll-up (metric_ad_periods,
// migrations 0070, 0121) and the daily facts: as the fewest whole periods and days whose sums add up to
// it, some subtracted (signedPieces; scope.ts adPeriodRows reads them). The ad-set roll-up has no
// quarters and reads months, then Monday weeks, then days, only adding (splitRanges).
import type { ConnectionRange } from './scope.js';

/** A range split into whole quarters, months, weeks and days, each period given by its first day. */
export interface RangePieces {
  quarters: ConnectionRange[];
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
const QUARTER: Grain = {
  start: (iso) => addMonths(monthStart(iso), -((Number(iso.slice(5, 7)) - 1) % 3)),
  next: (s, n) => addMonths(s, 3 * n),
};
const WEEK: Grain = { start: weekStart, next: (s, n) => addDays(s, 7 * n) };
const DAY: Grain = { start: (iso) => iso, next: addDays };
const GRAINS = { quarter: QUARTER, month: MONTH, week: WEEK, day: DAY };

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
  const out: RangePieces = { quarters: [], months: [], weeks: [], days: [] };
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

/** A range as the quarters, months, weeks and days whose sums add up to it, some subtracted. */
export interface SignedPieces {
  add: RangePieces;
  subtract: RangePieces;
}

/** How far beyond a range a subtracted piece may reach: a quarter either side. */
const REACH_DAYS = 92;

/**
 * Splits each connection's range into the fewest whole quarters, months, Monday weeks and days whose
 * signed sum is the range, then the fewest subtracted. With P(d) the sum of the days before d, a range
 * is P(until + 1) − P(since): a walk from since to until + 1 by steps of a day (from any date), a week
 * (from a Monday), a month (from a 1st) or a quarter (from Jan, Apr, Jul or Oct 1st), a step forward
 * adding its piece and one backward subtracting it. Nov 18–24 is the week of Nov 16 minus Nov 16 and
 * 17 plus Nov 23 and 24 (5 rows per ad, not 7 days). Over the 365 ranges of each length ending on the
 * days of a year, rows per ad on average (most), adding months, weeks and days only → signed → signed
 * with quarters: 7 days 6.1 (7) → 4.4 (7) → 4.4 (7), 30 days 9.3 (12) → 6.9 (10) → 6.9 (10), 90 days
 * 15.1 (24) → 10.6 (17) → 10.1 (16), 365 days 24.0 (30) → 19.6 (26) → 13.0 (20). Exact as the roll-up
 * is: a subtracted day has exactly the facts its month or week counted.
 */
export function signedPieces(ranges: readonly ConnectionRange[]): SignedPieces {
  const out: SignedPieces = {
    add: { quarters: [], months: [], weeks: [], days: [] },
    subtract: { quarters: [], months: [], weeks: [], days: [] },
  };
  for (const { connectionId, since, until } of ranges) {
    if (since > until) continue;
    for (const step of walkBetween(since, addDays(until, 1))) {
      const side = step.sign > 0 ? out.add : out.subtract;
      const list = { quarter: side.quarters, month: side.months, week: side.weeks, day: side.days }[
        step.grain
      ];
      list.push({ connectionId, since: step.start, until: step.start });
    }
  }
  return out;
}

interface Step {
  grain: keyof typeof GRAINS;
  /** the first day of the piece */
  start: string;
  sign: 1 | -1;
}

/**
 * shortestWalk, kept per pair of dates: a listing reads its ranges' pieces twice (its rows and whether
 * an ad delivered, scope.ts deliveredHaving) and the same few ranges come back request after request; a
 * 365-day walk costs ~0.25 ms. Bounded: a stream of distinct ranges cannot grow it without end.
 */
function walkBetween(from: string, to: string): readonly Step[] {
  const key = `${from} ${to}`;
  let walk = WALKS.get(key);
  if (!walk) {
    if (WALKS.size >= MAX_WALKS) WALKS.clear();
    walk = shortestWalk(from, to);
    WALKS.set(key, walk);
  }
  return walk;
}
const WALKS = new Map<string, readonly Step[]>();
const MAX_WALKS = 1_000;

/**
 * Breadth-first from `from` to `to` over day numbers within REACH_DAYS of them, layer by layer so
 * that among the walks of fewest steps the one with fewest backward steps is kept. A day steps to
 * the next or the previous day, a Monday also a week either way, a 1st also a month either way and
 * the 1st of a quarter also a quarter either way.
 */
function shortestWalk(from: string, to: string): Step[] {
  const low = toTime(from) / DAY_MS - REACH_DAYS;
  const size = (toTime(to) - toTime(from)) / DAY_MS + 2 * REACH_DAYS + 1;
  const iso = (i: number) => toIso((low + i) * DAY_MS);
  // 1970-01-01 (day 0) was a Thursday: day n is a Monday when n % 7 === 4
  const isMonday = (i: number) => (((low + i) % 7) + 7) % 7 === 4;
  const firsts: number[] = [];
  for (let m = monthStart(iso(0)); ; m = addMonths(m, 1)) {
    const i = toTime(m) / DAY_MS - low;
    if (i >= size) break;
    if (i >= 0) firsts.push(i);
  }
  // from each first day of a `grain` period, the first day `months` months after and before it
  const stepsOf = (grain: Grain, months: number) => {
    const after = new Map<number, number>();
    const before = new Map<number, number>();
    for (const [k, f] of firsts.entries()) {
      if (grain.start(iso(f)) !== iso(f)) continue;
      if (k + months < firsts.length) after.set(f, firsts[k + months]);
      if (k - months >= 0) before.set(f, firsts[k - months]);
    }
    return { after, before };
  };
  const periods = [['month', stepsOf(MONTH, 1)] as const, ['quarter', stepsOf(QUARTER, 3)] as const];
  const moves = (i: number): [number, Step['grain'], number, 1 | -1][] => {
    const out: [number, Step['grain'], number, 1 | -1][] = [
      [i + 1, 'day', i, 1],
      [i - 1, 'day', i - 1, -1],
    ];
    if (isMonday(i)) out.push([i + 7, 'week', i, 1], [i - 7, 'week', i - 7, -1]);
    for (const [grain, { after, before }] of periods) {
      const a = after.get(i);
      if (a !== undefined) out.push([a, grain, i, 1]);
      const b = before.get(i);
      if (b !== undefined) out.push([b, grain, b, -1]);
    }
    return out;
  };
  const target = REACH_DAYS + (toTime(to) - toTime(from)) / DAY_MS;
  const steps = new Int32Array(size).fill(-1);
  const back = new Int32Array(size);
  const via: ([number, Step['grain'], number, 1 | -1] | null)[] = new Array(size).fill(null);
  const prev = new Int32Array(size);
  steps[REACH_DAYS] = 0;
  let layer = [REACH_DAYS];
  for (let n = 1; steps[target] < 0; n++) {
    const next: number[] = [];
    for (const at of layer) {
      for (const move of moves(at)) {
        const [j, , , sign] = move;
        if (j < 0 || j >= size) continue;
        const b = back[at] + (sign < 0 ? 1 : 0);
        if (steps[j] >= 0 && (steps[j] < n || back[j] <= b)) continue;
        if (steps[j] < 0) next.push(j);
        steps[j] = n;
        back[j] = b;
        via[j] = move;
        prev[j] = at;
      }
    }
    layer = next;
  }
  const walk: Step[] = [];
  for (let at = target; at !== REACH_DAYS; at = prev[at]) {
    const [, grain, start, sign] = via[at]!;
    walk.push({ grain, start: iso(start), sign });
  }
  return walk.reverse();
}
