// Time phrases in a question → a tool range ({ preset } or { since, until }), relative to the ad
// account's "today". Meta semantics: "last 7 days" is the preset last_7d (7 whole days ending
// yesterday); "this week" runs Monday through today. Finds every phrase (a comparison has two) with
// its position, so the intent parser can tell "compare X vs Y" and "change from X" apart. Order of
// trust: the advertising calendar (calendarPhrases), then our relative phrases, then chrono-node for
// any other calendar date it can read ("the 3rd of November", "last Tuesday").
import type * as chrono from 'chrono-node';
// English only: the package's root loads every locale (five times the modules, over a second of a
// cold `adnavi ask` on a busy machine)
import { casual as chronoEnglish } from 'chrono-node/en';
import { addDays, addMonths, isRealIsoDate, monthEndOf, resolvePreset, toDay, ymd } from '../calendar.js';
import type { Preset, RangeInput } from '../tools/schemas.js';
import {
  ANY_WEEKDAY,
  CALENDAR_RULES,
  calendarYear,
  MONTH_NAMES,
  MONTH_RE,
  monthIndex,
  shortDate,
} from './calendarPhrases.js';
import { NUMBER_WORDS, numberOf } from './vocabulary.js';

export interface TimeExpression {
  range: RangeInput;
  /** How the answer names it: "the last 30 days", "October 2026", "since Nov 1". */
  label: string;
  start: number;
  end: number;
}

const ORD = '(?:st|nd|rd|th)?';
// A calendar date: "Nov 1", "Nov 1st, 2026", "1 November", "2026-11-01", "11/01" (US order), with or
// without its weekday before it ("Friday Nov 20": the date says which Friday).
const MONTH_ALT = MONTH_RE.replace('(', '(?:');
const WEEKDAY_BEFORE = `${ANY_WEEKDAY},?\\s+`;
const DATE_RE = `(?:${WEEKDAY_BEFORE})?(?:${MONTH_ALT}\\s+\\d{1,2}(?!\\d)${ORD}(?:,?\\s+\\d{4})?|\\d{1,2}${ORD}\\s+(?:of\\s+)?${MONTH_ALT}(?:,?\\s+\\d{4})?|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}/\\d{1,2}(?:/\\d{4})?)`;

const N_RE = `(\\d{1,4}|${Object.keys(NUMBER_WORDS).join('|')})`;
// "the first two weeks of November", "the last 2 weeks of October": some weeks of that period (calendar
// weeks, or its first 14 days?), never the trailing weeks up to yesterday; left unread, the answer says so
const NOT_OF_PERIOD = `(?!\\s+of\\s+(?:the\\s+)?(?:${MONTH_ALT}|month|quarter|year|this|last|previous|q[1-4]|\\d{4})\\b)`;
const DAY_PRESETS = new Set([3, 7, 14, 28, 30, 90]);
/** Words before a number that make it an amount, never a year ("more than 2025 clicks", "top 2020"). */
const AMOUNT_BEFORE =
  'than|above|below|under|over|least|most|top|bottom|exactly|about|around|roughly|approximately|per';

interface Rule {
  re: RegExp;
  /**
   * Read only with no other time phrase right beside it, which it would qualify ("ytd 2026"); "so far"
   * beside it ("2026 so far") only says it is not over.
   */
  alone?: boolean;
  build(
    m: RegExpExecArray,
    today: string,
    dayFirst: boolean,
  ): Omit<TimeExpression, 'start' | 'end'> | undefined;
}

const preset = (p: Preset, label: string) => ({ range: { preset: p }, label });
const span = (since: string, until: string, label: string) => ({ range: { since, until }, label });

