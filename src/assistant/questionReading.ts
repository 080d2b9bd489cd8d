// Reading one question in full before anything is answered: the intent, the entity its leftover
// words name, misspellings, and every word that is still not accounted for. The outcome is either a
// reading the planner can answer (with notes about words it did not use) or a refusal that says what
// was not understood: never a number for a question other than the one asked.
import { entityNames, rankedEntityNames } from '../db/analytics/entityListing.js';
import { loadScope } from '../tools/analyticsScope.js';
import { type Level, MAX_ENTITY_IDS } from '../tools/schemas.js';
import { nameList } from './answerText.js';
import { clauseParts, guessParts, type QuestionPart } from './contextClauses.js';
import { hasEmoji, readEmojiNames } from './emojiNames.js';
import {
  MAX_OPTIONS,
  matchEntityName,
  matchPair,
  type NameCandidate,
  type NameMatch,
  type NamePair,
  type NameResult,
} from './entityNameMatcher.js';
import { type Intent, type ParseOptions, parseIntent } from './intentParser.js';
import { countedWordsOf, nameTokensOf, weekdayPairsOf, withoutWholeNames, yearNamesOf } from './nameWords.js';
import { describedPlaces, outsideData, placeAsked, placeRefused } from './outsideData.js';
import type { EntityRef } from './plannerState.js';
import { withResultCost } from './resultCost.js';
import { sharedWordRanking } from './sharedNameWord.js';
import type { ToolRunner } from './toolRunner.js';
import { conditionsUnread } from './twoConditions.js';
import {
  FILLER_WORDS,
  LEVEL_LABELS,
  METRIC_LABELS,
  normalizeText,
  SYNC_ADVICE,
  TIME_WORDS,
  WEEKDAY_WORDS,
} from './vocabulary.js';
import { applyTypos, vocabularyTypos } from './wordTypos.js';

export interface Reading {
  intent: Intent;
  entity?: EntityRef;
  /** Two entities named side by side ("compare A and B"). */
  entities?: EntityRef[];
  /** Said beside the answer: words read another way, words not used, text set aside. */
  notes: string[];
  /** Set when the planner must not answer with numbers: what to say instead. */
  refusal?: string;
  /** The refusal is for figures we do not hold (outsideData): no part of the question answers instead. */
  outside?: true;
}

/**
 * Names change when a sync runs, so they are kept per database, workspace and last sync time; and
 * for a minute at most, since facts sent to the ingest API add ads (by name) without a sync.
 * Never synced (dataAsOf null): asked every time.
 */
const NAME_CACHE = new WeakMap<object, Map<string, { candidates: NameCandidate[]; fetchedAt: number }>>();
const MAX_CACHED = 20;
const NAMES_KEPT_MS = 60_000;

/** `ranked`: in the order options are offered (fetchCandidates); otherwise the same names in any order. */
async function entityCandidates(
  tools: ToolRunner,
  dataAsOf: string | null,
  ranked: boolean,
): Promise<NameCandidate[]> {
  const perDb = NAME_CACHE.get(tools.ctx.db) ?? new Map();
  NAME_CACHE.set(tools.ctx.db, perDb);
  const key = (order: boolean) => `${tools.ctx.workspaceId}@${dataAsOf}${order ? ' ranked' : ''}`;
  // the process's own monotonic clock: how old the copy is, not what day it is for the account
  const fresh = (k: string) => {
    const cached = dataAsOf ? perDb.get(k) : undefined;
    return cached && performance.now() - cached.fetchedAt < NAMES_KEPT_MS ? cached.candidates : undefined;
  };
  const kept = fresh(key(true)) ?? (ranked ? undefined : fresh(key(false)));
  if (kept) return kept;
  const candidates = await fetchCandidates(tools, ranked);
  if (dataAsOf) {
    perDb.delete(key(ranked));
    if (perDb.size >= MAX_CACHED) perDb.delete(perDb.keys().next().value!);
    perDb.set(key(ranked), { candidates, fetchedAt: performance.now() });
  }
  return candidates;
}

/**
 * Every campaign, ad set and ad name. Ranked, in the order options are offered: per level the 500 that
 * spent most today, then (a large account) the rest of those levels' names, so a name is found wherever
 * it ranks and a name many entities share stands for all of them.
 */
async function fetchCandidates(tools: ToolRunner, ranked: boolean): Promise<NameCandidate[]> {
  const { ctx } = tools;
  const scope = await loadScope(ctx, { preset: 'today' });
  const rows = ranked
    ? await rankedEntityNames(ctx.db, { workspaceId: ctx.workspaceId, ranges: scope.ranges, listed: 500 })
    : await entityNames(ctx.db, {
        workspaceId: ctx.workspaceId,
        connectionIds: scope.ranges.map((r) => r.connectionId),
      });
  return rows.map((r) => ({ id: r.id, name: r.name, level: r.level, parentId: r.parent_id, goal: r.goal }));
}

