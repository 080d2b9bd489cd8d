// A question in plain language → an intent: its kind (from the grammar in questionKinds.ts) and its
// slots (measures, level, status, time, ranking, breakdown, comparison, follow-up markers). Every word
// is accounted for: each slot marks the words it consumed, the kinds' trigger phrases and known
// filler consume theirs, and what is left is either an entity name (the planner matches it) or
// reported as not understood. Deterministic and network-free. Never guesses: a question it cannot
// place becomes kind 'unknown', and the planner then says what it can answer.
import type { Level, Metric } from '../tools/schemas.js';
import { readLeadIn } from './corrections.js';
import { writesNameWord } from './entityNameMatcher.js';
import { blankCountedNameWords, strayNumbers } from './nameWords.js';
import { ownWords } from './ownWords.js';
import { detectKind, hasTrigger, type KindName, TRIGGER_PHRASES } from './questionKinds.js';
import { type StatusWord, takeStatus } from './statusPhrases.js';
import { type Threshold, withBoundMeasure } from './thresholdPhrases.js';
import {
  currentCounterpart,
  findTimeExpressions,
  rangeDays,
  rangeLength,
  type TimeExpression,
} from './timeExpressions.js';
import { joinTimes, untilNowOfRange } from './timeJoining.js';
import { type Condition, conditionMetrics, conditionSlots, readBounds } from './twoConditions.js';
import {
  ASKING_FRAMES,
  COMBINED,
  COURTESY_PHRASES,
  EACH_COST,
  expandShorthand,
  FILLER_WORDS,
  LEVEL_PHRASES,
  METRIC_PHRASES,
  normalizeText,
  normalizeWithMap,
  numberOf,
  TIME_WORDS,
  unitCostOf,
  WEEKDAY_WORDS,
} from './vocabulary.js';
import { blanked, WordTracker } from './wordTracker.js';

export type IntentKind = KindName | 'unknown';
export type { StatusWord };
export type GroupBy = 'day' | 'week' | 'month' | 'campaign' | 'adset' | 'ad';
export type PeriodShift = 'week' | 'month' | 'year';

export interface Intent {
  kind: IntentKind;
  /** False when the kind was inferred for lack of any kind word (a follow-up keeps the previous kind). */
  kindExplicit: boolean;
  level?: Level;
  /** Every level the question names, in order: "the webinar campaign's ad sets" names two. */
  levelsNamed: Level[];
  metrics: Metric[];
  status?: StatusWord;
  limit?: number;
  direction?: 'asc' | 'desc';
  /** "best", "worst": a judgement, so a cost measure ranks lowest-first as "best". */
  qualityWord: boolean;
  groupBy?: GroupBy;
  time?: TimeExpression;
  compareTo?: TimeExpression;
  /** "month over month", "same period last year": compare with the same days one unit earlier. */
  periodShift?: PeriodShift;
  /** Every word no slot, trigger or filler used, in order. */
  leftover: string[];
  /** Words that may be (part of) an entity name: not vocabulary, not time, not filler. */
  nameWords: string[];
  /** Leftover words that look like time ("weekends", "fortnightly"): never replaced by a default range. */
  unreadTime: string[];
  /** Weekdays written as a word of a name ("friday" of "black friday"): never the day, nor unread time. */
  namedWeekdays: string[];
  /** "between Black Friday and today": a range with one end that is no date we read. */
  halfRange: boolean;
  /** "Summer Sale and Black Friday combined": the named entities summed, not side by side. */
  combined: boolean;
  /** A name given explicitly: quoted, or after "named"/"called". */
  quotedName?: string;
  /** Quoted or pasted text that was set aside (never acted on). */
  setAside?: string;
  /** Starts like a follow-up ("and …", "what about …", "only …", "which of them"). */
  followUp: boolean;
  /** "the week before", "before that": the previous range shifted back by one period. */
  shiftBack: boolean;
  /** The unit "the week (month, year) before" named, when it names one; "the weekend before" its own. */
  shiftUnit?: PeriodShift | 'weekend';
  /** "how is X doing?", "overview": a few headline measures rather than one. */
  overview: boolean;
  /** "spent more than $100", "ROAS below 1": a bound on the question's measure (threshold kind). */
  threshold?: Threshold;
  /** "spent money but got no purchases": bounds that must all hold; or the words of some not read (refused). */
  conditions?: Condition[];
  conditionsUnread?: string;
  /** "it", "they", "them", "both": points back at what an earlier turn named. */
  pronoun: boolean;
  /** "how much did each spend?", "each of them": one figure per entity, not their sum. */
  each: boolean;
  /** "cost per result": the cost of the named campaign's result, which its goal decides (read as CPA). */
  perResult: boolean;
  /** "how does that compare to last month?", "vs last week?": the last answer, against what is named now. */
  comparesBack: boolean;
  /** The one period a question that compares back names, as written: the other side of the comparison. */
  against?: TimeExpression;
  /** "spend vs budget": a comparison with a budget, a setting we do not sync (never a period). */
  againstBudget: boolean;
  /** "vs a?", "versus the us one": the one word after a leading comparison word that nothing read. */
  otherSide?: string;
  /** "so which month was better?": a choice between periods the last answers gave. */
  periodChoice: boolean;
  /** "the whole account", "account-wide": no entity, whatever an earlier turn named. */
  wholeAccount: boolean;
  /** The question's own words, normalised, with names already matched and time phrases blanked out. */
  text: string;
  /** The question's own words (no quoted or pasted text), normalised, as written. */
  ownText: string;
}

