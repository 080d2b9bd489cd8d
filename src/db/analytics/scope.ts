// Fragments every analytics statement shares: the per-connection date ranges, the roll-up column
// for a level, the status filter and the entity filters on facts. Each statement built from these
// is still one named function in its own module; this file holds no statement of its own.
import type { Level } from '../entities.js';
import { type SqlFragment, sql } from '../sql.js';

/** A range resolved in one connection's time zone (inclusive ISO dates). */
export interface ConnectionRange {
  connectionId: string;
  since: string;
  until: string;
  /**
   * Set on an hourly range: read the hourly rows (hours 0..throughHour of each day, in the account's
   * zone) instead of the whole-day rows. The two are never mixed in one statement: every range of a
   * statement is hourly or none is (-1: no hour yet, so nothing).
   */
  throughHour?: number;
}

export type StatusFilter = 'default' | 'live' | 'active' | 'paused' | 'archived' | 'deleted' | 'any';

/** Which entities facts are narrowed to (Meta external ids; a level of campaign/adset/ad). */
export interface EntityFilter {
  level?: Level;
  entityIds?: string[];
  nameContains?: string;
  status?: StatusFilter;
}

/**
 * The ranges as a relation r(connection_id, since, until). Each connection carries its own dates
 * because "yesterday" depends on the account's time zone.
 */
export function rangesRelation(ranges: readonly ConnectionRange[]): SqlFragment {
  if (isHourly(ranges))
    return sql`unnest(${ranges.map((r) => r.connectionId)}::uuid[], ${ranges.map((r) => r.since)}::date[],
                      ${ranges.map((r) => r.until)}::date[], ${ranges.map((r) => r.throughHour!)}::int[])
               as r(connection_id, since, until, through_hour)`;
  return sql`unnest(${ranges.map((r) => r.connectionId)}::uuid[], ${ranges.map((r) => r.since)}::date[],
                    ${ranges.map((r) => r.until)}::date[]) as r(connection_id, since, until)`;
}

/** Hourly ranges (see ConnectionRange.throughHour); a mix is a programming error. */
export function isHourly(ranges: readonly ConnectionRange[]): boolean {
  const hourly = ranges.filter((r) => r.throughHour !== undefined).length;
  if (hourly > 0 && hourly < ranges.length) throw new Error('hourly and daily ranges mixed in one statement');
  return hourly > 0;
}

/**
 * The one predicate for "a whole-day fact" (hour -1; hourly rows are 0..23). The roll-up triggers
 * (migrations 0003, 0010) count exactly these rows.
 */
export const DAILY_ROWS = sql`f.hour = -1`;

/** Hourly rows of an hourly range (r.through_hour from rangesRelation): hours 0..through_hour. */
const HOURLY_ROWS = sql`f.hour between 0 and r.through_hour`;

const LEVEL_DEPTH: Record<Level, number> = { campaign: 1, adset: 2, ad: 3 };

/**
 * The cheapest table that can answer a query that rolls up to `level` (null: totals and time series)
 * with `filter`: metric_campaign_days (0003) when it needs nothing below campaigns, metric_adset_days
 * (0010) when nothing below ad sets, else metric_facts. The roll-ups hold only whole-day sums and
 * carry campaign_id/adset_id (0 where the ad has none, never a real entity id).
 */
export function factSource(
  level: Level | null,
  filter: EntityFilter | undefined,
): 'metric_campaign_days' | 'metric_adset_days' | 'metric_facts' {
  let depth = level === null ? 0 : LEVEL_DEPTH[level];
  if (filter && (filter.entityIds || filter.nameContains || filter.status)) {
    // bare entity ids may name ads: only the facts know every level
    const filterLevel = filter.level ?? (filter.entityIds ? 'ad' : 'campaign');
    depth = Math.max(depth, LEVEL_DEPTH[filterLevel]);
  }
  if (depth <= LEVEL_DEPTH.campaign) return 'metric_campaign_days';
  if (depth === LEVEL_DEPTH.adset) return 'metric_adset_days';
  return 'metric_facts';
}

/**
 * `from <ranges> join <facts> f … join connections conn … where …`: the whole-day facts (or, for
 * hourly ranges, the hourly facts through each range's hour) of the workspace in each connection's range, narrowed by the filter, from the cheapest table that can
 * answer (`level` = what the query rolls up to, null for totals and time series). The span of all
 * ranges is also given as constant bounds and the connections as a list, so the planner can use the
 * date indexes; the join to the ranges then only trims each connection to its own dates.
 */
