// The question grammar: every kind of question the offline planner answers is ONE entry here, the
// way src/tools/catalog.ts lists tools. An entry says which phrases trigger it, what slots it needs,
// how it ranks against the others (explicit priority, never the order of code), what a person is told
// it can do, and which function answers it. Detection (detectKind), the words the phrasing consumes,
// the capabilities text and the dispatch are all derived from this list. Adding a kind = one entry
// here plus its phrase table in tests/assistant/questionKinds.test.ts.
import type { PlanAnswer, PlanContext } from './answerScope.js';
import { answerBreakdown } from './breakdownAnswers.js';
import {
  answerConditions,
  answerCount,
  answerDeliveringCount,
  answerList,
  answerNoSpend,
  answerRank,
  answerStructure,
  answerThreshold,
} from './entityAnswers.js';
import { answerHourly, answerPacing } from './hourlyAnswers.js';
import { answerCompare, answerEntityComparison, answerTotal } from './metricAnswers.js';
import type { PlannerState } from './plannerState.js';
import { answerSync, answerSyncStatus } from './syncAnswers.js';
import { METRIC_PHRASES } from './vocabulary.js';

/** What the intent parser found, as far as choosing a kind goes. */
export interface KindSlots {
  hasMetric: boolean;
  hasLevel: boolean;
  hasStatus: boolean;
  hasDirection: boolean;
  hasGroupBy: boolean;
  /** "more than $100", "ROAS below 1": a bound on the measure. */
  hasThreshold: boolean;
  /** "spent money but got no purchases": two bounds that must both hold. */
  hasConditions: boolean;
  hasOverview: boolean;
  timeCount: number;
  /** "MoM", "week over week", "same period last year": a comparison without a comparison verb. */
  hasPeriodComparison: boolean;
  /** How many different entities the question names (known once names are matched; 0 before). */
  entityCount: number;
  /** Yesterday against today "so far" / "at this point": the same hours of both days (pacing). */
  sameHours: boolean;
}

type Trigger = RegExp | ((slots: KindSlots) => boolean);

export interface QuestionKind {
  kind: string;
  /** Higher wins when several kinds match. */
  priority: number;
  /** Any one trigger (a phrase on normalised text, or a slot test) makes the kind a candidate. */
  triggers: Trigger[];
  /** Phrases that rule the kind out ("don't sync", "how do I sync?" ask no sync). */
  unless?: RegExp[];
  /**
   * Slots that must be present: a level; no measure; no measure unless a status filters ("which
   * campaigns spent $X" is a total or ranking, "live campaigns' spend" a listing).
   */
  needs?: { level?: boolean; metric?: boolean; noMetric?: boolean; noMetricUnlessStatus?: boolean };
  /** False for kinds a bare measure implies: a follow-up ("what about revenue?") keeps the previous kind. */
  explicit: boolean;
  capability: string;
  answer(ctx: PlanContext, state: PlannerState): Promise<PlanAnswer>;
}

const SYNC_STATUS_PHRASES: RegExp[] = [
  // "is the sync done?", "is the sync ok?", "how's the sync going": how it is doing
  /\b(is|are|has|was|did|how s|how is|hows) (the |my |our |a )?(re ?sync|sync|syncs|syncing|refresh|import)\b.*\b(done|finished|complete|completed|running|over|ready|still|succeed|succeeded|fail|failed|working|progress|ok|okay|fine|healthy|good|alright|all right|broken|stuck|going|doing)\b/,
  /\b(sync|syncing|refresh) (status|progress|state)\b|\bstatus of (the |my )?(sync|refresh)\b/,
  /\b(last|latest|recent) (sync|syncs|refresh)\b|\bwhen (was|did) .*\b(sync|synced|refreshed|updated)\b/,
  // "anything I should know about the sync?"
  /\b(anything|something) (i|we) (should|need to|ought to) know about (the |my |our )?(syncs?|syncing|refresh|import)\b/,
  /\bhow (fresh|old|recent|up to date) (is|are) (the |my |our )?(data|numbers|figures)\b|\b(is|are) (the |my |our )?(data|numbers|figures) (fresh|up to date|current|stale|old|outdated|out of date)\b/,
];

