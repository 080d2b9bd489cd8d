// Campaigns, ad sets or ads with their metrics over a range: entity-first. The facts in range are
// aggregated per rolled-up id first (only whole-day rows), then joined onto the entities, so an
// entity without delivery appears with zeros instead of vanishing.
import type { Metric, MetricBound } from '../../metrics.js';
import type { Db } from '../db.js';
import { LEVELS, type Level } from '../entities.js';
import { type SqlFragment, sql } from '../sql.js';
import { BASE_COLUMNS, type BaseColumn, basesFor, metricExpr, metricsObject } from './measures.js';
import { type CacheScope, cachedQuery } from './resultCache.js';
import {
  type ConnectionRange,
  deliveredHaving,
  type EntityFilter,
  factsInRange,
  nameCondition,
  rollupColumn,
  type StatusFilter,
  statusCondition,
} from './scope.js';

export interface EntityListingParams extends CacheScope {
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
  /** Only entities whose metrics over the range (rounded as shown) compare so with the values: all of them. */
  where?: MetricBound[];
}

const BOUND_OPS = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

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
}

export interface EntityTotals {
  /** The listed entities' currencies: totals are meaningful only when there is one. */
  currencies: number;
  currency: string | null;
  metrics: Record<string, number | null>;
}

export interface EntityListing {
  /** The first `limit` entities. */
  rows: EntityListingRow[];
  /** How many entities match (before `limit`). */
  totalCount: number;
  /**
   * With `totals`: every matching entity (not only the first `limit`), its base sums added in SQL and
   * the ratios taken of those sums, rounded like the rows.
   */
  totals?: EntityTotals;
}

type Row = EntityListingRow & { key: string | null; total_count: number | null; totals: EntityTotals | null };

/**
 * One statement ranks: the facts aggregated once per entity, the matching entities counted (and, with
 * `totals`, summed) by window functions over the whole match, sorted and cut to `limit`; only then
 * are the parents looked up and the metrics built, for the listed rows alone. It yields one row of
 * nulls besides the counts when nothing matches, so the totals are there even then.
 *
 * At the ad level (without totals) the ranking sums only the sort's base columns (none for a name
 * sort) and a second statement sums the asked metrics of the listed ads alone, by key: with tens of
 * thousands of ads the per-ad aggregation dominates and every numeric sum in it costs about as much
 * as the grouping. Campaigns and ad sets are read from day roll-ups whose keys lead with the date,
 * where a second read by entity costs more than the sums it saves.
 */
export async function entityListing(
  db: Db,
  p: EntityListingParams & { totals?: boolean },
): Promise<EntityListing> {
  const bound = p.where?.map((w) => w.metric) ?? [];
  const needed = [...(p.sort.by === 'name' ? p.metrics : [...p.metrics, p.sort.by]), ...bound];
  // totals under a bound are of the entities past it: summed per entity, as one phase does
  const twoPhase = p.level === 'ad' && !(p.totals && p.where?.length);
  const ranked = await rankEntities(db, p, twoPhase ? [...sortMetrics(p), ...bound] : needed, !twoPhase);
  const listed = ranked.filter((r) => r.key !== null);
  const metrics =
    twoPhase && listed.length > 0
      ? await listedMetrics(
          db,
          p,
          listed.map((r) => r.key!),
        )
      : null;
  const totals = ranked[0].totals;
  return {
    rows: listed.map(({ key, total_count: _, totals: __, ...row }) =>
      metrics ? { ...row, metrics: metrics.get(key!) ?? {} } : row,
    ),
    totalCount: ranked[0].total_count ?? 0,
    ...(p.totals && totals
      ? { totals: twoPhase ? { ...totals, metrics: await matchedTotals(db, p) } : totals }
      : {}),
  };
}

const sortMetrics = (p: EntityListingParams): Metric[] => (p.sort.by === 'name' ? [] : [p.sort.by]);

