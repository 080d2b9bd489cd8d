// Fragments every analytics statement shares: the per-connection date ranges, the roll-up column
// for a level, the status filter and the entity filters on facts. Each statement built from these
// is still one named function in its own module; this file holds no statement of its own.
import type { Level } from '../entities.js';
import { type SqlFragment, sql } from '../sql.js';
import { pieceStarts, type RangePieces, signedPieces, splitRanges } from './adPeriods.js';
import { BASE_COLUMNS, type BaseColumn } from './measures.js';

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

export type StatusFilter =
  | 'default'
  | 'live'
  | 'active'
  | 'paused'
  | 'not_paused'
  | 'archived'
  | 'deleted'
  | 'any';

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
 * (migrations 0003, 0010, 0070) count exactly these rows.
 */
export const DAILY_ROWS = sql`f.hour = -1`;

/**
 * Hourly rows of an hourly range: hours 0..through_hour (a constant when every range has the same
 * one, else r.through_hour from rangesRelation).
 */
function hourlyRows(ranges: readonly ConnectionRange[]): SqlFragment {
  return constantRanges(ranges, false)
    ? sql`f.hour between 0 and ${ranges[0].throughHour!}::int`
    : sql`f.hour between 0 and r.through_hour`;
}

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

/** The earliest since and latest until of the ranges (ISO dates sort as text). */
export function rangeBounds(ranges: readonly ConnectionRange[]): [since: string, until: string] {
  const since = ranges.map((r) => r.since).sort()[0] ?? '9999-12-31';
  const until =
    ranges
      .map((r) => r.until)
      .sort()
      .at(-1) ?? '0001-01-01';
  return [since, until];
}

type FactTable =
  | 'metric_campaign_days'
  | 'metric_adset_days'
  | 'metric_facts'
  | 'metric_ad_periods'
  | 'metric_adset_periods';
const FACT_TABLES: FactTable[] = [
  'metric_campaign_days',
  'metric_adset_days',
  'metric_facts',
  'metric_ad_periods',
  'metric_adset_periods',
];
const PERIOD_TABLES: FactTable[] = ['metric_ad_periods', 'metric_adset_periods'];

/**
 * Whether the ranges can be given as plain constants (a list of connections, the dates): when every
 * connection has the very same pieces (dates and hour) — one connection, or several in one time
 * zone, the usual case — and, without the exact `dates`, one piece each. The planner estimates
 * constants truly; a join to the ranges hides the dates from it (it guessed 54 rows for 20,000 and
 * sorted to disk).
 */
function constantRanges(ranges: readonly ConnectionRange[], exactDates: boolean): boolean {
  const pieces = new Map<string, string[]>();
  for (const r of ranges) {
    const list = pieces.get(r.connectionId) ?? [];
    list.push(`${r.since} ${r.until} ${r.throughHour ?? ''}`);
    pieces.set(r.connectionId, list);
  }
  const keys = [...pieces.values()].map((list) => list.sort().join(','));
  return keys.every((k) => k === keys[0]) && (exactDates || pieces.size === ranges.length);
}

/**
 * `from <table> f … where …`: the rows of a fact table in each connection's range. `dates`: the
 * exact dates (or period starts) wanted, instead of the span, where the ranges leave gaps (pieces of
 * adPeriods.ts). When every connection has the same dates (constantRanges) they are constants;
 * otherwise the table is joined to the ranges, which trims each connection to its own dates, and the
 * span of all ranges is also given as constant bounds so the planner can use the date indexes.
 * `joins` go before the where; `extra` narrows further.
 */
function rowsInRanges(
  workspaceId: string,
  ranges: readonly ConnectionRange[],
  table: FactTable,
  joins: SqlFragment,
  extra: SqlFragment,
  dates?: string[],
): SqlFragment {
  const [since, until] = rangeBounds(ranges);
  const date = PERIOD_TABLES.includes(table) ? sql`f.start` : sql`f.date`;
  const bounds = dates
    ? sql`${date} = any(${dates}::date[])`
    : sql`${date} >= ${since}::date and ${date} <= ${until}::date`;
  const connections = ranges.map((r) => r.connectionId);
  const constant = constantRanges(ranges, dates !== undefined);
  const source = sql.identifier(table, FACT_TABLES);
  return sql`
    from ${
      constant
        ? sql`${source} f`
        : sql`${rangesRelation(ranges)}
              join ${source} f on f.connection_id = r.connection_id and ${date} between r.since and r.until`
    }
    ${joins}
    where f.workspace_id = ${workspaceId}
      and f.connection_id = any(${connections}::uuid[])
      and ${bounds}
      and ${extra}`;
}

