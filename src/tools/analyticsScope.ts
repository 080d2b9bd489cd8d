// What the analytics tools share: which connections an answer covers, each connection's dates for a
// range (resolved in its own time zone), the freshness stamp, and the currency rule — money is never
// summed across currencies into one number: mixed totals get null money and a per-currency list.

import { isKnownTimeZone } from '../calendar.js';
import { earliestFactDates, type ScopeConnectionRow } from '../db/analytics/freshness.js';
import { CURRENCY_METRICS } from '../db/analytics/measures.js';
import { type CacheScope, dataVersions } from '../db/analytics/resultCache.js';
import type { ConnectionRange, EntityFilter } from '../db/analytics/scope.js';
import { resolveRange } from './dateRanges.js';
import { requestConnections, withRequestReads } from './requestReads.js';
import type { Metric, RangeInput, ResolvedRange } from './schemas.js';
import type { ToolContext } from './types.js';

export interface AnalyticsScope {
  connections: ScopeConnectionRow[];
  /** The range per connection, for the queries. */
  ranges: ConnectionRange[];
  /** The range as reported: the first (oldest) connection's resolution. */
  range: ResolvedRange;
  dataAsOf: string | null;
  /** What the analytics statements' results are cached by (resultCache.ts): read with the connections. */
  cache: CacheScope;
}

/**
 * When a range reaches back before the data synced so far, the days before it are simply missing
 * from the numbers: the answer must say so rather than present a partial total as the whole.
 * Returns { synced_since } to merge into an output, or {} when the range is fully covered.
 */
export function coverageGap(
  scope: Pick<AnalyticsScope, 'connections'>,
  since: string,
): { synced_since?: string } {
  const starts = scope.connections.flatMap((c) => (c.synced_since ? [c.synced_since] : []));
  const latestStart = starts.sort().at(-1);
  return latestStart && since < latestStart ? { synced_since: latestStart } : {};
}

export type Values = Record<string, number | null>;

/** For tool descriptions: how ranges resolve across accounts. */
export const ZONES_NOTE =
  "Dates resolve in each ad account's time zone (with several accounts, each in its own); `range` shows " +
  "the first account's dates and zone. data_as_of = the latest successful sync of the accounts covered. " +
  'synced_since appears only when the range starts before the first synced day: days before it are missing ' +
  'from the numbers (say so; a sync with an earlier `from` adds them).';

function zoneOf(c: ScopeConnectionRow | undefined): string {
  return c?.time_zone && isKnownTimeZone(c.time_zone) ? c.time_zone : 'UTC';
}

/** Resolves a range for every connection in scope. */
export async function resolveRanges(
  ctx: ToolContext,
  connections: ScopeConnectionRow[],
  range: RangeInput,
  field = 'range',
): Promise<{ ranges: ConnectionRange[]; range: ResolvedRange }> {
  const now = ctx.now?.() ?? new Date();
  const ids = connections.map((c) => c.id);
  const earliest =
    'preset' in range && range.preset === 'maximum' && ids.length > 0
      ? await earliestFactDates(ctx.db, ctx.workspaceId, ids)
      : new Map<string, string>();
  const resolved = connections.map((c) => resolveRange(range, zoneOf(c), now, earliest.get(c.id), field));
  return {
    ranges: connections.map((c, i) => ({
      connectionId: c.id,
      since: resolved[i].since,
      until: resolved[i].until,
    })),
    range: resolved[0] ?? resolveRange(range, 'UTC', now, undefined, field),
  };
}

export async function loadScope(
  ctx: ToolContext,
  range: RangeInput,
  connectionId?: string,
): Promise<AnalyticsScope> {
  const reads = withRequestReads(ctx); // one read of the connections for both
  const all = await requestConnections(reads);
  const connections = await requestConnections(reads, connectionId);
  const resolved = await resolveRanges(ctx, connections, range);
  const cache = { workspaceId: ctx.workspaceId, dataVersions: dataVersions(all) };
  return { connections, ...resolved, dataAsOf: latestSync(connections), cache };
}

/** The latest successful sync of the connections (ISO), null when none has synced. */
export function latestSync(connections: ScopeConnectionRow[]): string | null {
  const times = connections.flatMap((c) => (c.last_synced_at ? [new Date(c.last_synced_at).getTime()] : []));
  return times.length > 0 ? new Date(Math.max(...times)).toISOString() : null;
}

/** The one currency of the connections in scope, or null when they differ or none is known. */
export function scopeCurrency(connections: ScopeConnectionRow[]): string | null {
  const currencies = new Set(connections.map((c) => c.currency));
  return currencies.size === 1 ? [...currencies][0] : null;
}

/** Keeps only the asked metrics (queries may compute a sort key besides). */
export function pick(values: Values, metrics: readonly Metric[]): Values {
  return Object.fromEntries(metrics.map((m) => [m, values[m] ?? null]));
}

/** Money (and ROAS) set to null: what an overall total shows when it spans several currencies. */
export function withoutMoney(values: Values): Values {
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, CURRENCY_METRICS.includes(k as Metric) ? null : v]),
  );
}

interface CurrencyRow {
  currency: string | null;
  is_total: boolean;
}

/**
 * From per-currency rows plus the overall row: the answer's currency, and whether it is mixed.
 * Several currencies among the delivering connections → currency null; the caller hides money in
 * the overall numbers and lists each currency.
 */
export function currencyOf<R extends CurrencyRow>(rows: R[], connections: ScopeConnectionRow[]) {
  const perCurrency = rows.filter((r) => !r.is_total && r.currency !== null);
  const mixed = perCurrency.length > 1;
  const total = rows.find((r) => r.is_total);
  const currency = mixed ? null : (perCurrency[0]?.currency ?? scopeCurrency(connections));
  return { mixed, currency, total, perCurrency };
}

/** Only the filter fields that narrow anything (undefined when none do). */
export function entityFilter(filters?: {
  level?: EntityFilter['level'];
  entity_ids?: string[];
  name_contains?: string;
  status?: EntityFilter['status'];
}): EntityFilter | undefined {
  if (!filters) return undefined;
  return {
    level: filters.level,
    entityIds: filters.entity_ids,
    nameContains: filters.name_contains,
    status: filters.status,
  };
}