const quote = (words: string[]) => `"${words.join(' ')}"`;

function optionText(options: NameCandidate[]): string {
  return nameList(
    options.map((o) => `${o.name} (${LEVEL_LABELS[o.level].one})`),
    8,
  );
}

/** Leftover words point at a name ("for X", "in X", capitalised, several words) rather than being stray. */
function looksLikeName(intent: Intent, question: string, words: string[]): boolean {
  if (intent.quotedName || intent.overview || words.length >= 2) return true;
  const first = words[0];
  if (
    new RegExp(`\\b(in|for|of|on|from|named|called|campaign|set|ad)\\s+(the\\s+)?${first}\\b`).test(
      intent.text,
    )
  )
    return true;
  return new RegExp(`(?<!^)\\b${first[0].toUpperCase()}${first.slice(1)}\\b`).test(question.trim());
}

function nameOutcome(
  result: NameResult,
  intent: Intent,
  question: string,
  reading: Reading,
  candidates: NameCandidate[],
): Reading {
  const words = intent.quotedName ? [intent.quotedName] : intent.nameWords;
  if (result.kind === 'ambiguous')
    return {
      ...reading,
      refusal: `I couldn't tell which one you mean by ${quote(result.words)}. Did you mean ${optionText(result.options)}? Ask again with the full name.`,
    };
  if (result.kind === 'match') {
    const m = result.match;
    const names = m.entities.map((e) => e.name ?? e.id);
    const used = new Set(m.words);
    const unused = intent.nameWords.filter((w) => !used.has(w) && !intent.quotedName);
    const second = unused.length > 0 ? matchEntityName('', unused, candidates) : undefined;
    const same = second?.kind === 'match' && second.match.entities[0].id === m.entities[0].id;
    if (second && second.kind !== 'none' && !same)
      return {
        ...reading,
        refusal: `I can't answer for two things at once: that names two (${nameList([names[0], ...(second.kind === 'match' ? [second.match.entities[0].name ?? ''] : [quote(second.words)])])}). Ask for each of them on its own.`,
      };
    // "compare Variant A and Variant Z": the other side of a comparison is a name we do not have
    if (unused.length > 0 && intent.kind === 'compare' && !intent.compareTo && !intent.periodShift)
      return {
        ...reading,
        refusal: `I couldn't find a campaign, ad set or ad named ${quote(unused)} to compare with "${names[0]}", so I won't show a number for something else. Ask "list all campaigns" to see the names.`,
      };
    const notes = [...reading.notes];
    for (const [from, to] of m.corrections ?? []) notes.push(`I read "${from}" as "${to}".`);
    if (unused.length > 0) notes.push(`I didn't understand ${quote(unused)}, so I left it out.`);
    return {
      ...reading,
      intent: askedLevel(intent, m.level),
      notes,
      entity: { level: m.level, ids: m.entities.map((e) => e.id), names },
    };
  }
  if (words.length === 0 || intent.kind === 'unknown') return reading;
  // "ig spend": a word of some name ("Engagés IG 60j") that named none of them
  const outside = outsideData(words, intent);
  if (outside) return { ...reading, refusal: outside, outside: true };
  if (looksLikeName(intent, question, words))
    return {
      ...reading,
      refusal: `I couldn't find a campaign, ad set or ad named ${quote(words)}, so I won't show a number for something else. Ask "list all campaigns" to see the names.`,
    };
  // no measure of its own and a word we do not know: that word was probably the measure
  if (
    intent.metrics.length === 0 &&
    !intent.overview &&
    ['total', 'rank', 'compare', 'breakdown'].includes(intent.kind)
  )
    return {
      ...reading,
      refusal: `I didn't understand ${quote(words)}, so I won't guess which number you want. ${MEASURES_TEXT}`,
    };
  return { ...reading, notes: [...reading.notes, `I didn't understand ${quote(words)}, so I left it out.`] };
}

/**
 * "the webinar campaign — what ad sets has it got?": a level word that is the named entity's own
 * describes the name; another level the question names is the one asked about.
 */
function askedLevel(intent: Intent, entityLevel: Level): Intent {
  const other = intent.levelsNamed.find((l) => l !== entityLevel);
  return intent.level === entityLevel && other ? { ...intent, level: other } : intent;
}

/**
 * A time word that is also a word of some name ("Holiday Gift Guide") may be the name; a weekday only
 * where it was written beside its neighbour in the name ("black friday"): alone, it is the day.
 */
