// Two conditions on one listing: "ad sets that spent money but got zero purchases", "campaigns with
// over $100 spend and a roas under 1". Both sides are read whole, or the question is refused: one
// condition listed alone (or "no spend" read from "spent money but no purchases") would be a
// confident listing of the wrong entities.
import type { BoundOp, Metric } from '../metrics.js';
import { readThreshold, type Threshold } from './thresholdPhrases.js';
import { METRIC_LABELS } from './vocabulary.js';

export interface Condition {
  metric: Metric;
  op: BoundOp;
  value: number;
  /** The words as asked ("got zero purchases"), for the refusal of a question read in part. */
  phrase: string;
}

/** The measures a condition names, longer words first; sums ("spent money") and ratios ("a roas under 1"). */
const MEASURES: [words: string, metric: Metric][] = [
  ['ad spend|spend|spending|money', 'spend'],
  ['link clicks|clicks|click', 'clicks'],
  ['purchases|purchase|sales|sale|orders|order|conversions|conversion', 'purchases'],
  ['leads|lead', 'leads'],
  ['impressions|impression', 'impressions'],
  ['revenue', 'revenue'],
  ['roas|ctr|cpc|cpa|cpl|cpm|cvr', 'roas'],
];
const MEASURE = `(${MEASURES.map(([w]) => w).join('|')})`;
const SUMMED = new Set<Metric>(['spend', 'clicks', 'purchases', 'leads', 'impressions', 'revenue']);

function metricOf(word: string): Metric {
  const [, metric] = MEASURES.find(([words]) => new RegExp(`^(${words})$`).test(word))!;
  // the ratio words name themselves
  return metric === 'roas' ? (word as Metric) : metric;
}

const WHO = `(?:(?:that|which|who)\\s+)?`;
const HAVING = `(?:with|had|has|have|got|get|getting|received|generated|drove|saw)`;
const NOT_DID = `(?:did\\s*n[o']?t|didn\\s+t|did\\s+not|never|have\\s*n[o']?t|haven\\s+t)`;

/** "spent money", "with clicks", "had some impressions": some of a summed measure. */
const SOME = [
  new RegExp(`${WHO}(?:spent|were spending|was spending)(?:\\s+(?:money|anything|something|some money))?$`),
  new RegExp(`${WHO}${HAVING}\\s+(?:any\\s+|some\\s+)?${MEASURE}$`),
];
/** "got zero purchases", "no leads", "without a single click", "didn't get any clicks": none of it. */
const NONE = [
  new RegExp(`^${WHO}(?:${HAVING}\\s+)?(?:no|zero|0|not a single|not one|nil)\\s+${MEASURE}`),
  new RegExp(`^${WHO}without\\s+(?:a single\\s+|any\\s+)?${MEASURE}`),
  new RegExp(
    `^${WHO}${NOT_DID}\\s+(?:get|have|generate|drive|receive|bring in)\\s+(?:any\\s+|a single\\s+)?${MEASURE}`,
  ),
];

/** Joins two conditions: "but", "yet", "and", "while", "though". */
const JOIN = /,?\s*\b(but|yet|and|while|though|although)\b\s*(?:also\s+|still\s+)?/g;

/** A question that puts a second condition after the first: refused when not read whole. */
const SECOND_CONDITION = new RegExp(
  [
    // "but got zero likes", "yet didn't get a single click", "but had a roas under 1"; not "but not sure"
    "\\b(?:but|yet|while|though|although)\\s+(?:(?:that|which|they|it)\\s+)?(?:(?:got|had|have|has|get|with|saw|did ?n[o']?t get|didn t get|did not get|never got)\\s+)?(?:any\\s+|an?\\s+\\w+\\s+)?(?:no|zero|0|without|not a single|not one|a single|under|over|below|above|less than|more than|fewer than|at least|at most)\\b",
    // "and" alone joins measures ("spend and roas"): a second condition only with its negation or bound
    '\\band\\s+(?:(?:with|had|got|have)\\s+)?(?:no|zero|without)\\b',
    '\\band\\s+(?:an?\\s+)?(?:roas|ctr|cpc|cpa|cpl|cpm)\\s+(?:of\\s+)?(?:under|over|below|above|less|more|at least|at most)\\b',
  ].join('|'),
);

/** What a range read out of the text leaves behind it: "in the (last 7 days)", "over the (past month)". */
const RANGE_LEFTOVER = /(?:\s+(?:in|over|during|for|from|within|since)(?:\s+the)?)?[\s,?.!]*$/;

/** Left of the join: a condition at its end, after the level ("which ad sets spent money"). */
function conditionBefore(side: string): { condition: Condition; start: number } | undefined {
  const text = side.replace(RANGE_LEFTOVER, '');
  for (const re of SOME) {
    const m = re.exec(text);
    if (m) {
      const metric = m[1] ? metricOf(m[1]) : 'spend';
      if (SUMMED.has(metric))
        return { condition: { metric, op: 'gt', value: 0, phrase: m[0] }, start: m.index };
    }
  }
  const bound = boundIn(text, 'end');
  return bound ? { condition: bound.condition, start: bound.start } : undefined;
}

/** Right of the join: a condition at its start, nothing after it but punctuation. */
function conditionAfter(side: string): Condition | undefined {
  const text = side.replace(/^[\s,]+/, '').replace(RANGE_LEFTOVER, '');
  for (const re of NONE) {
    const m = re.exec(text);
    if (m && m[0].length === text.length && SUMMED.has(metricOf(m[1])))
      return { metric: metricOf(m[1]), op: 'lte', value: 0, phrase: m[0] };
  }
  const bound = boundIn(text, 'start');
  return bound && bound.start === 0 && bound.end === text.length ? bound.condition : undefined;
}

