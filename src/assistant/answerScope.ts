// What every planner answer shares: the plan context, how a range and freshness read in a sentence,
// and how a named entity narrows a tool call (filters for totals, parent or name for listings).
import type { z } from 'zod';
import type { StatusFilter } from '../db/analytics/scope.js';
import type { Level, listEntitiesOutput } from '../tools/schemas.js';
import { capitalize, countedNames, formatDateRange, formatFreshness, nameList } from './answerText.js';
import type { ListedEntities } from './ordinalPicks.js';
import type { EntityRef, PlannerState } from './plannerState.js';
import type { ToolRunner } from './toolRunner.js';
import type { AnswerPayload } from './types.js';
import { LEVEL_LABELS } from './vocabulary.js';

export type ListOutput = z.output<typeof listEntitiesOutput>;
export type EntityRow = ListOutput['rows'][number];

export interface PlanAnswer {
  text: string;
  payloads: AnswerPayload[];
  /** The one entity the answer gave as its result ("the campaign with the highest spend is X"): "it" next. */
  named?: EntityRef;
  /** The entities the answer listed, in its order: "the second one", "the paused one" next. */
  listed?: ListedEntities;
}

/** The rows an answer listed, as "the second one" picks from them. */
export function listedOf(level: Level, rows: EntityRow[]): ListedEntities | undefined {
  if (rows.length < 2) return undefined;
  return {
    level,
    ids: rows.map((r) => r.id),
    names: rows.map((r) => r.name ?? r.id),
    statuses: rows.map((r) => ({ status: r.status, effective_status: r.effective_status })),
  };
}

export interface PlanContext {
  tools: ToolRunner;
  now: Date;
  /** Set when the question said the name in a way that asks for one particular entity. */
  singular: boolean;
  /** When the latest sync finished (for sync answers). */
  dataAsOf: string | null;
}

/** "in the last 30 days (Oct 26 – Nov 24, 2026)", "yesterday (Nov 24, 2026)", "since Nov 1 (…)". */
export function rangeText(state: PlannerState, range: { since: string; until: string }): string {
  const dates = formatDateRange(range);
  if (state.rangeDefaulted)
    return `in the last 30 days (${dates}; no date range was given, so I used the last 30 days)`;
  return `${withPreposition(state.rangeLabel)} (${dates})`;
}

/** A range's label as the answer says it: "yesterday", "on Nov 3", "from Nov 3 to Nov 10", "in October". */
export function withPreposition(label: string): string {
  if (/^(yesterday|today|since|this|last|the (day|weekend) before)/.test(label)) return label;
  if (label === 'all time') return 'over all time';
  if (/^[A-Z][a-z]{2} \d+ – /.test(label)) return `from ${label.replace(' – ', ' to ')}`;
  // one day ("Nov 23", "Wednesday Nov 18"), two days ("Nov 23 and Nov 24"), the same day a week earlier
  if (/^([A-Z][a-z]+day )?[A-Z][a-z]{2} \d+( and [A-Z][a-z]{2} \d+)?$|^the same day\b/.test(label))
    return `on ${label}`;
  return `in ${label}`;
}

/**
 * "Data synced 5 minutes ago." — and, when the range reaches back before the first synced day, that
 * the days before it are missing: a partial total must never read as the whole.
 */
export function freshness(out: { data_as_of: string | null; synced_since?: string }, now: Date): string {
  const fresh = `${capitalize(formatFreshness(out.data_as_of, now))}.`;
  if (!out.synced_since) return fresh;
  const first = formatDateRange({ since: out.synced_since, until: out.synced_since });
  return `${fresh} Note: data is synced from ${first} only, so earlier days are not included (sync with an earlier start date to add them).`;
}

export function entityFilters(state: PlannerState) {
  // every id (questionReading refuses a name carried by more than a filter takes): a slice would sum
  // some of the entities while the answer names them all
  return state.entity ? { level: state.entity.level, entity_ids: state.entity.ids } : undefined;
}

export function subject(state: PlannerState): string {
  return state.entity
    ? ` for ${nameList(
        countedNames(state.entity.names.map((n) => `"${n}"`)),
        3,
      )}${state.entity.within ? ` in "${state.entity.within}"` : ''}${state.entity.ids.length > 1 && new Set(state.entity.names).size === 1 ? ` (${state.entity.ids.length} ${LEVEL_LABELS[state.entity.level].many} with that name)` : ''}`
    : '';
}

export function statusFilter(state: PlannerState, fallback: 'default' | 'any' = 'default'): StatusFilter {
  return state.status ?? fallback;
}

/** Entities below a named parent ("ads in <campaign>"), or the named entities themselves. */
function entityScope(state: PlannerState): { parent_id?: string | string[]; name_contains?: string }[] {
  const e = state.entity;
  if (!e) return [{}];
  const order: Level[] = ['campaign', 'adset', 'ad'];
  // every parent of that name in one listing: sorted and counted as one (questionReading refuses a
  // name carried by more than a list takes)
  if (order.indexOf(e.level) < order.indexOf(state.level))
    return [{ parent_id: e.ids.length === 1 ? e.ids[0] : e.ids }];
  // "which variant …": one listing of them all, in one order (listRows keeps only their ids)
  if (e.shared && e.level === state.level) return [{ name_contains: e.shared }];
  return [...new Set(e.names)].slice(0, 5).map((name) => ({ name_contains: name }));
}

export async function listRows(
  ctx: PlanContext,
  state: PlannerState,
  base: Record<string, unknown>,
): Promise<{ rows: EntityRow[]; total: number; out: ListOutput }> {
  let rows: EntityRow[] = [];
  let total = 0;
  let out: ListOutput | undefined;
  for (const scope of entityScope(state)) {
    out = await ctx.tools.must<ListOutput>('list_entities', { ...base, ...scope });
    rows = rows.concat(out.rows);
    total += out.total_count;
  }
  // a name holding the shared word only inside another word ("invariant") is none of them
  const shared = state.entity?.shared && state.entity.level === state.level ? state.entity : undefined;
  if (shared) {
    rows = rows.filter((r) => shared.ids.includes(r.id));
    total = rows.length;
  }
  return { rows, total, out: out! };
}

const statusWords: Record<string, string> = {
  live: 'live',
  active: 'active',
  paused: 'paused',
  archived: 'archived',
  deleted: 'deleted',
  any: '',
  not_paused: '',
  default: '',
};

export function levelPhrase(state: PlannerState, n: number): string {
  const label = n === 1 ? LEVEL_LABELS[state.level].one : LEVEL_LABELS[state.level].many;
  const status = statusWords[state.status ?? 'default'];
  const inside =
    state.entity && state.entity.level !== state.level
      ? ` in ${nameList(countedNames(state.entity.names.map((x) => `"${x}"`)), 3)}`
      : '';
  const every =
    state.status === 'any'
      ? ' of any status (archived and deleted included)'
      : state.status === 'not_paused'
        ? ' not paused'
        : '';
  return `${status ? `${status} ` : ''}${label}${inside}${every}`;
}
