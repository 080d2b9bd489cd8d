// The entities that moved a metric most between two ranges (largest absolute change first), for
// compare_periods. Only entities that delivered in either range can move, so this starts from the
// facts of both ranges and then names the entities.
import type { Metric } from '../../metrics.js';
import type { Db } from '../db.js';
import type { Level } from '../entities.js';
import { type SqlFragment, sql } from '../sql.js';
import { basesFor, metricExpr } from './measures.js';
import { type CacheScope, cachedQuery } from './resultCache.js';
import { type ConnectionRange, type EntityFilter, factsInRange, rollupColumn } from './scope.js';

export interface PeriodMoversParams extends CacheScope {
  workspaceId: string;
  current: ConnectionRange[];
  previous: ConnectionRange[];
  metric: Metric;
  level: Level;
  filter?: EntityFilter;
  limit: number;
}

export interface PeriodMoverRow {
  id: string;
  name: string | null;
  currency: string | null;
  /** numeric text straight from SQL; the tool parses it once. */
  current: string | null;
  previous: string | null;
  absolute: string | null;
  percent: string | null;
}

export async function periodMovers(db: Db, p: PeriodMoversParams): Promise<PeriodMoverRow[]> {
  const bases = basesFor([p.metric]);
  const agg = (ranges: ConnectionRange[]): SqlFragment => {
    const facts = factsInRange(p.workspaceId, ranges, p.level, p.filter, {
      currency: false,
      bases,
      pieces: 'signed',
    });
    return sql`select ${rollupColumn(p.level)} as entity_id, ${facts.sums} ${facts.from} group by 1`;
  };
  const cur = metricExpr(p.metric, 'c');
  const prev = metricExpr(p.metric, 'p');
  return cachedQuery<PeriodMoverRow>(
    db,
    p,
    sql`
    with c as (${agg(p.current)}), p as (${agg(p.previous)}),
    m as (
      select coalesce(c.entity_id, p.entity_id) as entity_id, ${cur} as current, ${prev} as previous
      from c full join p on c.entity_id = p.entity_id
    ),
    -- the limit largest changes: when all are numbers, only entities moving at least the smallest of
    -- them are named and sorted (ties included, the name breaks them), not every entity of the
    -- account; a ratio's change may be null, sorted last, and then nothing is cut. 0 is the roll-ups'
    -- "no campaign / ad set", which names no entity (scope.ts factSource)
    t as (
      select abs(m.current - m.previous) as change from m
      where m.current is distinct from m.previous and m.entity_id <> 0
      order by 1 desc nulls last limit ${p.limit}
    )
    select e.external_id as id, e.name, conn.currency, m.current, m.previous,
      m.current - m.previous as absolute, round((m.current - m.previous) * 100 / nullif(m.previous, 0), 2) as percent
    from m
    join entities e on e.id = m.entity_id and e.workspace_id = ${p.workspaceId}
    join connections conn on conn.id = e.connection_id
    where m.current is distinct from m.previous
      and ((select count(change) from t) < ${p.limit} or abs(m.current - m.previous) >= (select min(change) from t))
    order by abs(m.current - m.previous) desc nulls last, e.name, e.id
    limit ${p.limit}`,
  );
}
