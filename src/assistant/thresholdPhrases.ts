// Bounds on a measure in a question: "more than $1,000.50", "under a 2.0 roas", "at least 1k", "more
// than $1.20 a click" (a bound on what one click costs). Read from the text as written, before anything
// normalises it, and blanked so no other slot reads its words again.
import { BOUND_OPS, type BoundOp, type Metric } from '../metrics.js';
import { UNIT_COSTS } from './vocabulary.js';
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
  ],
  gte: ['at least', 'no less than'],
  lt: ['less than', 'fewer than', 'lower than', 'smaller than', 'under', 'below', 'south of'],
  lte: ['at most', 'no more than'],
};
const OP_OF_WORD = new Map(BOUND_OPS.flatMap((op) => BOUND_WORDS[op].map((w) => [w, op] as const)));

/**
 * "more than $1,000.50", "below 1", "over 2.5%", "at least 1k", "above 2x", "under 50 cents", "under a
 * 2.0 roas" (the article of "a 2.0 roas" belongs to the figure): a bound, read from the text as written
 * (normalising would split "1,000.50"), not a count of days ("over 30 days", "over a 7 day period" are
 * ranges); "a day" after it is kept with it, to be refused (an average per day is no sum). Longer words
 * first: "no more than" is not "more than".
 */
const THRESHOLD = new RegExp(
  `\\b(${[...OP_OF_WORD.keys()].sort((a, b) => b.length - a.length).join('|')})\\s+(?:an?\\s+)?(?:[$€£]\\s?)?(\\d[\\d,]*(?:\\.\\d+)?)(k\\b|%|x\\b|\\s*cents?\\b|¢)?` +
    '(?![\\d,.]*\\s*(?:days?|weeks?|months?|quarters?|years?|hours?|minutes?|mins?|d|wks?|mos?|yrs?)\\b)' +
    '(\\s*(?:(?:a|per|each|every|an|\\/)\\s*(?:day|week|month|hour)\\b|daily\\b|weekly\\b|monthly\\b))?',
);

/**
 * The power of ten a bound's unit scales it by ("2k" is 2000, "50 cents" is 0.5), applied to the digits
 * as written: money is exact, and 1.005 * 1000 is not 1005 in floating point.
 */
function unitExponent(unit: string | undefined): number {
  if (unit === 'k') return 3;
  return unit && /^\s*(cents?|¢)$/.test(unit) ? -2 : 0;
}

/** "$1.20 a click", "80 cents per lead" right after a bound: what one of them costs is bounded. */
const PER_THING = new RegExp(
  `^\\s*(?:a|an|per|each|every|for each|for every|\\/)\\s*(${UNIT_COSTS.map(([thing]) => thing).join('|')})s?\\b`,
);

export function readThreshold(lower: string): { threshold?: Threshold; rest: string } {
  const m = THRESHOLD.exec(lower);
  if (!m) return { rest: lower };
  const op = OP_OF_WORD.get(m[1])!;
  const value = Number(`${m[2].replace(/,/g, '')}e${unitExponent(m[3])}`);
  if (!Number.isFinite(value)) return { rest: lower };
  const per = m[4]?.trim();
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
