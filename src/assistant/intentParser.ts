// A question in plain language → an intent (what kind of answer, which level, measures, status,
// range, limit, sort direction, and the words that may name an entity). Deterministic and
// network-free: the planner turns an intent into tool calls. Never guesses: a question it cannot
// place becomes kind 'unknown', and the planner then says what it can answer.
import type { Level, Metric } from '../tools/schemas.js';
import { currentCounterpart, findTimeExpressions, type TimeExpression } from './timeExpressions.js';
import { FILLER_WORDS, LEVEL_PHRASES, METRIC_PHRASES, NUMBER_WORDS, normalizeText } from './vocabulary.js';

export type IntentKind =
  | 'list'
  | 'total'
  | 'rank'
  | 'no_spend'
  | 'compare'
  | 'breakdown'
  | 'count'
  | 'sync'
  | 'sync_status'
  | 'unknown';

export type StatusWord = 'live' | 'active' | 'paused' | 'archived' | 'deleted' | 'any';
export type GroupBy = 'day' | 'week' | 'month' | 'campaign' | 'adset' | 'ad';

export interface Intent {
  kind: IntentKind;
  /** False when the kind was inferred for lack of any kind word (a follow-up keeps the previous kind). */
  kindExplicit: boolean;
  level?: Level;
  metrics: Metric[];
  status?: StatusWord;
  limit?: number;
  direction?: 'asc' | 'desc';
  groupBy?: GroupBy;
  time?: TimeExpression;
  compareTo?: TimeExpression;
  /** Words that may be (part of) an entity name: not vocabulary, not time. */
  nameWords: string[];
  /** A name given explicitly: quoted, or after "named"/"called". */
  quotedName?: string;
  /** Starts like a follow-up ("and …", "what about …", "only …"). */
  followUp: boolean;
  /** "the week before", "before that": the previous range shifted back by one period. */
  shiftBack: boolean;
  /** "how is X doing?", "overview": a few headline measures rather than one. */
  overview: boolean;
}

const OVERVIEW_WORDS =
  /\b(doing|performing|perform|performed|performance|going|overview|summary|summarize|stats|statistics|results|kpis?)\b/;

const has = (text: string, re: RegExp) => re.test(text);

/** Did the person ask to start a sync? Also guards the LLM's trigger_sync calls. */
export function isSyncRequest(question: string): boolean {
  const t = normalizeText(question);
  if (isSyncStatusQuestion(t)) return false;
  return (
    has(t, /\b(re ?sync|sync|synchronize|synchronise)\b/) ||
    has(
      t,
      /\b(refresh|reload|update|pull|fetch|import)\b.*\b(data|account|meta|facebook|numbers|stats|ads|campaigns|insights)\b/,
    ) ||
    has(t, /^(please )?(refresh|update)( now| everything| it)?$/)
  );
}

function isSyncStatusQuestion(t: string): boolean {
  return (
    has(
      t,
      /\b(is|has|was|did) (the |my |a )?(re ?sync|sync|refresh|import)\b.*\b(done|finished|complete|completed|running|over|ready|still|succeed|succeeded|fail|failed|working|progress)\b/,
    ) ||
    has(t, /\b(sync|syncing|refresh) (status|progress|state)\b|\bstatus of (the |my )?(sync|refresh)\b/) ||
    has(
      t,
      /\b(last|latest|recent) (sync|syncs|refresh)\b|\bwhen (was|did) .*\b(sync|synced|refreshed|updated)\b/,
    ) ||
    has(
      t,
      /\bhow (fresh|old|recent|up to date) is (the |my )?data\b|\bis (the |my )?data (fresh|up to date|current)\b/,
    )
  );
}

