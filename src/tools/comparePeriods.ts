// compare_periods: the same metrics over two ranges, the change, and the entities that moved most.

import { previousPeriod } from '../calendar.js';
import { periodComparison } from '../db/analytics/periodComparison.js';
import { periodMovers } from '../db/analytics/periodMovers.js';
import {
  coverageGap,
  currencyOf,
  entityFilter,
  loadScope,
  resolveRanges,
  withoutMoney,
  ZONES_NOTE,
} from './analyticsScope.js';
import { comparePeriodsInput, comparePeriodsOutput } from './schemas.js';
import type { ToolDefinition } from './types.js';

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
    'time zone.',
    ZONES_NOTE,
  ].join(' '),
  input: comparePeriodsInput,
  output: comparePeriodsOutput,
  readOnly: true,
  async handler(input, ctx) {
    const scope = await loadScope(ctx, input.range, input.filters?.connection_id);
    const previous = input.compare_to
      ? await resolveRanges(ctx, scope.connections, input.compare_to)
      : {
          ranges: scope.ranges.map((r) => ({ connectionId: r.connectionId, ...previousPeriod(r) })),
          range: { ...previousPeriod(scope.range), time_zone: scope.range.time_zone },
        };
    const filter = entityFilter(input.filters);
    const common = { workspaceId: ctx.workspaceId, current: scope.ranges, previous: previous.ranges, filter };
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
