// The offline brain: deterministic, no network. Question → reading (intent, entity, unused words;
// questionReading) → resolved state (only elliptical follow-ups merge with the previous turn's state)
// → the grammar entry's answer (questionKinds) → answer text and payloads. A question it cannot map
// gets an honest reply saying what it can answer, never a guessed number.
import { todayIn } from '../calendar.js';
import { latestSync } from '../tools/analyticsScope.js';
import { withRequestReads } from '../tools/requestReads.js';
import type { ToolContext } from '../tools/types.js';
import { boundFitsListing } from './listingFollowUps.js';
import { pickListed, readOnePick } from './ordinalPicks.js';
import { isFollowUp, mergeFollowUp, type PlannerState, stateFromIntent, WHICH_ONE } from './plannerState.js';
import { CAPABILITIES, kindSpec } from './questionKinds.js';
import { boundOnListed, readQuestion, thresholdRefusal, withOtherSide } from './questionReading.js';
import { othersState, readOthers } from './siblingFollowUps.js';
import { ToolFailure, ToolRunner } from './toolRunner.js';
import type { AnswerPayload, AssistantEvent, ToolCallRecord } from './types.js';
import { CURRENCY_WORDS, LEVEL_LABELS, normalizeText } from './vocabulary.js';

export interface PlannerResult {
  answer: string;
  toolCalls: ToolCallRecord[];
  payloads: AnswerPayload[];
  /** The resolved state, kept for follow-ups (undefined when the question was not understood). */
  state?: PlannerState;
}

export interface PlannerOptions {
  ctx: ToolContext;
  previous?: PlannerState;
  onEvent?: (event: AssistantEvent) => void;
}

export { CAPABILITIES };

function helpText(question: string, unused: string[]): string {
  const words = unused.length > 0 ? ` (I didn't understand "${unused.join(' ')}")` : '';
  return `I can't map "${question.trim()}" to a question I know how to answer${words}, so I won't guess a number. I can answer: ${CAPABILITIES.join('; ')}. Date ranges like "yesterday", "last 7 days", "last wk", "mtd", "Q3", "last weekend", "in October" or "between Nov 3 and Nov 10" work; without one I use the last 30 days and say so.`;
}

/** North American zones write 11/3 for November 3; most of the world means 11 March. */
function monthFirst(timeZone: string): boolean {
  return /^(America\/(New_York|Chicago|Denver|Phoenix|Los_Angeles|Anchorage|Detroit|Boise|Indiana|Kentucky|North_Dakota|Toronto|Vancouver|Edmonton|Winnipeg|Halifax|Regina|St_Johns|Juneau|Sitka|Nome|Adak|Menominee)|US\/|Pacific\/Honolulu)/.test(
    timeZone,
  );
}

/** "how many ad sets does it have?" when no earlier turn named one entity: "it" is not known. */
function ownerUnknown(question: string, state: PlannerState): boolean {
  const owner = /\b(does it have|do they have|in it|under it|inside it|its|their(?! status))\b/.test(
    normalizeText(question),
  );
  return owner && !state.entity && !state.entities && ['count', 'list', 'structure'].includes(state.kind);
}

/** "which of them is paused?", "which one was live?": a question asking for one of several. */
const ASKS_FOR_ONE = /\bwhich (one|of (them|those|these)) (is|was|has|had)\b/;

/**
 * "the second one", "the paused one": the one of the last listing it picks becomes what "this one" means,
 * as the one a ranking named does, and the question is read with "this one" in its place. With no listing
 * before, or no such one in it, which one is not known: a refusal, never a guess.
 */
function pickFromListing(
  question: string,
  previous: PlannerState | undefined,
): { refusal: string } | { previous: PlannerState | undefined; words: string } {
  const pick = readOnePick(question);
  if (!pick) return { previous, words: question };
  const one = previous?.listed ? pickListed(previous.listed, pick) : undefined;
  if (!one)
    return {
      refusal: `I can't tell which one "${pick.phrase}" means here, so I won't answer for a guess. Ask again with its name.`,
    };
  return {
    previous: { ...previous!, answered: one, picked: true },
    words: question.replace(pick.phrase, 'this one'),
  };
}

