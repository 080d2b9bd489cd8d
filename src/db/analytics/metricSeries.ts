// Metrics per day, week or month over a range: every bucket in the range appears (zeros where nothing
// delivered), once per currency of the connections involved, so money is never summed across
// currencies. Buckets are keyed by their first date (a week starts on Monday).
import type { Metric } from '../../metrics.js';
import type { Db } from '../db.js';
import { sql } from '../sql.js';
import { basesFor, metricsObject } from './measures.js';
import { type CacheScope, cachedQuery } from './resultCache.js';
import { type ConnectionRange, type EntityFilter, factsInRange, rangesRelation } from './scope.js';

export type TimeBucket = 'day' | 'week' | 'month';

export interface MetricSeriesParams extends CacheScope {
  workspaceId: string;
  ranges: ConnectionRange[];
  metrics: Metric[];
  bucket: TimeBucket;
  filter?: EntityFilter;
  limit: number;
}

export interface MetricSeriesRow {
  key: string;
  currency: string | null;
  metrics: Record<string, number | null>;
  total_count: number;
}

/** Oldest bucket first; when there are more than `limit` rows, the most recent ones are kept. */
export async function metricSeries(db: Db, p: MetricSeriesParams): Promise<MetricSeriesRow[]> {
  const unit = sql.keyword(`'${p.bucket}'`, ["'day'", "'week'", "'month'"]);
  const step = sql.keyword(`'1 ${p.bucket}'`, ["'1 day'", "'1 week'", "'1 month'"]);
  const facts = factsInRange(p.workspaceId, p.ranges, null, p.filter, {
    perDay: true,
    bases: basesFor(p.metrics),
  });
  const rows = await cachedQuery<MetricSeriesRow>(
    db,
    p,
    sql`
    with buckets as (
      select g::date as bucket
      from (select min(r.since) as since, max(r.until) as until from ${rangesRelation(p.ranges)}) span,
        generate_series(date_trunc(${unit}, span.since::timestamp), span.until::timestamp, interval ${step}) g
    ),
    currencies as (
      select distinct conn.currency from ${rangesRelation(p.ranges)} join connections conn on conn.id = r.connection_id
      where conn.workspace_id = ${p.workspaceId}
    ),
    a as (
      select date_trunc(${unit}, f.date::timestamp)::date as bucket, conn.currency, ${facts.sums}
      ${facts.from}
      group by 1, 2
    )
    select b.bucket::text as key, cur.currency, ${metricsObject(p.metrics)} as metrics, count(*) over () as total_count
    from buckets b
    cross join currencies cur
    left join a on a.bucket = b.bucket and a.currency is not distinct from cur.currency
    order by b.bucket desc, cur.currency
    limit ${p.limit}`,
  );
  return rows.reverse();
}
