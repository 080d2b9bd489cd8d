// Campaigns, ad sets or ads with their metrics over a range: entity-first. The facts in range are
// aggregated per rolled-up id first (only whole-day rows), then joined onto the entities, so an
// entity without delivery appears with zeros instead of vanishing.
import type { Metric } from '../../metrics.js';
import type { Db } from '../db.js';
import type { Level } from '../entities.js';
import { type SqlFragment, sql } from '../sql.js';
import { BASE_COLUMNS, basesFor, metricExpr, metricsObject, sumColumns } from './measures.js';
import {
  type ConnectionRange,
  type EntityFilter,
  factsInRange,
  nameCondition,
  rollupColumn,
  type StatusFilter,
  statusCondition,
} from './scope.js';

export interface EntityListingParams {
  workspaceId: string;
  ranges: ConnectionRange[];
  level: Level;
  status: StatusFilter;
  metrics: Metric[];
  nameContains?: string;
  /** External ids: only entities that are one of these or sit under one (a campaign or ad set). */
  within?: string[];
  /** Only these external ids. */
  entityIds?: string[];
  /** Narrows the facts that are summed (get_metrics filters). */
  factFilter?: EntityFilter;
  /** Also list entities the status filter excludes when they delivered in the range (so rows add up to totals). */
  includeDelivering?: boolean;
  /** List only entities that delivered in the range (the status filter is ignored). */
  onlyDelivering?: boolean;
  sort: { by: Metric | 'name'; direction: 'asc' | 'desc' };
  limit: number;
}

export interface EntityListingRow {
  id: string;
  name: string | null;
  level: Level;
  status: string | null;
  effective_status: string | null;
  parent_id: string | null;
  parent_name: string | null;
  currency: string | null;
  metrics: Record<string, number | null>;
  total_count: number;
}

export async function entityListing(db: Db, p: EntityListingParams): Promise<EntityListingRow[]> {
  const needed = p.sort.by === 'name' ? p.metrics : [...p.metrics, p.sort.by];
  const direction = sql.keyword(p.sort.direction, ['asc', 'desc']);
  const orderBy =
    p.sort.by === 'name'
      ? sql`e.name ${direction} nulls last, e.id`
      : sql`${metricExpr(p.sort.by)} ${direction} nulls last, e.name, e.id`;
  return db.query<EntityListingRow>(sql`
    with a as (${deliveredSums(p, needed)})
    select e.external_id as id, e.name, e.level, e.status, e.effective_status,
      parent.external_id as parent_id, parent.name as parent_name, conn.currency,
      ${metricsObject(p.metrics)} as metrics, count(*) over () as total_count
    from entities e
    join connections conn on conn.id = e.connection_id
    -- a lookup per listed row, not a join over every entity of the workspace
    left join lateral (select external_id, name from entities where id = e.parent_id) parent on true
    left join a on a.entity_id = e.id
    where ${listedCondition(p)}
    order by ${orderBy}
    limit ${p.limit}`);
}

export interface EntityTotals {
  /** The listed entities' currencies: totals are meaningful only when there is one. */
  currencies: number;
  currency: string | null;
  metrics: Record<string, number | null>;
}

/**
 * The totals row of a listing: every matching entity (not only the first `limit`), its base sums
 * added in SQL and the ratios taken of those sums, rounded like the rows.
 */
export async function entityTotals(
  db: Db,
  p: Omit<EntityListingParams, 'sort' | 'limit'>,
): Promise<EntityTotals> {
  const bases = basesFor(p.metrics);
  const column = (b: (typeof bases)[number]) => sql.identifier(b, BASE_COLUMNS);
  const [row] = await db.query<EntityTotals>(sql`
    with a as (${deliveredSums(p, p.metrics)}),
    listed as (
      select conn.currency, ${sql.join(bases.map((b) => sql`a.${column(b)}`))}
      from entities e
      join connections conn on conn.id = e.connection_id
      left join a on a.entity_id = e.id
      where ${listedCondition(p)}
    )
    select a.currencies, a.currency, ${metricsObject(p.metrics)} as metrics
    from (
      select count(distinct listed.currency)::int as currencies, min(listed.currency) as currency,
        ${sql.join(bases.map((b) => sql`sum(listed.${column(b)}) as ${column(b)}`))}
      from listed
    ) a`);
  return row;
}

/** The base sums of the facts in range per rolled-up entity id (only whole-day rows). */
function deliveredSums(
  p: Omit<EntityListingParams, 'sort' | 'limit'>,
  metrics: readonly Metric[],
): SqlFragment {
  return sql`
    select ${rollupColumn(p.level)} as entity_id, ${sumColumns(basesFor(metrics))}
    ${factsInRange(p.workspaceId, p.ranges, p.level, p.factFilter)}
    group by 1`;
}

/** Which entities (e, joined to their delivery a) a listing holds. */
function listedCondition(p: Omit<EntityListingParams, 'sort' | 'limit'>): SqlFragment {
  const delivered = sql`a.entity_id is not null`;
  const statusOk = p.onlyDelivering
    ? delivered
    : p.includeDelivering
      ? sql`(${statusCondition(p.status)} or ${delivered})`
      : p.status === 'default'
        ? sql`(${statusCondition(p.status)} or (e.is_placeholder and ${delivered}))`
        : statusCondition(p.status);
  return sql`e.workspace_id = ${p.workspaceId} and e.level = ${p.level}
      and e.connection_id = any(${p.ranges.map((r) => r.connectionId)}::uuid[])
      and ${statusOk} and ${nameCondition(p.nameContains)}
      ${p.entityIds ? sql`and e.external_id = any(${p.entityIds}::text[])` : sql.empty}
      ${
        p.within
          ? sql`and exists (select 1 from entities up where up.workspace_id = ${p.workspaceId}
                  and up.external_id = any(${p.within}::text[]) and up.id in (e.id, e.campaign_id, e.adset_id))`
          : sql.empty
      }`;
}