/**
 * The ranking statement, summing the bases of `summed`; with `complete` (they cover every asked
 * metric) its rows carry their metrics and, with `totals`, the totals' metrics, else null metrics for
 * listedMetrics and matchedTotals to fill.
 */
function rankEntities(
  db: Db,
  p: EntityListingParams & { totals?: boolean },
  summed: readonly Metric[],
  complete: boolean,
): Promise<Row[]> {
  const bases = basesFor(summed);
  const column = (b: BaseColumn) => sql.identifier(b, BASE_COLUMNS);
  const totalColumn = (b: BaseColumn) => sql.identifier(`total_${b}`, TOTAL_COLUMNS);
  const totalSums = p.totals && complete && bases.length > 0;
  const windowed = p.totals
    ? sql`, min(conn.currency) over () as min_currency, max(conn.currency) over () as max_currency
        ${totalSums ? sql`, ${sql.join(bases.map((b) => sql`sum(a.${column(b)}) over () as ${totalColumn(b)}`))}` : sql.empty}`
    : sql.empty;
  // count(distinct currency) ignores nulls as min and max do; the inner `a` is the totals as sums
  const totals = p.totals
    ? sql`jsonb_build_object('currencies', case when a.min_currency is null then 0
          when a.min_currency = a.max_currency then 1 else 2 end, 'currency', a.min_currency,
          'metrics', ${
            totalSums
              ? sql`(select ${metricsObject(p.metrics)}
                      from (select ${sql.join(bases.map((b) => sql`a.${totalColumn(b)} as ${column(b)}`))}) a)`
              : sql`null::jsonb`
          })`
    : sql`null::jsonb`;
  // the window and the sort carry only what they need (ids, name, sums); the listed rows' other
  // columns are read after the limit: with 20,000 ads the wide rows cost the window ~4 ms
  return cachedQuery<Row>(
    db,
    p,
    sql`
    with a as (${deliveredSums(p, bases, sql`true`)}),
    l as (
      select e.id, e.name ${sql.join(
        bases.map((b) => sql`, a.${column(b)}`),
        '',
      )}, count(*) over () as total_count ${windowed}
      from entities e
      ${p.totals ? sql`join connections conn on conn.id = e.connection_id` : sql.empty}
      left join a on a.entity_id = e.id
      where ${listedCondition(p)} ${sql.join(
        (p.where ?? []).map((w) => sql`and ${boundCondition(w)}`),
        ' ',
      )}
      order by ${orderBy(p, sql`e`)}
      limit ${p.limit}
    )
    select a.id::text as key, d.external_id as id, a.name, d.level, d.status, d.effective_status,
      parent.external_id as parent_id, parent.name as parent_name, conn.currency,
      ${complete ? metricsObject(p.metrics) : sql`null::jsonb`} as metrics, a.total_count, ${totals} as totals
    from (select) one
    left join l a on true
    left join entities d on d.id = a.id
    left join connections conn on conn.id = d.connection_id
    left join entities parent on parent.id = d.parent_id
    order by ${orderBy(p, sql`a`)}`,
  );
}

/** `<metric> > value` over the sums `a`, the metric rounded as the rows show it (null is past no bound). */
function boundCondition(w: MetricBound): SqlFragment {
  const op = sql.keyword(BOUND_OPS[w.op], Object.values(BOUND_OPS));
  return sql`${metricExpr(w.metric)} ${op} ${String(w.value)}::numeric`;
}

/** The asked metrics of the listed entities (internal ids), their facts read by key. */
async function listedMetrics(
  db: Db,
  p: EntityListingParams,
  keys: string[],
): Promise<Map<string, Record<string, number | null>>> {
  const listed = sql`${keys}::bigint[]`;
  const rows = await cachedQuery<{ key: string; metrics: Record<string, number | null> }>(
    db,
    p,
    sql`
    with a as (${deliveredSums(p, basesFor(p.metrics), sql`${rollupColumn(p.level)} = any(${listed})`)})
    select k.id::text as key, ${metricsObject(p.metrics)} as metrics
    from unnest(${listed}) as k(id)
    left join a on a.entity_id = k.id`,
  );
  return new Map(rows.map((r) => [r.key, r.metrics]));
}

