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
