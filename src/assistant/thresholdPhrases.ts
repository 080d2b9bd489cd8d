// Bounds on a measure in a question: "more than $1,000.50", "under a 2.0 roas", "at least 1k", "more
// than $1.20 a click" (a bound on what one click costs). Read from the text as written, before anything
// normalises it, and blanked so no other slot reads its words again.
import { BOUND_OPS, type BoundOp, type Metric } from '../metrics.js';
import { COUNTED_AFTER, NUMBER_WORDS, UNIT_COSTS } from './vocabulary.js';
import { blanked } from './wordTracker.js';

export interface Threshold {
  op: BoundOp;
  value: number;
  /** The words as asked ("more than $100"), for the answer and the name guard. */
  phrase: string;
  /** "more than $50 a day": a bound on an average per day (week, month), which no answer computes. */
  per?: string;
  /** "more than $1.20 a click": the measure the bound names itself (what one click costs: the CPC). */
  measure?: Metric;
}

/** The words that put a bound, by which side of it is kept. */
const BOUND_WORDS: Record<BoundOp, string[]> = {
  gt: [
    'more than',
    'greater than',
    'higher than',
    'bigger than',
    'over',
    'above',
    'exceeding',
    'in excess of',
    'upwards of',
    'north of',
    // "whose roas exceeded 1.5", "that topped $500": what was passed
    'exceeded',
    'exceeds',
    'exceed',
    'surpassed',
    'surpasses',
    'topped',
    'went over',
    'went above',
    'rose above',
  ],
  gte: ['at least', 'no less than'],
  lt: [
    'less than',
    'fewer than',
    'lower than',
    'smaller than',
    'under',
    'below',
    'south of',
    // "ad sets whose ctr fell below 1%", "dropped under $20"
    'fell below',
    'fell under',
    'dropped below',
    'dropped under',
    'went below',
    'went under',
  ],
  lte: ['at most', 'no more than'],
};
const OP_OF_WORD = new Map(BOUND_OPS.flatMap((op) => BOUND_WORDS[op].map((w) => [w, op] as const)));

/** "1.25 or higher", "$1 or less", "$50 and up": the side kept, written after the figure. */
const OP_AFTER = new Map<string, BoundOp>([
  ...['or more', 'or higher', 'or above', 'or greater', 'or over', 'and up', 'and above'].map(
    (w) => [w, 'gte'] as const,
  ),
  ...['or less', 'or lower', 'or below', 'or under', 'or fewer'].map((w) => [w, 'lte'] as const),
]);

/** Amounts people spell out ("over sixty bucks", "more than two hundred fifty clicks"). */
const SPELLED: Record<string, number> = {
  ...NUMBER_WORDS,
  thirteen: 13,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  forty: 40,
  fifty: 50,
  seventy: 70,
  eighty: 80,
};
/** Words that multiply what came before, by their power of ten ("3 grand": grand is a thousand dollars). */
const SCALES: Record<string, number> = { hundred: 2, thousand: 3, grand: 3 };
const SCALE_WORD = `(?:${Object.keys(SCALES).join('|')})`;
const SPELLED_WORD = `(?:${Object.keys(SPELLED).join('|')}|${SCALE_WORD})`;

/**
 * A figure as written: "$1,000.50", "2.5%", "1k", "2x", "50 cents", "3 grand", "a thousand" (the article
 * of "a 2.0 roas" belongs to the figure), "two hundred fifty". Groups: digits or spelled words, unit.
 */
const FIGURE = `(?:an?\\s+)?(?:[$€£]\\s?)?(\\d[\\d,]*(?:\\.\\d+)?|${SPELLED_WORD}\\b(?:[\\s-]+(?:and\\s+)?${SPELLED_WORD}\\b)*)(k\\b|%|x\\b|\\s*(?:cents?\\b|¢|${SCALE_WORD}\\b))?`;
/** A count of days is a range, not a bound ("over 30 days", "over a 7 day period", "7 or more days"). */
const NOT_SPAN =
  '(?![\\d,.]*\\s*(?:days?|weeks?|months?|quarters?|years?|hours?|minutes?|mins?|d|wks?|mos?|yrs?)\\b)';
/** "a day" after a bound is kept with it, to be refused (an average per day is no sum). */
const PER_PERIOD =
  '(\\s*(?:(?:a|per|each|every|an|\\/)\\s*(?:day|week|month|hour)\\b|daily\\b|weekly\\b|monthly\\b))?';

