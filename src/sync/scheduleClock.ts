// When a schedule fires, in the ad account's wall clock. Pure functions of (after, zone, setting):
// the scheduler passes its clock's now, tests pass instants on either side of a DST change.
//
// - Intraday: the next instant whose account-local minute of the day is a multiple of the interval.
//   It is stepped over real time, so across a DST change the refresh keeps its real-time rhythm
//   (hourly stays hourly; on the spring-forward day local 02:00 simply does not occur).
// - Daily (the lookback): the next instant the local clock shows HH:MM. A time inside the spring
//   gap fires at the same distance after the gap (02:30 → 03:30), an ambiguous fall-back time at its
//   first occurrence, as calendars (and Temporal's "compatible" disambiguation) do.
import { addDays } from '../calendar.js';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The account-local date and minute of the day at an instant. */
export function wallClock(at: Date, timeZone: string): { date: string; minute: number } {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** The zone's offset from UTC at an instant, in ms (whole minutes). */
function offsetAt(at: number, timeZone: string): number {
  const w = wallClock(new Date(at), timeZone);
  const asUtc = Date.parse(`${w.date}T00:00:00Z`) + w.minute * MINUTE;
  return asUtc - Math.floor(at / MINUTE) * MINUTE;
}

/** The instant the local clock shows `minute` on `date` (gap: shifted forward; overlap: the first). */
export function localInstant(date: string, minute: number, timeZone: string): Date {
  const local = Date.parse(`${date}T00:00:00Z`) + minute * MINUTE;
  const before = local - offsetAt(local - DAY, timeZone);
  const after = local - offsetAt(local + DAY, timeZone);
  const matches = [before, after].filter((t) => {
    const w = wallClock(new Date(t), timeZone);
    return w.date === date && w.minute === minute;
  });
  if (matches.length > 0) return new Date(Math.min(...matches));
  return new Date(before); // inside the spring gap: the offset before the change reads as shifted forward
}

/** The next intraday fire strictly after `after`. */
export function nextIntraday(after: Date, timeZone: string, everyMinutes: number): Date {
  let t = Math.floor(after.getTime() / MINUTE) * MINUTE + MINUTE;
  for (let i = 0; i < 8; i++) {
    const { minute } = wallClock(new Date(t), timeZone);
    const wait = (everyMinutes - (minute % everyMinutes)) % everyMinutes;
    if (wait === 0) return new Date(t);
    t += wait * MINUTE; // the offset may change across the jump: look again
  }
  return new Date(t);
}

/** The next daily fire at account-local `minuteOfDay`, strictly after `after`. */
export function nextDaily(after: Date, timeZone: string, minuteOfDay: number): Date {
  const today = wallClock(after, timeZone).date;
  for (let d = 0; d < 3; d++) {
    const t = localInstant(addDays(today, d), minuteOfDay, timeZone);
    if (t.getTime() > after.getTime()) return t;
  }
  return localInstant(addDays(today, 3), minuteOfDay, timeZone);
}

/** The next token check: a plain real-time interval (tokens expire in real time, not local time). */
export function nextEvery(after: Date, hours: number): Date {
  return new Date(after.getTime() + hours * 3_600_000);
}
