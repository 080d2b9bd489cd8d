// The SQL of every measure, in one place. Base measures are sums of metric_facts columns; derived
// measures are ratios of those sums (never averages of per-row ratios), null when the denominator
// is 0. Rounding happens here, in SQL numeric: money to 2 places, ratios and fractional conversions
// to 4. Queries aggregate only the base columns the asked metrics need (an inner aggregate aliased
// a/c/p), then compute the metrics from those sums, coalescing missing rows (no delivery) to 0.
import { BASE_METRICS, type BaseMetric, type Metric } from '../../metrics.js';
import { type SqlFragment, sql } from '../sql.js';

/** The fact columns that hold the base measures (named as the measures). */
export const BASE_COLUMNS = BASE_METRICS;
export type BaseColumn = BaseMetric;

/** Aliases of the inner aggregate a metric expression reads from. */
export const AGG_ALIASES = ['a', 'c', 'p'] as const;
export type AggAlias = (typeof AGG_ALIASES)[number];

/** The base sums each metric needs. */
const BASES_OF: Record<Metric, readonly BaseColumn[]> = {
  spend: ['spend'],
  impressions: ['impressions'],
  reach: ['reach'],
  clicks: ['clicks'],
  link_clicks: ['link_clicks'],
  purchases: ['purchases'],
  revenue: ['revenue'],
  leads: ['leads'],
  add_to_cart: ['add_to_cart'],
  landing_page_views: ['landing_page_views'],
  roas: ['revenue', 'spend'],
  cpa: ['spend', 'purchases'],
  cpl: ['spend', 'leads'],
  cpc: ['spend', 'clicks'],
  cpm: ['spend', 'impressions'],
  ctr: ['clicks', 'impressions'],
  cvr: ['purchases', 'clicks'],
};

/** Metrics whose value depends on the currency (money, and ROAS, a ratio of two money sums). */
export const CURRENCY_METRICS: readonly Metric[] = ['spend', 'revenue', 'roas', 'cpa', 'cpl', 'cpc', 'cpm'];

export function basesFor(metrics: readonly Metric[]): BaseColumn[] {
  const needed = new Set(metrics.flatMap((m) => BASES_OF[m]));
  return BASE_COLUMNS.filter((b) => needed.has(b));
}

function base(alias: AggAlias, column: BaseColumn): SqlFragment {
  return sql`coalesce(${sql.identifier(alias, AGG_ALIASES)}.${sql.identifier(column, BASE_COLUMNS)}, 0)`;
}

function ratio(numerator: SqlFragment, denominator: SqlFragment, places: number): SqlFragment {
  return sql`round(${numerator} / nullif(${denominator}, 0), ${sql.keyword(String(places), ['2', '4'])})`;
}

/** The SQL expression of one metric over the inner aggregate `alias`. */
export function metricExpr(metric: Metric, alias: AggAlias = 'a'): SqlFragment {
  const b = (c: BaseColumn) => base(alias, c);
  switch (metric) {
    case 'spend':
    case 'revenue':
      return sql`round(${b(metric)}, 2)`;
    case 'purchases':
    case 'leads':
    case 'add_to_cart':
      return sql`round(${b(metric)}, 4)`;
    case 'impressions':
    case 'reach':
    case 'clicks':
    case 'link_clicks':
    case 'landing_page_views':
      return b(metric);
    case 'roas':
      return ratio(b('revenue'), b('spend'), 4);
    case 'cpa':
      return ratio(b('spend'), b('purchases'), 2);
    case 'cpl':
      return ratio(b('spend'), b('leads'), 2);
    case 'cpc':
      return ratio(b('spend'), b('clicks'), 2);
    case 'cpm':
      return ratio(sql`${b('spend')} * 1000`, b('impressions'), 2);
    case 'ctr':
      return ratio(sql`${b('clicks')} * 100`, b('impressions'), 4);
    case 'cvr':
      return ratio(sql`${b('purchases')} * 100`, b('clicks'), 4);
  }
}

/**
 * `jsonb_build_object('spend', …, 'roas', …)`: the metrics of a row as one JSON object, so the
 * driver hands us numbers parsed from the exact decimal text (no float arithmetic on our side).
 */
export function metricsObject(metrics: readonly Metric[], alias: AggAlias = 'a'): SqlFragment {
  return sql`jsonb_build_object(${sql.join(metrics.map((m) => sql`${m}::text, ${metricExpr(m, alias)}`))})`;
}

/** Current minus previous, and the percent change (null when previous is 0 or either is null). */
export function changeObjects(metrics: readonly Metric[]): { absolute: SqlFragment; percent: SqlFragment } {
  const diff = (m: Metric) => sql`(${metricExpr(m, 'c')} - ${metricExpr(m, 'p')})`;
  return {
    absolute: sql`jsonb_build_object(${sql.join(metrics.map((m) => sql`${m}::text, ${diff(m)}`))})`,
    percent: sql`jsonb_build_object(${sql.join(
      metrics.map((m) => sql`${m}::text, round(${diff(m)} * 100 / nullif(${metricExpr(m, 'p')}, 0), 2)`),
    )})`,
  };
}
