// The eval's own calendar: turns the range specs written in the question files into inclusive day
// ranges in the ad account's time zone, given the account's "today". It is deliberately independent
// of src/calendar.ts and the planner: it is the measuring stick, and a bug shared with the thing
// measured would hide itself. Meanings follow Meta's presets (last_Nd = N whole days ending
// yesterday; this_* runs through today) and a Monday week start.
//
// Spec grammar (one string):
//   today | yesterday | day_before_yesterday | last_<N>d | this_week | last_week | last_weekend
//   this_month | last_month | this_quarter | last_quarter | this_year | last_year | maximum
//   month:<MM> | month:<YYYY-MM> | quarter:Q<n> | quarter:<YYYY>-Q<n> | half:H<n> | half:<YYYY>-H<n>
//   year:<YYYY> | md:<MM-DD>..<MM-DD> | <YYYY-MM-DD> | <YYYY-MM-DD>..<YYYY-MM-DD>
//   weekday:<mon|tue|wed|thu|fri|sat|sun>  that day of the week, the latest one that has begun
//   last_year_of:<spec>  the same days one year earlier
//   week_before:<spec>   the same days one week earlier ("the weekend before" last weekend)
//   before:<spec>        the period just before: the previous month (quarter) for a whole month
//                        (quarter), else the same number of days ending the day before
// Yearless forms (month:10, quarter:Q3, md:11-03..11-10) mean the most recent one that has begun.

export interface Range {
  since: string;
  until: string;
}

const MS_PER_DAY = 86_400_000;