function withNameTokens(intent: Intent, nameTokens: ReadonlySet<string>): void {
  const mayBeName = (w: string) =>
    !TIME_WORDS.has(w) || (WEEKDAY_WORDS.has(w) ? intent.namedWeekdays.includes(w) : nameTokens.has(w));
  const described = describedPlaces(intent.ownText);
  intent.nameWords = intent.leftover.filter((w) => mayBeName(w) && !described.includes(w));
  intent.unreadTime = intent.leftover.filter((w) => !mayBeName(w));
}

const MEASURES_TEXT =
  'I can report spend, revenue, ROAS, CPA, CPL, CPC, CPM, CTR, conversion rate, purchases, leads, clicks, link clicks, impressions, reach, adds to cart and landing page views.';

/**
 * A question about what is still to come: "will", "going to be", a plan or a rate carried forward ("if
 * we keep spending like this", "at the current pace"). Its month is read as the latest one begun, so
 * answering it would give a past month's figure as the forecast.
 */
const FORECAST =
  /\b(will we|(what|how much|how many|which|where) will|will (our|my|the|it|its|they|their)|(we|it|they) ll|going to (be|spend|make|get|hit|end|land|look|cost|bring)|forecasts?|predict|prediction|projected|projection|next (week|month|quarter|year)|if (we|i|they|it|things|this|that|spend|spending) (keep|keeps|continue|continues|carry on|carries on|stay|stays)|at (this|that|the current|our current) (rate|pace))\b/;

/** Measures and questions we have no data for: said plainly, never answered with a neighbouring number. */
const UNSUPPORTED: [RegExp, string][] = [
  [
    /\b(profit|profits|margin|margins|aov|average order value|ltv|lifetime value|cogs|roi)\b|\b(revenue|sales|value) per (purchase|order|sale|conversion)\b/,
    'that measure',
  ],
  [
    /\b(frequency|thruplay|thruplays|video views|watch time|quality ranking|relevance|engagement rate|cpv)\b/,
    'that measure',
  ],
  [/\bcost per (add to cart|landing page view|impression)\b/, 'that cost measure'],
  // "what share of total spend was that?": one part against the whole is no figure we report (answered as
  // a plain total it would be the whole, unasked); "what percentage of impressions turned into clicks" is CTR
  [
    /\bshare of\b|\b(percent|percentage|proportion|fraction) of (the |our |my )?(total|overall|all|account|spend|revenue|budget|leads|purchases|sales)\b/,
    'shares of a total',
  ],
  [FORECAST, 'forecasts (only what already happened)'],
  // the business's own totals: we hold only what Meta attributes to the ads, which is not those
  [
    /\bnot (just|only) (from )?(the |our |my )?(meta |facebook |fb )?ads\b|\b(whole|entire) (business|company|store|shop)\b/,
    'sales beyond the Meta ads (only what Meta attributes to them)',
  ],
];

/**
 * Requests to change the account ("pause the Black Friday campaign", "increase the budget of X") and
 * for advice ("which campaign should I pause?"): AdNavi reads what happened and changes nothing, so it
 * says so instead of answering a neighbouring question ("pause" read as the paused filter).
 */
const CHANGE_REQUEST =
  /^(?:(?:please|pls|can you|could you|would you|will you|go ahead and|i want to|i d like to|let s)\s+)*(?:(?:pause|unpause|un pause|resume|turn off|turn on|switch off|switch on|reactivate)\b|(?:increase|decrease|raise|lower|cut|boost|scale|set|change|edit|delete|remove|archive|launch|create|duplicate|reduce|double|halve|stop|start|enable|disable|adjust|update)\s+(?:the|my|our|all|this|that|it|them|its|their|budget|budgets|bid|bids)\b)/;
const ADVICE =
  /\bshould (?:i|we)\b|\bwhat do you (?:recommend|suggest)\b|\b(?:recommend|recommendation|recommendations)\b/;

function readOnly(intent: Intent): string | undefined {
  // beside a measure, "should I sync first?" is answered by the figure's "data synced …"
  const asked =
    intent.metrics.length > 0 ? intent.ownText.replace(new RegExp(SYNC_ADVICE, 'g'), ' ') : intent.ownText;
  if (CHANGE_REQUEST.test(intent.ownText))
    return 'I don\'t support changes to your ad account: I only read its numbers, and pausing, budgets and bids are changed in Meta Ads Manager. Ask me how it is doing, e.g. "spend last 7 days by campaign".';
  if (ADVICE.test(asked))
    return 'I can\'t answer what you should do: I report what happened, so you can decide. Ask for the figures behind the choice, e.g. "worst CPA campaigns last 30 days" or "campaigns by ROAS this month".';
  return undefined;
}

