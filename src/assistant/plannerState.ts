// The planner's resolved state for one turn: what was asked, fully specified (kind, level, measures,
// status, range, entity). Stored with each conversation turn so a follow-up ("and the week before?",
// "what about revenue?", "only the active ones") changes one thing and keeps the rest.

import { addDays, type DayRange, mondayOf, periodBefore } from '../calendar.js';
import { LEVELS } from '../db/entities.js';
import { isLowerBound } from '../metrics.js';
import type { Level, Metric, RangeInput } from '../tools/schemas.js';
import { shiftBack } from './calendarPhrases.js';
import {
  type GroupBy,
  type Intent,
  type PeriodShift,
  RANKING_LIMIT,
  type StatusWord,
} from './intentParser.js';
import { countPerListed, pickAmongListed } from './listingFollowUps.js';
import type { ListedEntities } from './ordinalPicks.js';
import { hasTrigger, type KindName } from './questionKinds.js';
import type { Threshold } from './thresholdPhrases.js';
import { rangeDays, rangeLength } from './timeExpressions.js';
import type { Condition } from './twoConditions.js';
import { EACH_COST, HIGHER_IS_BETTER, unitCostOf } from './vocabulary.js';

export interface EntityRef {
  level: Level;
  ids: string[];
  names: string[];
  /** "the X ad in Y": the parent the question scoped the name to (ids are only those under it). */
  within?: string;
  /** "which variant …": the word all of them hold in their names, the scope of a ranking among them. */
  shared?: string;
}

export interface PlannerState {
  kind: KindName;
  level: Level;
  metrics: Metric[];
  status?: StatusWord;
  range: RangeInput;
  rangeLabel: string;
  /** True when the question named no range and the default (last 30 days) applies. */
  rangeDefaulted: boolean;
  compareTo?: { range: RangeInput; label: string };
  groupBy?: GroupBy;
  limit?: number;
  direction?: 'asc' | 'desc';
  /** "best"/"worst": a cost measure's best is its lowest. */
  quality?: boolean;
  entity?: EntityRef;
  /** Two (or more) entities side by side ("compare A and B"). */
  entities?: EntityRef[];
  /** The named entities summed ("A and B combined"), not side by side. */
  combined?: boolean;
  /** The one entity this turn's answer gave as its result (a ranking's winner): what "its" means next. */
  answered?: EntityRef;
  /** The question asked for one of them ("which of them is paused?"): its one row is what "it" means next. */
  picked?: boolean;
  /** The entities this turn's answer listed, in its order: what "the second one" picks from. */
  listed?: ListedEntities;
  /** The entities the last turns named, latest last: what "compare them" means. */
  recent?: EntityRef[];
  /** "more than $100": the bound the threshold kind lists by, on metrics[0]. */
  threshold?: Threshold;
  /** "spent money but got no purchases": the bounds the conditions kind lists by, all of them. */
  conditions?: Condition[];
  /** The last two totals of one entity (or the account), latest last: "both", "which month was better?". */
  totals?: AskedTotal[];
}

/** One turn's total: its measures over its range. */
export interface AskedTotal {
  metrics: Metric[];
  range: RangeInput;
  rangeLabel: string;
}

const sameRef = (a: EntityRef, b: EntityRef) => a.ids.join() === b.ids.join();

/** The latest two different entities the conversation named. */
function remember(recent: EntityRef[] | undefined, named: EntityRef[]): EntityRef[] | undefined {
  let out = [...(recent ?? [])];
  for (const e of named) out = [...out.filter((r) => !sameRef(r, e)), e];
  return out.length > 0 ? out.slice(-2) : undefined;
}

const DEFAULT_RANGE: RangeInput = { preset: 'last_30d' };

/**
 * Is this question a follow-up of the previous turn? Only an elliptical one: it says so ("and …",
 * "what about …", "only …", "which of them", "the week before"), or it is a fragment naming no
 * measure, time or level of its own ("top 3?", "by day?"), or a measure alone ("what's the CPL?"). A
 * question naming its own time, level or name starts fresh, so an earlier turn never leaks into an
 * unrelated one.
 */
