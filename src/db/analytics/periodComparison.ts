// Totals for two ranges side by side, with the change computed in SQL numeric (so 0.3 - 0.1 is 0.2,
// not a float's 0.19999…). One row per currency plus the overall row, as in metricTotals.
import type { Metric } from '../../metrics.js';
import type { Db } from '../db.js';
import { type SqlFragment, sql } from '../sql.js';
import { basesFor, changeObjects, metricsObject } from './measures.js';
import { type CacheScope, cachedQuery } from './resultCache.js';
import { type ConnectionRange, type EntityFilter, factsInRange } from './scope.js';

export interface PeriodComparisonParams extends CacheScope {
  workspaceId: string;
  current: ConnectionRange[];
  previous: ConnectionRange[];
  metrics: Metric[];
  filter?: EntityFilter;
}

type Values = Record<string, number | null>;

export interface PeriodComparisonRow {
  currency: string | null;
  is_total: boolean;
  current: Values;
  previous: Values;
  absolute: Values;
  percent: Values;
}

export async function periodComparison(db: Db, p: PeriodComparisonParams): Promise<PeriodComparisonRow[]> {
  const totals = (ranges: ConnectionRange[]): SqlFragment => {
    const facts = factsInRange(p.workspaceId, ranges, null, p.filter, { bases: basesFor(p.metrics) });
    return sql`
      select conn.currency, grouping(conn.currency) = 1 as is_total, ${facts.sums}
      ${facts.from}
      group by grouping sets ((conn.currency), ())`;
  };
  const change = changeObjects(p.metrics);
  return cachedQuery<PeriodComparisonRow>(
    db,
    p,
    sql`
    with c as (${totals(p.current)}), p as (${totals(p.previous)})
    select coalesce(c.currency, p.currency) as currency, coalesce(c.is_total, p.is_total) as is_total,
      ${metricsObject(p.metrics, 'c')} as current, ${metricsObject(p.metrics, 'p')} as previous,
      ${change.absolute} as absolute, ${change.percent} as percent
    from c full join p on c.is_total = p.is_total and coalesce(c.currency, '') = coalesce(p.currency, '')
    order by 2 desc, 1`,
  );
}
