// How every number reads, on every surface: the answer text (src/assistant), the web app's tables,
// charts and Campaigns page, and CSV headers. en-US; money in the account currency ($1,234.56,
// €1,234.56), percentages like 1.85% (the tools return 1.85 for 1.85%), ratios like 2.41, changes like
// +12.3% / −11.9%. Imports only the measure lists: it is bundled into the web app. Formats the numbers
// it is given and computes nothing.
import { MONEY_METRICS } from '../metrics.js';

/** What a measure's number is: it decides the format and which axis a chart may share. */
export type Unit = 'money' | 'percent' | 'ratio' | 'count';

export function metricUnit(metric: string): Unit {
  if ((MONEY_METRICS as readonly string[]).includes(metric)) return 'money';
  if (metric === 'ctr' || metric === 'cvr') return 'percent';
  if (metric === 'roas') return 'ratio';
  return 'count';
}

/** Sums (spend, clicks…) are 0 over no delivery; ratios have no value without a denominator. */
export function isRatioMetric(metric: string): boolean {
  return ['roas', 'cpa', 'cpl', 'cpc', 'cpm', 'ctr', 'cvr'].includes(metric);
}

/** A measure's proper name for a heading or a table row: "Spend", "ROAS", "Link clicks". */
export const METRIC_NAMES: Record<string, string> = {
  spend: 'Spend',
  impressions: 'Impressions',
  reach: 'Reach',
  clicks: 'Clicks',
  link_clicks: 'Link clicks',
  purchases: 'Purchases',
  revenue: 'Revenue',
  leads: 'Leads',
  add_to_cart: 'Adds to cart',
  landing_page_views: 'Landing page views',
  roas: 'ROAS',
  cpa: 'CPA',
  cpl: 'CPL',
  cpc: 'CPC',
  cpm: 'CPM',
  ctr: 'CTR',
  cvr: 'Conversion rate',
};

export function metricName(metric: string): string {
  return METRIC_NAMES[metric] ?? metric.charAt(0).toUpperCase() + metric.slice(1).replaceAll('_', ' ');
}

const moneyFormats = new Map<string, Intl.NumberFormat>();
const countFormats = new Map<number, Intl.NumberFormat>();

export function formatCount(value: number, maxDigits = 2): string {
  let f = countFormats.get(maxDigits);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { maximumFractionDigits: maxDigits });
    countFormats.set(maxDigits, f);
  }
  return f.format(value);
}

/** $1,234.56; with no single currency (accounts in several) the amount says so instead of guessing. */
export function formatMoney(value: number, currency: string | null | undefined): string {
  if (!currency) return `${formatCount(value, 2)} (mixed currencies)`;
  let f = moneyFormats.get(currency);
  if (!f) {
    f = new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency,
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    moneyFormats.set(currency, f);
  }
  return f.format(value);
}

export function formatPercent(value: number): string {
  return `${value.toFixed(2)}%`;
}

export function formatRatio(value: number): string {
  return value.toFixed(2);
}

/** "+12.3%" / "−4.0%" (a real minus sign) / "±0.0%"; null (nothing to compare against) is "n/a". */
export function formatChange(percent: number | null | undefined): string {
  if (percent === null || percent === undefined) return 'n/a';
  const sign = percent > 0 ? '+' : percent < 0 ? '−' : '±';
  return `${sign}${Math.abs(percent).toFixed(1)}%`;
}

/** One value in its unit; null is "n/a" (a ratio without a denominator), never 0. */
export function formatUnit(
  value: number | null | undefined,
  unit: Unit,
  currency: string | null | undefined,
): string {
  if (value === null || value === undefined) return 'n/a';
  if (unit === 'money') return formatMoney(value, currency);
  if (unit === 'percent') return formatPercent(value);
  if (unit === 'ratio') return formatRatio(value);
  return formatCount(value);
}

/** Compact axis ticks: $12K, 1.2M, 3.5%. Tooltips and tables keep the exact formatUnit text. */
export function formatTick(value: number, unit: Unit, currency: string | null | undefined): string {
  if (unit === 'percent') return `${formatCount(value, 2)}%`;
  if (unit === 'ratio') return formatCount(value, 2);
  const compact = new Intl.NumberFormat('en-US', {
    notation: 'compact',
    maximumFractionDigits: 1,
    ...(unit === 'money' && currency ? { style: 'currency', currency } : {}),
  });
  return compact.format(value);
}