export function isFollowUp(intent: Intent, previous: PlannerState | undefined, entity?: EntityRef): boolean {
  if (!previous) return false;
  if (intent.followUp || intent.shiftBack || intent.wholeAccount) return true;
  // "how much did it spend in July?", "compare them on CTR": points back at what was named
  if (
    intent.pronoun &&
    !entity &&
    (previous.entity || previous.entities || previous.recent || previous.answered)
  )
    return true;
  // "for Black Friday only", "Holiday Gift Guide?": a name alone changes the scope of the last question
  if (intent.kind === 'unknown' && entity && intent.metrics.length === 0 && !intent.time) return true;
  if (intent.periodShift && !intent.time && intent.metrics.length === 0) return true;
  if (intent.comparesBack && intent.metrics.length === 0 && !entity) return true;
  if (measureAlone(intent, entity) || (!entity && costOfEach(intent, previous))) return true;
  if (!entity && countOfListed(intent, previous)) return true;
  if (joinedEntities(intent, previous, entity)) return true;
  if (choosesBetweenLastTwo(intent, entity, previous)) return true;
  if (bothMeasures(intent, entity, previous) || periodsToChoose(intent, entity, previous)) return true;
  // "which campaigns are paused?" → "how much did they spend?": they are the listing's entities
  if (intent.pronoun && !entity && LISTING_KINDS.includes(previous.kind) && previous.status) return true;
  // "how many ads are paused?" → "which ones?": the ones counted
  if (intent.pronoun && !entity && previous.kind === 'count' && intent.kind === 'unknown') return true;
  // "which ad sets are in Black Friday?" → "how much did each spend?": each of those listed
  if (intent.each && !entity && LISTING_KINDS.includes(previous.kind)) return true;
  // "revenue by campaign" → "which one was the best?": the breakdown's campaigns, ranked; "list the
  // campaigns" → "which one spent the most?": the listed ones
  if (
    intent.pronoun &&
    !entity &&
    intent.direction &&
    (byEntity(previous) || LISTING_KINDS.includes(previous.kind))
  )
    return true;
  // "leads last 7d" → "which campaigns were they from?", "from which campaigns?": the last figure divided among them
  if ((intent.pronoun || FROM_WHICH.test(intent.text)) && !entity && levelBelow(intent, previous))
    return true;
  if (nameAlone(intent, entity, previous)) return true;
  const ownSlots = intent.metrics.length > 0 || intent.time !== undefined || intent.level !== undefined;
  // "which week was highest?" after a series, "which hour was the peak?" after hours: the grain and the
  // order are new, the rest is the last answer's
  const whichBucket =
    (intent.groupBy !== undefined || intent.kind === 'hourly') && intent.direction !== undefined;
  const fragment =
    !ownSlots &&
    intent.nameWords.length === 0 &&
    (whichBucket || !/\b(what|how|which|show|list|tell)\b/.test(intent.text));
  return (
    fragment &&
    (intent.limit !== undefined ||
      intent.groupBy !== undefined ||
      intent.direction !== undefined ||
      intent.status !== undefined ||
      // "by hour?" after "clicks yesterday": those hours
      intent.kind === 'hourly')
  );
}

/**
 * "what's the CPL?", "so what was the CTR?": a measure and nothing else of its own (no time, level,
 * name, ranking, filter or kind word) is asked of what the conversation is about, as "and CPL?" is;
 * answered fresh it would be the whole account's over a default range, a number nobody asked for.
 */
function measureAlone(intent: Intent, entity: EntityRef | undefined): boolean {
  return (
    intent.metrics.length > 0 &&
    intent.kind === 'total' &&
    !intent.time &&
    !intent.level &&
    !entity &&
    intent.nameWords.length === 0 &&
    !intent.direction &&
    !intent.limit &&
    !intent.status &&
    !intent.threshold
  );
}

/** "from which campaigns?", "and from what ad sets?": where the last figure came from. */
const FROM_WHICH = /\bfrom (which|what) (campaigns?|ad sets?|adsets?|ads?)\b/;

/** Answers that are a figure over a range, which a follow-up can ask again of another name. */
const FIGURE_KINDS: KindName[] = ['total', 'compare', 'breakdown'];

/**
 * "Engagés IG 60j spend last week" → "so what's the whole Été campaign?": a name with its own level word
 * and nothing else of its own (no measure, time, status or ranking) is the last figure asked of it; read
 * fresh, "what's the … campaign" lists that one campaign, a figure nobody asked for.
 */
