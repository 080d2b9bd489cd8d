// Time phrases read one by one (timeExpressions.ts) made into the ranges a question means: "the 30 days
// to yesterday" is one span, "the last 7 days excluding today" one range without today, "between Nov 1
// and today" one range, "yesterday and the day before" two, "September and October" one in a question
// for a total. Each step takes the phrases found so far and returns them joined or split; intentParser
// runs them in order (joinTimes) before it assigns the range and the comparison.
import { addDays, type DayRange, monthEndOf, periodBefore } from '../calendar.js';
import { MONTH_NAMES, MONTH_RE, monthIndex, shiftBack, shortDate } from './calendarPhrases.js';
import { hasTrigger } from './questionKinds.js';
import { rangeDays, type TimeExpression } from './timeExpressions.js';
import { COMBINED, NUMBER_WORDS, normalizeText, numberOf } from './vocabulary.js';

type TimeStep = (lower: string, times: TimeExpression[], today: string) => TimeExpression[];

/** Once the phrases are read one by one: the steps that make several of them one range, in order. */
const TIME_STEPS: TimeStep[] = [
  spansEnding,
  withoutToday,
  joinBetween,
  withPeriodBefore,
  withWeekendBefore,
  lastYearsMonth,
  joinAdjacentTotal,
];

export function joinTimes(lower: string, found: TimeExpression[], today: string): TimeExpression[] {
  return TIME_STEPS.reduce((times, step) => step(lower, times, today), found);
}

/** "so far", "to date": all time, when no other range is named ("how much has it spent so far?"). */
const UNTIL_NOW = /^(?:so far|to date|up to now|until now)$/;

/**
 * "quietest hour today for clicks so far", "this month's clicks for always on to date": beside a range
 * that runs through today, "so far" only says that range is not over, never all time compared with
 * it; its words are read all the same (`untilNow`).
 */
export function untilNowOfRange(
  lower: string,
  found: TimeExpression[],
  today: string,
): { times: TimeExpression[]; untilNow: TimeExpression[] } {
  const isUntilNow = (t: TimeExpression) => UNTIL_NOW.test(lower.slice(t.start, t.end));
  const open = found.some((t) => !isUntilNow(t) && rangeDays(t.range, today).until >= today);
  if (!open) return { times: found, untilNow: [] };
  return { times: found.filter((t) => !isUntilNow(t)), untilNow: found.filter(isUntilNow) };
}

/**
 * "the week ending Nov 22", "the 7 days ending yesterday", "the 30 days to yesterday", "the 2 weeks up to
 * Sunday": that many days through that day (a week is 7), as weekly reports name them. Never "the last 7
 * days to yesterday" (a comparison), nor "to" in a question that compares.
 */
const SPAN_ENDING = new RegExp(
  `\\b(?:the\\s+)?(week|(\\d{1,3}|${Object.keys(NUMBER_WORDS).join('|')})\\s+(days?|weeks?))\\s+(ending|ended|ending on|through|up to and including|(?:up\\s+)?to|until|till|thru)\\s+(?:on\\s+)?$`,
);

/** Days in the span; none for "to" after "the last 7 days" or in a comparison: that is two periods. */
function spanEndingDays(lower: string, m: RegExpExecArray): number {
  const to = /^(?:(?:up\s+)?to|until|till|thru)$/.test(m[4]);
  if (to && /\b(?:last|past|previous|prior|trailing)\s+$|\bcompar/.test(lower.slice(0, m.index)))
    return Number.NaN;
  if (m[1] === 'week') return 7;
  return numberOf(m[2]) * (m[3].startsWith('week') ? 7 : 1);
}

function spansEnding(lower: string, times: TimeExpression[], today: string): TimeExpression[] {
  const out: TimeExpression[] = [];
  for (const t of times) {
    const m = SPAN_ENDING.exec(lower.slice(0, t.start));
    const day = rangeDays(t.range, today);
    const n = m ? spanEndingDays(lower, m) : Number.NaN;
    if (!m || day.since !== day.until || !(n >= 1 && n <= 366)) {
      out.push(t);
      continue;
    }
    // "the 7 days" alone was read as the last 7 days: it is this span's length, not a range of its own
    while (out.length > 0 && out[out.length - 1].end > m.index) out.pop();
    const since = addDays(day.until, -(n - 1));
    out.push({
      range: { since, until: day.until },
      label: `${shortDate(since)} – ${shortDate(day.until)}`,
      start: m.index,
      end: t.end,
    });
  }
  return out;
}