export function factsInRange(
  workspaceId: string,
  ranges: readonly ConnectionRange[],
  level: Level | null,
  filter: EntityFilter | undefined,
): SqlFragment {
  const hourly = isHourly(ranges);
  // only metric_facts holds hours; the roll-ups are whole days
  const source = hourly ? 'metric_facts' : factSource(level, filter);
  // ISO dates sort as text
  const since = ranges.map((r) => r.since).sort()[0] ?? '9999-12-31';
  const until =
    ranges
      .map((r) => r.until)
      .sort()
      .at(-1) ?? '0001-01-01';
  return sql`
    from ${rangesRelation(ranges)}
    join ${sql.identifier(source, ['metric_campaign_days', 'metric_adset_days', 'metric_facts'])} f
      on f.connection_id = r.connection_id and f.date between r.since and r.until
    join connections conn on conn.id = f.connection_id
    where f.workspace_id = ${workspaceId}
      and f.connection_id = any(${ranges.map((r) => r.connectionId)}::uuid[])
      and f.date >= ${since}::date and f.date <= ${until}::date
      ${hourly ? sql`and ${HOURLY_ROWS}` : source === 'metric_facts' ? sql`and ${DAILY_ROWS}` : sql.empty}
      and ${factEntityCondition(workspaceId, filter)}`;
}

/** The metric_facts column a level rolls up through (ad-level facts carry their campaign and ad set). */
export function rollupColumn(level: Level): SqlFragment {
  const column = level === 'campaign' ? 'campaign_id' : level === 'adset' ? 'adset_id' : 'entity_id';
  return sql`f.${sql.identifier(column, ['campaign_id', 'adset_id', 'entity_id'])}`;
}

const PAUSED_EFFECTIVE = ['PAUSED', 'CAMPAIGN_PAUSED', 'ADSET_PAUSED'];

/**
 * The status filter on entities aliased e. Placeholders (ids seen in facts, never returned by the
 * entity sync) have no status: they match only `any` and `deleted` here; under the default filter,
 * listings add them back when they delivered in the range, so totals stay complete. A status-specific
 * filter (live, active, paused, archived) never shows them: their status is unknown.
 */
export function statusCondition(status: StatusFilter): SqlFragment {
  switch (status) {
    case 'default':
      return sql`(not e.is_placeholder and e.removed_at is null
        and coalesce(e.status, '') not in ('ARCHIVED', 'DELETED')
        and coalesce(e.effective_status, '') not in ('ARCHIVED', 'DELETED'))`;
    case 'live':
      return sql`(e.effective_status = 'ACTIVE' and e.removed_at is null)`;
    case 'active':
      return sql`(e.status = 'ACTIVE' and e.removed_at is null)`;
    case 'paused':
      return sql`((e.status = 'PAUSED' or e.effective_status = any(${PAUSED_EFFECTIVE}::text[])) and e.removed_at is null)`;
    case 'archived':
      return sql`(e.status = 'ARCHIVED' or e.effective_status = 'ARCHIVED')`;
    case 'deleted':
      return sql`(e.status = 'DELETED' or e.effective_status = 'DELETED' or e.removed_at is not null or e.is_placeholder)`;
    case 'any':
      return sql`true`;
  }
}

/** `name ilike '%text%'` with the user's text taken literally (its % and _ escaped). */
export function nameCondition(nameContains: string | undefined): SqlFragment {
  if (!nameContains) return sql`true`;
  const escaped = nameContains.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql`e.name ilike ${`%${escaped}%`}`;
}

/**
 * Narrows facts (aliased f) to the entities a filter names: at its level when one is given, or, for
 * bare entity ids, at whatever level each id is (a campaign id matches its ads' facts).
 */
export function factEntityCondition(workspaceId: string, filter: EntityFilter | undefined): SqlFragment {
  if (!filter || (!filter.entityIds && !filter.nameContains && !filter.status)) return sql`true`;
  const ids = filter.entityIds ? sql`e.external_id = any(${filter.entityIds}::text[])` : sql`true`;
  const matching = (level: Level | null) => sql`
    select e.id from entities e
    where e.workspace_id = ${workspaceId} ${level ? sql`and e.level = ${level}` : sql.empty}
      and ${ids} and ${nameCondition(filter.nameContains)} and ${statusCondition(filter.status ?? 'any')}`;
  if (filter.level || !filter.entityIds) {
    const level = filter.level ?? 'campaign';
    return sql`${rollupColumn(level)} in (${matching(level)})`;
  }
  return sql`(f.campaign_id in (${matching(null)}) or f.adset_id in (${matching(null)})
             or f.entity_id in (${matching(null)}))`;
}