/** A date token → ISO date; without a year, the most recent such day on or before today. */
export function parseDateToken(
  token: string,
  today: string,
  notAfter = today,
  dayFirst = false,
): string | undefined {
  const t = token
    .trim()
    .toLowerCase()
    .replace(new RegExp(`^${WEEKDAY_BEFORE}`), '')
    .replace(/(\d)(st|nd|rd|th)\b/, '$1');
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return isRealIsoDate(t) ? t : undefined;
  let month: number;
  let day: number;
  let year: number | undefined;
  const us = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?$/.exec(t);
  const named = new RegExp(`^${MONTH_RE}\\s+(\\d{1,2}),?(?:\\s+(\\d{4}))?$`).exec(t);
  const dayMonth = new RegExp(`^(\\d{1,2})\\s+(?:of\\s+)?${MONTH_RE},?(?:\\s+(\\d{4}))?$`).exec(t);
  if (us && dayFirst) [day, month, year] = [Number(us[1]), Number(us[2]), us[3] ? Number(us[3]) : undefined];
  else if (us) [month, day, year] = [Number(us[1]), Number(us[2]), us[3] ? Number(us[3]) : undefined];
  else if (named)
    [month, day, year] = [
      monthIndex(named[1]) + 1,
      Number(named[2]),
      named[3] ? Number(named[3]) : undefined,
    ];
  else if (dayMonth)
    [month, day, year] = [
      monthIndex(dayMonth[2]) + 1,
      Number(dayMonth[1]),
      dayMonth[3] ? Number(dayMonth[3]) : undefined,
    ];
  else return undefined;
  const currentYear = Number(today.slice(0, 4));
  const candidate = (y: number) => `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const iso =
    year !== undefined
      ? candidate(year)
      : candidate(currentYear) <= notAfter
        ? candidate(currentYear)
        : candidate(currentYear - 1);
  return isRealIsoDate(iso) ? iso : undefined;
}

function lastN(n: number, unit: string, today: string): Omit<TimeExpression, 'start' | 'end'> {
  const u = unit.replace(/s$/, '');
  const plural = n === 1 ? u : `${u}s`;
  const label = n === 1 ? `the last ${u}` : `the last ${n} ${plural}`;
  const yesterday = addDays(today, -1);
  if (u === 'day')
    return DAY_PRESETS.has(n)
      ? preset(`last_${n}d` as Preset, label)
      : span(addDays(today, -n), yesterday, label);
  if (u === 'week')
    return n === 1 || n === 2
      ? preset(n === 1 ? 'last_7d' : 'last_14d', label)
      : span(addDays(today, -7 * n), yesterday, label);
  if (u === 'year') return span(addMonths(today, -12 * n), yesterday, label);
  return span(addMonths(today, -n), yesterday, label);
}

function namedMonth(m: RegExpExecArray, today: string): Omit<TimeExpression, 'start' | 'end'> | undefined {
  const month = monthIndex(m[1]) + 1;
  const currentYear = Number(today.slice(0, 4));
  // "in October" = the most recent October that has started
  const year = m[2] ? Number(m[2]) : month <= Number(today.slice(5, 7)) ? currentYear : currentYear - 1;
  const since = ymd(year, month, 1);
  if (since > today) return undefined;
  const end = monthEndOf(since);
  return span(since, end < today ? end : today, `${MONTH_NAMES[month - 1]} ${year}`);
}

const RULES: Rule[] = [
  ...CALENDAR_RULES,
  {
    // "from Nov 1 to Nov 20", "between … and …", and without the preposition "2026-11-01 to 2026-11-20",
    // "Oct 15 - Nov 15": one range, never two days to compare. Bare "X and Y" stays two days, and so does
    // "compare X to Y"
    re: new RegExp(
      `\\b(?:(?:between|from)\\s+(${DATE_RE})\\s+(?:and|to|through|thru|until|till|-|–|—)\\s+|(${DATE_RE})(?:\\s*(?:-|–|—)\\s*|\\s+(?:to|through|thru|until|till)\\s+))(${DATE_RE})`,
      'g',
    ),
    build: (match, today, dayFirst) => {
      if (match[2] && /\bcompar/.test(match.input.slice(0, match.index))) return undefined;
      const m = [match[0], match[1] ?? match[2], match[3]];
      const since = parseDateToken(m[1], today, today, dayFirst);
      if (!since) return undefined;
      // a year-less end date belongs to the start's year (or the next, when it wraps past December)
      let until = parseDateToken(m[2], today, '9999-12-31', dayFirst);
      if (until && !/\d{4}/.test(m[2])) {
        until = `${since.slice(0, 4)}${until.slice(4)}`;
        if (until < since) until = `${Number(since.slice(0, 4)) + 1}${until.slice(4)}`;
      }
      if (!until || !isRealIsoDate(until) || until < since) return undefined;
      return span(since, until, `${shortDate(since)} – ${shortDate(until)}`);
    },
  },
  {
    re: new RegExp(`\\b(?:since|from|after|starting)\\s+(${DATE_RE})`, 'g'),
    build: (m, today, dayFirst) => {
      const since = parseDateToken(m[1], today, today, dayFirst);
      return since && since <= today ? span(since, today, `since ${shortDate(since)}`) : undefined;
    },
  },
  {
    // "since it launched": from its first day with data, as all time is
    re: /\b(?:all[\s-]time|ever|lifetime|since (?:the )?(?:beginning|start)|since (?:it|they|we) (?:was |were )?(?:launched|started|began|went live|went out)|since (?:the )?launch)\b/g,
    build: () => preset('maximum', 'all time'),
  },
  {
    // "nov to date", "November so far": this month through today, when the month named is this one
    // (said of a month gone by, "to date" is left unread)
    re: new RegExp(`\\b${MONTH_RE}\\s+(?:to\\s+date|so\\s+far)\\b`, 'g'),
    build: (m, today) => {
      const month = namedMonth(m, today);
      return month && 'until' in month.range && month.range.until === today ? month : undefined;
    },
  },
  {
    // "how much has it spent so far?": its whole life; "so far this month", "Nov so far" are that month
    re: new RegExp(
      `(?<!\\b(?:day|week|month|quarter|year|today|yesterday|${MONTH_ALT})\\s)\\b(?:so far|(?<!\\bup )to date|up to now|until now)\\b(?!\\s+(?:this|today|in|during|for|since|over))`,
      'g',
    ),
    build: () => preset('maximum', 'all time'),
  },
  {
    re: /\bday before yesterday\b/g,
    build: (_m, t) => span(addDays(t, -2), addDays(t, -2), 'the day before yesterday'),
  },
  { re: /\btoday\b|\bso far today\b/g, build: () => preset('today', 'today') },
  { re: /\byesterday\b|\blast day\b/g, build: () => preset('yesterday', 'yesterday') },
  {
    re: new RegExp(
      `\\b(?:last|past|previous|prior|trailing)\\s+${N_RE}\\s+(days?|weeks?|months?|years?)\\b${NOT_OF_PERIOD}`,
      'g',
    ),
    build: (m, today) => {
      const n = numberOf(m[1]);
      return Number.isFinite(n) && n >= 1 && n <= 3650 ? lastN(n, m[2], today) : undefined;
    },
  },
  {
    // "spend 7 days", "7 day roas": a bare span means the last N days ("the first 2 weeks" of anything not)
    re: new RegExp(
      `(?<!\\bfirst\\s+)\\b${N_RE}[\\s-](days?|weeks?|months?)\\b(?!\\s+(?:ago|before|after|earlier|later))${NOT_OF_PERIOD}`,
      'g',
    ),
    build: (m, today) => {
      const n = numberOf(m[1]);
      return Number.isFinite(n) && n >= 1 && n <= 3650 ? lastN(n, m[2], today) : undefined;
    },
  },
  { re: /\bpast\s+week\b/g, build: () => preset('last_7d', 'the last 7 days') },
  { re: /\bpast\s+month\b/g, build: () => preset('last_30d', 'the last 30 days') },
  // "over the last week", "in the last month": the trailing days up to yesterday, as "past week" is;
  // "last week" alone is the calendar week (Mon–Sun), "for the last month" is left to that reading
  {
    re: /\b(?:in|over|during|within)\s+the\s+last\s+(week|month)\b(?!\s+of\b)/g,
    build: (m) =>
      m[1] === 'week' ? preset('last_7d', 'the last 7 days') : preset('last_30d', 'the last 30 days'),
  },
  {
    // "(Mon–Sun)" only confirms our week start; "(Sun–Sat)" is left unread, so the answer says so
    re: /\b(?:last|previous|prior)\s+week\b(?:\s*\(?\s*mon(?:day)?\s*(?:-|–|—|to|through|thru)\s*sun(?:day)?\s*\)?)?/g,
    build: () => preset('last_week_mon_sun', 'last week (Mon–Sun)'),
  },
  { re: /\b(?:last|previous|prior)\s+month\b/g, build: () => preset('last_month', 'last month') },
  { re: /\b(?:last|previous|prior)\s+quarter\b/g, build: () => preset('last_quarter', 'last quarter') },
  { re: /\b(?:last|previous|prior)\s+year\b/g, build: () => preset('last_year', 'last year') },
  {
    re: /\b(?:this|current)\s+(?:calendar\s+)?week\b|\bweek to date\b|\bwtd\b/g,
    build: () => preset('this_week_mon_today', 'this week (since Monday)'),
  },
  {
    re: /\b(?:this|current)\s+(?:calendar\s+)?month\b|\bmonth to date\b|\bmtd\b/g,
    build: () => preset('this_month', 'this month'),
  },
  {
    re: /\b(?:this|current)\s+(?:calendar\s+)?quarter\b|\bquarter to date\b|\bqtd\b/g,
    build: () => preset('this_quarter', 'this quarter'),
  },
  {
    re: /\b(?:this|current)\s+(?:calendar\s+)?year\b|\byear to date\b|\bytd\b/g,
    build: () => preset('this_year', 'this year'),
  },
  {
    // "roas for the year", "what we spent over the year": this year so far ("for the year 2025" and
    // "the year before" are read elsewhere)
    re: /\b(?:for|over|during|throughout|in)\s+the\s+year\b(?!\s+(?:before|prior|earlier|ago|after|\d))/g,
    build: () => preset('this_year', 'this year'),
  },
  {
    re: new RegExp(`\\b(?:on\\s+)?(${DATE_RE})`, 'g'),
    build: (m, today, dayFirst) => {
      const day = parseDateToken(m[1], today, today, dayFirst);
      return day && day <= today ? span(day, day, shortDate(day)) : undefined;
    },
  },
  // "May" alone is a verb, so a bare month needs a preposition or a year
  {
    re: new RegExp(`\\b(?:in|during|for|of|over)\\s+${MONTH_RE}(?:\\s+(\\d{4}))?\\b`, 'g'),
    build: namedMonth,
  },
  { re: new RegExp(`\\b${MONTH_RE}\\s+(\\d{4})\\b`, 'g'), build: namedMonth },
  {
    // abbreviations too ("tot spend Oct"), but never "may" or "mar", which are words
    re: /\b(?:january|february|march|april|june|july|august|september|october|november|december|jan|feb|apr|jun|jul|aug|sept?|oct|nov|dec)\b(?!\s*\d)/g,
    build: (m, t) => namedMonth([m[0], m[0]] as unknown as RegExpExecArray, t),
  },
  {
    // "tot rev 2026", "2025 spend": a year of the last ten alone is that calendar year; never part of a
    // date or an amount ("more than 2000", "$2025", "2020+"). Written with words of a name that holds
    // it ("ete 2026"), the parser gives it back to the name
    alone: true,
    re: new RegExp(
      `(?<![$€£#]\\s?|[\\d.,/-]|\\b(?:${AMOUNT_BEFORE})\\s+)\\b((?:19|20)\\d{2})\\b(?![.,/-]?\\d|\\s*(?:\\+|%|k\\b|x\\b))`,
      'g',
    ),
    build: (m, today) =>
      Number(m[1]) >= Number(today.slice(0, 4)) - 10 ? calendarYear(m[1], today) : undefined,
  },
];