/**
 * "over $100 spend", "spend above 100", "a roas under 1", "spent more than $50", "more than 100 clicks":
 * a bound with its measure beside it, at the end (or start) of the side.
 */
function boundIn(
  text: string,
  where: 'start' | 'end',
): { condition: Condition; start: number; end: number } | undefined {
  const { threshold } = readThreshold(text);
  if (!threshold || threshold.per || threshold.measure) return undefined;
  const at = text.indexOf(threshold.phrase);
  if (at < 0) return undefined;
  const phrase = threshold.phrase.replace(/[$^.*+?()[\]{}|\\]/g, '\\$&');
  const shapes = [
    `${WHO}(?:${HAVING}\\s+)?(?:an?\\s+)?${MEASURE}\\s+(?:of\\s+|is\\s+|was\\s+)?${phrase}`,
    `${WHO}(?:${HAVING}\\s+)?${phrase}\\s+(?:in\\s+|of\\s+)?${MEASURE}`,
    `${WHO}()(?:spent|spending)\\s+${phrase}`,
  ];
  for (const shape of shapes) {
    const m = new RegExp(where === 'end' ? `${shape}$` : `^${shape}`).exec(text);
    if (!m) continue;
    const metric = m[1] ? metricOf(m[1]) : 'spend';
    return {
      condition: { metric, op: threshold.op, value: threshold.value, phrase: m[0] },
      start: m.index,
      end: m.index + m[0].length,
    };
  }
  return undefined;
}

export interface ConditionsRead {
  conditions?: Condition[];
  /** The question puts two conditions and one of them is not read: its words, for the refusal. */
  unread?: string;
  rest: string;
}

/**
 * Two conditions joined by "but", "and", "yet"…: both read, and blanked from the text (the level
 * before them stays for the other slots to read); or, when the question has that shape and a side is
 * not read, the unread words.
 */
export function readConditions(lower: string): ConditionsRead {
  for (const join of lower.matchAll(JOIN)) {
    const left = conditionBefore(lower.slice(0, join.index));
    const right = conditionAfter(lower.slice(join.index + join[0].length));
    if (!left || !right) continue;
    // "spent money and got clicks but no leads": a third condition before the two is not read
    const before = lower.slice(0, left.start);
    if (/(\b(and|but|yet|or)|,)\s*$/.test(before))
      return { unread: lower.slice(0, join.index).trim(), rest: lower };
    return {
      conditions: [left.condition, right],
      rest: `${lower.slice(0, left.start)} `,
    };
  }
  if (!SECOND_CONDITION.test(lower)) return { rest: lower };
  // the shape of a second condition, with a measure on the first side: read in part, so not read
  const join = /,?\s*\b(but|yet|while|though|although|and)\b/.exec(lower);
  const before = join ? lower.slice(0, join.index) : '';
  if (!join || !new RegExp(`\\b(spent|spending|${MEASURE.slice(1, -1)})\\b`).test(before))
    return { rest: lower };
  return {
    unread: lower
      .slice(join.index)
      .replace(/^[\s,]+/, '')
      .replace(/[\s?.!]+$/, ''),
    rest: lower,
  };
}

/**
 * The bounds of a question: two conditions read together ("spent money but got no purchases"), else
 * one bound (readThreshold); none when a bound's words are part of a name.
 */
export function readBounds(
  lower: string,
  inName = false,
  ranges = 1,
): ConditionsRead & { threshold?: Threshold } {
  if (inName) return { rest: lower };
  const paired = readConditions(lower);
  // "spent money last week but no purchases this week": one listing has one range, so not read
  if (paired.conditions && ranges > 1) return { rest: lower, unread: lower.trim() };
  return paired.conditions
    ? paired
    : { ...readThreshold(lower), ...(paired.unread ? { unread: paired.unread } : {}) };
}

/** The intent's slots of what readBounds read. */
export function conditionSlots(read: ConditionsRead): {
  conditions?: Condition[];
  conditionsUnread?: string;
} {
  return {
    ...(read.conditions ? { conditions: read.conditions } : {}),
    ...(read.unread ? { conditionsUnread: read.unread } : {}),
  };
}

/** The measures the conditions name first (the listing shows each one's value), then the others asked. */
export function conditionMetrics(conditions: Condition[] | undefined, measured: Metric[]): Metric[] {
  return conditions ? [...new Set([...conditions.map((c) => c.metric), ...measured])] : measured;
}

/** A question with two conditions read in part, or of no level: why it is not answered as a listing. */
export function conditionsUnread(intent: {
  conditions?: Condition[];
  conditionsUnread?: string;
  level?: string;
}): string | undefined {
  if (intent.conditionsUnread) return conditionsRefusal(intent.conditionsUnread);
  if (intent.conditions && !intent.level)
    return `I can't tell whether you mean campaigns, ad sets or ads, so I won't list a guess. Ask e.g. "which ad sets spent money last week but got no purchases?".`;
  return undefined;
}

function conditionsRefusal(unread: string): string {
  return `I didn't understand every condition in "${unread.trim()}", so I won't list entities by only some of them. Ask e.g. "which ad sets spent money last week but got no purchases?" or "campaigns with spend over 100 and a ROAS under 1" (measures: ${['spend', 'clicks', 'purchases', 'leads', 'impressions', 'revenue', 'roas', 'ctr', 'cpc', 'cpa', 'cpl', 'cpm'].map((m) => METRIC_LABELS[m as Metric]).join(', ')}).`;
}