/**
 * `(… union all …)`: `columns` of the whole periods of `pieces` from the period roll-up
 * `periods`, and of their days from `days` (narrowed by `dayRows`), one row per entity and piece.
 * With no piece at all it is still one (empty) days branch. `columns` may differ per table.
 */
function piecesUnion(
  workspaceId: string,
  pieces: RangePieces,
  tables: { periods: FactTable; days: FactTable },
  columns: SqlFragment | ((from: 'periods' | 'days') => SqlFragment),
  dayRows: SqlFragment,
): SqlFragment {
  const columnsOf = (from: 'periods' | 'days') => (typeof columns === 'function' ? columns(from) : columns);
  const branches: SqlFragment[] = [];
  for (const period of ['quarter', 'month', 'week'] as const) {
    const part = { quarter: pieces.quarters, month: pieces.months, week: pieces.weeks }[period];
    if (part.length > 0) {
      branches.push(sql`select ${columnsOf('periods')}
        ${rowsInRanges(workspaceId, part, tables.periods, sql.empty, sql`f.period = ${period}`, pieceStarts(part, period))}`);
    }
  }
  if (pieces.days.length > 0 || branches.length === 0) {
    branches.push(sql`select ${columnsOf('days')}
      ${rowsInRanges(workspaceId, pieces.days, tables.days, sql.empty, dayRows, pieceStarts(pieces.days, 'day'))}`);
  }
  return sql`(${sql.join(branches, ' union all ')})`;
}

/**
 * `f.spend, …`: only the base columns a statement sums. The pieces' union hands its rows up as they
 * are only when it selects no more than is used: with every measure in each branch it added a
 * projection per row (a 30-day ad listing that sums spend: 33.8 ms for its sums, 30.7 with spend alone).
 */
function baseColumns(bases: readonly BaseColumn[]): SqlFragment {
  return sql.join(bases.map((c) => sql`f.${sql.identifier(c, BASE_COLUMNS)}`));
}

/**
 * How an ad-level range is read (adPeriods.ts): `add`, whole months, weeks and days that only add;
 * `signed`, the fewest pieces, some subtracted (their measures negated), for a caller that only sums
 * (an ad may then have rows that add up to nothing); `delivery`, signed with a `facts` column too (the
 * daily facts a row counts, negative when subtracted) whose sum per ad tells whether it delivered in
 * the range (deliveredHaving).
 */
export type AdPieces = 'add' | 'signed' | 'delivery';

/**
 * The base columns metric_ad_periods holds as whole micros (migration 0121: a bigint sum per ad costs
 * a fraction of a numeric one). The ad pieces' union hands them up as micros from both tables, and
 * their sums are scaled back (FactRows.sums).
 */
const MICROS_COLUMNS: readonly BaseColumn[] = ['spend', 'add_to_cart', 'purchases', 'revenue', 'leads'];
const MICROS_NAMES = MICROS_COLUMNS.map((b) => `${b}_micros`);

/**
 * The ad-level whole-day sums in the ranges, one row per ad and piece (whole quarters, months and weeks
 * from metric_ad_periods, the remainder days from metric_facts), with the id columns of a metric_facts
 * row and the `bases` columns (MICROS_COLUMNS as micros), read as `pieces` says. The facts column is
 * there only when something is subtracted: it is otherwise one more column per row for nothing.
 */
function adPeriodRows(
  workspaceId: string,
  ranges: readonly ConnectionRange[],
  ids: readonly IdColumn[],
  bases: readonly BaseColumn[],
  pieces: AdPieces,
): SqlFragment {
  const tables = { periods: 'metric_ad_periods', days: 'metric_facts' } as const;
  const columns =
    (sign: '' | '-', facts = false) =>
    (from: 'periods' | 'days') =>
      sql.join([
        ...ids.map((c) => sql`f.${sql.identifier(c, ID_COLUMNS)}`),
        ...bases.map((b) => {
          const column = sql.identifier(b, BASE_COLUMNS);
          const value = !MICROS_COLUMNS.includes(b)
            ? sql`f.${column}`
            : from === 'periods'
              ? sql`f.${sql.identifier(`${b}_micros`, MICROS_NAMES)}`
              : sql`(f.${column} * 1000000)::bigint`;
          return sql`${sign ? sql`-` : sql.empty}${value} as ${column}`;
        }),
        ...(facts
          ? [sql`${sign ? sql`-` : sql.empty}${from === 'periods' ? sql`f.facts` : sql`1`} as facts`]
          : []),
      ]);
  if (pieces === 'add') return piecesUnion(workspaceId, splitRanges(ranges), tables, columns(''), DAILY_ROWS);
  const { add, subtract } = signedPieces(ranges);
  const added = (facts: boolean) => piecesUnion(workspaceId, add, tables, columns('', facts), DAILY_ROWS);
  if (!subtracts(subtract)) return added(false);
  const facts = pieces === 'delivery';
  return sql`(select * from ${added(facts)} f union all select * from ${piecesUnion(workspaceId, subtract, tables, columns('-', facts), DAILY_ROWS)} f)`;
}