/** "what's our budget?", "daily budget of X": budgets are settings we do not sync (spend against one is). */
function askedForBudget(intent: Intent, nameTokens: ReadonlySet<string>): string | undefined {
  const m = /\b(budget|budgets|bid|bids|bid cap|cost cap)\b/.exec(intent.ownText);
  if (!m || intent.metrics.length > 0 || nameTokens.has(m[1])) return undefined;
  return `I can't report budgets or bids: "${m[0]}" is a setting I do not sync, only what was delivered (spend and results). Ask e.g. "spend this month" to see what was spent.`;
}

/** "spend yday vs budget": the figure asked for is answered, and the answer says it is not compared. */
function budgetNote(intent: Intent): string | undefined {
  if (!intent.againstBudget) return undefined;
  return "I can't compare that with a budget: budgets are a setting I do not sync, only what was delivered.";
}

/**
 * "campaigns that spent more than $1000", "ROAS above 2": a bound the threshold kind lists by, when
 * the question names the level and one measure; "did we spend over $1000?" is a total and whether it
 * is past the bound. Otherwise ("ads with more than 100 clicks and ROAS above 2") it is refused:
 * answered as a plain total or list it would name entities below the line.
 */
/** "$50 a day" is about "$350 last week"; "$500 a month" is "$500 last month". */
const PER_UNIT = {
  day: { times: 7, range: 'last week', whole: "week's" },
  week: { times: 1, range: 'last week', whole: "week's" },
  month: { times: 1, range: 'last month', whole: "month's" },
  hour: { times: 24, range: 'yesterday', whole: "day's" },
} as const;

function askedForThreshold(intent: Intent): string | undefined {
  const bound = intent.threshold;
  // past a bound: which entities (a level), or whether a total is ("did we spend over $1000?")
  if (!bound || (!bound.per && ['threshold', 'total'].includes(intent.kind) && intent.metrics.length === 1))
    return undefined;
  // "which of those are over $100?": the bound is on the measure the last answer listed them by, which
  // the planner checks (boundOnListed)
  if (!bound.per && boundOnListed(intent)) return undefined;
  return thresholdRefusal(intent);
}

/** "which of those are over $100?": a bound of no measure, on some of what the last answer listed. */
export function boundOnListed(intent: Intent): boolean {
  return (
    intent.threshold !== undefined &&
    intent.metrics.length === 0 &&
    !intent.level &&
    /\b(of (them|those|these)|among (them|those))\b/.test(intent.ownText)
  );
}

/** Why a bound is not answered here, and what to ask instead. */
export function thresholdRefusal(intent: Intent): string {
  const bound = intent.threshold!;
  const many = LEVEL_LABELS[intent.level ?? 'campaign'].many;
  const measure = intent.metrics[0] ? METRIC_LABELS[intent.metrics[0]] : 'spend';
  if (bound.per) {
    const unit = (['week', 'month', 'hour'] as const).find((u) => bound.per!.includes(u)) ?? 'day';
    const { times, range, whole } = PER_UNIT[unit];
    return `I can't answer "${bound.phrase}": that is an average per ${unit}, and I only filter by the sum over a range. Ask e.g. "${many} with ${measure} above ${bound.value * times} ${range}" for the ${whole} total.`;
  }
  // the ranking to ask instead, in the question's own level, measure and range
  const ranking = `${many} by ${measure} ${intent.time?.label ?? 'last month'}`;
  return `I can't answer "${bound.phrase}" here: I filter by an amount only on one measure at a time, and a plain answer would name ones that fall short. Ask e.g. "${many} with ${measure} above ${bound.value}", or for the ranking: "${ranking}".`;
}

function unsupported(intent: Intent, text = intent.ownText): string | undefined {
  const hit = UNSUPPORTED.find(([re]) => re.test(text));
  if (!hit) return undefined;
  return `I can't report ${hit[1]}: "${hit[0].exec(text)![0]}" is not something I track, so I won't show another number instead. ${MEASURES_TEXT}`;
}

/**
 * The full reading of a question. When the whole cannot be answered but one of its sentences can
 * ("If the numbers look stale, would a resync help? What was spend yesterday?"), that sentence is
 * answered and the answer says which words were left aside. Never a sync from part of a question.
 * An emoji that stands for a name ("🎁 campaign revenue") is read as that name first.
 */