/**
 * The totals of a two-phase (ad) listing: the asked metrics of the facts of every matching ad, summed
 * into one group (no sum per ad), rounded like the rows. Delivery needs no test here: an ad without
 * facts adds nothing. When only a status narrows the listing, they are every fact of its connections
 * (from the cheapest roll-up: every fact is an ad's) less those of the ads the status leaves out, read
 * by key: usually none. The web app's ad page (its 11 columns, with totals) at 10M facts took 88.5 ms
 * when the ranking summed every column per ad and windowed the sums; the matching ads' facts summed
 * into one group took 40 ms by themselves, every fact less the left-out ads' 6 ms.
 */
async function matchedTotals(db: Db, p: EntityListingParams): Promise<Record<string, number | null>> {
  const bases = basesFor(p.metrics);
  const options = { currency: false, bases, pieces: 'signed' } as const;
  const matches = listedCondition(p, sql`true`);
  const statusOnly = !p.nameContains && !p.within && !p.entityIds && !p.factFilter;
  if (!statusOnly) {
    const facts = factsInRange(p.workspaceId, p.ranges, p.level, p.factFilter, options);
    const [row] = await cachedQuery<{ metrics: Record<string, number | null> }>(
      db,
      p,
      sql`
      select ${metricsObject(p.metrics)} as metrics
      from (
        select ${facts.sums} ${facts.from}
        and ${rollupColumn(p.level)} in (select e.id from entities e where ${matches})
      ) a`,
    );
    return row.metrics;
  }
  const column = (b: BaseColumn) => sql.identifier(b, BASE_COLUMNS);
  const leftOut = sql`select e.id from entities e
    where e.workspace_id = ${p.workspaceId} and e.level = ${p.level}
      and e.connection_id = any(${p.ranges.map((r) => r.connectionId)}::uuid[])
      and not coalesce((${matches}), false)`;
  const every = factsInRange(p.workspaceId, p.ranges, null, undefined, options);
  const out = factsInRange(p.workspaceId, p.ranges, p.level, undefined, options);
  const [row] = await cachedQuery<{ metrics: Record<string, number | null> }>(
    db,
    p,
    sql`
    with every as (
      select ${every.sums} ${every.from}
    ), out as (
      select ${out.sums} ${out.from}
      and ${rollupColumn(p.level)} = any(array(${leftOut}))
    )
    select ${metricsObject(p.metrics)} as metrics
    from (
      select ${sql.join(bases.map((b) => sql`coalesce(every.${column(b)}, 0) - coalesce(out.${column(b)}, 0) as ${column(b)}`))}
      from every, out
    ) a`,
  );
  return row.metrics;
}

/** A campaign, ad set or ad by name, with its parent's external id. */
export interface EntityNameRow {
  id: string;
  name: string | null;
  level: Level;
  parent_id: string | null;
  /** Its campaign's goal ("leads", "purchases", …): what one of its results is. */
  goal: string | null;
}

/**
 * The same names as rankedEntityNames, in no order: a plain read of the entities, a small part of the
 * ranking's cost in a cold process (no sums, sorts or window functions), for a question whose reading
 * the order cannot change (no name found in it). As one JSON array: 2,225 names read as rows, parsed
 * field by field, took 27-80 ms warm and 100-156 ms as a process's first; as one JSON text 9-25 and
 * 41-98 ms.
 */
export async function entityNames(
  db: Db,
  p: { workspaceId: string; connectionIds: string[] },
): Promise<EntityNameRow[]> {
  const [{ names }] = await db.query<{ names: string | null }>(
    sql`
    select json_agg(json_build_array(e.external_id, e.name, e.level, parent.external_id, e.goal))::text as names
    from entities e
    left join entities parent on parent.id = e.parent_id
    where e.workspace_id = ${p.workspaceId} and e.level = any(${LEVELS}::text[])
      and e.connection_id = any(${p.connectionIds}::uuid[])`,
  );
  const rows = JSON.parse(names ?? '[]') as [string, string | null, Level, string | null, string | null][];
  return rows.map(([id, name, level, parent_id, goal]) => ({ id, name, level, parent_id, goal }));
}