export interface ParseOptions {
  /** Read "11/3" day-first (most of the world) rather than month-first (North America). */
  dayFirst?: boolean;
  /** Entity names (as written) found whole in the question: their words are a name, never vocabulary. */
  names?: string[];
  /** How many different entities the question names (once the planner matched them). */
  entityCount?: number;
  /** Read no bound: its words are part of a name ("Gifts under $50"). */
  noThreshold?: boolean;
  /** Two words side by side in some entity name, one a weekday ("black friday"). */
  weekdayPairs?: ReadonlySet<string>;
  /** Each year written in some entity name, with the other words of those names ("2026" → "summer", …). */
  yearNames?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Each word of digits and letters in some entity name, with its neighbours ("7d" → "abandoners"). */
  countedWords?: ReadonlyMap<string, ReadonlySet<string>>;
}

// "the headline numbers for October", "anything I should know about yesterday?": the overview, asked vaguely
const OVERVIEW_WORDS =
  /\b(doing|performing|perform|performed|performance|going|overview|summary|summarize|stats|statistics|results|kpis?|how did (we|i|it) do|how d (we|i) do|(the|our|my) numbers|(headline|key|main) (numbers|figures|metrics)|highlights|anything (i|we) (should|need to|ought to) know)\b|(?<=\bhow (?:did|does)\b.{1,60})\bdo\b|(?<=\bhow\b.{0,40})\blooking\b/g;
// "and …", "reach too?", "by revenue instead", "which of them", "how much of that was cart abandoners?" (a part of the last answer's figure),
// "for that same week" (the last answer's range, kept)
const FOLLOW_UP =
  /^(and|what about|how about|same for|same but|now|only|just|then|ok|okay|also)\b|\b(too|as well)$|\binstead\b|\b(that|the) same (day|days|week|weekend|month|quarter|year|period|dates|range)\b|\b(of them|of those|of these|among them|among those|of that|of it)\b/g;
// a question that starts with the comparison word ("vs last week?", "what about vs sept?") has only the
// other side to give
const LEADING_VS =
  /^\s*((and|so|but|now|what about|how about) )?(vs|versus|compared? (to|with|against)|as compared (to|with)|against|relative to)\b/;
const COMPARES_BACK = new RegExp(
  String.raw`${LEADING_VS.source}|\b(how (does|did|do|is|was) (that|it|this|those|these) compar(e|ing)|` +
    'compare (that|it|this|those|these) (to|with|against)|(that|this) (vs|versus|compared (to|with)|against)|' +
    String.raw`(is|was|are|were) (that|it|this) (any )?(better|worse|higher|lower|more|less|up|down) (than|from|on|vs))\b`,
);
/**
 * "the US campaign", "blog readers ca vs us": "us" is a word of a name there ("Always-On Prospecting |
 * US", "Blog Readers US"), the other side of a country code that is no word of ours, not the pronoun.
 */
function namesUs(lower: string): boolean {
  if (/\bthe us (campaigns?|ad ?sets?|adsets?|ads?)\b/.test(lower)) return true;
  const code = /\b([a-z]{2}) (?:vs|versus|or|and) us\b/.exec(normalizeText(lower));
  return code !== null && !FILLER_WORDS.has(code[1]);
}
// "which two are the worst?" points back at the rows shown, as "which one" does ("which two campaigns"
// names its own level); "the two worst ad sets" is a ranking of its own
const PRONOUN =
  /\b(it|its|they|them|their|both|this one|that one|which one|which ones|which of the two|these|those|the two(?! (best|worst|top|bottom|highest|lowest)\b)|either|(this|that) (campaign|ad ?set|adset|ad)|which (\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)(?! (campaigns|ad sets|adsets|ads|creatives)\b))\b/;
/** "which of the two", "the two of them": the pronoun's words, taken so that "two" is read as no name. */
const OF_THE_TWO = /\b(?:which )?of (?:the|those|these) two\b|\bthe two of (?:them|those|these)\b/g;
// "facebook and instagram" ("fb & ig" once normalised) is all of Meta; Instagram alone is a placement,
// which we do not split by
const WHOLE_ACCOUNT =
  /\b(facebook|fb) (and )?(instagram|ig)\b|\b(instagram|ig) (and )?(facebook|fb)\b|\b(the )?(whole|entire|full|total) account\b|\baccount (wide|level|overall)\b|\b(across|for) (the )?(account|all campaigns|everything)\b|\ball campaigns (together|combined)\b/g;
// "so which month was better?", "which week did worse": a choice between the periods of the last answers
const WHICH_PERIOD = /\bwhich (day|week|weekend|month|quarter|year|period)\b(?=.*\b(better|worse)\b)/g;
// "lately", "recently": a time too vague to read, and the words that make it one side of a comparison
const VAGUE_TIME = /\b(lately|recently)\b/g;
/** "in that time", "over the same period": the range the question already gave. */
const SAME_RANGE =
  /\b(in|over|during|for|across) (that|this|the same) (time|period|time frame|timeframe|window)\b/g;