export async function readQuestion(
  tools: ToolRunner,
  asked: string,
  today: string,
  dayFirst: boolean,
  dataAsOf: string | null,
): Promise<Reading> {
  const emoji = hasEmoji(asked)
    ? readEmojiNames(asked, await entityCandidates(tools, dataAsOf, false))
    : undefined;
  if (emoji?.kind === 'ambiguous')
    return {
      intent: parseIntent(asked, today, { dayFirst }),
      notes: [],
      refusal: `I couldn't tell which one you mean by "${emoji.emoji}". Did you mean ${optionText(emoji.options)}? Ask again with the full name.`,
    };
  const question = emoji?.question ?? asked;
  const guessed = await readPart(tools, guessParts(question, today), today, dayFirst, dataAsOf);
  if (guessed) return guessed;
  const whole = await readWhole(tools, question, today, dayFirst, dataAsOf);
  // "total sales incl. organic last month": "total sales incl." alone would give Meta's revenue
  if (whole.outside || (!whole.refusal && whole.intent.kind !== 'unknown')) return whole;
  const parts = [...sentenceParts(question), ...clauseParts(question)];
  return (await readPart(tools, parts, today, dayFirst, dataAsOf)) ?? whole;
}

/** The first part that stands on its own, read, with a note saying what was left aside. */
async function readPart(
  tools: ToolRunner,
  parts: QuestionPart[],
  today: string,
  dayFirst: boolean,
  dataAsOf: string | null,
): Promise<Reading | undefined> {
  for (const part of parts) {
    const found = await readWhole(tools, part.text, today, dayFirst, dataAsOf);
    if (!standsAlone(found, part)) continue;
    const read = await withNameAside(tools, found, part, today, dayFirst, dataAsOf);
    if (!read) continue;
    return {
      ...read,
      notes: [...read.notes, `I answered "${part.text}" and left the rest aside ("${part.rest}").`],
    };
  }
  return undefined;
}

/**
 * "how'd the gift guide go this arvo? spend so far today": a sentence set aside that names something
 * is what the answered one is about (the gift guide's spend, not the account's); one that only
 * suggests a name leaves the part unanswered, never answered for the whole account.
 */
async function withNameAside(
  tools: ToolRunner,
  read: Reading,
  part: QuestionPart,
  today: string,
  dayFirst: boolean,
  dataAsOf: string | null,
): Promise<Reading | undefined> {
  if (part.aside !== 'sentence' || read.entity || read.entities) return read;
  const aside = await readAgainstNames(tools, part.rest, today, dayFirst, dataAsOf, true);
  if (!aside.nameFound) return read;
  const { entity, entities } = aside.reading;
  return entity || entities ? { ...read, entity, entities } : undefined;
}