/** Every time phrase in the text, in reading order, without overlaps (earlier rules win). */
export function findTimeExpressions(text: string, today: string, dayFirst = false): TimeExpression[] {
  const lower = text.toLowerCase();
  const found: TimeExpression[] = [];
  const taken = (s: number, e: number) => found.some((f) => s < f.end && e > f.start);
  const beside = (s: number, e: number) =>
    found.some(
      (f) =>
        !('preset' in f.range && f.range.preset === 'maximum') &&
        ((f.end <= s && !lower.slice(f.end, s).trim()) || (f.start >= e && !lower.slice(e, f.start).trim())),
    );
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(lower); m !== null; m = rule.re.exec(lower)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken(start, end) || (rule.alone && beside(start, end))) continue;
      const built = rule.build(m, today, dayFirst);
      if (built) found.push({ ...built, start, end });
    }
  }
  found.push(...chronoDates(lower, today, found));
  if (found.length === 0) {
    // "how many clicks did Summer Sale get in total?": its whole life, when nothing else says when
    // ("in total last week" is last week's total)
    const total = IN_TOTAL.exec(lower);
    if (total)
      found.push({
        ...preset('maximum', 'all time'),
        start: total.index,
        end: total.index + total[0].length,
      });
  }
  return found.sort((a, b) => a.start - b.start);
}

