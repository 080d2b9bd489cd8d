// get_metrics: totals over a range, optionally broken down by time, entity or provider.
import type { z } from 'zod';
import { entityListing } from '../db/analytics/entityListing.js';
import { hourlySeries } from '../db/analytics/hourlySeries.js';
import { metricSeries } from '../db/analytics/metricSeries.js';
import { metricTotals } from '../db/analytics/metricTotals.js';
import { providerTotals } from '../db/analytics/providerTotals.js';
import type { CacheScope } from '../db/analytics/resultCache.js';
import type { ConnectionRange, EntityFilter } from '../db/analytics/scope.js';
import {
  coverageGap,
  currencyOf,
  entityFilter,
  loadScope,
  pick,
  type Values,
  withoutMoney,
  ZONES_NOTE,
} from './analyticsScope.js';
import { hourlyRanges, hoursOutput, type KnownHours, knownHours, requireSingleDay } from './hourScope.js';
import { getMetricsInput, getMetricsOutput } from './schemas.js';
import type { ToolContext, ToolDefinition } from './types.js';

type Input = z.output<typeof getMetricsInput>;
type Row = { key: string; label: string | null; currency: string | null; metrics: Values };

export const getMetrics: ToolDefinition<typeof getMetricsInput, typeof getMetricsOutput> = {
  name: 'get_metrics',
  title: 'Get metrics',
  description: [
    "Totals of `metrics` over a `range` (default last_30d; presets or since/until in the ad account's time",
    'zone), optionally broken down with `group_by`: day (every day in the range, zero days included),',
    "week (Monday-start; key = the week's Monday), month (key = the 1st), campaign/adset/ad (key = Meta id,",
    'label = name; entities without delivery appear with zeros) or provider. Use it for "what did I spend',
    'last month?", "daily spend this week", "revenue by campaign". `filters` narrow the facts: entity_ids',
    '(at `level`, or any level when level is omitted), name_contains and status (both at `level`, default',
    'campaign), connection_id. Without filters, totals include every entity (also archived/deleted).',
    'Money (spend, revenue, cpa, cpl, cpc, cpm) rounded to 2 places; roas, ctr (percent), cvr (percent) to',
    '4; ratios are null when the denominator is 0; reach is a sum over days and ads (an upper bound of',
    'unique reach). When the accounts span several currencies, `currency` is null, money metrics and',
    "roas in `totals` are null and `by_currency` lists each currency's totals; rows carry their currency.",
    '`rows` are capped at `limit` (time buckets keep the most recent); `total_rows` says how many there were.',
    ZONES_NOTE,
  ].join(' '),
  input: getMetricsInput,
  output: getMetricsOutput,
  readOnly: true,
  readsAccountData: true,
  async handler(input, ctx) {
    const scope = await loadScope(ctx, input.range, input.filters?.connection_id);
    const filter = entityFilter(input.filters);
    // by hour: totals and rows both read the hourly facts of the day, never the whole-day rows
    let known: KnownHours[] | undefined;
    if (input.group_by === 'hour') {
      requireSingleDay(input.range, 'range');
      known = await knownHours(ctx, scope.connections, scope.ranges, 'running');
    }
    const ranges = known ? hourlyRanges(scope.ranges, known) : scope.ranges;
    // independent statements: on PostgreSQL they run side by side on two pooled connections
    const [totalsRows, grouped] = await Promise.all([
      metricTotals(ctx.db, { ...scope.cache, ranges, metrics: input.metrics, filter }),
      input.group_by ? groupedRows(ctx, input, scope.cache, ranges, filter) : undefined,
    ]);
    const { mixed, currency, total, perCurrency } = currencyOf(totalsRows, scope.connections);
    const totals = total ? total.metrics : {};
    return {
      range: scope.range,
      currency,
      data_as_of: scope.dataAsOf,
      ...coverageGap(scope, scope.range.since),
      totals: mixed ? withoutMoney(totals) : totals,
      ...(known ? { hours: hoursOutput(known) } : {}),
      ...(mixed
        ? { by_currency: perCurrency.map((r) => ({ currency: r.currency!, totals: r.metrics })) }
        : {}),
      ...(grouped ? { rows: grouped.rows, total_rows: grouped.total } : {}),
    };
  },
};

async function groupedRows(
  ctx: ToolContext,
  input: Input,
  cache: CacheScope,
  ranges: ConnectionRange[],
  filter: EntityFilter | undefined,
): Promise<{ rows: Row[]; total: number }> {
  const base = { ...cache, ranges, metrics: input.metrics, filter };
  const groupBy = input.group_by!;
  if (groupBy === 'hour') {
    const rows = await hourlySeries(ctx.db, base);
    return {
      rows: rows.map((r) => ({ key: r.key, label: null, currency: r.currency, metrics: r.metrics })),
      total: rows.length,
    };
  }
  if (groupBy === 'day' || groupBy === 'week' || groupBy === 'month') {
    const rows = await metricSeries(ctx.db, { ...base, bucket: groupBy, limit: input.limit });
    return {
      rows: rows.map((r) => ({ key: r.key, label: null, currency: r.currency, metrics: r.metrics })),
      total: rows[0]?.total_count ?? 0,
    };
  }
  if (groupBy === 'provider') {
    const rows = await providerTotals(ctx.db, base);
    return {
      rows: rows.map((r) => ({
        key: r.provider,
        label: r.provider,
        currency: r.currency,
        metrics: r.metrics,
      })),
      total: rows.length,
    };
  }
  return entityRows(ctx, input, groupBy, cache, ranges, filter);
}

/**
 * Entity breakdown: the entity listing at that level, over the filtered facts. Every entity that
 * delivered is kept so the rows add up to the totals; entities without delivery are added (with
 * zeros) when the filters speak about this level, or when there are none.
 */
async function entityRows(
  ctx: ToolContext,
  input: Input,
  level: 'campaign' | 'adset' | 'ad',
  cache: CacheScope,
  ranges: ConnectionRange[],
  filter: EntityFilter | undefined,
): Promise<{ rows: Row[]; total: number }> {
  const f = input.filters;
  const filterLevel = f?.level ?? (f?.entity_ids ? null : 'campaign');
  const narrows = Boolean(f?.entity_ids || f?.name_contains || f?.status);
  const sameLevel = !narrows || filterLevel === level;
  const { rows, totalCount } = await entityListing(ctx.db, {
    ...cache,
    ranges,
    level,
    status: (sameLevel ? f?.status : undefined) ?? 'default',
    metrics: input.metrics,
    nameContains: sameLevel ? f?.name_contains : undefined,
    entityIds: sameLevel ? f?.entity_ids : undefined,
    factFilter: filter,
    includeDelivering: true,
    onlyDelivering: !sameLevel,
    sort: input.sort ?? { by: input.metrics[0], direction: 'desc' },
    limit: input.limit,
  });
  return {
    rows: rows.map((r) => ({
      key: r.id,
      label: r.name,
      currency: r.currency,
      metrics: pick(r.metrics, input.metrics),
    })),
    total: totalCount,
  };
}