function nameAlone(intent: Intent, entity: EntityRef | undefined, previous: PlannerState): boolean {
  return (
    intent.kind === 'list' &&
    entity !== undefined &&
    intent.level === entity.level &&
    intent.levelsNamed.length === 1 &&
    intent.metrics.length === 0 &&
    !intent.time &&
    !intent.status &&
    !intent.direction &&
    !intent.limit &&
    !intent.groupBy &&
    !intent.threshold &&
    FIGURE_KINDS.includes(previous.kind)
  );
}

/**
 * "how many leads did the webinar get?" → "and what did each cost?": what one of those counted cost (the
 * CPL), not the spend; after a listing, "each" is each entity listed instead.
 */
function costOfEach(intent: Intent, previous: PlannerState): Metric | undefined {
  if (!intent.each || !EACH_COST.test(intent.ownText) || intent.metrics.join() !== 'spend') return undefined;
  if (previous.kind !== 'total' || previous.metrics.length !== 1) return undefined;
  return unitCostOf(previous.metrics[0]);
}

/** Listings a count can be asked of, and the kind that counts each (the others state their count). */
const COUNTED_AS: Partial<Record<KindName, KindName>> = {
  list: 'count',
  threshold: 'threshold',
  no_spend: 'no_spend',
  delivering: 'delivering',
};

/** "how many campaigns is that?", "how many were those?": the count of what the last answer named. */
const IS_THAT = /\b(is|was|are|were) (that|those|these|they)\b/;

/**
 * "which campaigns spent over $1k last week?" → "how many is that?" (or "how many campaigns is that?"):
 * the entities the last listing named, counted; a question of no measure, name or time of its own, and
 * of no level other than the listing's.
 */
function countOfListed(intent: Intent, previous: PlannerState): KindName | undefined {
  if (!hasTrigger('count', intent.text) || intent.metrics.length > 0 || intent.nameWords.length > 0)
    return undefined;
  if (intent.time) return undefined;
  const own = intent.kind === 'unknown' || (intent.level === previous.level && IS_THAT.test(intent.text));
  return own ? COUNTED_AS[previous.kind] : undefined;
}

/** Which end of a ranking: "worst CPC" is the highest cost, "worst CTR" the lowest rate. */
export function rankDirection(state: PlannerState, metric: Metric, qualityWord: boolean): 'asc' | 'desc' {
  const direction = state.direction ?? 'desc';
  if (qualityWord && !HIGHER_IS_BETTER.has(metric)) return direction === 'asc' ? 'desc' : 'asc';
  return direction;
}

/** What "how is it doing?" reports: money in, money back, and whether people click. */
export const OVERVIEW_METRICS: Metric[] = ['spend', 'revenue', 'roas', 'ctr'];
/** "Our best performing campaign": ranked by what each dollar brought back, the others beside it. */
const RANKED_OVERVIEW_METRICS: Metric[] = ['roas', 'spend', 'revenue', 'ctr'];

/**
 * The level a question names none of: the named entity's own for its measures, its children for a
 * listing or count ("what's live in Holiday Gift Guide?" lists its ad sets; an ad has none: ads),
 * else campaigns.
 */
function levelOf(kind: KindName, entity: EntityRef | undefined): Level {
  if (!entity) return 'campaign';
  if (kind !== 'list' && kind !== 'count') return entity.level;
  return entity.level === 'campaign' ? 'adset' : 'ad';
}

/**
 * "which two spent the most yesterday?" with nothing earlier to point at: a count and an end of a
 * ranking are a ranking of campaigns (the level a question naming none means), never the account's total.
 */
function unnamedRanking(intent: Intent, entity: EntityRef | undefined): boolean {
  return intent.kind === 'total' && !intent.level && !entity && !!intent.limit && !!intent.direction;
}