/** Phrases found in text, in order of appearance, longest phrase first at each place. */
function findPhrases<T>(text: string, table: [string, T][]): { value: T; index: number }[] {
  const found: { value: T; index: number; end: number }[] = [];
  for (const [phrase, value] of table) {
    const re = new RegExp(`(?:^| )${phrase.replace(/ /g, ' ')}(?= |$)`, 'g');
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const start = m.index + (m[0].startsWith(' ') ? 1 : 0);
      const end = start + phrase.length;
      if (found.some((f) => start < f.end && end > f.index)) continue;
      found.push({ value, index: start, end });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

function uniqueMetrics(text: string): Metric[] {
  const out: Metric[] = [];
  for (const { value } of findPhrases(text, METRIC_PHRASES)) if (!out.includes(value)) out.push(value);
  return out;
}

function findLevel(text: string): Level | undefined {
  // "ads in <campaign>": the first level named is what is listed
  return findPhrases(text, LEVEL_PHRASES)[0]?.value;
}

function findStatus(t: string): StatusWord | undefined {
  if (has(t, /\b(live|running|delivering|currently on|turned on|serving)\b/)) return 'live';
  if (has(t, /\b(paused|stopped|turned off|inactive)\b/)) return 'paused';
  if (has(t, /\barchived\b/)) return 'archived';
  if (has(t, /\bdeleted\b/)) return 'deleted';
  if (has(t, /\b(active|enabled)\b/)) return 'active';
  if (has(t, /\b(all statuses|any status|every status|including (paused|archived|deleted)|incl paused)\b/))
    return 'any';
  return undefined;
}

function findLimit(t: string): number | undefined {
  const m =
    /\b(?:top|bottom|best|worst|first|highest|lowest)\s+(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)\b/.exec(
      t,
    );
  if (!m) return undefined;
  return /^\d+$/.test(m[1]) ? Number(m[1]) : NUMBER_WORDS[m[1]];
}

function findDirection(t: string): 'asc' | 'desc' | undefined {
  if (has(t, /\b(worst|lowest|least|bottom|smallest|fewest|minimum|min|cheapest|weakest|poorest)\b/))
    return 'asc';
  if (has(t, /\b(top|best|highest|most|biggest|largest|maximum|max|strongest|leading|greatest)\b/))
    return 'desc';
  return undefined;
}

function findGroupBy(t: string): GroupBy | undefined {
  const m =
    /\b(?:by|per|each|every|broken down by|split by|grouped by)\s+(day|date|week|month|campaign|ad ?set|adset|ad)s?\b/.exec(
      t,
    );
  if (m) {
    const word = m[1].replace(' ', '');
    return word === 'date' ? 'day' : (word as GroupBy);
  }
  if (has(t, /\b(daily|day by day|over time|trend)\b/)) return 'day';
  if (has(t, /\bweekly\b/)) return 'week';
  if (has(t, /\bmonthly\b/)) return 'month';
  return undefined;
}

function detectKind(
  t: string,
  hasMetric: boolean,
  hasLevel: boolean,
  timeCount: number,
): IntentKind | undefined {
  if (isSyncStatusQuestion(t)) return 'sync_status';
  if (isSyncRequest(t)) return 'sync';
  if (
    has(
      t,
      /\b(no|zero|0|nil)\s+(spend|spending|delivery|impressions|spent)\b|\b(did not|didnt|didn t|not|never|without)\s+(spend|spent|deliver|delivered|spending|any spend)\b|\bhad nothing spent\b/,
    )
  )
    return 'no_spend';
  if (has(t, /\b(how many|number of|count)\b/) && hasLevel && !hasMetric) return 'count';
  if (
    has(
      t,
      /\b(compare|compared|comparison|vs|versus|change|changed|difference|differ|trend from|grow|grew|growth|increase|increased|decrease|decreased|drop|dropped|went (up|down))\b/,
    ) ||
    timeCount >= 2
  )
    return 'compare';
  if (findGroupBy(t) || has(t, /\bbreakdown\b|\bbreak down\b/)) return 'breakdown';
  if (hasLevel && (findDirection(t) || has(t, /\brank|ranking|ranked\b/))) return 'rank';
  if (
    hasLevel &&
    has(t, /\b(list|show|which|what|see|display|give|all|get)\b/) &&
    (!hasMetric || findStatus(t))
  )
    return 'list';
  if (hasMetric || has(t, /\bhow much\b/)) return 'total';
  if (hasLevel && findStatus(t)) return 'list';
  if (has(t, OVERVIEW_WORDS)) return 'total';
  return undefined;
}

function nameWordsOf(text: string, times: TimeExpression[]): string[] {
  let rest = text;
  // blank out the time phrases (positions refer to the lower-cased original, so re-find them)
  for (const time of [...times].reverse()) rest = `${rest.slice(0, time.start)} ${rest.slice(time.end)}`;
  return normalizeText(rest)
    .split(' ')
    .filter((w) => w.length > 1 && !FILLER_WORDS.has(w) && !/^\d{1,3}$/.test(w));
}

function quotedNameOf(question: string): string | undefined {
  const quoted = /["“”'‘’«»]([^"“”«»]{2,120})["“”'‘’«»]/.exec(question);
  if (quoted) return quoted[1].trim();
  const named =
    /\b(?:named|called|containing|contains)\s+(.{2,120}?)(?:\s+(?:in|for|during|over|since|last|this|yesterday|today)\b|[?.!]?$)/i.exec(
      question,
    );
  return named ? named[1].trim() : undefined;
}

export function parseIntent(question: string, today: string): Intent {
  const t = normalizeText(question);
  const times = findTimeExpressions(question, today);
  const metrics = uniqueMetrics(t);
  const level = findLevel(t);
  const explicit = detectKind(t, metrics.length > 0, level !== undefined, times.length);
  const intent: Intent = {
    kind: explicit ?? 'unknown',
    // a measure alone makes a total, but is no kind word: "what about revenue?" keeps the previous kind
    kindExplicit: explicit !== undefined && explicit !== 'total',
    level,
    metrics,
    status: findStatus(t),
    limit: findLimit(t),
    direction: findDirection(t),
    groupBy: findGroupBy(t),
    nameWords: nameWordsOf(question.toLowerCase(), times),
    quotedName: quotedNameOf(question),
    followUp:
      has(t, /^(and|what about|how about|same for|same but|now|only|just|then|ok|okay|also)\b/) ||
      has(t, /\b(of them|of those|of these|among them|among those)\b/),
    shiftBack: has(
      t,
      /\b(the )?(day|week|month|quarter|year|period) before\b|\bbefore that\b|\bprior period\b|\bprevious period\b/,
    ),
    overview: metrics.length === 0 && has(t, OVERVIEW_WORDS),
  };
  assignTimes(intent, question.toLowerCase(), times);
  return intent;
}

/** One time phrase is the range; a second (or "from X" in a change question) is the comparison base. */
function assignTimes(intent: Intent, lower: string, times: TimeExpression[]): void {
  if (times.length === 0) return;
  if (intent.kind !== 'compare') {
    intent.time = times[0];
    return;
  }
  if (times.length >= 2) {
    [intent.time, intent.compareTo] = [times[0], times[1]];
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