const AGAINST = /\b(than|vs|versus|compared?|against|relative to)\b/;
const SHIFT_BACK =
  /\b(the )?(day|week|weekend|month|quarter|year|period) before\b|\bbefore that\b|\bprior period\b|\bprevious period\b/g;
// "this time last month", "the same point last year": the same days one unit earlier ("this month last
// year" is a range of its own)
const PERIOD_SHIFT =
  /\b(month over month|week over week|year over year)\b|\b(same (?:period|days|day|weekday|time|point|month|week)|(?:this|that) (?:time|point)) (last|a|the previous|previous|prior) (year|month|week)\b|\bvs (last|a) year\b/g;

/** Did the person ask, in their own words, to start a sync? Also guards the LLM's trigger_sync calls. */
export function isSyncRequest(question: string, entityNames: string[] = []): boolean {
  const t = normalizeText(ownWords(question, entityNames).text);
  return !hasTrigger('sync_status', t) && hasTrigger('sync', t);
}

/** Phrases of a table in the free text, longest first at each place, each marked as used. */
function takePhrases<T>(
  words: WordTracker,
  table: [string, T][],
): { value: T; index: number; phrase: string }[] {
  const found: { value: T; index: number; phrase: string }[] = [];
  for (const [phrase, value] of [...table].sort((a, b) => b[0].length - a[0].length)) {
    for (const index of words.takeAll(new RegExp(`(?<=^| )${phrase}(?= |$)`, 'g')))
      found.push({ value, index, phrase });
  }
  return found.sort((a, b) => a.index - b.index);
}

/**
 * The measures a question names. A word that means a measure on its own ("what did we bring in":
 * revenue, "the most expensive campaign": spend) only carries the measure it governs when one sits
 * beside it ("which ad sets brought in the most leads", "how many leads did we make", "the most
 * expensive CPC"): then it is not that measure too. Joined by "and" both count ("what did we make and
 * spend").
 */
function takeMetrics(words: WordTracker): Metric[] {
  for (const re of MAKE_NOT_MONEY) words.takeAll(re);
  const found = takePhrases(words, METRIC_PHRASES);
  const measures = found.filter((f) => !GOVERNING_WORDS.has(f.phrase));
  const kept = found.filter((f) => {
    if (!GOVERNING_WORDS.has(f.phrase)) return true;
    return !measures.some((m) => {
      const between = words.text.slice(Math.min(f.index, m.index), Math.max(f.index, m.index));
      return !/\b(and|or|vs|plus)\b/.test(between);
    });
  });
  return [...new Set(kept.map((f) => f.value))];
}

const GOVERNING_WORDS = new Set([
  'make',
  'makes',
  'made',
  'making',
  'earn',
  'earns',
  'earned',
  'earning',
  'bring in',
  'brought in',
  'expensive',
]);

/** "make" that is no money made. */
const MAKE_NOT_MONEY = [
  // with an object of its own: "does that make sense?", "make me a list" (but "which ad made us the
  // most money" is money made for us)
  /\b(make|makes|made|making) (?=(sense|sure|a|an)\b|(me|us) (?!((the )?(most|least|more|less) )?money\b))/g,
  // campaigns, ad sets or ads created: "which campaigns were made in October", "how many ads did we make"
  /(?<=\b(campaigns?|ad sets?|adsets?|ads?|creatives?) (((did|do|have|had) )?(we|i|you)|were|was|have been|has been) )(make|made)\b/g,
];

/**
 * "the 45+ reach ad set", "the reach 18+ ad set", "the 18-44 reach ad set": a measure word beside a
 * number (or an age range) before a level word describes the thing named ("Reach – US 45+"), so all
 * are words of a name, never the measure nor a count.
 */
const NAME_MEASURE = METRIC_PHRASES.map(([phrase]) => phrase)
  .filter((phrase) => !phrase.includes(' '))
  .join('|');
const NAME_NUMBER = String.raw`\d{1,3}(?: \d{1,3})?`;
const NUMBERED_NAME = new RegExp(
  String.raw`\bthe (?:${NAME_NUMBER} (?:${NAME_MEASURE})|(?:${NAME_MEASURE}) ${NAME_NUMBER})(?= (?:campaign|ad set|adset|ad)s?\b)`,
);

/** "live right now", "its status at the moment": the status now, the one every status answer reports. */
const PRESENT = /\b(right now|at the moment|at present|as of now|as we speak)\b/g;

/** The ends of a ranking a count stands beside: "top 3", "worst two", "the two worst". */
const RANK_END = '(?:top|bottom|best|worst|highest|lowest)';
const COUNT = '(\\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)';

/** "which 2 ad sets …", "which two are the worst?": a count after "which" that a level or a ranking's end follows. */
const WHICH_COUNT = new RegExp(
  `\\b(?:which|what) ${COUNT} (?:campaigns|ad sets|adsets|ads|creatives)\\b|\\b(?:which|what) ${COUNT}\\b.*\\b(?:${RANK_END}|most|least)\\b`,
);

function takeLimit(words: WordTracker): number | undefined {
  const m =
    words.take(
      /\b(?:top|bottom|best|worst|first|highest|lowest)\s+(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)\b/g,
    ) ??
    // "the two worst ad sets", "the 3 best campaigns": the count before the end it counts from
    words.take(new RegExp(`\\b${COUNT}(?= ${RANK_END}\\b)`)) ??
    // the level words (or the ranking's end) may be read already, so the full text tells the count
    (WHICH_COUNT.test(words.text) ? words.take(new RegExp(`\\b(?:which|what) ${COUNT}\\b`)) : undefined);
  if (!m) return undefined;
  return numberOf(m[1]);
}