/** A fresh question's state (undefined for an unknown one). */
export function stateFromIntent(
  intent: Intent,
  entity: EntityRef | undefined,
  today: string,
  entities?: EntityRef[],
  previous?: PlannerState,
): PlannerState | undefined {
  if (intent.kind === 'unknown') return undefined;
  if (intent.wholeAccount) entity = undefined;
  const state: PlannerState = {
    kind: unnamedRanking(intent, entity) ? 'rank' : intent.kind,
    level: intent.level ?? levelOf(intent.kind, entity),
    metrics:
      intent.metrics.length > 0
        ? intent.metrics
        : intent.overview
          ? intent.kind === 'rank'
            ? RANKED_OVERVIEW_METRICS
            : OVERVIEW_METRICS
          : ['spend'],
    status: intent.status,
    range: intent.time?.range ?? DEFAULT_RANGE,
    rangeLabel: intent.time?.label ?? 'the last 30 days',
    rangeDefaulted: intent.time === undefined,
    groupBy: intent.groupBy,
    limit: intent.limit,
    direction: intent.direction,
    quality: intent.qualityWord,
    entity,
    entities,
    ...(intent.combined && entities ? { combined: true } : {}),
    ...(intent.threshold ? { threshold: intent.threshold } : {}),
    ...(intent.conditions ? { conditions: intent.conditions } : {}),
    recent: remember(previous?.recent, entities ?? (entity ? [entity] : [])),
  };
  if (intent.compareTo) state.compareTo = { range: intent.compareTo.range, label: intent.compareTo.label };
  if (intent.periodShift && !intent.compareTo)
    applyPeriodShift(state, intent.periodShift, !intent.time, today);
  return withTotals(withPeriodBefore(state, today), previous);
}

/** The turn's total remembered beside the one before, of the same entity; any other answer starts over. */
function withTotals(state: PlannerState, previous: PlannerState | undefined): PlannerState {
  if (state.kind !== 'total') return { ...state, totals: undefined };
  const sameScope = previous?.entity?.ids.join() === state.entity?.ids.join() && !state.entities;
  const asked = { metrics: state.metrics, range: state.range, rangeLabel: state.rangeLabel };
  return { ...state, totals: [...(sameScope ? (previous?.totals ?? []) : []), asked].slice(-2) };
}

/**
 * "roas yesterday" → "and cpa" → "both for the last 30 days": the measures of the last two totals
 * together (undefined when the question names a measure or a name, or the two asked the same).
 */
function bothMeasures(
  intent: Intent,
  entity: EntityRef | undefined,
  previous: PlannerState,
): Metric[] | undefined {
  const [a, b] = previous.totals ?? [];
  if (!b || !/\bboth\b/.test(intent.text) || intent.metrics.length > 0 || entity) return undefined;
  const metrics = [...new Set([...a.metrics, ...b.metrics])];
  return metrics.length > a.metrics.length ? metrics : undefined;
}

/**
 * "October's purchases" → "how about September" → "so which month was better?": the last two totals,
 * one measure over two ranges, to be compared and judged. Undefined when the question names a range
 * or a name of its own.
 */
function periodsToChoose(
  intent: Intent,
  entity: EntityRef | undefined,
  previous: PlannerState,
): [AskedTotal, AskedTotal] | undefined {
  const [a, b] = previous.totals ?? [];
  if (!b || entity || intent.time || intent.nameWords.length > 0) return undefined;
  if (!judgesPeriods(intent) && !bareComparison(intent)) return undefined;
  const sameRange = JSON.stringify(a.range) === JSON.stringify(b.range);
  return a.metrics.join() === b.metrics.join() && !sameRange ? [a, b] : undefined;
}

/** "so which month was better?", "which did worse?": a judgement between the last two totals. */
function judgesPeriods(intent: Intent): boolean {
  return intent.periodChoice || (!intent.level && WHICH_BETTER.test(intent.text));
}

/**
 * "spend last 14 days" → "and the 14 before that" → "what's the difference?" (or "what changed?"): a
 * comparison naming nothing of its own (no measure, level, period or step back) compares the last two
 * totals, not a default 30 days with the 30 before.
 */
function bareComparison(intent: Intent): boolean {
  return (
    intent.kind === 'compare' &&
    intent.metrics.length === 0 &&
    !intent.level &&
    !intent.compareTo &&
    !intent.periodShift &&
    !intent.shiftBack &&
    !intent.comparesBack
  );
}