const IN_TOTAL = /\b(?:in total|all told|altogether)\b/;

// chrono reads words like "now" or "tonight" too; only phrases naming a calendar day count here. A
// weekday alone is no such phrase: the calendar rules read every weekday they can tell ("on Friday",
// "last Friday"), and leave the rest ("Black Friday", "next Friday") unread
const CALENDAR_WORD = new RegExp(`\\d|${MONTH_RE}`);

/** Dates our rules did not read, from chrono-node, on the text with the phrases already read blanked. */
function chronoDates(lower: string, today: string, found: TimeExpression[]): TimeExpression[] {
  let rest = lower;
  for (const f of found) rest = `${rest.slice(0, f.start)}${' '.repeat(f.end - f.start)}${rest.slice(f.end)}`;
  if (!CALENDAR_WORD.test(rest)) return [];
  const [y, m, d] = today.split('-').map(Number);
  const instant = new Date(Date.UTC(y, m - 1, d, 12));
  const out: TimeExpression[] = [];
  for (const r of chronoEnglish.parse(rest, { instant, timezone: 0 }, { forwardDate: false })) {
    if (!CALENDAR_WORD.test(r.text) || (!r.start.isCertain('month') && !r.start.isCertain('weekday')))
      continue;
    // "the last 48 hours" is a span of hours, not the day 48 hours ago, and "the last 2 weeks of October"
    // a span our rules left unread on purpose: left unread, the answer says so
    if (/\b(hours?|hrs?|minutes?|mins?)\b|\b(last|past|previous) \S+ (days?|weeks?|months?)\b/.test(r.text))
      continue;
    const iso = (c: chrono.ParsedComponents) => ymd(c.get('year')!, c.get('month')!, c.get('day')!);
    const since = iso(r.start);
    const until = r.end ? iso(r.end) : since;
    if (since > today || until < since) continue;
    const label = since === until ? shortDate(since) : `${shortDate(since)} – ${shortDate(until)}`;
    out.push({
      range: { since, until: until < today ? until : today },
      label,
      start: r.index,
      end: r.index + r.text.length,
    });
  }
  return out;
}

/** The since/until a range covers, for arithmetic (shifting, "this" counterparts). */
export function rangeDays(range: RangeInput, today: string): { since: string; until: string } {
  if (!('preset' in range)) return range;
  // maximum: the tools know the first day with data; for shifting a range a wide window is enough
  return resolvePreset(range.preset, today, `${Number(today.slice(0, 4)) - 3}-01-01`);
}

/** Number of days a range covers. */
export function rangeLength(range: RangeInput, today: string): number {
  const r = rangeDays(range, today);
  return toDay(r.until) - toDay(r.since) + 1;
}

/** "change from last month" compares against last month, so the current side is this month. */
export function currentCounterpart(range: RangeInput): { range: RangeInput; label: string } | undefined {
  if (!('preset' in range)) return undefined;
  const map: Partial<Record<Preset, [Preset, string]>> = {
    yesterday: ['today', 'today'],
    last_week_mon_sun: ['this_week_mon_today', 'this week'],
    last_month: ['this_month', 'this month'],
    last_quarter: ['this_quarter', 'this quarter'],
    last_year: ['this_year', 'this year'],
  };
  const hit = map[range.preset];
  return hit ? { range: { preset: hit[0] }, label: hit[1] } : undefined;
}
