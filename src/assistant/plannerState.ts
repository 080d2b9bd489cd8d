// The planner's resolved state for one turn: what was asked, fully specified (kind, level, measures,
// status, range, entity). Stored with each conversation turn so a follow-up ("and the week before?",
// "what about revenue?", "only the active ones") changes one thing and keeps the rest.

import { periodBefore } from '../calendar.js';
import type { Level, Metric, RangeInput } from '../tools/schemas.js';
import type { GroupBy, Intent, IntentKind, StatusWord } from './intentParser.js';
import { rangeDays } from './timeExpressions.js';

export interface EntityRef {
  level: Level;
  ids: string[];
  names: string[];
}

export interface PlannerState {
  kind: Exclude<IntentKind, 'unknown'>;
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
  entity?: EntityRef;
}

const DEFAULT_RANGE: RangeInput = { preset: 'last_30d' };

/** Is this question a follow-up of the previous turn rather than a new question? */
export function isFollowUp(intent: Intent, previous: PlannerState | undefined): boolean {
  if (!previous) return false;
  if (intent.followUp || intent.shiftBack) return true;
  // a bare fragment ("revenue?", "last week?") with no kind of its own continues a numbers question
  const fragment = !intent.kindExplicit && intent.level === undefined;
  return fragment && ['total', 'rank', 'compare', 'breakdown'].includes(previous.kind);
}

/** What "how is it doing?" reports: money in, money back, and whether people click. */
const OVERVIEW_METRICS: Metric[] = ['spend', 'revenue', 'roas', 'ctr'];

/** A fresh question's state (undefined for an unknown one). */
export function stateFromIntent(intent: Intent, entity: EntityRef | undefined): PlannerState | undefined {
  if (intent.kind === 'unknown') return undefined;
  const state: PlannerState = {
    kind: intent.kind,
    level:
      intent.level ??
      (entity && intent.kind !== 'list' && intent.kind !== 'count' ? entity.level : 'campaign'),
    metrics: intent.metrics.length > 0 ? intent.metrics : intent.overview ? OVERVIEW_METRICS : ['spend'],
    status: intent.status,
    range: intent.time?.range ?? DEFAULT_RANGE,
    rangeLabel: intent.time?.label ?? 'the last 30 days',
    rangeDefaulted: intent.time === undefined,
    groupBy: intent.groupBy,
    limit: intent.limit,
    direction: intent.direction,
    entity,
  };
  if (intent.compareTo) state.compareTo = { range: intent.compareTo.range, label: intent.compareTo.label };
  return state;
}

/** A follow-up: the previous state with what the new question changes. */
export function mergeFollowUp(
  previous: PlannerState,
  intent: Intent,
  entity: EntityRef | undefined,
  today: string,
): PlannerState {
  const next: PlannerState = { ...previous, rangeDefaulted: false };
  if (intent.kindExplicit && intent.kind !== 'unknown') next.kind = intent.kind;
  if (intent.level) next.level = intent.level;
  if (intent.metrics.length > 0) next.metrics = intent.metrics;
  if (intent.status) next.status = intent.status;
  if (intent.groupBy) next.groupBy = intent.groupBy;
  if (intent.limit) next.limit = intent.limit;
  if (intent.direction) next.direction = intent.direction;
  // "which of them spent the most?" after a listing ranks that listing
  if (intent.direction && !intent.kindExplicit && (previous.kind === 'list' || previous.kind === 'count'))
    next.kind = 'rank';
  if (entity) next.entity = entity;
  if (intent.shiftBack) {
    next.range = periodBefore(rangeDays(previous.range, today));
    next.rangeLabel = `the period before ${previous.rangeLabel}`;
  } else if (intent.time) {
    next.range = intent.time.range;
    next.rangeLabel = intent.time.label;
  }
  if (intent.compareTo) next.compareTo = { range: intent.compareTo.range, label: intent.compareTo.label };
  else if (intent.time || intent.shiftBack) next.compareTo = undefined;
  return next;
}