/** A comparison with nothing to compare to: the period just before (September before October). */
function withPeriodBefore(state: PlannerState, today: string): PlannerState {
  if (state.kind === 'compare' && !state.compareTo)
    state.compareTo = { range: periodBefore(rangeDays(state.range, today)), label: 'the period before' };
  return state;
}

const SHIFT_DEFAULTS: Record<PeriodShift, { range: RangeInput; label: string }> = {
  week: { range: { preset: 'this_week_mon_today' }, label: 'this week (since Monday)' },
  month: { range: { preset: 'this_month' }, label: 'this month' },
  year: { range: { preset: 'last_30d' }, label: 'the last 30 days' },
};

/** "the same day a week earlier" for one day, "the same days a month earlier" for more. */
function sameDaysEarlier(days: DayRange, unit: PeriodShift): string {
  return `the same ${days.since === days.until ? 'day' : 'days'} a ${unit} earlier`;
}

/** "MoM", "same period last year": the same days one week, month or year earlier. */
function applyPeriodShift(state: PlannerState, unit: PeriodShift, noTime: boolean, today: string): void {
  if (noTime) {
    state.range = SHIFT_DEFAULTS[unit].range;
    state.rangeLabel = SHIFT_DEFAULTS[unit].label;
    state.rangeDefaulted = false;
  }
  state.kind = 'compare';
  const days = rangeDays(state.range, today);
  state.compareTo = { range: shiftBack(days, unit), label: sameDaysEarlier(days, unit) };
}

/** "which one did better?", "which of the two had the lower CPA?": a choice between the last two named. */
const WHICH_OF_TWO = /\b(which one|which of the two|which of both)\b|\b(better|worse|cheaper)\b/;
/**
 * "which is better?", "which campaign did worse?", "which was cheaper per click?" (read "lower cpc"),
 * "which got more clicks?": the same choice, with no pronoun; "which campaigns …" asks of all of them.
 */
const WHICH_BETTER =
  /\bwhich\b(?! (?:campaigns|ad ?sets|adsets|ads)\b).*\b(better|worse|cheaper|lower|higher|more|fewer|less)\b/;

/**
 * Does the question ask which of the last two named comes out ahead? Only with two named before it:
 * after one, or none, "which is better?" is no choice, and is not answered as one.
 */
function choosesBetweenLastTwo(
  intent: Intent,
  entity: EntityRef | undefined,
  previous: PlannerState,
): boolean {
  const lastTwo = previous.recent ?? [];
  if (entity || intent.nameWords.length > 0 || lastTwo.length < 2) return false;
  // "which campaign did better?" after two campaigns; "which ad did better?" after two ad sets is not
  if (intent.level && lastTwo.some((e) => e.level !== intent.level)) return false;
  return (
    (intent.pronoun && WHICH_OF_TWO.test(intent.text)) ||
    (!intent.threshold && WHICH_BETTER.test(intent.text))
  );
}

/**
 * "cart abandoners spend yesterday" → "and the lookalike one?" → "both together?": the last two named,
 * summed (only with two named before it, and none named now).
 */
function sumsLastTwo(
  intent: Intent,
  entity: EntityRef | undefined,
  entities: EntityRef[] | undefined,
  previous: PlannerState,
): boolean {
  return intent.pronoun && intent.combined && !entity && !entities && (previous.recent?.length ?? 0) >= 2;
}

const LISTING_KINDS: KindName[] = ['list', 'count'];

/** "which one spent the most?": one of several is asked for, the first of a ranking. */
export const WHICH_ONE = /\bwhich one\b/;

/** A breakdown by campaign, ad set or ad (not by day): its rows are entities a follow-up can rank. */
function byEntity(state: PlannerState): Level | undefined {
  const g = state.groupBy;
  return state.kind === 'breakdown' && (g === 'campaign' || g === 'adset' || g === 'ad') ? g : undefined;
}

/**
 * "CTR for Always-On" → "what about the ad sets in it?", "spend last week" → "and the ad sets?": a level
 * below the last total's entity (any level, after the account's), asked with no status or kind of its
 * own, is that total divided among them, each with its value, not a listing of their names. A total
 * shown day by day is still that total ("leads last 7d" → "per day" → "which campaigns were they from?").
 */