/** The words a sync request is made of: the phrases below, and the LLM guard's look-up of entity
 * names that hold one (such a name must never count as the person asking for a sync). */
export const SYNC_WORDS = ['sync', 'refresh', 'reload', 'update', 'pull', 'fetch', 'import'] as const;
const SYNC_VERBS = SYNC_WORDS.filter((w) => w !== 'sync').join('|');

/**
 * "can you pull our spend on Meta?": a fetching verb whose object is a measure fetches a figure, not the
 * data. Refreshing verbs keep theirs: "update the spend data" asks for fresh data.
 */
const FETCH_VERBS = 'pull|fetch';
const MEASURE_OBJECT = `(?! (?:(?:me|us|up|our|my|the|total) )*(?:${METRIC_PHRASES.map(([p]) => p).join('|')})\\b)`;

const SYNC_PHRASES: RegExp[] = [
  /\b(re ?sync|sync|synchronize|synchronise)\b/,
  new RegExp(
    `\\b(?:(?:${FETCH_VERBS})\\b${MEASURE_OBJECT}|(?!${FETCH_VERBS})(?:${SYNC_VERBS})\\b).*\\b(data|account|meta|facebook|numbers|stats|ads|campaigns|insights)\\b`,
  ),
  /^(please )?(refresh|update)( now| everything| it)?$/,
];

const LIST_WORDS = /\b(list|show|which|what|see|display|give|all|get)\b/;

