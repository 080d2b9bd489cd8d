// The offline brain: deterministic, no network. Question → intent (intentParser) → resolved state
// (follow-ups merge with the previous turn's state) → tool calls → answer text and payloads.
// A question it cannot map gets an honest reply saying what it can answer, never a guessed number.
import type { z } from 'zod';
import { todayIn } from '../calendar.js';
import type { Level, listConnectionsOutput, listEntitiesOutput } from '../tools/schemas.js';
import type { ToolContext } from '../tools/types.js';
import type { PlanAnswer, PlanContext } from './answerScope.js';
import { answerCount, answerList, answerNoSpend, answerRank } from './entityAnswers.js';
import { matchEntityName, type NameCandidate } from './entityNameMatcher.js';
import { type Intent, parseIntent } from './intentParser.js';
import { answerBreakdown, answerCompare, answerTotal } from './metricAnswers.js';
import {
  type EntityRef,
  isFollowUp,
  mergeFollowUp,
  type PlannerState,
  stateFromIntent,
} from './plannerState.js';
import { answerSync, answerSyncStatus } from './syncAnswers.js';
import { ToolFailure, ToolRunner } from './toolRunner.js';
import type { AnswerPayload, AssistantEvent, ToolCallRecord } from './types.js';
import { normalizeText } from './vocabulary.js';

type Connections = z.output<typeof listConnectionsOutput>;
type ListOutput = z.output<typeof listEntitiesOutput>;

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

export const CAPABILITIES = [
  'what campaigns (ad sets, ads) are live, paused or archived',
  'spend, revenue, ROAS, CPC, CPM, CTR, CPA, purchases, leads, clicks or impressions over a date range',
  'the same for one campaign, ad set or ad by name',
  'rankings ("top 3 campaigns by revenue", "worst CTR ads")',
  'which campaigns had no spend',
  'comparisons ("compare spend this week vs last week")',
  'breakdowns ("spend by day last 14 days", "spend by campaign")',
  'counts ("how many ads are active?")',
  'syncing ("sync my account", "is the sync done?")',
];

function helpText(question: string): string {
  return `I can't map "${question.trim()}" to a question I know how to answer, so I won't guess a number. I can answer: ${CAPABILITIES.join('; ')}. Date ranges like "yesterday", "last 7 days", "this month", "in October" or "between Oct 1 and Oct 15" work; without one I use the last 30 days.`;
}

async function entityCandidates(tools: ToolRunner): Promise<NameCandidate[]> {
  const levels: Level[] = ['campaign', 'adset', 'ad'];
  const out: NameCandidate[] = [];
  for (const level of levels) {
    // one cheap day of metrics: only the names matter here
    const res = await tools.call<ListOutput>('list_entities', {
      level,
      status: 'any',
      metrics: ['spend'],
      range: { preset: 'today' },
      limit: 500,
    });
    if (res.ok) for (const r of res.output.rows) out.push({ id: r.id, name: r.name, level });
  }
  return out;
}

/** Did the question point at a particular name ("for X", "in X", quoted) rather than use stray words? */
function namesSomething(intent: Intent, question: string): boolean {
  // "how is X doing?": whatever words are left over are the subject the person asked about
  if (intent.quotedName || intent.overview) return true;
  const first = intent.nameWords[0];
  if (!first) return false;
  return new RegExp(`\\b(in|for|of|on|from|named|called|campaign|set|ad)\\s+(the\\s+)?${first}\\b`).test(
    normalizeText(question),
  );
}

async function resolveEntity(
  tools: ToolRunner,
  intent: Intent,
  question: string,
): Promise<{ entity?: EntityRef; notFound?: string }> {
  if (intent.nameWords.length === 0 && !intent.quotedName) return {};
  if (intent.kind === 'sync' || intent.kind === 'sync_status') return {};
  const match = matchEntityName(question, intent.nameWords, await entityCandidates(tools), intent.quotedName);
  if (match) {
    const names = match.entities.map((e) => e.name ?? e.id);
    return { entity: { level: match.level, ids: match.entities.map((e) => e.id), names } };
  }
  if (namesSomething(intent, question)) return { notFound: intent.quotedName ?? intent.nameWords.join(' ') };
  return {};
}

async function dispatch(
  ctx: PlanContext,
  state: PlannerState,
  question: string,
  dataAsOf: string | null,
): Promise<PlanAnswer> {
  const t = normalizeText(question);
  switch (state.kind) {
    case 'list':
      return answerList(ctx, state);
    case 'count':
      return answerCount(ctx, state);
    case 'total':
      return answerTotal(ctx, state);
    case 'rank':
      return answerRank(ctx, state, /\b(best|worst|strongest|weakest|poorest|better|worse)\b/.test(t));
    case 'no_spend':
      return answerNoSpend(ctx, state);
    case 'compare':
      return answerCompare(ctx, state);
    case 'breakdown':
      return answerBreakdown(ctx, state);
    case 'sync':
      return answerSync(ctx, dataAsOf);
    case 'sync_status':
      return answerSyncStatus(ctx, dataAsOf);
  }
}

function latestSync(connections: Connections['connections']): string | null {
  const times = connections
    .map((c) => c.last_synced_at)
    .filter((v): v is string => v !== null)
    .sort();
  return times.at(-1) ?? null;
}

export async function runPlanner(question: string, options: PlannerOptions): Promise<PlannerResult> {
  const tools = new ToolRunner(options.ctx, options.onEvent);
  const now = options.ctx.now?.() ?? new Date();
  const done = (answer: string, payloads: AnswerPayload[] = [], state?: PlannerState): PlannerResult => ({
    answer,
    toolCalls: tools.calls,
    payloads,
    state,
  });
  try {
    const { connections } = await tools.must<Connections>('list_connections', {});
    if (connections.length === 0)
      return done(
        'No ad account is connected yet. Connect one in Settings → Connect Meta Ads (or run `adnavi connect meta --account act_…`, or `adnavi demo`), then ask again.',
      );
    const today = todayIn(connections[0].time_zone ?? 'UTC', now);
    const intent = parseIntent(question, today);
    const { entity, notFound } = await resolveEntity(tools, intent, question);
    if (notFound)
      return done(
        `I couldn't find a campaign, ad set or ad named "${notFound}". Ask "list all campaigns" to see the names.`,
      );
    const followUp = isFollowUp(intent, options.previous);
    const state = followUp
      ? mergeFollowUp(options.previous!, intent, entity, today)
      : stateFromIntent(intent, entity);
    if (!state) return done(helpText(question));
    const singular =
      /\b(which|what)\s+(campaign|ad set|adset|ad)\b(?! ?s\b)/.test(normalizeText(question)) && !intent.limit;
    const answer = await dispatch({ tools, now, singular }, state, question, latestSync(connections));
    return done(answer.text, answer.payloads, state);
  } catch (err) {
    if (err instanceof ToolFailure) return done(`I couldn't get that from ${err.tool}: ${err.reason}`);
    throw err;
  }
}