const ASC = /\b(worst|lowest|least|bottom|smallest|fewest|minimum|min|cheapest|weakest|poorest)\b/;
const DESC = /\b(top|best|highest|most|biggest|largest|maximum|max|strongest|leading|greatest)\b/;
/** Either end of a ranking, and the words for a busy or quiet period ("our busiest day"); no groups. */
const SUPERLATIVE = `${ASC.source}|${DESC.source}|\\b(busiest|slowest|quietest|peak)\\b`.replaceAll(
  '(',
  '(?:',
);

/** "which hour was the peak?", "the quietest day": a busy or quiet period is the most or least of it. */
const BUSY = /\b(busiest|peak)\b/g;
const QUIET = /\b(slowest|quietest)\b/g;
/** "sort them by CTR", "order the ad sets by spend": a ranking, highest first unless said otherwise. */
const SORT = /\b(sort|sorted|order|ordered)\b(?=.*\bby\b)/;

/**
 * "which of them had more leads?", "which one spent less?": of the ones an earlier answer named, the one
 * with the most (least) of it; "which ad in the premium catalog ad set spent more?" the same of a level.
 * With "than" it is a bound or a comparison instead ("more than $100", "more clicks than last week").
 */
const WHICH_OF =
  /\bwhich (one|of them|of those|of these|of the two|campaign|ad ?set|adset|ad(?! sets\b)|creative)\b/;
const WHICH_MORE = /\b(more|higher|bigger|larger|greater)\b(?!.*\bthan\b)/;
const WHICH_LESS = /\b(fewer|less|lower|smaller)\b(?!.*\bthan\b)/;

/**
 * "cheaper" alone judges the cost measure asked; "cheaper clicks" (per click) names a cost of its own,
 * which is not read here, so its words stay unread rather than judge clicks.
 */
const CHEAPER =
  /\bcheaper\b(?! (per|clicks?|leads?|purchases?|conversions?|orders?|sales|results?|impressions?|views?)\b)/;

/** Read before the limit ("top 3" holds both), consumed after it; `one`: the one of them asked for. */
function readDirection(words: WordTracker): { direction?: 'asc' | 'desc'; quality: boolean; one?: boolean } {
  // "the most efficient on CPA" is the best one: the lowest CPA, as "best CPA" is
  // "which was cheaper?": the better on a cost, as "which did better?" is (a cost is better lower)
  const cheaper = CHEAPER.test(words.text);
  const quality = cheaper || words.has(/\b(best|worst|strongest|weakest|poorest|better|worse|efficient)\b/);
  words.takeAll(/\b(efficient|efficiently)\b/g);
  if (cheaper) words.takeAll(/\bcheaper\b/g);
  const sorted = words.takeAll(SORT).length > 0;
  const [quiet, busy] = [QUIET, BUSY].map((re) => words.takeAll(re).length > 0);
  if (words.has(ASC) || quiet) return { direction: 'asc', quality };
  if (words.has(DESC) || busy || sorted) return { direction: 'desc', quality };
  if (!WHICH_OF.test(words.text)) return { quality };
  if (words.take(WHICH_LESS)) return { direction: 'asc', quality, one: true };
  if (words.take(WHICH_MORE)) return { direction: 'desc', quality, one: true };
  return { quality };
}

/** How many a ranking asked for as such ("rank the ad sets by revenue") names. */
export const RANKING_LIMIT = 10;

/** "what's currently running?", "anything live right now?": a status asked of no level. */
const STATUS_ONLY =
  /^(what( s| is|s)?|is anything|anything)( currently| still| now)? (running|live|active|delivering|on)( right now| now| currently| at the moment)?( (in|under|inside)\b.*)?$/;

/**
 * A breakdown's grouping. "every ad set" without a measure is a listing of them all, not spend by ad
 * set ("give me a list of every ad set"); "spend for every campaign" stays a breakdown.
 */
/** A question that opens with a level and "by" a measure: "campaigns by spend", "show me ad sets by ROAS". */
const LEVEL_BY_MEASURE =
  /^(?:(?:show|list|give|get)(?: me)? |(?:and|now|ok|okay|so) )?(?:the |my |our |all (?:the )?)?(campaign|ad ?set|adset|ad)s (?:by|on) (?!(?:day|date|week|month|campaign|ad ?set|adset|ad)s?\b)/;