export const QUESTION_KINDS = [
  {
    kind: 'sync_status',
    priority: 100,
    triggers: SYNC_STATUS_PHRASES,
    explicit: true,
    capability: 'sync questions ("is the sync done?", "how fresh is the data?")',
    answer: (ctx) => answerSyncStatus(ctx, ctx.dataAsOf),
  },
  {
    kind: 'sync',
    priority: 90,
    triggers: SYNC_PHRASES,
    unless: [
      /\b(do not|dont|don t|never|no need to|without|not|no)\b.{0,20}\b(re ?sync|sync|syncing|refresh)/,
      /\b(how (do|can|would|should) (i|we|you)|how to|would an?|should (i|we)|do (i|we) need to|can (i|we)|what does|what is an?|why)\b.{0,30}\b(re ?sync|sync|refresh)/,
    ],
    explicit: true,
    capability: 'syncing ("sync my account")',
    answer: (ctx) => answerSync(ctx, ctx.dataAsOf),
  },
  {
    kind: 'structure',
    priority: 85,
    triggers: [
      /\bstatus of\b/,
      // "the summer sale's status", "Variant C status": a status with its owner named before it (not
      // "any status", "whatever their status", nor "what's the status?", which may ask about a sync)
      /(?<!\b(any|every|all|their|of|the) )\bstatus\b/,
      // "has the summer sale been switched off?", "has Black Friday finished yet?": its status now ("have
      // the numbers been updated?", "has it finished loading?" ask no status)
      /(?<=^(has|have)\b.*)\b(been (?=(switched|turned|paused|stopped|archived|deleted)\b)|(finished|ended|started|launched|gone live)( yet| already)?$)/,
      // "did someone delete the Spring Promo?", "has anyone paused it?", "was it archived?": its status now
      /(?<=^(did|has|have) (someone|somebody|anyone|anybody|we|you|i|they) )(delete|deleted|archive|archived|pause|paused|stop|stopped|turn off|turned off|switch off|switched off)\b/,
      /(?<=^(was|were)\b.*)\b(deleted|archived|paused|stopped|turned off|switched off)( yet| already)?$/,
      // "brand awareness q3 — still around or archived?", "spring promo: archived or deleted?": which of
      // the two statuses it is in ("Instant Form – UK: on or off?"; "campaigns that are paused or archived"
      // lists them)
      /(?<!\b(ads|ad sets|adsets|campaigns|creatives)\b.*)\b(live|running|active|around|paused|archived|deleted|stopped|on) or (still )?(live|running|active|paused|archived|deleted|stopped|off)\b/,
      // "the UK instant form ad set — is it live?": the status of what was just named
      /\b(is|was) (it|that|this)( still| currently| now)? (live|running|active|delivering|paused|stopped|archived|deleted|on|off)\b/,
      /\b(belong|belongs) to\b/,
      /\b(part|parent)( campaign| ad set| adset)? of\b/,
      /\b(in|under)$/,
      // (a lookahead: the word after "is the" is usually the name asked about, never consumed)
      /^(is|are)(?= (the |my |our )?\S+)/,
      // "(my boss wants to know) if the blog campaign is still on": the same question, asked indirectly
      /\b(if|whether)(?= (?!(any|all|every|no|none)\b)\S.* is (still |currently |now )?(on|off|live|running|active|paused|archived|deleted|delivering|stopped)\b)/,
    ],
    // "how many ads are in Variant A?" ends in "in" once the name is blanked: a count, not structure;
    // so do "which ads are running in Variant A?" and "what ad sets are under X?": listings of its
    // children (a parent is asked for in the singular: "which campaign is X in?")
    unless: [
      /\b(how many|number of|count)\b/,
      // "are we on track today?": pacing, not the status of something named "track"
      /\b(on|off) track\b/,
      /\b(running|live|active|paused|delivering|archived|deleted) (in|under)$/,
      /^(which|what) (ads|ad sets|adsets|campaigns|creatives) (are|were|belong to|sit in)\b/,
      // "is there an ad set in the webinar campaign that is not active?": a listing of the ones that are
      /^(is|are) there (any |an? |some )?(ads?|ad sets?|adsets?|campaigns?|creatives?)\b/,
      // "show all the ads under Variant A": its children listed
      /\b(ads|ad sets|adsets|campaigns|creatives) (in|under|inside)$/,
      // "has the data finished?": a sync, not something named "data"
      /^(has|have) (the |my |our )?(data|numbers|stats|figures)\b/,
    ],
    needs: { noMetric: true },
    explicit: true,
    capability:
      'structure ("which campaign is the Variant B ad set in?", "is the Spring Promo campaign running?")',
    answer: answerStructure,
  },
  {
    // above no_spend and threshold: "spent money but got zero purchases" is neither half alone
    kind: 'conditions',
    priority: 82,
    triggers: [(s) => s.hasConditions],
    needs: { level: true },
    explicit: true,
    capability:
      'campaigns (ad sets, ads) meeting two conditions ("ad sets that spent money last week but got no purchases", "campaigns with spend over 100 and a ROAS under 1")',
    answer: answerConditions,
  },
  {
    kind: 'no_spend',
    priority: 80,
    triggers: [
      /\b(no|zero|0|nil)\s+(spend|spending|delivery|impressions|spent|revenue|sales|purchases|conversions|orders|clicks|link clicks|leads|reach)\b/,
      /\b(did not|didnt|didn t|not|never|without)\s+(spend|spent|deliver|delivered|spending|any spend)\b/,
      /\b(had nothing spent|spent nothing|spent 0|spent zero|spend nothing|nothing spent|spent \$?0)\b/,
      // "which campaigns didn't get any clicks yesterday?", "… a single impression": none of them
      /\b(did not|didnt|didn t|not|never)\s+(get|got|have|had|receive|received|generate|generated|bring in|drive)\s+(any\s+|a single\s+|one single\s+)?(spend|delivery|impressions?|revenue|sales?|purchases?|conversions?|orders?|clicks?|link clicks?|leads?|reach)\b/,
      // "any campaigns without a single lead this month?"
      /\bwithout\s+(any\s+|a single\s+|one single\s+)?(spend|delivery|impressions?|revenue|sales?|purchases?|conversions?|orders?|clicks?|link clicks?|leads?)\b/,
    ],
    explicit: true,
    capability: 'which campaigns, ad sets or ads had no spend (or no revenue, purchases, clicks, leads…)',
    answer: answerNoSpend,
  },
  {
    // "how many campaigns spent money last week?", "which ads got clicks yesterday?": the ones that
    // delivered (counted and named), not the account's total; "which campaigns spent the most" ranks
    kind: 'delivering',
    priority: 71,
    triggers: [
      /\bhow many (campaigns|ad sets|adsets|ads|creatives)\b/,
      /^(which|what) (campaigns|ad sets|adsets|ads|creatives) (spent|delivered|(had|got|generated|drove|brought in) (any )?(spend|clicks|impressions|purchases|leads|sales|conversions|orders|revenue|delivery))\b(?!.*\b(most|least|more|less|highest|lowest|best|worst|top|over|under|above|below|than)\b)/,
      // "did any ads get clicks today?": which did, not the account's clicks
      /^(did|have|has|were there) any (campaigns|ad sets|adsets|ads|creatives) (spend|spent|deliver|delivered|get|got|have|had|generate|generated)\b/,
    ],
    needs: { level: true, metric: true },
    explicit: true,
    capability: 'how many campaigns, ad sets or ads had spend (or clicks, purchases…) in a range',
    answer: answerDeliveringCount,
  },
  {
    kind: 'count',
    priority: 70,
    triggers: [/\b(how many|number of|count)\b/],
    needs: { level: true, noMetric: true },
    explicit: true,
    capability: 'counts ("how many ads are active?")',
    answer: answerCount,
  },
  {
    kind: 'compare_entities',
    priority: 65,
    triggers: [(s) => s.entityCount >= 2],
    explicit: true,
    capability:
      'two campaigns, ad sets or ads side by side ("compare Variant A and Variant B on CTR", "Black Friday vs Always-On revenue")',
    answer: answerEntityComparison,
  },
  {
    // above compare: "pacing today vs the same time yesterday" compares the same hours, not whole days
    kind: 'pacing',
    priority: 67,
    triggers: [
      /\b(pacing|pace|paced)( ahead| behind)?\b|\b(ahead of|behind) pace\b|\b(on|off) track\b/,
      /\bsame (time|hour)( of day)?\b/,
      /\bat this (time|hour)\b/,
      (s) => s.sameHours,
    ],
    explicit: true,
    capability: 'pacing ("how are we pacing today vs the same time yesterday?")',
    answer: answerPacing,
  },
  {
    // above breakdown: hours are a breakdown of one day, from the hourly facts
    kind: 'hourly',
    priority: 55,
    triggers: [
      /\b(by|per|each|every) hour\b|\bhour by hour\b|\bhourly\b|\b(what|which) (hour|time of day)\b/,
    ],
    explicit: true,
    capability:
      'hours of today or yesterday ("spend by hour today", "what hour had the most clicks yesterday?")',
    answer: answerHourly,
  },
  {
    kind: 'compare',
    priority: 60,
    triggers: [
      /\b(compare|compared|comparison|vs|versus|change|changed|difference|differ|trend from|grow|grew|growth|increase|increased|decrease|decreased|drop|dropped|(went|going|gone|go) (up|down)|up or down|(stack|stacks|stacked|stacking) up( against| to| with)?)\b/,
      // "which campaigns spent more than last week?" (the time read, "than" is what is left)
      /\b(more|less|fewer|higher|lower|better|worse) than$/,
      (s) => s.timeCount >= 2 || s.hasPeriodComparison,
    ],
    explicit: true,
    capability:
      'comparisons ("compare spend this week vs last week", "ROAS month over month", "revenue vs same period last year")',
    answer: answerCompare,
  },
  {
    kind: 'breakdown',
    priority: 50,
    // "break that out by ad set", "split it up per campaign": the last answer's figure, divided up
    triggers: [
      /\bbreakdown\b|\b(break|split) (it |that |this |those |them )?(down|out|up)\b/,
      (s) => s.hasGroupBy,
    ],
    explicit: true,
    capability: 'breakdowns ("spend and revenue by day last 14 days", "spend by campaign")',
    answer: answerBreakdown,
  },
  {
    kind: 'threshold',
    // "how many campaigns spent more than 1000?" is past a bound, not every one that spent
    priority: 75,
    triggers: [(s) => s.hasThreshold],
    needs: { level: true, metric: true },
    explicit: true,
    capability:
      'campaigns (ad sets, ads) past a bound ("campaigns that spent more than 100 last week", "ads with ROAS below 1")',
    answer: answerThreshold,
  },
  {
    kind: 'rank',
    priority: 40,
    triggers: [/\b(rank|ranking|ranked)\b/, (s) => s.hasDirection],
    needs: { level: true },
    explicit: true,
    capability: 'rankings ("top 3 campaigns by revenue", "worst CPA ad sets")',
    answer: answerRank,
  },
  {
    kind: 'list',
    priority: 30,
    triggers: [(s) => s.hasStatus, LIST_WORDS],
    needs: { level: true, noMetricUnlessStatus: true },
    explicit: true,
    capability: 'what campaigns (ad sets, ads) are live, paused or archived',
    answer: answerList,
  },
  {
    kind: 'total',
    priority: 20,
    triggers: [(s) => s.hasMetric || s.hasOverview, /\bhow much\b|\bin total\b|\baltogether\b|\bcombined\b/],
    explicit: false,
    capability:
      'spend, revenue, ROAS, CPA, CPC, CPM, CTR, purchases, leads, clicks or impressions over a date range, for the account or one campaign, ad set or ad by name',
    answer: answerTotal,
  },
] as const satisfies readonly QuestionKind[];