function levelBelow(intent: Intent, previous: PlannerState): Level | undefined {
  const { level } = intent;
  const total = previous.kind === 'total' || (previous.kind === 'breakdown' && !byEntity(previous));
  if (!total || !level || intent.status) return undefined;
  if (intent.kindExplicit && intent.kind !== 'list') return undefined;
  const above = previous.entity ? LEVELS.indexOf(previous.entity.level) : -1;
  return LEVELS.indexOf(level) > above ? level : undefined;
}

/** A follow-up: the previous state with what the new question changes. */
const MEASURELESS_KINDS: KindName[] = ['structure', 'count', 'sync', 'sync_status', 'no_spend'];

export function mergeFollowUp(
  previous: PlannerState,
  intent: Intent,
  entity: EntityRef | undefined,
  today: string,
  entities?: EntityRef[],
): PlannerState {
  const next: PlannerState = { ...previous, rangeDefaulted: false, answered: undefined, picked: undefined };
  if (intent.kindExplicit && intent.kind !== 'unknown' && !nameAlone(intent, entity, previous))
    next.kind = intent.kind;
  // "how much did it spend?" after "is it running?", "how much did they spend in total?" after a listing
  if (
    intent.kind === 'total' &&
    (MEASURELESS_KINDS.includes(previous.kind) ||
      (hasTrigger('total', intent.text) && previous.kind !== 'compare_entities'))
  )
    next.kind = 'total';
  // "what about campaigns?" after a ranking (a bound, no spend): the same question at another level
  if (
    intent.kind === 'list' &&
    intent.followUp &&
    !intent.status &&
    intent.level &&
    (previous.kind === 'rank' || previous.kind === 'no_spend' || previous.kind === 'threshold')
  )
    next.kind = previous.kind;
  // "what about ad sets?" after "campaigns that spent more than $100": the same bound; a bound on
  // spend says nothing of revenue, so another measure ranks by it instead
  if (intent.threshold) next.threshold = intent.threshold;
  else if (
    previous.threshold &&
    intent.metrics.length > 0 &&
    intent.metrics.join() !== previous.metrics.join()
  ) {
    next.threshold = undefined;
    if (next.kind === 'threshold') {
      next.kind = 'rank';
      next.direction = isLowerBound(previous.threshold.op) ? 'desc' : 'asc';
    }
  }
  if (intent.level) next.level = intent.level;
  if (intent.metrics.length > 0) next.metrics = intent.metrics;
  const unitCost = costOfEach(intent, previous);
  if (unitCost) next.metrics = [unitCost];
  if (intent.status) next.status = intent.status;
  if (intent.groupBy) next.groupBy = intent.groupBy;
  // "actually ad sets not campaigns" after ROAS by campaign: the same breakdown, by the level named
  else if (intent.level && byEntity(previous) && !intent.status && !intent.kindExplicit)
    next.groupBy = intent.level;
  if (intent.limit) next.limit = intent.limit;
  if (intent.direction) {
    next.direction = intent.direction;
    next.quality = intent.qualityWord;
  } else if (previous.kind === 'rank' && intent.metrics.length > 0) {
    // "top 3 ad sets by leads" → "what about CPL?": the best by CPL (the lowest), as the leads were the best
    const [metric] = previous.metrics;
    const best = rankDirection({ ...previous, direction: 'desc' }, metric, true);
    next.direction = rankDirection(previous, metric, previous.quality === true) === best ? 'desc' : 'asc';
    next.quality = true;
  }
  // "which one was the best?" after "revenue by campaign": the breakdown's entities ranked by its measure
  const ranked = byEntity(previous);
  // "just the top 2" after "campaigns by spend": a ranking's end and count alone rank the same entities
  const endAlone = intent.kind === 'unknown' && intent.limit !== undefined && intent.metrics.length === 0;
  if ((intent.pronoun || endAlone) && !entity && !entities && intent.direction && ranked) {
    next.kind = 'rank';
    next.level = ranked;
    next.groupBy = undefined;
    next.limit = intent.limit ?? (WHICH_ONE.test(intent.text) ? 1 : RANKING_LIMIT);
  }
  // "what was its ROAS?" after "which campaign spent the most?": it is the campaign that answer named
  const one = pointedAt(previous, intent);
  const toTheOne = intent.pronoun && !entity && !entities && one !== undefined && !intent.wholeAccount;
  if (toTheOne) {
    next.entity = one;
    next.entities = undefined;
    const ofTheOne = next.kind === 'rank' || (LISTING_KINDS.includes(next.kind) && intent.metrics.length > 0);
    if (ofTheOne && !intent.kindExplicit) next.kind = 'total';
    // "how did it do the month before?": its headline measures, not only the one the last answer ranked by
    if (intent.overview && intent.metrics.length === 0) next.metrics = OVERVIEW_METRICS;
  }
  // "what about the ad sets in it?" after a campaign's CTR: that CTR divided among them, each stated
  const among = levelBelow(intent, previous);
  if (among) {
    next.kind = 'breakdown';
    next.groupBy = among;
  }
  const per = countPerListed(intent, previous, entity);
  if (per) {
    next.kind = 'count';
    next.groupBy = per;
  }
  const counted = countOfListed(intent, previous);
  if (counted) next.kind = counted;
  // "which ones?", "list them" after a count: the ones counted, named
  if (previous.kind === 'count' && intent.pronoun && intent.kind === 'unknown') next.kind = 'list';
  // "only the active ones" after a total: totals have no status, so list the entities with that measure
  if (intent.status && !intent.kindExplicit && (previous.kind === 'total' || previous.kind === 'breakdown'))
    next.kind = 'list';
  // "which of them spent the most?" after a listing ranks that listing
  if (intent.direction && !intent.kindExplicit && LISTING_KINDS.includes(previous.kind)) {
    next.kind = 'rank';
    if (WHICH_ONE.test(intent.text)) next.limit = intent.limit ?? 1;
  }
  // "how much did they spend?" after "which campaigns are paused?": each of them, by that measure (an
  // account total would count the others too); "how much did each spend?" after the ad sets listed in a
  // campaign: each of them too, where "they" would be the campaign's total; "it" after a listing of one
  // is that one ("which campaigns are archived?" → "how much did it spend?"), whose total is asked
  if (
    (intent.each || (intent.pronoun && !previous.entity && previous.status && !toTheOne)) &&
    !entity &&
    LISTING_KINDS.includes(previous.kind) &&
    intent.metrics.length > 0 &&
    (next.kind === 'total' || next.kind === previous.kind)
  ) {
    next.kind = 'rank';
    next.direction = 'desc';
    next.limit = intent.limit ?? RANKING_LIMIT;
  }
  const joined = joinedEntities(intent, previous, entity);
  if (joined) {
    next.entity = undefined;
    next.entities = joined;
    next.kind = 'compare_entities';
  } else if (entity) {
    next.entity = entity;
    next.entities = undefined;
    if (next.kind === 'compare_entities') next.kind = 'total';
  }
  if (entities) {
    next.entities = entities;
    next.kind = 'compare_entities';
  }
  // "compare them on CTR", "which one had the better ROAS?": the two entities the last turns named
  const compareThem =
    !entity &&
    !entities &&
    intent.pronoun &&
    intent.kind === 'compare' &&
    (previous.recent?.length ?? 0) >= 2;
  if (compareThem || (!entities && choosesBetweenLastTwo(intent, entity, previous))) {
    next.entities = previous.recent;
    next.kind = 'compare_entities';
    // "better" judges: a cost is better lower, a return higher
    next.quality = intent.qualityWord;
  }
  if (sumsLastTwo(intent, entity, entities, previous)) {
    next.entities = previous.recent;
    next.kind = 'compare_entities';
    next.combined = true;
  }
  if (intent.wholeAccount) {
    next.entity = undefined;
    next.entities = undefined;
    if (next.kind === 'compare_entities') next.kind = 'total';
  }
  pickAmongListed(next, previous, intent, entity);
  const both = bothMeasures(intent, entity, previous);
  if (both) next.metrics = both;
  next.recent = remember(previous.recent, entities ?? (entity ? [entity] : []));
  mergeRange(next, previous, intent, today, joined !== undefined);
  if (intent.periodShift && !intent.compareTo) applyPeriodShift(next, intent.periodShift, false, today);
  const periods = periodsToChoose(intent, entity, previous);
  if (periods) chooseBetween(next, periods, today, judgesPeriods(intent));
  return withTotals(withPeriodBefore(next, today), previous);
}