export function dayOf(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Math.floor(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

export function isoOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function shift(iso: string, days: number): string {
  return isoOf(dayOf(iso) + days);
}

function ymd(y: number, m: number, d: number): string {
  return isoOf(Math.floor(Date.UTC(y, m - 1, d) / MS_PER_DAY));
}

/** Day of the week, 0 = Monday … 6 = Sunday. */
function isoWeekday(iso: string): number {
  return (new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7;
}

export function mondayOf(iso: string): string {
  return shift(iso, -isoWeekday(iso));
}

/** The local calendar day of an instant in a time zone. */
export function localDay(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

function monthRange(y: number, m: number): Range {
  return { since: ymd(y, m, 1), until: ymd(y, m + 1, 0) };
}

/** The most recent year in which month `m`, day `d` is not after today. */
function latestYearFor(m: number, d: number, today: string): number {
  const y = Number(today.slice(0, 4));
  return ymd(y, m, d) <= today ? y : y - 1;
}

function clampUntil(r: Range, today: string): Range {
  return { since: r.since, until: r.until > today ? today : r.until };
}

export interface Calendar {
  today: string;
  /** The first day the account delivered (what "maximum" starts at). */
  firstDataDay: string;
}

type Rule = [RegExp, (m: string[], cal: Calendar) => Range];

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** The patterned specs; the fixed words are in `named` below. */
const RULES: Rule[] = [
  [
    /^last_year_of:(.+)$/,
    (m, cal) => {
      const r = resolveRange(m[1], cal);
      return { since: minusYear(r.since), until: minusYear(r.until) };
    },
  ],
  [
    /^week_before:(.+)$/,
    (m, cal) => {
      const r = resolveRange(m[1], cal);
      return { since: shift(r.since, -7), until: shift(r.until, -7) };
    },
  ],
  [/^before:(.+)$/, (m, cal) => periodBefore(resolveRange(m[1], cal))],
  [/^last_(\d+)d$/, (m, cal) => ({ since: shift(cal.today, -Number(m[1])), until: shift(cal.today, -1) })],
  [/^(\d{4}-\d{2}-\d{2})(?:\.\.(\d{4}-\d{2}-\d{2}))?$/, (m) => ({ since: m[1], until: m[2] ?? m[1] })],
  [
    /^md:(\d{2})-(\d{2})\.\.(\d{2})-(\d{2})$/,
    (m, cal) => {
      const year = latestYearFor(Number(m[1]), Number(m[2]), cal.today);
      return { since: ymd(year, Number(m[1]), Number(m[2])), until: ymd(year, Number(m[3]), Number(m[4])) };
    },
  ],
  [
    /^month:(?:(\d{4})-)?(\d{2})$/,
    (m, cal) => {
      const month = Number(m[2]);
      const year = m[1] ? Number(m[1]) : latestYearFor(month, 1, cal.today);
      return clampUntil(monthRange(year, month), cal.today);
    },
  ],
  [
    /^quarter:(?:(\d{4})-)?Q([1-4])$/,
    (m, cal) => {
      const first = (Number(m[2]) - 1) * 3 + 1;
      const year = m[1] ? Number(m[1]) : latestYearFor(first, 1, cal.today);
      return clampUntil({ since: ymd(year, first, 1), until: ymd(year, first + 3, 0) }, cal.today);
    },
  ],
  [
    /^half:(?:(\d{4})-)?H([12])$/,
    (m, cal) => {
      const first = m[2] === '1' ? 1 : 7;
      const year = m[1] ? Number(m[1]) : latestYearFor(first, 1, cal.today);
      return clampUntil({ since: ymd(year, first, 1), until: ymd(year, first + 6, 0) }, cal.today);
    },
  ],
  [
    /^weekday:(mon|tue|wed|thu|fri|sat|sun)$/,
    (m, cal) => {
      const day = shift(cal.today, -((isoWeekday(cal.today) - WEEKDAYS.indexOf(m[1]) + 7) % 7));
      return { since: day, until: day };
    },
  ],
  [/^year:(\d{4})$/, (m, cal) => clampUntil({ since: `${m[1]}-01-01`, until: `${m[1]}-12-31` }, cal.today)],
];

export function resolveRange(spec: string, cal: Calendar): Range {
  for (const [re, build] of RULES) {
    const m = re.exec(spec);
    if (m) return build(m, cal);
  }
  return named(spec, cal);
}

function named(spec: string, cal: Calendar): Range {
  const { today } = cal;
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const quarterStart = ymd(y, Math.floor((m - 1) / 3) * 3 + 1, 1);
  switch (spec) {
    case 'today':
      return { since: today, until: today };
    case 'yesterday':
      return { since: shift(today, -1), until: shift(today, -1) };
    case 'day_before_yesterday':
      return { since: shift(today, -2), until: shift(today, -2) };
    case 'this_week':
      return { since: mondayOf(today), until: today };
    case 'last_week': {
      const monday = shift(mondayOf(today), -7);
      return { since: monday, until: shift(monday, 6) };
    }
    case 'last_weekend': {
      // the latest Saturday–Sunday that is over (on a Sunday, the weekend before)
      const sunday = shift(mondayOf(today), -1);
      return { since: shift(sunday, -1), until: sunday };
    }
    case 'this_month':
      return { since: ymd(y, m, 1), until: today };
    case 'last_month':
      return monthRange(m === 1 ? y - 1 : y, m === 1 ? 12 : m - 1);
    case 'this_quarter':
      return { since: quarterStart, until: today };
    case 'last_quarter': {
      const until = shift(quarterStart, -1);
      return { since: ymd(Number(until.slice(0, 4)), Number(until.slice(5, 7)) - 2, 1), until };
    }
    case 'this_year':
      return { since: `${y}-01-01`, until: today };
    case 'last_year':
      return { since: `${y - 1}-01-01`, until: `${y - 1}-12-31` };
    case 'maximum':
      return { since: cal.firstDataDay, until: today };
    default:
      throw new Error(`unknown range spec "${spec}"`);
  }
}

function periodBefore(r: Range): Range {
  const [y, m, d] = r.since.split('-').map(Number);
  const monthEnd = ymd(y, m + 1, 0);
  if (d === 1 && r.until === monthEnd) return monthRange(m === 1 ? y - 1 : y, m === 1 ? 12 : m - 1);
  const quarterEnd = ymd(y, m + 3, 0);
  if (d === 1 && (m - 1) % 3 === 0 && r.until === quarterEnd)
    return { since: ymd(y, m - 3, 1), until: ymd(y, m, 0) };
  const len = dayOf(r.until) - dayOf(r.since);
  const until = shift(r.since, -1);
  return { since: shift(until, -len), until };
}

function minusYear(iso: string): string {
  const [yy, mm, dd] = iso.split('-').map(Number);
  const last = Number(ymd(yy - 1, mm + 1, 0).slice(8));
  return ymd(yy - 1, mm, Math.min(dd, last));
}

/** Inclusive list of days of a range. */
export function daysOf(r: Range): string[] {
  const out: string[] = [];
  for (let d = dayOf(r.since); d <= dayOf(r.until); d++) out.push(isoOf(d));
  return out;
}
