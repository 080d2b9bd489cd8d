// The measures AdNavi knows, by name: the base measures stored on every fact (summed in SQL) and the
// derived ratios computed from those sums. Every layer (SQL, tool schemas, the planner's words)
// takes the list from here.

export const BASE_METRICS = [
  'spend',
  'impressions',
  'reach',
  'clicks',
  'link_clicks',
  'purchases',
  'revenue',
  'leads',
  'add_to_cart',
  'landing_page_views',
] as const;
export type BaseMetric = (typeof BASE_METRICS)[number];

/** Ratios of sums, computed in SQL; null when the denominator is 0. ctr and cvr are percentages. */
export const DERIVED_METRICS = ['roas', 'cpa', 'cpl', 'cpc', 'cpm', 'ctr', 'cvr'] as const;
export const METRICS = [...BASE_METRICS, ...DERIVED_METRICS] as const;
export type Metric = (typeof METRICS)[number];

/** Measures in the account's currency. */
export const MONEY_METRICS: readonly Metric[] = ['spend', 'revenue', 'cpa', 'cpl', 'cpc', 'cpm'];

/**
 * A bound on a metric over a range ("spent more than $100": spend gt 100), as list_entities takes it
 * and the planner reads it: gt/gte keep what is above, lt/lte what is below.
 */
export const BOUND_OPS = ['gt', 'gte', 'lt', 'lte'] as const;
export type BoundOp = (typeof BOUND_OPS)[number];

export interface MetricBound {
  metric: Metric;
  op: BoundOp;
  value: number;
}

/** A bound entities must be above (rather than below). */
export const isLowerBound = (op: BoundOp): boolean => op === 'gt' || op === 'gte';

/** Whether a value is past the bound. */
export function passesBound(v: number, b: { op: BoundOp; value: number }): boolean {
  if (b.op === 'gt') return v > b.value;
  if (b.op === 'gte') return v >= b.value;
  return b.op === 'lt' ? v < b.value : v <= b.value;
}