export type KindName = (typeof QUESTION_KINDS)[number]['kind'];

const BY_NAME = new Map<string, QuestionKind>(QUESTION_KINDS.map((k) => [k.kind, k]));

export function kindSpec(kind: KindName): QuestionKind {
  return BY_NAME.get(kind)!;
}

function triggered(spec: QuestionKind, text: string, slots: KindSlots): boolean {
  if (spec.unless?.some((re) => re.test(text))) return false;
  return spec.triggers.some((t) => (typeof t === 'function' ? t(slots) : t.test(text)));
}

/** Does the text carry this kind's trigger phrases (ignoring slots), and none of its exclusions? */
export function hasTrigger(kind: KindName, text: string): boolean {
  const spec = kindSpec(kind);
  if (spec.unless?.some((re) => re.test(text))) return false;
  return spec.triggers.some((t) => typeof t !== 'function' && t.test(text));
}

/** The highest-priority kind whose trigger and needs are met. */
export function detectKind(text: string, slots: KindSlots): QuestionKind | undefined {
  let best: QuestionKind | undefined;
  for (const spec of QUESTION_KINDS as readonly QuestionKind[]) {
    if (spec.needs?.level && !slots.hasLevel) continue;
    if (spec.needs?.noMetric && slots.hasMetric) continue;
    if (spec.needs?.metric && !slots.hasMetric) continue;
    if (spec.needs?.noMetricUnlessStatus && slots.hasMetric && !slots.hasStatus) continue;
    if (!triggered(spec, text, slots)) continue;
    if (!best || spec.priority > best.priority) best = spec;
  }
  return best;
}

/** Every trigger phrase of every kind, global: the words a question's phrasing uses up. */
export const TRIGGER_PHRASES: RegExp[] = (QUESTION_KINDS as readonly QuestionKind[]).flatMap((k) =>
  k.triggers.filter((t): t is RegExp => typeof t !== 'function').map((t) => new RegExp(t.source, 'g')),
);

export const CAPABILITIES: string[] = [...(QUESTION_KINDS as readonly QuestionKind[])]
  .sort((a, b) => a.priority - b.priority)
  .map((k) => k.capability);