/** Each sentence of a question of several, the last first, with the others left aside. */
function sentenceParts(question: string): QuestionPart[] {
  const sentences = question
    .split(/(?<=[?.!])\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (sentences.length < 2) return [];
  return [...sentences].reverse().map((text) => ({
    text,
    rest: sentences.filter((s) => s !== text).join(' '),
    aside: 'sentence' as const,
  }));
}

/**
 * A part answers for the whole when it reads as a question of its own. Without the clause before it, a
 * part that says "it" must name what "it" is (the clause may have named it); without the guess after it,
 * it must ask which one, as the guess answers.
 */
function standsAlone(read: Reading, part: QuestionPart): boolean {
  const { intent } = read;
  if (read.refusal || ['unknown', 'sync', 'sync_status'].includes(intent.kind)) return false;
  const named = read.entity !== undefined || read.entities !== undefined;
  if (part.aside === 'guess') return intent.direction !== undefined && !named;
  return part.aside === 'sentence' || named || !intent.pronoun;
}

/**
 * A question read against the names in any order first (one cheap read in a cold process): when no name
 * is found in it the order cannot change the reading. When one is, it is read again against the names
 * in the order options are offered, which decides the options offered and the ties.
 */
async function readWhole(
  tools: ToolRunner,
  question: string,
  today: string,
  dayFirst: boolean,
  dataAsOf: string | null,
): Promise<Reading> {
  const first = await readAgainstNames(tools, question, today, dayFirst, dataAsOf, false);
  if (!first.nameFound) return first.reading;
  return (await readAgainstNames(tools, question, today, dayFirst, dataAsOf, true)).reading;
}

async function readAgainstNames(
  tools: ToolRunner,
  question: string,
  today: string,
  dayFirst: boolean,
  dataAsOf: string | null,
  ranked: boolean,
): Promise<{ reading: Reading; nameFound: boolean }> {
  let intent = parseIntent(question, today, { dayFirst });
  const notes: string[] = [];
  const syncing = intent.kind === 'sync' || intent.kind === 'sync_status';
  const changing = syncing ? undefined : readOnly(intent);
  if (changing) return { reading: { intent, notes, refusal: changing }, nameFound: false };
  // names are always looked for: a name made of our words ("Reach – US 18+") leaves no word over
  const candidates = await entityCandidates(tools, dataAsOf, ranked);
  // "Video Views – 15s impressions": a measure we do not have, written inside a name, is the name's
  const unknown = syncing ? undefined : unsupported(intent);
  const cannot = unknown && unsupported(intent, withoutWholeNames(intent.ownText, candidates));
  if (cannot) return { reading: { intent, notes, refusal: cannot }, nameFound: false };
  if (intent.setAside) notes.push('I left the quoted or pasted text aside: I only act on your own words.');
  const nameTokens = nameTokensOf(candidates);
  const noThreshold = boundInName(intent, candidates);
  const weekdayPairs = weekdayPairsOf(candidates);
  const yearNames = yearNamesOf(candidates);
  const countedWords = countedWordsOf(candidates);
  const options: ParseOptions = { dayFirst, noThreshold, weekdayPairs, yearNames, countedWords };
  // read again knowing the names: a weekday or a year may be a word of one ("Black Friday", "Été 2026")
  const own = intent.ownText.split(' ');
  const weekday = weekdayPairs.size > 0 && own.some((w) => WEEKDAY_WORDS.has(w));
  if (noThreshold || weekday || own.some((w) => yearNames.has(w) || countedWords.has(w)))
    intent = parseIntent(question, today, options);
  const budget = askedForBudget(intent, nameTokens) ?? askedForThreshold(intent) ?? conditionsUnread(intent);
  if (budget) return { reading: { intent, notes, refusal: budget }, nameFound: false };
  const unbudgeted = budgetNote(intent);
  if (unbudgeted) notes.push(unbudgeted);
  const typos = vocabularyTypos(intent.nameWords, nameTokens);
  let asked = question;
  if (typos.length > 0) {
    asked = applyTypos(question, typos);
    intent = parseIntent(asked, today, options);
    for (const [from, to] of typos) notes.push(`I read "${from}" as "${to}".`);
  }
  withNameTokens(intent, nameTokens);
  const region = regionAsked(intent, candidates);
  if (region) return { reading: { intent, notes, refusal: region }, nameFound: false };
  // "roas by placement", "snapchat spend": a word of no name asks for figures we do not have
  const outside = outsideData(
    intent.nameWords.filter((w) => !nameTokens.has(w)),
    intent,
  );
  if (outside) return { reading: { intent, notes, refusal: outside, outside: true }, nameFound: false };
  const ranking = sharedWordRanking(intent, candidates);
  if (ranking) return { reading: finish({ ...ranking, notes }, question), nameFound: true };
  const result = byPlusNumbers(
    question,
    matchEntityName(intent.ownText, intent.nameWords, candidates, intent.quotedName, intent.level),
    candidates,
  );
  const pair = leftOver(result, intent) ? matchPair(intent.ownText, intent.nameWords, candidates) : undefined;
  if (pair)
    return {
      reading: finish(
        withResultCost(
          pairOutcome(
            pair,
            asked,
            today,
            { dayFirst, weekdayPairs, yearNames, countedWords },
            { intent, notes },
            candidates,
            nameTokens,
          ),
          candidates,
        ),
        question,
      ),
      nameFound: true,
    };
  if (
    result.kind === 'match' &&
    result.match.how === 'exact' &&
    !(intent.leftover.length === 0 && result.match.words.length < 2)
  ) {
    // read again with the name blanked: its words ("Reach", "Q3 2026", "trigger a sync") are a name only
    const name = result.match.entities[0].name!;
    intent = parseIntent(asked, today, { dayFirst, weekdayPairs, yearNames, countedWords, names: [name] });
    withNameTokens(intent, nameTokens);
  }
  return {
    reading: finish(
      withResultCost(nameOutcome(result, intent, question, { intent, notes }, candidates), candidates),
      question,
    ),
    nameFound: result.kind !== 'none',
  };
}

/**
 * "spend in the UK", "the US vs the UK": a place alone asks for a region's figures, refused, though
 * "Instant Form – UK" holds the word; a whole name that is the place ("UK") is that entity.
 */
function regionAsked(intent: Intent, candidates: NameCandidate[]): string | undefined {
  const place = placeAsked(intent);
  if (!place) return undefined;
  const asked = intent.nameWords.join(' ');
  if (asked && candidates.some((c) => normalizeText(c.name ?? '') === asked)) return undefined;
  const holders = new Map(
    candidates
      .filter((c) =>
        normalizeText(c.name ?? '')
          .split(' ')
          .includes(place),
      )
      .map((c) => [`${c.level} ${c.name}`, c]),
  );
  return placeRefused(place, intent, [...holders.values()]);
}

/**
 * "the gifts under $50 ad set": a bound written inside a name is the name, when the question spells it
 * with the name's word beside it, in the name's order. "CPA under $50" is a bound, though "Catalog –
 * Gifts under $50" holds "under 50"; nor do "under" of one name and "1%" of another make a name of
 * "under 1%".
 */
function boundInName(intent: Intent, candidates: NameCandidate[]): boolean {
  if (!intent.threshold) return false;
  const bound = normalizeText(intent.threshold.phrase);
  const asked = ` ${intent.ownText} `;
  // the bound in a name, with the name's words either side of it (normalised text is letters, digits,
  // "%" and spaces: nothing to escape)
  const inName = new RegExp(`(?:^|(\\S+) )${bound}(?: (\\S+)|$)`);
  return candidates.some((c) => {
    const name = normalizeText(c.name ?? '');
    const m = name.includes(bound) ? inName.exec(name) : null;
    if (!m) return false;
    const spelled = [m[1] && `${m[1]} ${bound}`, m[2] && `${bound} ${m[2]}`].filter(Boolean);
    // a name that is the bound alone ("Under 30") is read as the name, as any name is
    return spelled.length === 0 || spelled.some((words) => asked.includes(` ${words} `));
  });
}

/**
 * "the reach 18+ ad set": normalising drops the "+", so "Reach – US 18+" and "Reach – US 18-44" both
 * fit "reach 18"; a number written with its "+" is the one name that writes it so. All the options
 * are needed to be sure no other one does (MAX_OPTIONS is the most offered).
 */
function byPlusNumbers(question: string, result: NameResult, candidates: NameCandidate[]): NameResult {
  const plus = question.match(/\d+\+/g);
  if (result.kind !== 'ambiguous' || !plus || result.options.length >= MAX_OPTIONS) return result;
  const fits = result.options.filter((o) =>
    plus.every((p) => new RegExp(`(?<!\\d)${p.slice(0, -1)}\\+`).test(o.name ?? '')),
  );
  if (fits.length !== 1) return result;
  const [one] = fits;
  const entities = candidates.filter((c) => c.level === one.level && c.name === one.name);
  return { kind: 'match', match: { level: one.level, entities, how: 'partial', words: result.words } };
}

/** Words the single best name did not use (or no single name at all): maybe two names. */
function leftOver(result: NameResult, intent: Intent): boolean {
  if (intent.quotedName || intent.nameWords.length < 2) return false;
  if (result.kind !== 'match') return true;
  const used = new Set(result.match.words);
  return intent.nameWords.some((w) => !used.has(w));
}

const refOf = (m: NameMatch, entities = m.entities): EntityRef => ({
  level: m.level,
  ids: entities.map((e) => e.id),
  names: entities.map((e) => e.name ?? e.id),
});

const DEPTH: Record<Level, number> = { campaign: 0, adset: 1, ad: 2 };

/** The entities of `inner` that sit somewhere below one of `outer`'s. */
function under(inner: NameMatch, outer: NameMatch, candidates: NameCandidate[]): NameCandidate[] {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const outerIds = new Set(outer.entities.map((e) => e.id));
  return inner.entities.filter((e) => {
    for (let p = e.parentId; p; p = byId.get(p)?.parentId) if (outerIds.has(p)) return true;
    return false;
  });
}

/**
 * Two names: one inside the other ("the Lookbook ad in Variant B") scopes the first to the second;
 * otherwise the two are compared side by side.
 */
function pairOutcome(
  pair: NamePair,
  asked: string,
  today: string,
  options: ParseOptions,
  reading: Reading,
  candidates: NameCandidate[],
  nameTokens: ReadonlySet<string>,
): Reading {
  const { first, second } = pair;
  const more = pair.more ?? [];
  const notes = [...reading.notes];
  const read = [first, second, ...more]
    .flatMap((m) => m.corrections ?? [])
    .map(([from, to]) => `I read "${from}" as "${to}".`);
  notes.push(...new Set(read));
  const names = [first, second, ...more].filter((m) => m.how === 'exact').map((m) => m.entities[0].name!);
  if (first.level !== second.level && more.length === 0) {
    const [inner, outer] = DEPTH[first.level] > DEPTH[second.level] ? [first, second] : [second, first];
    const inside = under(inner, outer, candidates);
    const intent = reparse(asked, today, { ...options, names, entityCount: 1 }, nameTokens);
    const outerName = outer.entities[0].name ?? outer.entities[0].id;
    const innerName = inner.entities[0].name ?? inner.entities[0].id;
    if (inside.length > 0)
      return { ...reading, intent, notes, entity: { ...refOf(inner, inside), within: outerName } };
    if (/\b(in|under|within|inside|from|of)\b/.test(reading.intent.ownText))
      return {
        ...reading,
        intent,
        refusal: `There is no ${LEVEL_LABELS[inner.level].one} named "${innerName}" in "${outerName}", so I won't show a number for something else.`,
      };
  }
  const intent = reparse(asked, today, { ...options, names, entityCount: 2 }, nameTokens);
  if (pair.unused.length > 0) notes.push(`I didn't understand ${quote(pair.unused)}, so I left it out.`);
  return { ...reading, intent, notes, entities: [first, second, ...more].map((m) => refOf(m)) };
}

function reparse(
  asked: string,
  today: string,
  options: ParseOptions,
  nameTokens: ReadonlySet<string>,
): Intent {
  const intent = parseIntent(asked, today, options);
  withNameTokens(intent, nameTokens);
  return intent;
}

/**
 * "variant b cpc this week" → "vs a?": the one word after "vs" that nothing read names the sibling of
 * the entity the last answer was about, which joins the comparison. A filler word that names none is
 * said, never dropped: the answer would compare the last entity with its own period before.
 */
export async function withOtherSide(
  tools: ToolRunner,
  reading: Reading,
  last: EntityRef | undefined,
  dataAsOf: string | null,
): Promise<Reading> {
  const { intent } = reading;
  const word = intent.otherSide;
  if (reading.refusal || !word || reading.entity || reading.entities || intent.time) return reading;
  const sibling = last ? await readSibling(tools, dataAsOf, last, word) : undefined;
  if (sibling) return { ...reading, entity: sibling };
  if (!FILLER_WORDS.has(word)) return reading;
  const compared = last ? ` "${last.names[0]}"` : '';
  return {
    ...reading,
    refusal: `I couldn't tell what "${word}" is to compare${compared} with, so I won't guess. Ask again with its full name.`,
  };
}

/**
 * "variant b cpc this week" → "vs a?": the entity whose name is the last one's with its last word
 * swapped for the word given ("Variant A" beside "Variant B", "Instant Form – US" beside "… – UK"), at
 * the same level, under the same parent when the name repeats elsewhere. A word as short as "a" or "us"
 * names nothing on its own, so only the name it completes is looked for.
 */
async function readSibling(
  tools: ToolRunner,
  dataAsOf: string | null,
  of: EntityRef,
  word: string,
): Promise<EntityRef | undefined> {
  const words = normalizeText(of.names[0]).split(' ');
  if (words.length < 2) return undefined;
  const wanted = [...words.slice(0, -1), normalizeText(word)].join(' ');
  const candidates = await entityCandidates(tools, dataAsOf, false);
  const parents = new Set(candidates.filter((c) => of.ids.includes(c.id)).map((c) => c.parentId));
  const named = candidates.filter((c) => c.level === of.level && normalizeText(c.name ?? '') === wanted);
  const siblings = named.filter((c) => parents.has(c.parentId));
  const found = siblings.length > 0 ? siblings : named;
  if (found.length === 0 || found.some((c) => of.ids.includes(c.id))) return undefined;
  return { level: of.level, ids: found.map((c) => c.id), names: found.map((c) => c.name ?? c.id) };
}

/** Time words that were not read are never replaced by a default range. */
function finish(reading: Reading, question: string): Reading {
  const { intent } = reading;
  const crowded = [reading.entity, ...(reading.entities ?? [])].find(
    (e) => e && e.ids.length > MAX_ENTITY_IDS,
  );
  if (!reading.refusal && crowded)
    return {
      ...reading,
      refusal: `${crowded.ids.length.toLocaleString('en-US')} ${LEVEL_LABELS[crowded.level].many} are named "${crowded.names[0]}", more than I can add up in one answer (${MAX_ENTITY_IDS.toLocaleString('en-US')}). Name the campaign or ad set they are in too.`,
    };
  if (reading.refusal || (intent.unreadTime.length === 0 && !intent.halfRange)) return reading;
  // a question of no kind of its own may still be a follow-up ("and the weekends before?"): its
  // unread time would leave the last answer's range in place
  if (intent.kind === 'sync' || intent.kind === 'sync_status') return reading;
  const what = intent.halfRange
    ? 'one end of the "between … and …" range as a date'
    : `the time in ${quote(intent.unreadTime)}`;
  return {
    ...reading,
    refusal: `I couldn't read ${what} ("${question.trim()}"), so I won't guess a date range. Say it as "last 7 days", "last week", "in October", "Q3", "between Nov 3 and Nov 10" or "since Nov 1".`,
  };
}
