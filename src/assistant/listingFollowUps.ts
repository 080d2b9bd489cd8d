// Follow-ups that pick among what the last answer listed: "which of them is paused?" after spend by ad
// set, "which of those are over $100?" after a breakdown, "how many of those are in the webinar
// campaign?" after a listing, "are they all live?" after a count, "which of them has the better CPC?".
// "Them" is the listed entities: the last answer's level and scope stay, narrowed by what the question
// adds. This module only reshapes a merged follow-up state; it asks no tool and writes no text.
import { LEVELS } from '../db/entities.js';
import { metricUnit } from '../display/numbers.js';
import type { Intent } from './intentParser.js';
import type { EntityRef, PlannerState } from './plannerState.js';
import type { KindName } from './questionKinds.js';

/** "of them", "of those", "which ones": the question is about some of what the last answer listed. */
const PARTITIVE = /\b(of (them|those|these)|among (them|those)|which ones)\b/;

/** Answers that list entities of their level, and the kind a count of them is (the others state their count). */
const LISTING_COUNT: Partial<Record<KindName, KindName>> = {
  list: 'count',
  count: 'count',
  threshold: 'threshold',
  no_spend: 'no_spend',
  delivering: 'delivering',
};

/** A breakdown by campaign, ad set or ad: its rows are the entities "of them" picks from. */
function groupedLevel(state: PlannerState) {
  const g = state.groupBy;
  return state.kind === 'breakdown' && (g === 'campaign' || g === 'adset' || g === 'ad') ? g : undefined;
}

/**
 * The merged state of a follow-up that picks among the last listing (unchanged when it does not).
 * `entity` is the one the question names ("in the webinar campaign"), if any.
 */
export function pickAmongListed(
  next: PlannerState,
  previous: PlannerState,
  intent: Intent,
  entity: EntityRef | undefined,
): void {
  const partitive = PARTITIVE.test(intent.ownText);
  const grouped = groupedLevel(previous);
  // "spend by ad set for the webinar" → "which of them is paused?" (or "… over $100?"): its ad sets
  if (grouped && partitive && !entity && (intent.status || intent.threshold) && !intent.metrics.length) {
    next.level = grouped;
    next.groupBy = undefined;
    next.kind = intent.threshold ? 'threshold' : 'list';
    return;
  }
  const counted = LISTING_COUNT[previous.kind];
  // "which ad sets had no spend?" → "how many of those are in the webinar campaign?": the same
  // listing, inside the campaign named
  if (
    counted &&
    partitive &&
    entity &&
    isAbove(entity, previous.level) &&
    /\bhow many\b/.test(intent.ownText)
  ) {
    next.level = previous.level;
    next.entity = entity;
    next.kind = counted;
    return;
  }
  const listed = previous.kind === 'list' || previous.kind === 'count';
  // "how many ads does Variant B have?" → "are they all live?": those ads, by that status
  if (listed && next.kind === 'structure' && intent.pronoun && intent.status && !entity) {
    if (previous.entity && isAbove(previous.entity, previous.level)) next.kind = 'list';
    return;
  }
  // "which of them has the better CPC?": the one of them ahead on it (a cost is better lower)
  const judged = /\b(better|worse)\b/.exec(intent.ownText);
  if (
    listed &&
    judged &&
    (intent.pronoun || partitive) &&
    !entity &&
    intent.metrics.length > 0 &&
    !intent.direction
  ) {
    next.kind = 'rank';
    next.direction = judged[1] === 'better' ? 'desc' : 'asc';
    next.quality = true;
    next.limit = 1;
  }
}

function isAbove(entity: EntityRef, level: PlannerState['level']): boolean {
  return LEVELS.indexOf(entity.level) < LEVELS.indexOf(level);
}

/**
 * "which of those are over $100?" is answered only as a follow-up that lists by a bound, on the measure
 * the last answer listed them by, and an amount of money only on a money measure ($100 of clicks is none).
 */
export function boundFitsListing(state: PlannerState, followUp: boolean, phrase: string): boolean {
  if (!followUp || state.kind !== 'threshold') return false;
  return !/[$€£¥]/.test(phrase) || metricUnit(state.metrics[0]) === 'money';
}

/**
 * "list the campaigns" → "how many ad sets does each have?": a count of a level below the listed one,
 * per each listed entity (one total of them would answer "each" with a single number); the parent level,
 * or undefined when the question is no such count.
 */
export function countPerListed(
  intent: Intent,
  previous: PlannerState,
  entity: EntityRef | undefined,
): 'campaign' | 'adset' | undefined {
  if (intent.kind !== 'count' || !intent.each || entity || !intent.level) return undefined;
  if ((previous.kind !== 'list' && previous.kind !== 'count') || previous.groupBy) return undefined;
  const parent = previous.level;
  if (parent === 'ad' || LEVELS.indexOf(intent.level) <= LEVELS.indexOf(parent)) return undefined;
  return parent;
}