/**
 * Every name a question may hold, in one statement (a cold process pays a first-run cost per distinct
 * statement: one listing per level, then the rest, cost it 4-5 of those). Per level, campaigns then ad
 * sets then ads, the first `listed` in the order a spend listing gives them (most spent in `ranges`
 * first, then name and id: the order options are offered in when a name is ambiguous); then, of a level
 * with more than `listed`, the rest by level, name and id, so a name is found wherever it ranks. Every
 * name is returned: `listed` decides the order only.
 */
export async function rankedEntityNames(
  db: Db,
  p: { workspaceId: string; ranges: ConnectionRange[]; listed: number },
): Promise<EntityNameRow[]> {
  const spent = LEVELS.map(
    (level) => sql`select ${level}::text as level, s.entity_id, s.spend
      from (${deliveredSums({ ...p, level, status: 'any', metrics: ['spend'] }, ['spend'], sql`true`)}) s`,
  );
  const listed = sql`r.rank <= ${p.listed}`;
  return db.query<EntityNameRow>(
    sql`
    with a as (${sql.join(spent, ' union all ')}),
    r as (
      select e.external_id, e.name, e.level, e.parent_id, e.goal,
        row_number() over (partition by e.level order by ${metricExpr('spend')} desc nulls last, e.name, e.id) as rank
      from entities e
      left join a on a.level = e.level and a.entity_id = e.id
      where e.workspace_id = ${p.workspaceId} and e.level = any(${LEVELS}::text[])
        and e.connection_id = any(${p.ranges.map((r) => r.connectionId)}::uuid[])
    )
    select r.external_id as id, r.name, r.level, parent.external_id as parent_id, r.goal
    from r
    left join entities parent on parent.id = r.parent_id
    order by not (${listed}), case when ${listed} then array_position(${LEVELS}::text[], r.level) end,
      case when ${listed} then r.rank end, r.level, r.name, r.external_id`,
  );
}

const TOTAL_COLUMNS = BASE_COLUMNS.map((b) => `total_${b}`);

/** The listing's order over the entity columns of `e` (entities, or the listed rows) and sums a. */
function orderBy(p: EntityListingParams, e: SqlFragment): SqlFragment {
  const direction = sql.keyword(p.sort.direction, ['asc', 'desc']);
  return p.sort.by === 'name'
    ? sql`${e}.name ${direction} nulls last, ${e}.id`
    : sql`${metricExpr(p.sort.by)} ${direction} nulls last, ${e}.name, ${e}.id`;
}

/**
 * The `bases` sums of the facts in range per rolled-up entity id (only whole-day rows), for the ids
 * `only` admits (a condition on the facts f). Without bases it still tells which entities delivered.
 */
function deliveredSums(
  p: Omit<EntityListingParams, 'sort' | 'limit'>,
  bases: readonly BaseColumn[],
  only: SqlFragment,
): SqlFragment {
  const facts = factsInRange(p.workspaceId, p.ranges, p.level, p.factFilter, {
    currency: false,
    bases,
    pieces: 'delivery',
  });
  return sql`
    select ${rollupColumn(p.level)} as entity_id ${bases.length > 0 ? sql`, ${facts.sums}` : sql.empty}
    ${facts.from}
    and ${only}
    group by 1
    ${deliveredHaving(p.ranges, p.level, p.factFilter)}`;
}

/**
 * Which entities (e) a listing holds; `delivered` tells whether e delivered in the range (by default:
 * e is joined to its sums a).
 */
function listedCondition(
  p: Omit<EntityListingParams, 'sort' | 'limit'>,
  delivered: SqlFragment = sql`a.entity_id is not null`,
): SqlFragment {
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