/** The later of two ranges against the earlier, judged when asked ("better": a cost lower, a return higher). */
function chooseBetween(
  next: PlannerState,
  periods: [AskedTotal, AskedTotal],
  today: string,
  judged: boolean,
): void {
  const since = (t: AskedTotal) => rangeDays(t.range, today).since;
  const [earlier, later] = [...periods].sort((x, y) => since(x).localeCompare(since(y)));
  next.kind = 'compare';
  next.entities = undefined;
  next.range = later.range;
  next.rangeLabel = later.rangeLabel;
  next.compareTo = { range: earlier.range, label: earlier.rangeLabel };
  next.quality = judged;
}

/**
 * The one entity the last answer gave as its result: a ranking's winner ("its ROAS"), or a listing's
 * only row when the question names its level ("that ad set") or the last question asked for one
 * ("which of them is paused?"); "it" after the one ad set listed in a campaign is still the campaign.
 */
function pointedAt(previous: PlannerState, intent: Intent): EntityRef | undefined {
  const one = previous.answered;
  if (!one || !previous.entity || !LISTING_KINDS.includes(previous.kind) || previous.picked) return one;
  return intent.level === one.level ? one : undefined;
}

/**
 * "compare it with Variant B", "vs the Holiday Gift Guide?": the entity named now joins the ones the
 * last answer was about, side by side (undefined when the question names none, or only those).
 */
