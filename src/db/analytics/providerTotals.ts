// Metrics per provider (today only Meta) and currency over a range: the group_by=provider breakdown.
import type { Metric } from '../../metrics.js';
import type { Db } from '../db.js';
import { sql } from '../sql.js';
import { basesFor, metricsObject } from './measures.js';
import { type CacheScope, cachedQuery } from './resultCache.js';
import { type ConnectionRange, type EntityFilter, factsInRange } from './scope.js';

export interface ProviderTotalsRow {
  provider: string;
  currency: string | null;
  metrics: Record<string, number | null>;
}

export async function providerTotals(
  db: Db,
  p: CacheScope & { ranges: ConnectionRange[]; metrics: Metric[]; filter?: EntityFilter },
): Promise<ProviderTotalsRow[]> {
  const facts = factsInRange(p.workspaceId, p.ranges, null, p.filter, { bases: basesFor(p.metrics) });
  return cachedQuery<ProviderTotalsRow>(
    db,
    p,
    sql`
    select a.provider, a.currency, ${metricsObject(p.metrics)} as metrics
    from (
      select conn.provider, conn.currency, ${facts.sums}
      ${facts.from}
      group by 1, 2
    ) a
    order by a.provider, a.currency`,
  );
}
