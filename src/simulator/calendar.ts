// Calendar arithmetic in an ad account's time zone. Meta's days are the account's local days, not
// UTC days, so every "today", every date preset and every timestamp goes through here.
// Dates are handled as "day numbers" (days since 1970-01-01) to keep arithmetic integer and cheap.

const MS_PER_DAY = 86_400_000;

export function dayNumber(ymd: string): number {
  const [y, m, d] = ymd.split('-').map(Number);
  return Math.floor(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

export function ymdOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCDay();
}

export function isValidYmd(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  return ymdOf(dayNumber(s)) === s;
}

interface LocalParts {
  day: number;
  secondsIntoDay: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local calendar day and time of day of an instant in a time zone. */
export function localParts(instant: Date, timeZone: string): LocalParts {
  const p: Record<string, string> = {};
  for (const part of partsFormatter(timeZone).formatToParts(instant)) p[part.type] = part.value;
  const day = dayNumber(`${p.year}-${p.month}-${p.day}`);
  return { day, secondsIntoDay: Number(p.hour) * 3600 + Number(p.minute) * 60 + Number(p.second) };
}

/** Offset of the time zone from UTC at an instant, in minutes (e.g. -480 for PST). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const { day, secondsIntoDay } = localParts(instant, timeZone);
  const localMs = day * MS_PER_DAY + secondsIntoDay * 1000;
  return Math.round((localMs - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * Meta's timestamp format for a local wall-clock time: `2026-10-30T14:05:11+0100`.
 * The offset is the one in force on that day (so summer and winter time both come out right).
 */
export function metaTimestamp(day: number, secondsIntoDay: number, timeZone: string): string {
  const guessUtc = day * MS_PER_DAY + secondsIntoDay * 1000;
  const offset = offsetMinutes(new Date(guessUtc), timeZone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  const h = String(Math.floor(secondsIntoDay / 3600)).padStart(2, '0');
  const mi = String(Math.floor((secondsIntoDay % 3600) / 60)).padStart(2, '0');
  const s = String(secondsIntoDay % 60).padStart(2, '0');
  return `${ymdOf(day)}T${h}:${mi}:${s}${sign}${hh}${mm}`;
}

/** First day of the month containing `day`. */
export function monthStart(day: number): number {
  return dayNumber(`${ymdOf(day).slice(0, 7)}-01`);
}

/** First day of the month after the one containing `day`. */
export function nextMonthStart(day: number): number {
  const [y, m] = ymdOf(day).split('-').map(Number);
  return Math.floor(Date.UTC(y, m, 1) / MS_PER_DAY);
}