function joinedEntities(
  intent: Intent,
  previous: PlannerState,
  entity: EntityRef | undefined,
): EntityRef[] | undefined {
  if (!entity || !intent.comparesBack) return undefined;
  const before = previous.entities ?? (previous.entity ? [previous.entity] : []);
  const joined = [...before.filter((e) => !sameRef(e, entity)), entity];
  return joined.length >= 2 ? joined : undefined;
}

/** The Saturday and Sunday just before a range: "last weekend" → "and the weekend before?". */
function weekendBefore(days: DayRange): { range: DayRange; label: string } {
  const sunday = addDays(mondayOf(days.since), -1);
  return { range: { since: addDays(sunday, -1), until: sunday }, label: 'the weekend before' };
}

/** The period the last answer's range stepped back: "the week before", "the day before that". */
function periodBack(previous: PlannerState, unit: PeriodShift | 'weekend' | undefined, today: string) {
  const days = rangeDays(previous.range, today);
  if (unit === 'weekend') return weekendBefore(days);
  // "yesterday" → "and the week before?" is the same day a week earlier; a week → the week before
  const shorter = unit && rangeLength(previous.range, today) < { week: 7, month: 28, year: 365 }[unit];
  return shorter
    ? { range: shiftBack(days, unit), label: sameDaysEarlier(days, unit) }
    : { range: periodBefore(days), label: `the period before ${previous.rangeLabel}` };
}

/**
 * A follow-up's range: the one it names, or the last answer's stepped back ("and the week before?");
 * a question comparing back ("how does that compare to last month?", "vs the day before?") keeps the
 * last answer's range and compares it with the period named. Entities joined into a comparison
 * ("compare it with Variant B last week") are compared over the period named.
 */
function mergeRange(
  next: PlannerState,
  previous: PlannerState,
  intent: Intent,
  today: string,
  entitiesJoined: boolean,
): void {
  const earlier = intent.shiftBack ? periodBack(previous, intent.shiftUnit, today) : undefined;
  const against = entitiesJoined
    ? undefined
    : (intent.against ?? (intent.comparesBack ? earlier : undefined));
  if (against) {
    next.compareTo = { range: against.range, label: against.label };
    // "today so far" → "how's that vs this time yesterday?": the same hours of both days, still pacing
    if (intent.kind !== 'pacing') next.kind = 'compare';
    return;
  }
  const named = earlier ?? (entitiesJoined ? (intent.against ?? intent.time) : intent.time);
  if (named) {
    next.range = named.range;
    next.rangeLabel = named.label;
  } else {
    // "how many ads are live?" → "what's the spend?": still the default range, and the answer says so
    next.rangeDefaulted = previous.rangeDefaulted;
  }
  if (intent.compareTo && !entitiesJoined)
    next.compareTo = { range: intent.compareTo.range, label: intent.compareTo.label };
  else if (named || entitiesJoined) next.compareTo = undefined;
}
