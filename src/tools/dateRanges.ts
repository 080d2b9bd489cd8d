// Range presets → inclusive since/until dates in an ad account's time zone, with Meta's meanings:
// last_Nd is the N whole days ending yesterday; this_* runs through today (today's numbers are
// partial); last_week_mon_sun is the previous Monday–Sunday; maximum starts at the earliest fact.
// Dates are plain ISO strings; arithmetic runs on UTC midnights so no zone can shift a day.
import type { Preset, RangeInput, ResolvedRange } from './schemas.js';

export interface DateSpan {
  since: string;
  until: string;
}

const DAY_MS = 86_400_000;

function toUtc(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return iso(new Date(toUtc(date).getTime() + days * DAY_MS));
}

/** Number of days in an inclusive span. */
export function spanDays(span: DateSpan): number {
  return Math.round((toUtc(span.until).getTime() - toUtc(span.since).getTime()) / DAY_MS) + 1;
}

/** The calendar date at `now` in `timeZone` (an unknown zone falls back to UTC). */
export function todayIn(timeZone: string, now: Date): string {
  try {
    // en-CA formats as YYYY-MM-DD
    return new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(now);
  } catch {
    return iso(now);
  }
}

export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone });
    return true;
  } catch {
    return false;
  }
}

function firstOfMonth(date: string, monthsBack = 0): string {
  const d = toUtc(date);
  return iso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - monthsBack, 1)));
}

function firstOfQuarter(date: string, quartersBack = 0): string {
  const d = toUtc(date);
  const quarterMonth = Math.floor(d.getUTCMonth() / 3) * 3;
  return iso(new Date(Date.UTC(d.getUTCFullYear(), quarterMonth - 3 * quartersBack, 1)));
}

function monday(date: string): string {
  const weekday = (toUtc(date).getUTCDay() + 6) % 7; // Monday = 0
  return addDays(date, -weekday);
}

const LAST_N_DAYS: Partial<Record<Preset, number>> = {
  last_3d: 3,
  last_7d: 7,
  last_14d: 14,
  last_28d: 28,
  last_30d: 30,
  last_90d: 90,
};

/** A preset's dates given "today" in the account's zone (and the earliest fact date, for maximum). */
export function resolvePreset(preset: Preset, today: string, earliest?: string): DateSpan {
  const days = LAST_N_DAYS[preset];
  if (days !== undefined) return { since: addDays(today, -days), until: addDays(today, -1) };
  const year = today.slice(0, 4);
  switch (preset) {
    case 'today':
      return { since: today, until: today };
    case 'yesterday':
      return { since: addDays(today, -1), until: addDays(today, -1) };
    case 'this_week_mon_today':
      return { since: monday(today), until: today };
    case 'last_week_mon_sun': {
      const since = addDays(monday(today), -7);
      return { since, until: addDays(since, 6) };
    }
    case 'this_month':
      return { since: firstOfMonth(today), until: today };
    case 'last_month':
      return { since: firstOfMonth(today, 1), until: addDays(firstOfMonth(today), -1) };
    case 'this_quarter':
      return { since: firstOfQuarter(today), until: today };
    case 'last_quarter':
      return { since: firstOfQuarter(today, 1), until: addDays(firstOfQuarter(today), -1) };
    case 'this_year':
      return { since: `${year}-01-01`, until: today };
    case 'last_year':
      return { since: `${Number(year) - 1}-01-01`, until: `${Number(year) - 1}-12-31` };
    case 'maximum':
      return { since: earliest && earliest < today ? earliest : today, until: today };
    default:
      throw new Error(`unhandled preset ${preset}`);
  }
}

/** A range input resolved in one time zone; explicit dates pass through unchanged. */
export function resolveRange(
  range: RangeInput,
  timeZone: string,
  now: Date,
  earliest?: string,
): ResolvedRange {
  if ('since' in range) return { since: range.since, until: range.until, time_zone: timeZone };
  const span = resolvePreset(range.preset, todayIn(timeZone, now), earliest);
  return { ...span, time_zone: timeZone, preset: range.preset };
}

/** The period of the same length ending the day before `span` starts. */
export function previousPeriod(span: DateSpan): DateSpan {
  const until = addDays(span.since, -1);
  return { since: addDays(until, -(spanDays(span) - 1)), until };
}