/** The words between a range and "today" that take today out of it. */
const EXCLUDING =
  /^\s*,?\s*(?:but\s+)?(?:excluding|excl\.?|not including|except(?:\s+for)?|without|minus)\s+$/;

/**
 * "the last 7 days excluding today", "this month excl. today": the range without today; one that ends
 * before today (Meta's "last 7 days" does) is unchanged. Never today alone, nor compared with it; when
 * nothing is left ("this week excluding today" on a Monday), the words stay unread.
 */
function withoutToday(lower: string, times: TimeExpression[], today: string): TimeExpression[] {
  const out: TimeExpression[] = [];
  for (const t of times) {
    const joined = out.length > 0 ? excludingToday(lower, out[out.length - 1], t, today) : undefined;
    if (joined === null) out.pop();
    else if (joined) out[out.length - 1] = joined;
    else out.push(t);
  }
  return out;
}

/** A range, then "excluding today": the range without today, null if that is no day, else undefined. */
function excludingToday(
  lower: string,
  time: TimeExpression,
  next: TimeExpression,
  today: string,
): TimeExpression | null | undefined {
  const isToday = 'preset' in next.range && next.range.preset === 'today';
  if (!isToday || !EXCLUDING.test(lower.slice(time.end, next.start))) return undefined;
  const days = rangeDays(time.range, today);
  const yesterday = addDays(today, -1);
  if (days.since > yesterday) return null;
  const words = { start: time.start, end: next.end };
  if (days.until < today) return { ...time, ...words };
  return { range: { since: days.since, until: yesterday }, label: `${time.label} excluding today`, ...words };
}

/**
 * "between Nov 1 and today", "from Oct 3 to yesterday": a date and a relative day read apart are one
 * range from the first to the last day, as "between Nov 3 and Nov 10" is; never the two days compared
 * (nor Oct 3 through today). "How did revenue change from September to October?" stays a comparison.
 */
function joinBetween(lower: string, times: TimeExpression[], today: string): TimeExpression[] {
  if (times.length !== 2) return times;
  const [a, b] = times;
  const end = 'preset' in b.range ? b.range.preset : undefined;
  if (end !== 'today' && end !== 'yesterday') return times;
  const opener = /\b(between|from)\s+$/.exec(lower.slice(0, a.start));
  const opens = opener !== null || /^(from|since)\b/.test(lower.slice(a.start, a.end));
  if (!opens || !/^\s*(and|to|through|thru|until|till|-|–)\s*$/.test(lower.slice(a.end, b.start)))
    return times;
  const first = rangeDays(a.range, today);
  const second = rangeDays(b.range, today);
  if (second.until < first.since) return times;
  const range = { since: first.since, until: second.until };
  return [
    { range, label: `${shortDate(first.since)} – ${b.label}`, start: opener?.index ?? a.start, end: b.end },
  ];
}

/** ", and the day before", "and the week before that": the period just before the phrase it follows. */
const AND_BEFORE = /^(\s*,?\s*(?:and|&|plus)\s+)((?:the\s+)?(day|week|month)\s+before(?:\s+(?:that|it))?)\b/;

/** One day, one 7-day week or one calendar month: the span "the <unit> before" steps back over. */
function isOne(unit: string, r: DayRange): boolean {
  if (unit === 'month') return r.since.endsWith('-01') && r.until === monthEndOf(r.since);
  return addDays(r.since, unit === 'day' ? 0 : 6) === r.until;
}

/**
 * "yesterday and the day before", "last week and the week before": the period just before the one
 * named is a range of its own, so a total joins the two and a comparison sets them side by side (read
 * alone, "the day before" steps back from the last answer's range).
 */
