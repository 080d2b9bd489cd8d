// Totals of metrics over a range: one row per currency plus one overall row (grouping sets), so the
// caller can tell whether money was summed across currencies and report each currency on its own.
import type { Metric } from '../../metrics.js';
import type { Db } from '../db.js';
import { sql } from '../sql.js';
import { basesFor, metricsObject } from './measures.js';
import { type CacheScope, cachedQuery } from './resultCache.js';
import { type ConnectionRange, type EntityFilter, factsInRange } from './scope.js';

export interface MetricTotalsParams extends CacheScope {
  workspaceId: string;
  ranges: ConnectionRange[];
  metrics: Metric[];
  filter?: EntityFilter;
}

export interface MetricTotalsRow {
  /** null on the overall row (and for connections whose currency is not known yet). */
  currency: string | null;
  is_total: boolean;
  metrics: Record<string, number | null>;
}

/** The overall row always exists (zeros when nothing delivered); per-currency rows only where facts exist. */
export async function metricTotals(db: Db, p: MetricTotalsParams): Promise<MetricTotalsRow[]> {
  const facts = factsInRange(p.workspaceId, p.ranges, null, p.filter, { bases: basesFor(p.metrics) });
  return cachedQuery<MetricTotalsRow>(
    db,
    p,
    sql`
    select a.currency, a.is_total, ${metricsObject(p.metrics)} as metrics
    from (
      select conn.currency, grouping(conn.currency) = 1 as is_total, ${facts.sums}
      ${facts.from}
      group by grouping sets ((conn.currency), ())
    ) a
    order by a.is_total desc, a.currency`,
  );
}