function takeGroupBy(words: WordTracker, hasMetric: boolean): GroupBy | undefined {
  // "how many ad sets does each campaign have?" counts per campaign; without a count or a measure,
  // "every campaign" is all of them ("list every campaign")
  const counting = /\b(how many|number of|count)\b/.test(words.text);
  // "day by day", "a week-by-week of clicks": read whole, before "by day" would leave its first word
  const repeated = words.take(/\b(day|week|month) by \1\b/g);
  if (repeated) return repeated[1] as GroupBy;
  // "which ad sets did last month's leads come from?": the measure split by where it came from
  const source = hasMetric
    ? words.take(/\b(?:which|what) (campaign|ad ?set|adset|ad)s?\b(?=.*\b(?:come|came|comes|coming) from\b)/g)
    : undefined;
  if (source) return source[1].replace(' ', '') as GroupBy;
  // "campaigns by spend this month": the level listed first, each with the measure (a heading, as in a
  // report; "top campaigns by spend" starts with its ranking and is one)
  const heading = hasMetric ? LEVEL_BY_MEASURE.exec(words.text) : null;
  if (heading && words.take(/\b(?:by|per|on)\b/g)) return heading[1].replace(' ', '') as GroupBy;
  const m = words.take(
    hasMetric
      ? /\b(?:by|per|each|every|broken (?:down|out) by|split by|grouped by)\s+(day|date|week|month|campaign|ad ?set|adset|ad)s?\b/g
      : counting
        ? /\b(?:by|per|each|every|broken (?:down|out) by|split by|grouped by)\s+(day|date|week|month|campaign|ad ?set|adset)s?\b/g
        : /\b(?:by|per|broken (?:down|out) by|split by|grouped by)\s+(day|date|week|month|campaign|ad ?set|adset|ad)s?\b|\b(?:each|every)\s+(day|date|week|month)\b/g,
  );
  if (m) {
    const word = (m[1] ?? m[2]).replace(' ', '');
    return word === 'date' ? 'day' : (word as GroupBy);
  }
  // "which day had the most revenue?", "our best week for purchases": the days (weeks) side by side
  const extreme = words.take(
    new RegExp(
      `\\b(?:which|what) (day|date|week|month)\\b(?=.*(?:${SUPERLATIVE}))|(?<=(?:${SUPERLATIVE}) )(day|date|week|month)\\b`,
      'g',
    ),
  );
  if (extreme) {
    const word = extreme[1] ?? extreme[2];
    return word === 'date' ? 'day' : (word as GroupBy);
  }
  // "weekly spend trend": the named grain wins over "trend", which alone means by day
  if (words.take(/\bdaily\b/g)) return 'day';
  if (words.take(/\bweekly\b/g)) return 'week';
  if (words.take(/\bmonthly\b/g)) return 'month';
  if (words.take(/\b(over time|trend)\b/g)) return 'day';
  return undefined;
}

/** "the 7 days before", "the month before that": the period just before the one asked about. */
const BEFORE_SPAN =
  /\b(?:the |a )?(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|fourteen|thirty) (?:days?|weeks?|months?) (?:before|earlier|prior)(?: that| then)?\b/;

/** Whether `re` matches, and the text with its match blanked. */
function readBlanked(lower: string, re: RegExp): { found: boolean; rest: string } {
  const m = re.exec(lower);
  return m ? { found: true, rest: blanked(lower, m) } : { found: false, rest: lower };
}

/** "spend yday vs budget", "tracking against our daily budget": the other side is no period. */
const AGAINST_BUDGET =
  /\b(?:vs|versus|against|compared (?:to|with)|relative to) (?:the |our |my |your )?(?:daily |weekly |monthly |lifetime |total )?budgets?\b|\bbudgets? (?:vs|versus)\b/;

/** "same period last year" holds "last year": it is read (and blanked) before the time phrases. */
function readPeriodShift(lower: string): { shift?: PeriodShift; rest: string } {
  const m = new RegExp(PERIOD_SHIFT.source).exec(lower);
  if (!m) return { rest: lower };
  const shift = (/week|month|year/.exec(m[1] ?? '')?.[0] ?? m[4] ?? 'year') as PeriodShift;
  return { shift, rest: blanked(lower, m) };
}

/**
 * The question without the frame it is asked in ("my boss is asking", "can you pull it?", "before my
 * 10am"): blanked before anything reads the text, so what follows reads as the question itself ("my
 * boss wants to know if X is still on" asks whether X is on; "before" is no range's).
 */
function blankFrames(lower: string): string {
  const { text, from } = normalizeWithMap(lower);
  // "can you pull the latest data from Meta?" asks for a sync: its verb is no frame
  if (hasTrigger('sync', text)) return lower;
  let out = lower;
  for (const m of text.matchAll(ASKING_FRAMES)) {
    const [start, end] = [from[m.index], from[m.index + m[0].length - 1] + 1];
    out = `${out.slice(0, start)}${' '.repeat(end - start)}${out.slice(end)}`;
  }
  return out;
}

function quotedNameOf(question: string): string | undefined {
  const named =
    /\b(?:named|called|containing|contains)\s+(.{2,120}?)(?:\s+(?:in|for|during|over|since|last|this|yesterday|today)\b|[?.!]?$)/i.exec(
      question,
    );
  return named ? named[1].trim() : undefined;
}

