// The advertising calendar on top of plain dates: Meta's preset names, quarters (Q1–Q4, with or
// without a year), halves (H1/H2), weekends, weekdays ("on Saturday", "sat/sun", "Wednesday last
// week"), the fortnight, "N days/weeks ago", and day ranges written day-first ("between 3 and 10
// November", "3–10 Nov"), month-first ("Nov 3–10") or numerically ("11/3–11/10", read in the
// account's order). Weeks start on Monday, as Meta's presets do. Each rule returns undefined when the
// phrase names days that have not started yet: the parser then reports the words as unread instead of
// guessing another range.

import {
  addDays,
  addMonths,
  isRealIsoDate,
  mondayOf,
  monthEndOf,
  PRESETS,
  type Preset,
  ymd,
} from '../calendar.js';
import { LONG_MONTHS } from '../display/dates.js';
import type { RangeInput } from '../tools/schemas.js';
import { COUNTED_AFTER, NUMBER_WORDS, numberOf } from './vocabulary.js';

export interface Phrase {
  range: RangeInput;
  label: string;
}

export interface CalendarRule {
  re: RegExp;
  build(m: RegExpExecArray, today: string, dayFirst: boolean): Phrase | undefined;
}

export const MONTH_RE =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
export const MONTH_NAMES = LONG_MONTHS;
const MONTHS = MONTH_NAMES.map((m) => m.slice(0, 3).toLowerCase());
const ORD = '(?:st|nd|rd|th)?';
/** Sunday first, as Date.getUTCDay counts. */
const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const DASH = '\\s*(?:-|–|—|to|through|thru|until|till|and)\\s*';
const WEEKDAY_RE =
  '(mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:r|rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)';
/** A weekday, as WEEKDAY_RE without its group. */
export const ANY_WEEKDAY = WEEKDAY_RE.replace('(', '(?:');
/** "this week", "last week", "the previous week": which Monday–Sunday week. */
const WHICH_WEEK = '(?:the\\s+)?(last|this|previous|prior)\\s+week';
/** After a weekday: "… of last week", "… this week". */
const OF_WEEK = `\\s+(?:of\\s+)?${WHICH_WEEK}\\b`;
/** A weekday that is a holiday's word ("Black Friday", "Cyber Monday") is no weekday. */
const NOT_A_HOLIDAY = '(?<!\\b(?:black|cyber|good|easter|giving)\\s+)';
/** A weekday before a date names that date ("Friday Nov 20", "fri 11/20"): the date rules read both. */
const NOT_BEFORE_A_DATE = `(?!,?\\s+(?:the\\s+)?\\d|,?\\s+${MONTH_RE}\\b)`;
/** Between the two ends of a run of weekdays ("sat/sun", "fri-sun", "Friday to Sunday"); "and" joins two days. */
const RUN_DASH = '(?:\\s*(?:-|–|—|/|\\+)\\s*|\\s+(?:to|through|thru|until|till)\\s+)';
/**
 * Not in a run of weekdays: "(Mon–Sun)" (or "mon-sun") after "last week" only says where weeks start
 * (read there), and "Friday to Sunday" is one run, not two days.
 */
const NOT_IN_A_RUN = `(?<!\\bweek\\s*\\(?\\s*|\\(\\s*|${ANY_WEEKDAY}${RUN_DASH})`;
const NOT_BEFORE_A_RUN = `(?!${RUN_DASH}${ANY_WEEKDAY})`;
/** "next Friday", "every Friday" name no day we read; "this week on Friday" is that week's, read there. */
const NOT_AFTER_ANOTHER_WORD =
  "(?<!\\b(?:next|every|each|that)\\s+|\\bweek(?:'?s)?\\s+(?:on\\s+)?(?:the\\s+)?)";
/** "Monday and Tuesday": after the first, the second. */
const AND_WEEKDAY = new RegExp(`^\\s+(?:and|&)\\s+${WEEKDAY_RE}\\b`);

/** A weekday word's place, Sunday 0 … Saturday 6, as Date.getUTCDay counts. */
function weekdayIndex(word: string): number {
  return WEEKDAY_NAMES.findIndex((d) => word.startsWith(d.slice(0, 3).toLowerCase()));
}

/** Days after Monday: "mon" 0 … "sun" 6. */
const weekdayOffset = (word: string): number => (weekdayIndex(word) + 6) % 7;

/** The latest day named `word` on or before today (before it, with `beforeToday`). */
function latestWeekday(word: string, today: string, beforeToday = false): string {
  const back = (new Date(`${today}T00:00:00Z`).getUTCDay() - weekdayIndex(word) + 7) % 7;
  return addDays(today, -(back || (beforeToday ? 7 : 0)));
}