/** "more than $1,000.50", "below 1", "over 2.5%", "at least 1k", "under a 2.0 roas". Longer words first. */
const BOUND_BEFORE = new RegExp(
  `\\b(${[...OP_OF_WORD.keys()].sort((a, b) => b.length - a.length).join('|')})\\s+${FIGURE}${NOT_SPAN}${PER_PERIOD}`,
);

/**
 * "1.25 or higher", "$1 or less", "50+ clicks". A "+" alone is a bound only before what it counts: "18+"
 * is as often an age in a name ("Reach – US 18+").
 */
const BOUND_AFTER = new RegExp(
  `(?<![\\w.,$€£])${FIGURE}(\\s+(?:${[...OP_AFTER.keys()].map((w) => w.replace(' ', '\\s+')).join('|')})\\b|\\+(?=\\s*${COUNTED_AFTER}))${NOT_SPAN}${PER_PERIOD}`,
);

/** The value of a figure's digits or words with its unit's power of ten ("2k" is 2000, "50 cents" 0.5). */
function figureValue(figure: string, unit: string | undefined): number {
  const digits = /^\d/.test(figure) ? figure.replace(/,/g, '') : String(spelledValue(figure));
  // the digits as written scaled: money is exact, and 1.005 * 1000 is not 1005 in floating point
  return Number(`${digits}e${unitExponent(unit)}`);
}

/** "two hundred fifty" is 250, "a thousand" (its article read before) 1000, "two grand" 2000. */
function spelledValue(words: string): number {
  let total = 0;
  let group = 0;
  for (const word of words.split(/[\s-]+/)) {
    if (word === 'hundred') group = (group || 1) * 100;
    else if (word in SCALES) {
      total += (group || 1) * 10 ** SCALES[word];
      group = 0;
    } else group += SPELLED[word] ?? 0;
  }
  return total + group;
}

/** The power of ten a bound's unit scales it by ("1k", "3 grand", "50 cents"). */
function unitExponent(unit: string | undefined): number {
  const word = unit?.trim() ?? '';
  if (word === 'k') return 3;
  if (word in SCALES) return SCALES[word];
  return /^(cents?|¢)$/.test(word) ? -2 : 0;
}

/** "$1.20 a click", "80 cents per lead" right after a bound: what one of them costs is bounded. */
const PER_THING = new RegExp(
  `^\\s*(?:a|an|per|each|every|for each|for every|\\/)\\s*(${UNIT_COSTS.map(([thing]) => thing).join('|')})s?\\b`,
);

/** The bound in the text, with its side, figure, unit and per-period words. */
function findBound(
  lower: string,
): { m: RegExpExecArray; op: BoundOp; figure: string; unit?: string; per?: string } | undefined {
  const before = BOUND_BEFORE.exec(lower);
  if (before)
    return { m: before, op: OP_OF_WORD.get(before[1])!, figure: before[2], unit: before[3], per: before[4] };
  const after = BOUND_AFTER.exec(lower);
  if (!after) return undefined;
  const op = after[3] === '+' ? 'gte' : OP_AFTER.get(after[3].trim().replace(/\s+/g, ' '))!;
  return { m: after, op, figure: after[1], unit: after[2], per: after[4] };
}

export function readThreshold(lower: string): { threshold?: Threshold; rest: string } {
  const bound = findBound(lower);
  if (!bound) return { rest: lower };
  const { m, op } = bound;
  const value = figureValue(bound.figure, bound.unit);
  if (!Number.isFinite(value)) return { rest: lower };
  const per = bound.per?.trim();
  const thing = per ? null : PER_THING.exec(lower.slice(m.index + m[0].length));
  const read = { index: m.index, 0: `${m[0]}${thing?.[0] ?? ''}` };
  const measure = thing ? UNIT_COSTS.find(([t]) => t === thing[1])![2] : undefined;
  return {
    threshold: {
      op,
      value,
      phrase: read[0].trim(),
      ...(per ? { per } : {}),
      ...(measure ? { measure } : {}),
    },
    rest: blanked(lower, read),
  };
}

/**
 * "cost us more than $1.20 a click", "spent over $50 per purchase": a bound naming its own measure (the
 * CPC, the CPA) is on that measure; the word of spending beside it says what was paid, no second one.
 */
export function withBoundMeasure(metrics: Metric[], bound: Threshold | undefined): Metric[] {
  const own = bound?.measure;
  return own ? [own, ...metrics.filter((m) => m !== 'spend' && m !== own)] : metrics;
}
