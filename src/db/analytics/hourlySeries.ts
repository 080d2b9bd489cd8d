// Metrics per hour of one day (hourly ranges only, see ConnectionRange.throughHour): every hour from 0
// through the latest hour of any range appears (zeros where nothing delivered), once per currency of
// the connections involved. Hours are the account's own (Meta's advertiser-time-zone breakdown), so
// accounts in different zones line up by local hour. Keyed "HH:00".
import type { Metric } from '../../metrics.js';
import type { Db } from '../db.js';
import { sql } from '../sql.js';
import { basesFor, metricsObject } from './measures.js';
import { type CacheScope, cachedQuery } from './resultCache.js';
import { type ConnectionRange, type EntityFilter, factsInRange, rangesRelation } from './scope.js';

export interface HourlySeriesParams extends CacheScope {
  workspaceId: string;
  /** Hourly ranges (throughHour set on each). */
  ranges: ConnectionRange[];
  metrics: Metric[];
  filter?: EntityFilter;
}

export interface HourlySeriesRow {
  key: string;
  currency: string | null;
  metrics: Record<string, number | null>;
}

/** Hour 0 first. */
export async function hourlySeries(db: Db, p: HourlySeriesParams): Promise<HourlySeriesRow[]> {
  const facts = factsInRange(p.workspaceId, p.ranges, null, p.filter, { bases: basesFor(p.metrics) });
  return cachedQuery<HourlySeriesRow>(
    db,
    p,
    sql`
    with hours as (
      select h from (select max(r.through_hour) as last from ${rangesRelation(p.ranges)}) span,
        generate_series(0, span.last) h
    ),
    currencies as (
      select distinct conn.currency from ${rangesRelation(p.ranges)} join connections conn on conn.id = r.connection_id
      where conn.workspace_id = ${p.workspaceId}
    ),
    a as (
      select f.hour::int as h, conn.currency, ${facts.sums}
      ${facts.from}
      group by 1, 2
    )
    select lpad(hours.h::text, 2, '0') || ':00' as key, cur.currency, ${metricsObject(p.metrics)} as metrics
    from hours
    cross join currencies cur
    left join a on a.h = hours.h and a.currency is not distinct from cur.currency
    order by hours.h, cur.currency`,
  );
}