export async function runPlanner(question: string, options: PlannerOptions): Promise<PlannerResult> {
  // one read of the connections for the question: the planner's and every tool call's
  const ctx = withRequestReads(options.ctx);
  const tools = new ToolRunner(ctx, options.onEvent);
  const now = options.ctx.now?.() ?? new Date();
  const done = (answer: string, payloads: AnswerPayload[] = [], state?: PlannerState): PlannerResult => ({
    answer,
    toolCalls: tools.calls,
    payloads,
    state,
  });
  try {
    // the accounts' time zones and last syncs, the read every analytics tool starts with (and, through
    // ctx, reuses): list_connections adds their sync health, four statements more, that no answer uses
    const connections = await ctx.connections();
    if (connections.length === 0)
      return done(
        'No ad account is connected yet. Connect one in Settings → Connect Meta Ads (or run `adnavi connect meta --account act_…`, or `adnavi demo`), then ask again.',
      );
    const zone = connections[0].time_zone ?? 'UTC';
    const today = todayIn(zone, now);
    const dataAsOf = latestSync(connections);
    const others = readOthers(normalizeText(question));
    if (others) {
      const state = await othersState(tools, options.previous, others);
      if (!state)
        return done(
          `I can't tell which ${LEVEL_LABELS[others.level].many} "the other" means here, so I won't compare with a guess. Ask again with their names.`,
        );
      const answer = await kindSpec(state.kind).answer({ tools, now, singular: false, dataAsOf }, state);
      return done(answer.text, answer.payloads, state);
    }
    const reference = pickFromListing(question, options.previous);
    if ('refusal' in reference) return done(reference.refusal);
    const { previous, words } = reference;
    const asked = await readQuestion(tools, words, today, !monthFirst(zone), dataAsOf);
    const reading = await withOtherSide(tools, asked, previous?.entity, dataAsOf);
    const { intent, entity, entities } = reading;
    if (reading.refusal) return done([reading.refusal, ...reading.notes].join(' '));
    const named = [entity, ...(entities ?? [])].flatMap((e) => e?.names ?? []);
    const currency = currencyNote(question, named, connections);
    const notes = currency ? [...reading.notes, currency] : reading.notes;
    const noteText = notes.length > 0 ? ` ${notes.join(' ')}` : '';
    const followUp = isFollowUp(intent, previous, entity ?? entities?.[0]);
    // "and the weekdays before?": a follow-up that read nothing but its marker would repeat the last answer
    if (followUp && intent.kind === 'unknown' && intent.nameWords.length > 0 && !entity && !entities)
      return done(helpText(question, intent.nameWords));
    // "the 3 days before Black Friday" in a new conversation: before what, no earlier answer says
    if (!followUp && intent.shiftBack && !intent.time)
      return done(
        `I couldn't tell which days "before" counts back from in "${question.trim()}", so I won't guess a date range. Name the days, e.g. "between Nov 24 and Nov 26".`,
      );
    // "which one spent the most?" in a new conversation: one of what, no listing before says
    if (!followUp && WHICH_ONE.test(intent.text) && intent.direction && !intent.level && !entity && !entities)
      return done(
        `I can't tell which ones "which one" chooses among here, so I won't answer for a guess. Ask again with the level, e.g. "which campaign spent the most yesterday?".`,
      );
    const state = followUp
      ? mergeFollowUp(previous!, intent, entity, today, entities)
      : stateFromIntent(intent, entity, today, entities, previous);
    if (!state) return done(helpText(question, intent.nameWords));
    // "which of those are over $100?": a bound on what the last answer listed, and only that
    if (boundOnListed(intent) && !boundFitsListing(state, followUp, intent.threshold!.phrase))
      return done(thresholdRefusal(intent));
    if (ownerUnknown(question, state))
      return done(
        `I can't tell which campaign, ad set or ad "it" means here, so I won't count or list for a guess. Ask again with its name.`,
      );
    const singular =
      // "which ad set" is one ("who was our top campaign" too); "which ad sets" is not "which ad" either.
      // Read in the words as corrected ("which camp spent the most": "camp" read as "campaign")
      /\b(which|what|who)( is| was| s)?( our| my| the)?( (best|worst|top|most|least|highest|lowest)( \w+)?)?\s+(campaign|ad ?set|ad)(?!s\b| ?sets?\b)\b/.test(
        intent.ownText,
      ) && !intent.limit;
    const answer = await kindSpec(state.kind).answer({ tools, now, singular, dataAsOf }, state);
    const picked = answer.named && ASKS_FOR_ONE.test(normalizeText(question)) ? { picked: true } : {};
    return done(`${answer.text}${noteText}`, answer.payloads, {
      ...state,
      answered: answer.named,
      listed: answer.listed,
      ...picked,
    });
  } catch (err) {
    if (err instanceof ToolFailure) return done(`I couldn't get that from ${err.tool}: ${err.reason}`);
    throw err;
  }
}

/**
 * "spend last week in euros" on a dollar account: the amounts stay in the account's currency (we never
 * convert), and the answer says so rather than show dollars as if they were what was asked. A word that
 * is part of a name the question matched ("Euro Cup") asks for nothing.
 */
function currencyNote(
  question: string,
  names: string[],
  connections: { currency: string | null }[],
): string | undefined {
  const text = normalizeText(question);
  const inNames = normalizeText(names.join(' '));
  const accountCurrencies = [...new Set(connections.map((c) => c.currency).filter((c): c is string => !!c))];
  if (accountCurrencies.length === 0) return undefined;
  for (const [code, words] of CURRENCY_WORDS) {
    const re = new RegExp(`\\b(${words.join('|')})\\b`);
    const m = re.exec(text);
    if (!m || re.test(inNames) || accountCurrencies.includes(code)) continue;
    // "dollars" on a CAD or AUD account is that account's money, not US dollars
    if (code === 'USD' && accountCurrencies.some((c) => c.endsWith('D'))) continue;
    return `I can't show amounts in ${code}: I don't convert currencies, so the amounts are in ${accountCurrencies.join(' and ')}, as the account reports them.`;
  }
  return undefined;
}