function withPeriodBefore(lower: string, times: TimeExpression[], today: string): TimeExpression[] {
  return times.flatMap((t) => {
    const m = AND_BEFORE.exec(lower.slice(t.end));
    const days = rangeDays(t.range, today);
    if (!m || !isOne(m[3], days)) return [t];
    const start = t.end + m[1].length;
    return [t, { range: periodBefore(days), label: `the ${m[3]} before`, start, end: start + m[2].length }];
  });
}

/** "the weekend before (that)", never "the weekend before last" (two back, which no rule reads). */
const WEEKEND_BEFORE = /\b(?:the\s+)?weekend\s+before(?:\s+(?:that|it))?\b(?!\s+last\b)/g;

/**
 * "last weekend vs the weekend before", "how did last weekend's ROAS compare with the weekend before":
 * the Saturday and Sunday a week before the weekend named earlier in the question (the days just
 * before a weekend are no weekend). Without one named, the words stay unread.
 */
function withWeekendBefore(lower: string, times: TimeExpression[], today: string): TimeExpression[] {
  const out = [...times];
  for (const m of lower.matchAll(WEEKEND_BEFORE)) {
    const weekend = times.findLast((t) => t.end <= m.index && isWeekend(rangeDays(t.range, today)));
    if (!weekend) continue;
    const saturday = addDays(rangeDays(weekend.range, today).since, -7);
    out.push({
      range: { since: saturday, until: addDays(saturday, 1) },
      label: 'the weekend before',
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** A Saturday and Sunday, or the Saturday of a weekend under way. */
function isWeekend(r: DayRange): boolean {
  const saturday = new Date(`${r.since}T00:00:00Z`).getUTCDay() === 6;
  return saturday && (r.until === r.since || r.until === addDays(r.since, 1));
}

/**
 * "how much did we spend in September and October?": two back-to-back periods joined by "and" in a
 * question for a total are one range (the months together), not a comparison of the two. Periods
 * apart ("spend on Nov 1 and Nov 20") or asked to be compared stay two.
 */
function joinAdjacentTotal(lower: string, times: TimeExpression[], today: string): TimeExpression[] {
  if (times.length !== 2) return times;
  const [a, b] = times;
  if (!/^\s*(and|&|plus)\s*$/.test(lower.slice(a.end, b.start))) return times;
  if (!/\b(how much|how many|total)\b/.test(lower) && !COMBINED.test(lower)) return times;
  if (hasTrigger('compare', normalizeText(lower)) || /\b(each|separately)\b/.test(lower)) return times;
  // in either order: "yesterday and the day before" runs back in time
  const [first, second] = [rangeDays(a.range, today), rangeDays(b.range, today)].sort((x, y) =>
    x.since.localeCompare(y.since),
  );
  if (addDays(first.until, 1) !== second.since) return times;
  const range = { since: first.since, until: second.until };
  return [{ range, label: `${a.label} and ${b.label}`, start: a.start, end: b.end }];
}

/** A month named by its word alone ("October", "in October"), and whether "last" stands before it. */
const MONTH_ALONE = new RegExp(`^(?:(?:in|during|for|of|over)\\s+)?${MONTH_RE}$`);
const LAST_BEFORE = /\b(?:last|previous|prior)\s+$/;

function namedMonth(lower: string, t: TimeExpression): { index: number; last: boolean } | undefined {
  const word = MONTH_ALONE.exec(lower.slice(t.start, t.end))?.[1];
  return word ? { index: monthIndex(word), last: LAST_BEFORE.test(lower.slice(0, t.start)) } : undefined;
}

/**
 * "this October vs last October", "October vs last October": beside the same month named otherwise,
 * "last October" is the one a year before it; alone it is the latest October begun, the other one.
 * The same days a year earlier, as "same period last year" takes them (this month's first days against
 * last year's).
 */
function lastYearsMonth(lower: string, times: TimeExpression[], today: string): TimeExpression[] {
  const months = times.map((t) => namedMonth(lower, t));
  const current = times.findIndex((_, i) => months[i] && !months[i].last);
  if (current < 0) return times;
  const { index } = months[current]!;
  return times.map((t, i) => {
    if (!months[i]?.last || months[i].index !== index) return t;
    const range = shiftBack(rangeDays(times[current].range, today), 'year');
    return { ...t, range, label: `${MONTH_NAMES[index]} ${range.since.slice(0, 4)}` };
  });
}