const subtracts = (p: RangePieces) =>
  p.quarters.length + p.months.length + p.weeks.length + p.days.length > 0;

/**
 * Whether factsInRange reads the ad pieces (adPeriodRows) for these ranges, level and filter: the
 * statements that group them per entity then know whether `f.facts` is there (deliveredHaving).
 */
function readsAdPieces(
  ranges: readonly ConnectionRange[],
  level: Level | null,
  filter: EntityFilter | undefined,
): boolean {
  return !isHourly(ranges) && factSource(level, filter) === 'metric_facts';
}

/**
 * `having …` for a statement that groups factsInRange(…, { pieces: 'delivery' }) per entity and reads
 * "has a group" as "delivered in the range": a subtracted piece cancels the facts it counted, so an
 * ad whose only facts lie in subtracted pieces must still count as not delivering.
 */
export function deliveredHaving(
  ranges: readonly ConnectionRange[],
  level: Level | null,
  filter: EntityFilter | undefined,
): SqlFragment {
  return readsAdPieces(ranges, level, filter) && subtracts(signedPieces(ranges).subtract)
    ? sql`having sum(f.facts) > 0`
    : sql.empty;
}

type IdColumn = 'connection_id' | 'entity_id' | 'campaign_id' | 'adset_id';
const ID_COLUMNS: IdColumn[] = ['connection_id', 'entity_id', 'campaign_id', 'adset_id'];

/**
 * The id columns of f a statement over factsInRange reads: the level's roll-up column, the
 * filter's (factEntityCondition) and connection_id for the currency join.
 */
function idColumnsRead(level: Level | null, filter: EntityFilter | undefined, currency: boolean): IdColumn[] {
  const read = new Set<IdColumn>();
  if (level) read.add(rollupColumnName(level));
  if (filter && (filter.entityIds || filter.nameContains || filter.status)) {
    if (filter.level || !filter.entityIds) read.add(rollupColumnName(filter.level ?? 'campaign'));
    else for (const c of ['entity_id', 'campaign_id', 'adset_id'] as const) read.add(c);
  }
  if (currency) read.add('connection_id');
  return ID_COLUMNS.filter((c) => read.has(c));
}

/**
 * The ad-set-level (or campaign-level) whole-day sums in the ranges when they cover a calendar month
 * or (ad sets) a Monday week whole: those from metric_adset_periods (0100), the days left from the day
 * roll-up `days`, with the columns of its rows the analytics statements use, except the date.
 * Campaigns read months only: an ad-set week is more rows than a campaign's seven days. Null when
 * nothing is whole (the day roll-up alone answers then).
 */
function adsetPeriodRows(
  workspaceId: string,
  ranges: readonly ConnectionRange[],
  days: 'metric_campaign_days' | 'metric_adset_days',
  bases: readonly BaseColumn[],
): SqlFragment | null {
  const pieces = splitRanges(ranges, { weeks: days === 'metric_adset_days' });
  if (pieces.months.length === 0 && pieces.weeks.length === 0) return null;
  const columns = sql`f.connection_id, f.campaign_id, ${
    days === 'metric_adset_days' ? sql`f.adset_id, ` : sql.empty
  }f.provider${bases.length > 0 ? sql`, ${baseColumns(bases)}` : sql.empty}`;
  return piecesUnion(workspaceId, pieces, { periods: 'metric_adset_periods', days }, columns, sql`true`);
}

/** The rows of factsInRange and the sums a statement takes of them. */
export interface FactRows {
  /** `from … f [join connections conn] … where …` */
  from: SqlFragment;
  /** `sum(f.spend) as "spend", …` of the `bases`, in the measures' own units whatever the source */
  sums: SqlFragment;
}

