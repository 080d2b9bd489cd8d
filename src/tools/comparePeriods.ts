// compare_periods: the same metrics over two ranges, the change, and the entities that moved most.

import { previousPeriod } from '../calendar.js';
import { periodComparison } from '../db/analytics/periodComparison.js';
import { periodMovers } from '../db/analytics/periodMovers.js';
import type { ConnectionRange } from '../db/analytics/scope.js';
import {
  type AnalyticsScope,
  coverageGap,
  currencyOf,
  entityFilter,
  loadScope,
  resolveRanges,
  withoutMoney,
  ZONES_NOTE,
} from './analyticsScope.js';
import { hourlyRanges, hoursOutput, knownHours, requireSingleDay } from './hourScope.js';
import { comparePeriodsInput, comparePeriodsOutput } from './schemas.js';
import type { ToolContext, ToolDefinition } from './types.js';

const num = (v: string | null): number | null => (v === null ? null : Number(v));

export const comparePeriods: ToolDefinition<typeof comparePeriodsInput, typeof comparePeriodsOutput> = {
  name: 'compare_periods',
  title: 'Compare two periods',
  description: [
    'Compares `metrics` between `range` (default last_7d) and `compare_to` (default: the period of the',
    'same length just before it, e.g. the 7 days before). Use it for "how did this week do vs last week?",',
    '"why did spend go up?". Returns current and previous totals, `change` per metric (absolute, and',
    'percent rounded to 2 places — null when the previous value is 0 or null), and `movers`: up to `top`',
    'entities at `level` (default campaign) with the largest absolute change in the first metric.',
    '`filters` narrow the facts as in get_metrics. Money rounded to 2 places, roas/ctr/cvr to 4 (ctr and',
    'cvr are percentages); ratios are null when the denominator is 0. When the accounts span several',
    'currencies, `currency` is null, money and roas in the totals and change are null, and `by_currency`',
    "holds each currency's comparison; each mover carries its currency. Dates are in the ad account's",
    'time zone. Pacing ("how are we pacing today vs the same time yesterday?"): `same_hours` true with',
    'range today (compare_to defaults to the day before; both must be single days) compares only the hours',
    'that had ended in both days when the data was fetched, from the hourly facts (kept for today and',
    'yesterday); `hours.through_hour` says which (hours 0..through_hour, -1: none yet).',
    ZONES_NOTE,
  ].join(' '),
  input: comparePeriodsInput,
  output: comparePeriodsOutput,
  readOnly: true,
  readsAccountData: true,
  async handler(input, ctx) {
    const scope = await loadScope(ctx, input.range, input.filters?.connection_id);
    const previous = input.compare_to
      ? await resolveRanges(ctx, scope.connections, input.compare_to, 'compare_to')
      : {
          ranges: scope.ranges.map((r) => ({ connectionId: r.connectionId, ...previousPeriod(r) })),
          range: { ...previousPeriod(scope.range), time_zone: scope.range.time_zone },
        };
    const filter = entityFilter(input.filters);
    if (input.same_hours) {
      requireSingleDay(input.range, 'range');
      if (input.compare_to) requireSingleDay(input.compare_to, 'compare_to');
    }
    const paced = input.same_hours ? await sameHours(ctx, scope, previous.ranges) : undefined;
    const common = {
      ...scope.cache,
      current: paced?.current ?? scope.ranges,
      previous: paced?.previous ?? previous.ranges,
      filter,
    };
    const [rows, movers] = await Promise.all([
      periodComparison(ctx.db, { ...common, metrics: input.metrics }),
      input.top > 0
        ? periodMovers(ctx.db, { ...common, metric: input.metrics[0], level: input.level, limit: input.top })
        : [],
    ]);
    const { mixed, currency, total, perCurrency } = currencyOf(rows, scope.connections);
    const hide = mixed ? withoutMoney : (v: Record<string, number | null>) => v;
    const change = (r: typeof total) =>
      Object.fromEntries(
        input.metrics.map((m) => [m, { absolute: r?.absolute[m] ?? null, percent: r?.percent[m] ?? null }]),
      );
    return {
      currency,
      data_as_of: scope.dataAsOf,
      // the earlier of the two starts (ISO dates sort as strings)
      ...coverageGap(scope, [previous.range.since, scope.range.since].sort()[0]),
      current: { range: scope.range, totals: hide(total?.current ?? {}) },
      previous: { range: previous.range, totals: hide(total?.previous ?? {}) },
      ...(paced ? { hours: paced.hours } : {}),
      change: mixed ? hideChange(change(total)) : change(total),
      ...(mixed
        ? {
            by_currency: perCurrency.map((r) => ({
              currency: r.currency!,
              current: r.current,
              previous: r.previous,
              change: change(r),
            })),
          }
        : {}),
      movers: movers.map((m) => ({
        id: m.id,
        name: m.name,
        currency: m.currency,
        metric: input.metrics[0],
        current: num(m.current),
        previous: num(m.previous),
        absolute: num(m.absolute),
        percent: num(m.percent),
      })),
    };
  },
};

function hideChange(change: Record<string, { absolute: number | null; percent: number | null }>) {
  const hidden = withoutMoney(Object.fromEntries(Object.keys(change).map((k) => [k, 0])));
  return Object.fromEntries(
    Object.entries(change).map(([k, v]) => [k, hidden[k] === null ? { absolute: null, percent: null } : v]),
  );
}

/**
 * Pacing: both days read as hourly ranges through the same hour, the last one that had ended in both
 * when their data was fetched (per connection, in its zone), so today so far meets yesterday up to
 * the same time and neither side counts an hour the other lacks.
 */
async function sameHours(ctx: ToolContext, scope: AnalyticsScope, previous: ConnectionRange[]) {
  const [cur, prev] = await Promise.all([
    knownHours(ctx, scope.connections, scope.ranges, 'complete'),
    knownHours(ctx, scope.connections, previous, 'complete'),
  ]);
  const both = cur.map((c, i) => ({ ...c, throughHour: Math.min(c.throughHour, prev[i].throughHour) }));
  return {
    current: hourlyRanges(scope.ranges, both),
    previous: hourlyRanges(previous, both),
    hours: hoursOutput(both),
  };
}
