// Calendar days, the one date arithmetic every layer uses. A day is an ISO string ("2026-11-01") in
// an ad account's time zone — Meta's insights days are account-local — so the only zone-aware step
// is finding "today" (todayIn); everything after is plain arithmetic on UTC midnights, where every
// day has 24 hours and no zone can shift a date.
import { z } from 'zod';

export interface DayRange {
  since: string;
  until: string;
}

/** Meta's date presets, with Meta's meanings (see resolvePreset). */
export const PRESETS = [
  'today',
  'yesterday',
  'last_3d',
  'last_7d',
  'last_14d',
  'last_28d',
  'last_30d',
  'last_90d',
  'this_week_mon_today',
  'last_week_mon_sun',
  'this_month',
  'last_month',
  'this_quarter',
  'last_quarter',
  'this_year',
  'last_year',
  'maximum',
] as const;
export type Preset = (typeof PRESETS)[number];

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01. */
export function toDay(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Math.floor(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

export function fromDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(iso: string, n: number): string {
  return fromDay(toDay(iso) + n);
}

/** Days in [since, until], inclusive. */
export function daysIn(range: DayRange): number {
  return toDay(range.until) - toDay(range.since) + 1;
}

/** True for a real calendar day: "2026-02-30" and "2026-13-01" are not. */
export function isRealIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The one shape every edge accepts for a day. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-01')
  .refine(isRealIsoDate, 'is not a real calendar date');

// Building a DateTimeFormat costs far more than using one (tens of microseconds each, and the
// planner asks for today many times per question): one per zone, kept.
const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let f = dayFormats.get(timeZone);
  if (!f) {
    // en-CA formats as YYYY-MM-DD; throws on an unknown zone (not cached)
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, f);
  }
  return f;
}

/** The calendar day `now` falls on in an IANA time zone (an unknown zone falls back to UTC). */
export function todayIn(timeZone: string, now: Date): string {
  try {
    return dayFormat(timeZone).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/** The hour of day (0–23) `now` falls in, in an IANA time zone (an unknown zone falls back to UTC). */
export function hourIn(timeZone: string, now: Date): number {
  try {
    const hour = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(
      now,
    );
    return Number(hour);
  } catch {
    return now.getUTCHours();
  }
}

/** Whether an IANA zone is known (through the kept format: every analytics call asks, ~0.8 ms each unkept). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    dayFormat(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function ymd(year: number, month: number, day: number): string {
  return fromDay(Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY));
}

export function monthStartOf(iso: string): string {
  return `${iso.slice(0, 7)}-01`;
}

export function monthEndOf(iso: string): string {
  const [y, m] = iso.split('-').map(Number);
  return ymd(y, m + 1, 0);
}

/** Same day-of-month n months later (earlier for n < 0), clamped to the month's last day. */
export function addMonths(iso: string, n: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const last = Number(ymd(y, m + n + 1, 0).slice(8));
  return ymd(y, m + n, Math.min(d, last));
}

/** Monday of the week containing the date. */
export function mondayOf(iso: string): string {
  const dow = new Date(`${iso}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(iso, -((dow + 6) % 7));
}

export function quarterStartOf(iso: string): string {
  const [y, m] = iso.split('-').map(Number);
  return ymd(y, Math.floor((m - 1) / 3) * 3 + 1, 1);
}

/**
 * A preset's days given "today" in the account's zone, with Meta's meanings: last_Nd is the N whole
 * days ending yesterday; this_* runs through today (today's numbers are partial); last_week_mon_sun
 * is the previous Monday–Sunday; maximum starts at the earliest day with data (today without one).
 */
export function resolvePreset(preset: Preset, today: string, earliest?: string): DayRange {
  const yesterday = addDays(today, -1);
  const lastN = /^last_(\d+)d$/.exec(preset);
  if (lastN) return { since: addDays(today, -Number(lastN[1])), until: yesterday };
  const year = Number(today.slice(0, 4));
  switch (preset) {
    case 'today':
      return { since: today, until: today };
    case 'yesterday':
      return { since: yesterday, until: yesterday };
    case 'this_week_mon_today':
      return { since: mondayOf(today), until: today };
    case 'last_week_mon_sun': {
      const monday = addDays(mondayOf(today), -7);
      return { since: monday, until: addDays(monday, 6) };
    }
    case 'this_month':
      return { since: monthStartOf(today), until: today };
    case 'last_month': {
      const prev = addDays(monthStartOf(today), -1);
      return { since: monthStartOf(prev), until: prev };
    }
    case 'this_quarter':
      return { since: quarterStartOf(today), until: today };
    case 'last_quarter': {
      const prev = addDays(quarterStartOf(today), -1);
      return { since: quarterStartOf(prev), until: prev };
    }
    case 'this_year':
      return { since: `${year}-01-01`, until: today };
    case 'last_year':
      return { since: `${year - 1}-01-01`, until: `${year - 1}-12-31` };
    case 'maximum':
      return { since: earliest && earliest < today ? earliest : today, until: today };
    default:
      throw new Error(`unhandled preset ${preset}`);
  }
}

/** The period of the same length ending the day before `range` starts. */
export function previousPeriod(range: DayRange): DayRange {
  const until = addDays(range.since, -1);
  return { since: addDays(until, -(daysIn(range) - 1)), until };
}

/**
 * The period just before: for whole calendar months (a month, a quarter, a year) the same number of
 * whole months before (September before October, Q2 before Q3), else the same number of days.
 */
export function periodBefore(range: DayRange): DayRange {
  const wholeMonths = range.since === monthStartOf(range.since) && range.until === monthEndOf(range.until);
  if (!wholeMonths) return previousPeriod(range);
  const months =
    (Number(range.until.slice(0, 4)) - Number(range.since.slice(0, 4))) * 12 +
    Number(range.until.slice(5, 7)) -
    Number(range.since.slice(5, 7)) +
    1;
  return { since: addMonths(range.since, -months), until: addDays(range.since, -1) };
}