/** The latest run of days from weekday `first` to `last` (past Sunday, if it wraps) begun in full. */
function latestRun(first: string, last: string, today: string): { since: string; until: string } {
  const until = latestWeekday(last, today);
  return { since: addDays(until, -((weekdayOffset(last) - weekdayOffset(first) + 7) % 7)), until };
}

/**
 * "on Saturday", "last Friday", "this Monday": the latest such day ("last": before today; "this": of
 * this week, if it has begun). The first of "Monday and Tuesday" is of the run the second ends.
 */
function weekdayPhrase(m: RegExpExecArray, today: string): Phrase | undefined {
  const [, which, word] = m;
  // alone, "sat", "sun" and "wed" are words too; "mon", "tue", "thu" and "fri" are only days ("clicks mon")
  if (!which && /^(sat|sun|wed)$/.test(word)) return undefined;
  const pair = AND_WEEKDAY.exec(m.input.slice(m.index + m[0].length));
  const date =
    which === 'this'
      ? addDays(mondayOf(today), weekdayOffset(word))
      : which && which !== 'on'
        ? latestWeekday(word, today, true)
        : pair
          ? latestRun(word, pair[1], today).since
          : latestWeekday(word, today);
  return upToToday(date, date, `${WEEKDAY_NAMES[weekdayIndex(word)]} ${shortDate(date)}`, today);
}

export function monthIndex(word: string): number {
  return MONTHS.indexOf(word.slice(0, 3).toLowerCase());
}

export function shortDate(iso: string): string {
  return `${MONTH_NAMES[Number(iso.slice(5, 7)) - 1].slice(0, 3)} ${Number(iso.slice(8))}`;
}

const span = (since: string, until: string, label: string): Phrase => ({ range: { since, until }, label });

/** A range clamped to today; undefined when it has not started. */
function upToToday(since: string, until: string, label: string, today: string): Phrase | undefined {
  if (since > today) return undefined;
  return span(since, until < today ? until : today, label);
}

function fullYear(word: string | undefined): number | undefined {
  if (!word) return undefined;
  const n = Number(word.replace("'", ''));
  return n < 100 ? 2000 + n : n;
}

/** "Q3" = the most recent Q3 that has started; "Q3 2025" that one. */
function quarter(q: number, yearWord: string | undefined, today: string): Phrase | undefined {
  const thisYear = Number(today.slice(0, 4));
  const explicit = fullYear(yearWord);
  let year = explicit ?? thisYear;
  if (explicit === undefined && ymd(year, (q - 1) * 3 + 1, 1) > today) year -= 1;
  const since = ymd(year, (q - 1) * 3 + 1, 1);
  return upToToday(since, monthEndOf(ymd(year, q * 3, 1)), `Q${q} ${year}`, today);
}

/** A calendar year through today; undefined for one not begun (the answer says it was not read). */
export function calendarYear(year: string, today: string): Phrase | undefined {
  const since = `${year}-01-01`;
  return since > today ? undefined : upToToday(since, `${year}-12-31`, year, today);
}

/** Which half: "first", "front" (the first), "back", "latter" (the second). */
const HALF = '(first|second|1st|2nd|front|back|latter)';
const FIRST_HALF = new Set(['first', '1st', 'front']);

function half(h: number, yearWord: string | undefined, today: string): Phrase | undefined {
  const thisYear = Number(today.slice(0, 4));
  const explicit = fullYear(yearWord);
  let year = explicit ?? thisYear;
  if (explicit === undefined && ymd(year, h === 1 ? 1 : 7, 1) > today) year -= 1;
  const since = ymd(year, h === 1 ? 1 : 7, 1);
  return upToToday(since, h === 1 ? ymd(year, 6, 30) : ymd(year, 12, 31), `H${h} ${year}`, today);
}

