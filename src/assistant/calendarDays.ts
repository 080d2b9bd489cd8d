// Plain calendar-date arithmetic on ISO dates (YYYY-MM-DD) for the planner. Dates are account-local
// days, so everything here is time-zone free once "today" is known (todayIn does that one step).
import type { Preset } from '../tools/schemas.js';

const MS_PER_DAY = 86_400_000;

export interface DayRange {
  since: string;
  until: string;
}

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

export function isRealDate(iso: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && fromDay(toDay(iso)) === iso;
}

/** The calendar date of an instant in a time zone (the account's "today"). */
export function todayIn(timeZone: string, now: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .formatToParts(now)
    .reduce<Record<string, string>>((acc, p) => {
      acc[p.type] = p.value;
      return acc;
    }, {});
  return `${parts.year}-${parts.month}-${parts.day}`;
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

/** Same day-of-month n months earlier (clamped to the month's last day). */
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

function quarterStartOf(iso: string): string {
  const [y, m] = iso.split('-').map(Number);
  return ymd(y, Math.floor((m - 1) / 3) * 3 + 1, 1);
}

/** A Meta preset resolved against an account-local today (Meta's meaning: last_Nd ends yesterday). */
export function resolvePreset(preset: Preset, today: string): DayRange {
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
    default:
      // maximum: the tools know the first day with data; for arithmetic a wide window is enough
      return { since: `${year - 3}-01-01`, until: today };
  }
}

/** The period just before a range: the previous calendar month for a whole month, else the same length. */
export function periodBefore(range: DayRange): DayRange {
  const wholeMonth = range.since === monthStartOf(range.since) && range.until === monthEndOf(range.since);
  if (wholeMonth) {
    const prev = addDays(range.since, -1);
    return { since: monthStartOf(prev), until: prev };
  }
  const length = toDay(range.until) - toDay(range.since) + 1;
  return { since: addDays(range.since, -length), until: addDays(range.since, -1) };
}