/**
 * The whole-day facts (or, for hourly ranges, the hourly facts through each range's hour) of the
 * workspace in each connection's range, narrowed by the filter, from the cheapest source that can
 * answer (`level` = what the query rolls up to, null for totals and time series): a roll-up table, or
 * for ad-level sums the ad-week/month/quarter roll-up plus the remainder days. `perDay`: the caller groups
 * by f.date, which the ad periods do not have, so ad-level facts are then read day by day.
 * `currency: false`: the caller needs no conn (no currency), so it is not joined: on the ad pieces'
 * union the planner cannot estimate that join and took 120,000 rows for 963, then sorted them to
 * group. `bases`: the base columns the caller sums (default all). `pieces`: how ad-level ranges are
 * read (AdPieces; default `add`): a statement that groups per currency, where a group means facts,
 * reads pieces that only add.
 */
export function factsInRange(
  workspaceId: string,
  ranges: readonly ConnectionRange[],
  level: Level | null,
  filter: EntityFilter | undefined,
  options: { perDay?: boolean; currency?: boolean; bases?: readonly BaseColumn[]; pieces?: AdPieces } = {},
): FactRows {
  const bases = options.bases ?? BASE_COLUMNS;
  const hourly = isHourly(ranges);
  // only metric_facts holds hours; the roll-ups are whole days
  const source = hourly ? 'metric_facts' : factSource(level, filter);
  const condition = factEntityCondition(workspaceId, filter);
  const conn =
    options.currency === false ? sql.empty : sql`join connections conn on conn.id = f.connection_id`;
  if (readsAdPieces(ranges, level, filter) && !options.perDay) {
    const ids = idColumnsRead(level, filter, options.currency !== false);
    const rows = adPeriodRows(workspaceId, ranges, ids, bases, options.pieces ?? 'add');
    return { from: sql`from ${rows} f ${conn} where ${condition}`, sums: sumColumns(bases, MICROS_COLUMNS) };
  }
  const sums = sumColumns(bases, []);
  if (source !== 'metric_facts' && !hourly && !options.perDay) {
    const rows = adsetPeriodRows(workspaceId, ranges, source, bases);
    if (rows) return { from: sql`from ${rows} f ${conn} where ${condition}`, sums };
  }
  const rows = hourly ? hourlyRows(ranges) : source === 'metric_facts' ? DAILY_ROWS : sql`true`;
  return { from: rowsInRanges(workspaceId, ranges, source, conn, sql`${rows} and ${condition}`), sums };
}

/** `sum(f.spend) as "spend", …`; the `micros` columns hold micros, their sums are scaled back (exact). */
function sumColumns(bases: readonly BaseColumn[], micros: readonly BaseColumn[]): SqlFragment {
  return sql.join(
    bases.map((b) => {
      const column = sql.identifier(b, BASE_COLUMNS);
      return micros.includes(b)
        ? sql`sum(f.${column}) * 0.000001 as ${column}`
        : sql`sum(f.${column}) as ${column}`;
    }),
  );
}

/** The metric_facts column a level rolls up through (ad-level facts carry their campaign and ad set). */
export function rollupColumn(level: Level): SqlFragment {
  return sql`f.${sql.identifier(rollupColumnName(level), ID_COLUMNS)}`;
}

function rollupColumnName(level: Level): IdColumn {
  return level === 'campaign' ? 'campaign_id' : level === 'adset' ? 'adset_id' : 'entity_id';
}

const PAUSED_EFFECTIVE = ['PAUSED', 'CAMPAIGN_PAUSED', 'ADSET_PAUSED'];

/**
 * statusCondition's rule for one entity already read (a listing's rows), for the status words a person
 * picks one by ("the paused one"): the same configured and effective statuses, so a pick agrees with the
 * listing it picks from. Removal is not known here: listed rows are entities still there.
 */
export function hasStatusWord(
  word: 'live' | 'active' | 'paused' | 'archived',
  e: { status: string | null; effective_status: string | null },
): boolean {
  switch (word) {
    case 'live':
      return e.effective_status === 'ACTIVE';
    case 'active':
      return e.status === 'ACTIVE';
    case 'paused':
      return e.status === 'PAUSED' || PAUSED_EFFECTIVE.includes(e.effective_status ?? '');
    case 'archived':
      return e.status === 'ARCHIVED' || e.effective_status === 'ARCHIVED';
  }
}

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
    // "which campaigns are not paused?": the default ones, less those paused (themselves or by a parent)
    case 'not_paused':
      return sql`(${statusCondition('default')} and coalesce(e.status, '') <> 'PAUSED'
        and not coalesce(e.effective_status, '') = any(${PAUSED_EFFECTIVE}::text[]))`;
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