/** A year-less day: the most recent one on or before `notAfter`. */
function dayOf(month: number, day: number, year: number | undefined, notAfter: string): string | undefined {
  const iso = (y: number) => `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  let out = iso(year ?? Number(notAfter.slice(0, 4)));
  if (year === undefined && out > notAfter) out = iso(Number(notAfter.slice(0, 4)) - 1);
  return isRealIsoDate(out) ? out : undefined;
}

function dayRange(
  month: number,
  from: number,
  to: number,
  yearWord: string | undefined,
  today: string,
): Phrase | undefined {
  const since = dayOf(month, from, fullYear(yearWord), today);
  if (!since) return undefined;
  const until = `${since.slice(0, 8)}${String(to).padStart(2, '0')}`;
  if (!isRealIsoDate(until) || until < since) return undefined;
  return upToToday(since, until, `${shortDate(since)} – ${shortDate(until)}`, today);
}

/**
 * The first day of the month a day without its month is of: this month, said so (undefined when that
 * day has not begun), or else the latest month whose `day` has begun.
 */
function monthOfDay(day: number, thisMonth: string | undefined, today: string): string | undefined {
  if (!thisMonth) return latestMonthWith(day, today);
  return day <= Number(today.slice(8)) ? `${today.slice(0, 8)}01` : undefined;
}

/** A day without its month ("the 16th", "the first of this month"): its date in monthOfDay's month. */
function dateOfDay(day: number, thisMonth: string | undefined, today: string): string | undefined {
  const first = monthOfDay(day, thisMonth, today);
  const date = `${first?.slice(0, 8)}${String(day).padStart(2, '0')}`;
  return first && isRealIsoDate(date) ? date : undefined;
}

/** The day "the week of Nov 9" (9 Nov, 11/9, with a year or not) names, from that rule's groups. */
function dateOfWeek(m: RegExpExecArray, today: string, dayFirst: boolean): string | undefined {
  const [month, day] = m[2]
    ? [monthIndex(m[2]) + 1, Number(m[3])]
    : m[5]
      ? [monthIndex(m[5]) + 1, Number(m[4])]
      : dayFirst
        ? [Number(m[7]), Number(m[6])]
        : [Number(m[6]), Number(m[7])];
  return dayOf(month, day, fullYear(m[8]), today);
}

/** The Monday–Sunday week holding `date`. */
function weekOf(date: string, today: string): Phrase | undefined {
  const monday = mondayOf(date);
  return upToToday(monday, addDays(monday, 6), `the week of ${shortDate(monday)} (Mon–Sun)`, today);
}

/** The Saturday and Sunday `date` is one of; undefined for a weekday, which says no weekend. */
function weekendOf(date: string, today: string): Phrase | undefined {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (day !== 6 && day !== 0) return undefined;
  const saturday = day === 6 ? date : addDays(date, -1);
  return upToToday(saturday, addDays(saturday, 1), `the weekend of ${shortDate(saturday)} (Sat–Sun)`, today);
}

/** The first day of the latest month whose `day` has begun: this month's, else the one before. */
function latestMonthWith(day: number, today: string): string {
  const first = `${today.slice(0, 8)}01`;
  return Number(today.slice(8)) >= day ? first : addMonths(first, -1);
}

function ago(n: number, unit: string, today: string): Phrase | undefined {
  if (!Number.isFinite(n) || n < 1 || n > 400) return undefined;
  if (unit.startsWith('day')) {
    const d = addDays(today, -n);
    return span(d, d, shortDate(d));
  }
  if (unit.startsWith('week')) {
    const monday = addDays(mondayOf(today), -7 * n);
    return span(monday, addDays(monday, 6), `the week of ${shortDate(monday)} (Mon–Sun)`);
  }
  const first = `${addMonths(today, -n).slice(0, 7)}-01`;
  return span(first, monthEndOf(first), `${MONTH_NAMES[Number(first.slice(5, 7)) - 1]} ${first.slice(0, 4)}`);
}

/**
 * The Saturday–Sunday weekend: "last" = the latest one fully past, "this" = the current week's, and
 * "the weekend" the one under way on a Saturday or Sunday, else the latest past one.
 */
function weekend(which: string | undefined, today: string): Phrase | undefined {
  const saturday = addDays(mondayOf(today), 5);
  const onWeekend = today >= saturday;
  if (which === 'this' || (which === undefined && onWeekend))
    return upToToday(saturday, addDays(saturday, 1), 'this weekend', today);
  const last = lastWeekendSaturday(today);
  return span(last, addDays(last, 1), 'last weekend (Sat–Sun)');
}

/** The Saturday of the latest weekend fully past. */
function lastWeekendSaturday(today: string): string {
  const saturday = addDays(mondayOf(today), 5);
  return addDays(saturday, 1) < today ? saturday : addDays(saturday, -7);
}

/** "the weekend before last": the Saturday and Sunday a week before last weekend. */
function weekendBeforeLast(today: string): Phrase {
  const saturday = addDays(lastWeekendSaturday(today), -7);
  return span(saturday, addDays(saturday, 1), 'the weekend before last (Sat–Sun)');
}

/** A calendar period by its word: this one (through today) and the last whole one. */
const PERIODS: Record<string, { current: Phrase; last: Phrase }> = {
  week: {
    current: { range: { preset: 'this_week_mon_today' }, label: 'this week (since Monday)' },
    last: { range: { preset: 'last_week_mon_sun' }, label: 'last week (Mon–Sun)' },
  },
  month: {
    current: { range: { preset: 'this_month' }, label: 'this month' },
    last: { range: { preset: 'last_month' }, label: 'last month' },
  },
  quarter: {
    current: { range: { preset: 'this_quarter' }, label: 'this quarter' },
    last: { range: { preset: 'last_quarter' }, label: 'last quarter' },
  },
  year: {
    current: { range: { preset: 'this_year' }, label: 'this year' },
    last: { range: { preset: 'last_year' }, label: 'last year' },
  },
};

/** A word naming a time of its own after "last" ("last month", "last 7 days", "last friday"). */
const TIME_NOUN = `(?:\\d|(?:days?|weeks?|weekends?|months?|quarters?|years?|fortnight|time|period)\\b|${ANY_WEEKDAY}\\b|${MONTH_RE.replace('(', '(?:')}\\b)`;

/**
 * Months `first` to `last` (1–12, past December if it wraps): the latest such run begun, or the one
 * ending in `year`.
 */
function monthRun(first: number, last: number, year: number | undefined, today: string): Phrase | undefined {
  const wraps = last < first;
  const since =
    year === undefined ? dayOf(first, 1, undefined, today) : ymd(wraps ? year - 1 : year, first, 1);
  if (!since) return undefined;
  const until = monthEndOf(ymd(Number(since.slice(0, 4)) + (wraps ? 1 : 0), last, 1));
  return upToToday(
    since,
    until,
    `${MONTH_NAMES[first - 1]} – ${MONTH_NAMES[last - 1]} ${until.slice(0, 4)}`,
    today,
  );
}

/** "last_7d" → "the last 7 days", "this_week_mon_today" → "this week". */
function presetLabel(p: Preset): string {
  const days = /^last_(\d+)d$/.exec(p);
  if (days) return `the last ${days[1]} days`;
  if (p === 'maximum') return 'all time';
  return p.replace(/_mon_(sun|today)$/, '').replace(/_/g, ' ');
}

/** The days of a month spelled out as ordinals ("first", "fifteenth", "twenty first"), by number. */
const UNIT_ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth'];
const TENTH_TO_TWENTIETH = [
  'tenth',
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth',
  'seventeenth',
  'eighteenth',
  'nineteenth',
  'twentieth',
];
const DAY_ORDINALS = new Map<string, number>([
  ...UNIT_ORDINALS.map((w, i) => [w, i + 1] as const),
  ...TENTH_TO_TWENTIETH.map((w, i) => [w, i + 10] as const),
  ...UNIT_ORDINALS.map((w, i) => [`twenty ${w}`, i + 21] as const),
  ['thirtieth', 30],
  ['thirty first', 31],
]);

/** Where a spelled-out day ends its phrase, as "since the first?" does ("the first campaign" names no day). */
const DAY_WORD_ENDS = `(?=\\s*(?:$|[?!.,;:]|(?:of\\s+(?:the|this)\\s+month|(?:to|through|thru|till|until)\\s+(?:today|now|date)|for|in|at|by|vs|versus|compared|than)\\b))`;

/**
 * A day of the month without its month: "16th" (group 1), or spelled out (group 2) where the phrase
 * ends with it ("since the first?", "on the fifteenth for Black Friday").
 */
const DAY_OF_MONTH = `(?:(\\d{1,2})(?:st|nd|rd|th)\\b|(${[...DAY_ORDINALS.keys()]
  .map((w) => w.replace(' ', '[\\s-]'))
  .join('|')})\\b${DAY_WORD_ENDS})`;

/** After a day without its month: "(the 1st) of the month", "(the first) of this month" (group 3). */
const OF_THIS_MONTH = '(\\s+of\\s+(?:the|this)\\s+month\\b)?';

/** The day DAY_OF_MONTH read, from its digits or its word. */
function dayNumber(digits: string | undefined, word: string | undefined): number {
  return digits ? Number(digits) : DAY_ORDINALS.get(word!.replace(/[\s-]+/, ' '))!;
}

const ORDINAL: Record<string, number> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
};

/**
 * Holidays on a fixed date, as [words, month, day, label]; the moving ones (Thanksgiving, Black Friday)
 * are not read. "Christmas" alone may be a campaign's name, so a bare one needs "on" before it.
 */
const FIXED_HOLIDAYS: [string, number, number, string][] = [
  ['(?<=\\bon )(?:christmas|xmas)(?! (?:day|eve))|(?:christmas|xmas) day', 12, 25, 'Christmas Day'],
  ['(?:christmas|xmas) eve', 12, 24, 'Christmas Eve'],
  ['new years? day', 1, 1, "New Year's Day"],
  ['new years? eve', 12, 31, "New Year's Eve"],
  ['valentines? day', 2, 14, "Valentine's Day"],
  ['halloween', 10, 31, 'Halloween'],
  ['(?:the )?(?:fourth|4th) of july|independence day', 7, 4, 'the Fourth of July'],
];

/** One group per holiday, in FIXED_HOLIDAYS' order, then the year; "the Valentine's Day campaign" is a name. */
const HOLIDAY_RE = new RegExp(
  `\\b(?:${FIXED_HOLIDAYS.map(([words]) => `(${words})`).join('|')})\\b(?! (?:campaign|ad set|adset|ads?|promo|sale|sales|creative)\\b)(?:,?\\s+(this year|last year|\\d{4}))?`,
  'g',
);

export const CALENDAR_RULES: CalendarRule[] = [
  {
    // "on Christmas Day last year", "New Year's Eve": that day, the latest one begun unless a year is named
    re: HOLIDAY_RE,
    build: (m, today) => {
      const [, month, day, label] = FIXED_HOLIDAYS[m.slice(1).findIndex((g) => g !== undefined)];
      const yearWord = m[FIXED_HOLIDAYS.length + 1];
      const thisYear = Number(today.slice(0, 4));
      const year =
        yearWord === 'last year' ? thisYear - 1 : yearWord === 'this year' ? thisYear : fullYear(yearWord);
      const date = dayOf(month, day, year, today);
      if (!date || date > today) return undefined;
      return span(date, date, `${label} ${date.slice(0, 4)} (${shortDate(date)})`);
    },
  },
  {
    // Meta's own preset names, as people paste them from Ads Manager or the API
    re: new RegExp(`\\b(${PRESETS.filter((p) => p.includes('_')).join('|')})\\b`, 'g'),
    build: (m) => ({ range: { preset: m[1] as Preset }, label: presetLabel(m[1] as Preset) }),
  },
  {
    re: new RegExp(
      `\\b(?:between\\s+|from\\s+)?(?:the\\s+)?(\\d{1,2})${ORD}${DASH}(?:the\\s+)?(\\d{1,2})${ORD}\\s+(?:of\\s+)?${MONTH_RE}(?:,?\\s+(\\d{4}))?`,
      'g',
    ),
    build: (m, today) => dayRange(monthIndex(m[3]) + 1, Number(m[1]), Number(m[2]), m[4], today),
  },
  {
    // "the 1st through the 15th" (of this month, or of the last month that had them), "… of last month"
    re: new RegExp(
      `\\b(?:between\\s+|from\\s+)?(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)${DASH}(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)\\b(?:\\s+of\\s+(this|last|the\\s+previous|the\\s+current)\\s+month\\b)?`,
      'g',
    ),
    build: (m, today) => {
      const first =
        m[3] === 'last' || m[3] === 'the previous'
          ? addMonths(`${today.slice(0, 8)}01`, -1)
          : m[3]
            ? `${today.slice(0, 8)}01`
            : latestMonthWith(Number(m[1]), today);
      return dayRange(Number(first.slice(5, 7)), Number(m[1]), Number(m[2]), first.slice(0, 4), today);
    },
  },
  {
    // "on the 20th", "on the fifteenth": the latest such day that has begun (this month's, else last
    // month's); never "the 3rd of November" (a date rule reads that) nor the start of a range
    re: new RegExp(
      `\\bon\\s+the\\s+${DAY_OF_MONTH}(?!\\s+(?:of\\s+)?${MONTH_RE})${OF_THIS_MONTH}(?!${DASH})`,
      'g',
    ),
    build: (m, today) => {
      const day = dayNumber(m[1], m[2]);
      const first = monthOfDay(day, m[3], today);
      return first ? dayRange(Number(first.slice(5, 7)), day, day, first.slice(0, 4), today) : undefined;
    },
  },
  {
    // "since the 1st", "since the first of the month", "from the 10th to today": from the latest such
    // day that has begun through today ("from the 1st to the 15th" is a range, read above)
    re: new RegExp(
      `\\b(?:since|starting(?:\\s+from)?|from)\\s+the\\s+${DAY_OF_MONTH}(?!\\s+(?:of\\s+)?${MONTH_RE})${OF_THIS_MONTH}(?:\\s+(?:to|through|thru|till|until)\\s+(?:today|now|date)\\b)?(?!${DASH})`,
      'g',
    ),
    build: (m, today) => {
      const since = dateOfDay(dayNumber(m[1], m[2]), m[3], today);
      return since ? upToToday(since, today, `since ${shortDate(since)}`, today) : undefined;
    },
  },
  {
    // "since October", "since the start of October": from its first day through today ("from
    // September to October" is two months, read elsewhere)
    re: new RegExp(
      `\\b(?:since|starting)\\s+(?:the\\s+(?:start|beginning)\\s+of\\s+)?${MONTH_RE}(?:\\s+(\\d{4}))?\\b(?!\\s*\\d)(?!${DASH})`,
      'g',
    ),
    build: (m, today) => {
      const month = monthIndex(m[1]) + 1;
      const thisYear = Number(today.slice(0, 4));
      let since = ymd(m[2] ? Number(m[2]) : thisYear, month, 1);
      if (!m[2] && since > today) since = ymd(thisYear - 1, month, 1);
      return upToToday(since, today, `since ${shortDate(since)}`, today);
    },
  },
  {
    // "since Monday": from the latest Monday (today, if it is one) through today; "since last Monday"
    // never starts today (said on a Monday, it is a week ago). "since Monday last week" is that week's,
    // read below
    re: new RegExp(
      `\\b(?:since|starting)\\s+(last\\s+)?${WEEKDAY_RE}\\b(?!${OF_WEEK})${NOT_BEFORE_A_DATE}`,
      'g',
    ),
    build: (m, today) => {
      const since = latestWeekday(m[2], today, m[1] !== undefined);
      return span(since, today, `since ${WEEKDAY_NAMES[weekdayIndex(m[2])]} ${shortDate(since)}`);
    },
  },
  {
    // "last 7 days including today": today and the days before it
    re: /\b(?:last|past)\s+(\d{1,3})\s+days\s+(?:including|incl|with|plus)\s+today\b/g,
    build: (m, today) => {
      const n = Number(m[1]);
      if (n < 1 || n > 400) return undefined;
      const since = addDays(today, -(n - 1));
      return span(since, today, `the last ${n} days including today`);
    },
  },
  {
    // "the last full week", "previous calendar month": the last whole week (Mon–Sun) or calendar month
    re: /\b(?:the\s+)?(?:last|previous|most recent)\s+(?:full|complete|whole|calendar)\s+(week|month)\b/g,
    build: (m) => PERIODS[m[1]].last,
  },
  {
    // "the quarter so far", "for the month to date": this one, through today ("the second half of the
    // year so far" is that half)
    re: /(?<!\bhalf\s+of\s+)\b(?:the|this)\s+(week|month|quarter|year)\s+(?:so\s+far|to\s+date|until\s+now|up\s+to\s+now)\b/g,
    build: (m) => PERIODS[m[1]].current,
  },
  {
    // "the month just gone", "the week that just ended": the last whole one
    re: /\bthe\s+(week|month|quarter|year)\s+(?:that\s+)?(?:has\s+)?just\s+(?:gone|ended|finished|passed)\b/g,
    build: (m) => PERIODS[m[1]].last,
  },
  {
    // "this month vs last", "did we spend more this week than last?", "this week compared to the previous
    // one": the last one of that unit ("this
    // month vs last year" is the same month a year earlier, read elsewhere)
    re: new RegExp(
      `(?<=\\b(?:this|current)\\s+(week|month|quarter|year)\\s+(?:vs\\.?|versus|than|compared\\s+(?:to|with)|against)\\s+)(?:the\\s+)?(?:last|previous|prior)(?:\\s+one)?\\b(?!\\s+${TIME_NOUN})`,
      'g',
    ),
    build: (m) => PERIODS[m[1]].last,
  },
  {
    // "jun-aug", "June through August 2026": the first month's first day to the last one's last day ("from
    // June to August" may set the two side by side, and is read elsewhere)
    re: new RegExp(
      `\\b${MONTH_RE}(?:\\s*(?:-|–|—)\\s*|\\s+(?:through|thru|until|till)\\s+)${MONTH_RE}(?:,?\\s+(\\d{4}))?\\b(?!\\s*\\d)`,
      'g',
    ),
    build: (m, today) => monthRun(monthIndex(m[1]) + 1, monthIndex(m[2]) + 1, fullYear(m[3]), today),
  },
  {
    // "the first 10 days of November", "the last 5 days of October": those days of that month (read
    // before "last 5 days", which alone means the days up to yesterday)
    re: new RegExp(
      `\\b(?:the\\s+)?(first|last)\\s+(\\d{1,2}|${Object.keys(NUMBER_WORDS).join('|')})\\s+days\\s+of\\s+(?:the\\s+month\\s+of\\s+)?${MONTH_RE}(?:,?\\s+(\\d{4}))?\\b`,
      'g',
    ),
    build: (m, today) => {
      const n = numberOf(m[2]);
      const first = dayOf(monthIndex(m[3]) + 1, 1, fullYear(m[4]), today);
      if (!first || !(n >= 1 && n <= 31)) return undefined;
      const end = monthEndOf(first);
      const [since, until] =
        m[1] === 'first' ? [first, addDays(first, n - 1)] : [addDays(end, -(n - 1)), end];
      if (since < first || until > end) return undefined;
      return upToToday(since, until, `${shortDate(since)} – ${shortDate(until)}`, today);
    },
  },
  {
    // "mon-fri last week", "Monday to Wednesday this week": those days of that Monday–Sunday week
    re: new RegExp(
      `\\b(?:from\\s+)?${WEEKDAY_RE}${DASH}${WEEKDAY_RE}\\s+(?:of\\s+)?(last|this|previous)\\s+week\\b`,
      'g',
    ),
    build: (m, today) => {
      const monday = addDays(mondayOf(today), m[3] === 'this' ? 0 : -7);
      const [a, b] = [weekdayOffset(m[1]), weekdayOffset(m[2])];
      if (b < a) return undefined;
      return upToToday(
        addDays(monday, a),
        addDays(monday, b),
        `${shortDate(addDays(monday, a))} – ${shortDate(addDays(monday, b))}`,
        today,
      );
    },
  },
  {
    // "Wednesday last week", "on the Friday of last week", "last week on Friday", "Monday this week":
    // that day of that Monday–Sunday week ("Black Friday last week" is a holiday, or a campaign's name)
    re: new RegExp(
      `\\b(?:on\\s+)?(?:the\\s+)?${NOT_A_HOLIDAY}${WEEKDAY_RE}${OF_WEEK}|\\b${WHICH_WEEK}(?:'?s)?\\s+(?:on\\s+)?(?:the\\s+)?${WEEKDAY_RE}\\b(?!${DASH}${WEEKDAY_RE})`,
      'g',
    ),
    build: (m, today) => {
      const [day, which] = m[1] ? [m[1], m[2]] : [m[4], m[3]];
      const date = addDays(mondayOf(today), (which === 'this' ? 0 : -7) + weekdayOffset(day));
      return upToToday(date, date, `${WEEKDAY_NAMES[weekdayIndex(day)]} ${shortDate(date)}`, today);
    },
  },
  {
    // "sat/sun", "fri-sun", "from Friday to Sunday", "between Friday and Sunday": the latest run of those
    // days that has begun in full ("Monday to Wednesday this week" is that week's, read above)
    re: new RegExp(
      `\\b(?:(?:from\\s+)?${NOT_A_HOLIDAY}${NOT_IN_A_RUN}${WEEKDAY_RE}${RUN_DASH}${WEEKDAY_RE}|between\\s+${WEEKDAY_RE}\\s+(?:and|&)\\s+${WEEKDAY_RE})\\b(?!${OF_WEEK})`,
      'g',
    ),
    build: (m, today) => {
      const { since, until } = latestRun(m[1] ?? m[3], m[2] ?? m[4], today);
      return span(since, until, `${shortDate(since)} – ${shortDate(until)}`);
    },
  },
  {
    // "on Saturday", "revenue friday", "last Friday", "on fri": one day (weekdayPhrase)
    re: new RegExp(
      `\\b(?:(last|past|previous|prior|this|on)\\s+)?${NOT_A_HOLIDAY}${NOT_IN_A_RUN}${NOT_AFTER_ANOTHER_WORD}${WEEKDAY_RE}\\b(?!${OF_WEEK})${NOT_BEFORE_A_DATE}${NOT_BEFORE_A_RUN}`,
      'g',
    ),
    build: weekdayPhrase,
  },
  {
    // "the week of November 9", "week of 11/9", "the week of the 16th": the Monday–Sunday week holding
    // that day (the latest such day that has begun); "the weekend of the 14th" the weekend it is a day of
    re: new RegExp(
      `\\b(weekend|week)\\s+of\\s+(?:the\\s+)?(?:(?:${MONTH_RE}\\s+(\\d{1,2})${ORD}|(\\d{1,2})${ORD}\\s+(?:of\\s+)?${MONTH_RE}|(\\d{1,2})\\/(\\d{1,2}))(?:,?\\s+(\\d{4}))?\\b|${DAY_OF_MONTH}${OF_THIS_MONTH})`,
      'g',
    ),
    build: (m, today, dayFirst) => {
      const date =
        m[9] || m[10] ? dateOfDay(dayNumber(m[9], m[10]), m[11], today) : dateOfWeek(m, today, dayFirst);
      if (!date) return undefined;
      return m[1] === 'week' ? weekOf(date, today) : weekendOf(date, today);
    },
  },
  {
    // "the week before last", "the month before last": two weeks (Mon–Sun) or calendar months back
    re: /\b(?:the\s+)?(week|month)\s+before\s+last\b/g,
    build: (m, today) => ago(2, m[1], today),
  },
  {
    re: new RegExp(
      `\\b(?:between\\s+|from\\s+)?${MONTH_RE}\\s+(\\d{1,2})${ORD}${DASH}(\\d{1,2})${ORD}(?![\\d/])(?:,?\\s+(\\d{4}))?`,
      'g',
    ),
    build: (m, today) => dayRange(monthIndex(m[1]) + 1, Number(m[2]), Number(m[3]), m[4], today),
  },
  {
    re: /\b(?:between\s+|from\s+)?(\d{1,2})\/(\d{1,2})(?:\/(\d{2,4}))?\s*(?:-|–|—|to|through|thru|and)\s*(\d{1,2})\/(\d{1,2})(?:\/(\d{2,4}))?\b/g,
    build: (m, today, dayFirst) => {
      const [a, b, c, d] = [m[1], m[2], m[4], m[5]].map(Number);
      const [m1, d1, m2, d2] = dayFirst ? [b, a, d, c] : [a, b, c, d];
      const since = dayOf(m1, d1, fullYear(m[3]), today);
      if (!since) return undefined;
      let until = dayOf(m2, d2, fullYear(m[6]) ?? Number(since.slice(0, 4)), '9999-12-31');
      if (until && !m[6] && until < since) until = dayOf(m2, d2, Number(since.slice(0, 4)) + 1, '9999-12-31');
      if (!until || until < since) return undefined;
      return upToToday(since, until, `${shortDate(since)} – ${shortDate(until)}`, today);
    },
  },
  {
    // "Q3 last year", "October last year": that quarter or month one year before this one
    re: new RegExp(`\\b(?:in\\s+|during\\s+)?(?:q([1-4])|${MONTH_RE})\\s+(?:of\\s+)?last\\s+year\\b`, 'g'),
    build: (m, today) => {
      const year = String(Number(today.slice(0, 4)) - 1);
      if (m[1]) return quarter(Number(m[1]), year, today);
      const since = ymd(Number(year), monthIndex(m[2]) + 1, 1);
      return span(since, monthEndOf(since), `${MONTH_NAMES[monthIndex(m[2])]} ${year}`);
    },
  },
  {
    re: /\b(?:in\s+|during\s+|for\s+)?q([1-4])(?:\s+(?:of\s+)?('?\d{2}|\d{4}))?\b/g,
    build: (m, today) => quarter(Number(m[1]), m[2], today),
  },
  { re: /\b(\d{4})\s+q([1-4])\b/g, build: (m, today) => quarter(Number(m[2]), m[1], today) },
  {
    re: /\b(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+(?:of\s+)?(\d{4}))?\b/g,
    build: (m, today) => quarter(ORDINAL[m[1]], m[2], today),
  },
  {
    re: /\bh([12])(?:\s+(?:of\s+)?(\d{4}))?\b/g,
    build: (m, today) => half(Number(m[1]), m[2], today),
  },
  {
    // "the second half of October": its 16th to its last day (the first half: the 1st to the 15th)
    re: new RegExp(`\\b${HALF}\\s+half\\s+of\\s+${MONTH_RE}(?:,?\\s+(\\d{4}))?\\b`, 'g'),
    build: (m, today) => {
      const month = monthIndex(m[2]) + 1;
      const first = FIRST_HALF.has(m[1]);
      const since = dayOf(month, first ? 1 : 16, fullYear(m[3]), today);
      if (!since) return undefined;
      const until = first ? `${since.slice(0, 8)}15` : monthEndOf(since);
      return upToToday(since, until, `${shortDate(since)} – ${shortDate(until)}`, today);
    },
  },
  {
    // "the back half of the year", "the first half of 2025": H2, H1
    re: new RegExp(`\\b${HALF}\\s+half(?:\\s+of)?(?:\\s+(?:the\\s+)?year|\\s+(\\d{4}))?\\b`, 'g'),
    build: (m, today) => half(FIRST_HALF.has(m[1]) ? 1 : 2, m[2], today),
  },
  {
    // "in 2023", "during 2025": the calendar year; read after the halves ("the second half of 2025" is H2).
    // "over" is a bound as often: "over 2000 impressions" counts them, and "spent over 2000" names no year
    // from before the data (as a bare year is read, only the last ten)
    re: new RegExp(
      `\\b(in|during|for|of|over|throughout)\\s+(?:the\\s+year\\s+)?((?:19|20)\\d{2})\\b(?![-/]\\d|\\s+${COUNTED_AFTER})`,
      'g',
    ),
    build: (m, today) =>
      m[1] === 'over' && Number(m[2]) < Number(today.slice(0, 4)) - 10
        ? undefined
        : calendarYear(m[2], today),
  },
  {
    re: /\b(?:(last|past|previous|prior|this)\s+)?fortnight\b/g,
    build: (m) =>
      m[1] === 'this' ? undefined : { range: { preset: 'last_14d' }, label: 'the last 14 days' },
  },
  {
    re: /\b(?:the\s+)?weekend\s+before\s+last\b/g,
    build: (_m, today) => weekendBeforeLast(today),
  },
  {
    // "last weekend", "over the weekend" ("the weekend of the 14th" is read above; of a weekday, not at all)
    re: /\b(?:(last|past|previous|this)|(?:over|on|during|at|for)\s+the|this\s+past)\s+weekend\b(?!\s+of\b)/g,
    build: (m, today) => weekend(m[1], today),
  },
  {
    re: /\b(\d{1,3}|a|one|two|three|four|five|six)\s+(days?|weeks?|months?)\s+ago\b/g,
    build: (m, today) => {
      const words: Record<string, number> = { a: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6 };
      return ago(words[m[1]] ?? Number(m[1]), m[2], today);
    },
  },
];

/** The same days one week, month or year earlier ("same period last year", "year over year"). */
export function shiftBack(range: { since: string; until: string }, unit: 'week' | 'month' | 'year') {
  if (unit === 'week') return { since: addDays(range.since, -7), until: addDays(range.until, -7) };
  const months = unit === 'month' ? -1 : -12;
  return { since: addMonths(range.since, months), until: addMonths(range.until, months) };
}