/** Blanks the names found whole in the question, so their words are not read as measures or time. */
function blankNames(lower: string, names: string[]): string {
  if (names.length === 0) return lower;
  const { text, from } = normalizeWithMap(lower);
  let out = lower;
  for (const name of names) {
    const n = normalizeText(name);
    const at = ` ${text} `.indexOf(` ${n} `);
    if (!n || at < 0) continue;
    const start = from[at];
    const nameEnd = from[at + n.length - 1] + 1;
    // "Variant C's status": the possessive goes with the name
    const end = nameEnd + (/^['’]s\b/.test(out.slice(nameEnd)) ? 2 : 0);
    out = `${out.slice(0, start)}${' '.repeat(end - start)}${out.slice(end)}`;
  }
  return out;
}

/**
 * "black friday spend yesterday", "blk friday": a weekday written beside its neighbour in some name
 * ("Black Friday – 50% Off!"), as the name has it or shortened, is that name's word, so it is blanked
 * from the text the time phrases are read in; beside a word of ours ("on friday", "last friday") it is
 * the day. Also the weekdays so kept for the name.
 */
function weekdaysOfNames(
  lower: string,
  pairs: ReadonlySet<string> | undefined,
): { text: string; words: string[] } {
  if (!pairs || pairs.size === 0) return { text: lower, words: [] };
  const { text, from } = normalizeWithMap(lower);
  const tokens = text.split(' ');
  const writes = (written: string | undefined, word: string) =>
    written !== undefined &&
    !FILLER_WORDS.has(written) &&
    !TIME_WORDS.has(written) &&
    writesNameWord(written, word);
  let out = lower;
  const words: string[] = [];
  let at = 0;
  for (const [i, word] of tokens.entries()) {
    const named =
      WEEKDAY_WORDS.has(word) &&
      [...pairs].some((pair) => {
        const [first, second] = pair.split(' ');
        return (
          (second === word && writes(tokens[i - 1], first)) ||
          (first === word && writes(tokens[i + 1], second))
        );
      });
    if (named) {
      const [start, end] = [from[at], from[at + word.length - 1] + 1];
      out = `${out.slice(0, start)}${' '.repeat(end - start)}${out.slice(end)}`;
      words.push(word);
    }
    at += word.length + 1;
  }
  return { text: out, words };
}

/**
 * "summer 2026 clicks", "ete 2026 spend": a year read alone, in a question with a word of a name that
 * holds that year ("Summer Sale 2026 ☀️"), is that name's, never the year; with none ("tot rev 2026")
 * it is the year.
 */
function yearsOfNames(
  text: string,
  times: TimeExpression[],
  yearNames: ReadonlyMap<string, ReadonlySet<string>> | undefined,
): TimeExpression[] {
  if (!yearNames || yearNames.size === 0) return times;
  const written = normalizeText(text)
    .split(' ')
    .filter((w) => !FILLER_WORDS.has(w) && !TIME_WORDS.has(w));
  const nameYear = (t: TimeExpression) => {
    const words = yearNames.get(text.slice(t.start, t.end));
    return words !== undefined && written.some((w) => [...words].some((word) => writesNameWord(w, word)));
  };
  return times.filter((t) => !nameYear(t));
}

/**
 * "what were leads yesterday and how much did each one cost?": the word of paying asks what one of the
 * counted measure before it cost (the CPL), as "and what did each cost?" does after a count of them.
 */
function withCostOfEach(metrics: Metric[], each: boolean, text: string): Metric[] {
  const [counted, paid] = metrics;
  const cost = unitCostOf(counted);
  const asked = each && metrics.length === 2 && paid === 'spend' && EACH_COST.test(normalizeText(text));
  return asked && cost ? [counted, cost] : metrics;
}

export function parseIntent(question: string, today: string, options: ParseOptions = {}): Intent {
  const own = ownWords(question, options.names ?? []);
  const counted = blankCountedNameWords(
    blankNames(own.text.toLowerCase(), options.names ?? []),
    options.countedWords,
  );
  const { shift: periodShift, rest: shifted } = readPeriodShift(blankFrames(expandShorthand(counted.text)));
  // read (and blanked) before the time phrases: the budget's "vs" compares no periods
  const { found: againstBudget, rest: unbudgeted } = readBlanked(shifted, AGAINST_BUDGET);
  const { found: spanBefore, rest: lower } = readBlanked(unbudgeted, BEFORE_SPAN);
  // the phrases read one by one, then the ones that make one range together
  const named = weekdaysOfNames(lower, options.weekdayPairs);
  const found = untilNowOfRange(
    lower,
    yearsOfNames(
      named.text,
      findTimeExpressions(named.text, today, options.dayFirst ?? false),
      options.yearNames,
    ),
    today,
  );
  const times = joinTimes(lower, found.times, today);
  // "between Black Friday and today": one end read, the other not; the range is neither end alone
  const halfRange = times.some((t) => {
    // the time right after "and" (a name blanked between them, "between A and B last week", is no range)
    const m = /\bbetween\b.*\band ?$/.exec(lower.slice(0, t.start));
    return m !== null && !times.some((o) => o.start <= m.index && m.index < o.end);
  });
  // time phrases leave the text before anything else reads it ("last 7 days" holds no measure)
  let timeless = lower;
  for (const time of [...times, ...found.untilNow].sort((a, b) => b.start - a.start))
    timeless = `${timeless.slice(0, time.start)} ${timeless.slice(time.end)}`;
  // "spent money but got no purchases": two bounds read together, else one
  const paired = readBounds(timeless, options.noThreshold, times.length);
  const { threshold, rest } = paired;
  // "no, I meant …", "actually ad sets not campaigns": the lead-in read off before the words are
  const lead = readLeadIn(rest);
  const words = new WordTracker(normalizeText(lead.rest));
  words.takeAll(COURTESY_PHRASES);
  const back = words.take(SHIFT_BACK);
  // "and the 7 days before?" alone steps back from the last range; beside a range it is the comparison
  // "was yesterday's ROAS better than the day before?": a comparison with the period before, not a
  // step back from the last answer's range
  const thanBefore =
    back !== undefined &&
    times.length > 0 &&
    /\b(than|vs|versus|compared to|compared with|against)\s*$/.test(words.text.slice(0, back.index));
  const shiftBack = !thanBefore && (back !== undefined || (spanBefore && times.length === 0));
  const shiftUnit = ['week', 'weekend', 'month', 'year'].includes(back?.[2] ?? '')
    ? (back![2] as PeriodShift | 'weekend')
    : undefined;
  const followUp = words.takeAll(FOLLOW_UP).length > 0 || lead.corrects;
  const wholeAccount = words.takeAll(WHOLE_ACCOUNT).length > 0;
  const periodChoice = words.takeAll(WHICH_PERIOD).length > 0;
  const pronoun = PRONOUN.test(words.freeText());
  // "which of the two had more purchases?": the two last named, no name "two"
  if (pronoun) words.takeAll(OF_THE_TWO);
  const comparesBack = COMPARES_BACK.test(lower);
  // "compare against the gift guide one", "ctr last 7 days against the 7 days before": the word says
  // what compares, it is no name
  const periodsCompared =
    times.length >= 2 || thanBefore || (spanBefore && times.length > 0) || periodShift !== undefined;
  if (comparesBack || periodsCompared) words.takeAll(/\b(against|relative to)\b/g);
  const summed = words.takeAll(COMBINED).length > 0;
  const numberedName = words.take(NUMBERED_NAME)?.[0].split(' ').slice(1) ?? [];
  const metrics = conditionMetrics(paired.conditions, withBoundMeasure(takeMetrics(words), threshold));
  const groupBy = takeGroupBy(words, metrics.length > 0); // before the level: "by campaign" is a breakdown
  // read once "each day", "each campaign" went to the grouping: what is left is each of something named before
  const each = /\b(each|apiece|individually|separately)\b/.test(words.freeText());
  // "total purchases for BF and the gift guide": one sum over what is named, unless asked side by side
  const combined = summed || (/\btotal\b/.test(words.text) && !each && !hasTrigger('compare', words.text));
  // "list all campaigns", "every ad set": every one of them, archived and deleted too
  const allOfLevel =
    /\ball (the |my |our )?(campaigns|ad sets|adsets|ads)\b|\bevery (single )?(campaign|ad set|adset|ad)\b/.test(
      words.freeText(),
    );
  // "ads in <campaign>": the first level is listed; "what's running?" names none: campaigns are meant
  // ("what's live in <campaign>?" is its children: the level the name decides)
  const statusOnly = STATUS_ONLY.exec(words.text);
  const levelsNamed = takePhrases(words, LEVEL_PHRASES).map((p) => p.value);
  const level = levelsNamed[0] ?? (statusOnly && !statusOnly[6] ? 'campaign' : undefined);
  const status = takeStatus(words) ?? (allOfLevel && metrics.length === 0 ? 'any' : undefined);
  if (status || /\bstatus\b/.test(words.text)) words.takeAll(PRESENT);
  const { direction, quality, one } = readDirection(words);
  // "rank the ad sets by revenue" asks for the ranking itself: up to 10, not a top 5
  const limit =
    takeLimit(words) ??
    (/\b(rank|ranking|ranked)\b/.test(words.text) || SORT.test(words.text)
      ? RANKING_LIMIT
      : one
        ? 1
        : undefined);
  words.takeAll(ASC);
  words.takeAll(DESC);
  const overview = metrics.length === 0 && words.takeAll(OVERVIEW_WORDS).length > 0;
  const sameHours = againstYesterdaySoFar(lower, times);
  if (sameHours) words.takeAll(PACE_THAN);
  const spec = detectKind(words.text, {
    hasMetric: metrics.length > 0,
    hasLevel: level !== undefined || statusOnly !== null,
    hasStatus: status !== undefined,
    hasDirection: direction !== undefined,
    hasGroupBy: groupBy !== undefined,
    hasThreshold: threshold !== undefined,
    hasConditions: paired.conditions !== undefined,
    hasOverview: overview,
    timeCount: times.length,
    hasPeriodComparison: periodShift !== undefined || (spanBefore && times.length > 0) || thanBefore,
    entityCount: options.entityCount ?? 0,
    sameHours,
  });
  for (const re of TRIGGER_PHRASES) words.takeAll(re);
  // "ROAS has been terrible lately, what was it over the last 2 weeks?": the range is given, the vague
  // word only says why they ask; alone, or as one side of a comparison ("better lately than last
  // month?"), it stays unread
  if (times.length === 1 && spec?.kind !== 'compare' && !AGAINST.test(lower)) words.takeAll(VAGUE_TIME);
  // "what ROAS did it return in that time?" beside a range: the range already read, said again
  if (times.length > 0) words.takeAll(SAME_RANGE);
  const namedUs = namesUs(lower);
  const stray = strayNumbers(rest);
  const leftover = words
    .leftover()
    .filter((w) => (!FILLER_WORDS.has(w) || (w === 'us' && namedUs)) && !stray(w))
    .concat(numberedName, counted.words);
  const intent: Intent = {
    kind: (spec?.kind as KindName | undefined) ?? 'unknown',
    // a measure alone makes a total, but is no kind word: "what about revenue?" keeps the previous kind
    kindExplicit: spec?.explicit ?? false,
    level,
    levelsNamed,
    metrics: withCostOfEach(metrics, each, own.text),
    status,
    limit,
    direction,
    qualityWord: quality,
    groupBy,
    periodShift,
    leftover,
    nameWords: leftover.filter((w) => !TIME_WORDS.has(w) || named.words.includes(w)),
    unreadTime: leftover.filter((w) => TIME_WORDS.has(w) && !named.words.includes(w)),
    namedWeekdays: named.words,
    halfRange,
    combined,
    quotedName: own.quoted ?? quotedNameOf(own.text),
    setAside: own.setAside,
    followUp,
    shiftBack,
    shiftUnit,
    overview,
    ...(threshold ? { threshold } : {}),
    ...conditionSlots(paired),
    pronoun,
    each,
    perResult: /\bcost per results?\b/.test(words.text),
    comparesBack,
    ...(comparesBack && times.length === 1 ? { against: times[0] } : {}),
    againstBudget,
    ...(comparesBack ? otherSideOf(words) : {}),
    periodChoice,
    wholeAccount,
    text: words.text,
    ownText: normalizeText(own.text),
  };
  assignTimes(intent, lower, times, today);
  intent.groupBy = trendGrain(intent, lower, today);
  return intent;
}

/**
 * "variant b cpc" → "vs a?": the one word after a leading "vs" that no slot read is what the other
 * side is called, even a word that is filler elsewhere ("a", "us"); a name, a time or a measure there
 * was read as such.
 */
function otherSideOf(words: WordTracker): { otherSide?: string } {
  const vs = LEADING_VS.exec(words.text);
  if (!vs) return {};
  const rest = words
    .freeText()
    .slice(vs[0].length)
    .split(' ')
    .filter((w) => w && !['the', 'one', 'ones'].includes(w));
  return rest.length === 1 ? { otherSide: rest[0] } : {};
}

/**
 * "The trend in CPA over the last 8 weeks": a trend asked with no grain is by day over a month or
 * less, by week up to a quarter, by month beyond (56 daily points read as noise, and the text lists
 * ten of them).
 */
function trendGrain(intent: Intent, lower: string, today: string): GroupBy | undefined {
  const trend =
    /\b(over time|trend|trends|trending)\b/.test(lower) &&
    !/\b(daily|day by day|by day|per day|each day)\b/.test(lower);
  if (intent.groupBy !== 'day' || !trend || !intent.time) return intent.groupBy;
  const days = rangeLength(intent.time.range, today);
  return days > 92 ? 'month' : days > 31 ? 'week' : 'day';
}

/**
 * "how does today compare to yesterday so far?", "are we spending more than yesterday at this point?":
 * yesterday beside words for "the hours until now" asks for the same hours of both days. A whole
 * finished day against today's part would read as a fall every morning.
 */
function againstYesterdaySoFar(lower: string, times: TimeExpression[]): boolean {
  const preset = (t: TimeExpression) => ('preset' in t.range ? t.range.preset : undefined);
  if (!times.some((t) => preset(t) === 'yesterday')) return false;
  if (times.some((t) => preset(t) !== 'yesterday' && preset(t) !== 'today')) return false;
  // "are we spending faster than yesterday?": today so far against yesterday to the same hour
  return (
    /\b(so far|at this point|by now|until now|up to now|by this time)\b/.test(lower) ||
    new RegExp(`${PACE_THAN.source} yesterday\\b`).test(lower)
  );
}

/** "faster than": how today's pace compares, read once the comparison is known to be pacing. */
const PACE_THAN = /\b(faster|slower|quicker) than\b/;

/**
 * "spend since yesterday", "clicks since Wednesday last week": a day read on its own after "since" starts
 * a range through today. In a change question "since" names the base instead ("what changed since
 * yesterday?"), so only other kinds read it so.
 */
function sinceThrough(lower: string, time: TimeExpression, today: string): TimeExpression {
  const day = rangeDays(time.range, today);
  if (day.since !== day.until || day.since >= today) return time;
  if (!/\b(?:since|starting(?: from)?)\s+$/.test(lower.slice(0, time.start))) return time;
  return { ...time, range: { since: day.since, until: today }, label: `since ${time.label}` };
}

/** One time phrase is the range; a second (or "from X" in a change question) is the comparison base. */
function assignTimes(intent: Intent, lower: string, times: TimeExpression[], today: string): void {
  if (times.length === 0) return;
  if (intent.kind !== 'compare') {
    intent.time = sinceThrough(lower, times[0], today);
    return;
  }
  if (times.length >= 2) {
    [intent.time, intent.compareTo] = [times[0], times[1]];
    // "last 7 days vs the previous 7 days": the second phrase reads as the same range; the period before is meant
    if (JSON.stringify(intent.time.range) === JSON.stringify(intent.compareTo.range))
      intent.compareTo = undefined;
    return;
  }
  const only = times[0];
  const before = lower.slice(Math.max(0, only.start - 25), only.start);
  const current = currentCounterpart(only.range);
  if (/\b(from|since|compared to|compared with|vs\.?|versus|than|relative to)\s*$/.test(before) && current) {
    intent.time = { ...only, range: current.range, label: current.label };
    intent.compareTo = only;
    return;
  }
  intent.time = only;
}
