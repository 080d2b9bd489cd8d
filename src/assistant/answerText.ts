// How numbers, ranges and freshness read in an answer: money in the account currency (en-US:
// $1,234.56, €1,234.56), ratios like "ROAS 2.41", percentages like "1.85%", ranges like
// "Nov 1 – Nov 24, 2026", freshness like "data synced 5 minutes ago". Only formats numbers it is given.
import { formatChange as formatChangeShared, formatUnit, metricUnit } from '../display/numbers.js';
import type { Metric } from '../tools/schemas.js';
import { METRIC_LABELS } from './vocabulary.js';

export { formatBucket, formatDateRange } from '../display/dates.js';
export { formatMoney } from '../display/numbers.js';

/** One metric value as a person reads it; null (a zero denominator) says why there is no number. */
export function formatMetric(
  metric: Metric,
  value: number | null | undefined,
  currency: string | null,
): string {
  return formatUnit(value, metricUnit(metric), currency);
}

/** "spend $1,234.56" / "ROAS 2.41" / "CTR 1.85%". */
export function metricPhrase(
  metric: Metric,
  value: number | null | undefined,
  currency: string | null,
): string {
  const text = formatMetric(metric, value, currency);
  if (text === 'n/a') return `${METRIC_LABELS[metric]} n/a (${nullReason(metric)})`;
  return `${METRIC_LABELS[metric]} ${text}`;
}

function nullReason(metric: Metric): string {
  const denominators: Partial<Record<Metric, string>> = {
    roas: 'no spend',
    cpa: 'no purchases',
    cpl: 'no leads',
    cpc: 'no clicks',
    cpm: 'no impressions',
    ctr: 'no impressions',
    cvr: 'no clicks',
  };
  return denominators[metric] ?? 'no data';
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "data synced 5 minutes ago" (or "not synced yet"). */
export function formatFreshness(dataAsOf: string | null | undefined, now: Date): string {
  if (!dataAsOf) return 'data not synced yet';
  const seconds = Math.max(0, Math.round((now.getTime() - new Date(dataAsOf).getTime()) / 1000));
  if (seconds < 60) return 'data synced just now';
  const units: [number, string][] = [
    [86_400, 'day'],
    [3_600, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, unit] of units) {
    const n = Math.floor(seconds / size);
    if (n >= 1) return `data synced ${n} ${unit}${n === 1 ? '' : 's'} ago`;
  }
  return 'data synced just now';
}

/** A list of names for a sentence: "A, B and C" (at most `max`, then "and N more"). */
export function nameList(names: string[], max = 10): string {
  const shown = names.slice(0, max);
  const more = names.length - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** Names with repeats counted ("Carousel – Bestsellers ×6"): ad names repeat across ad sets. */
export function countedNames(names: string[]): string[] {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts].map(([name, n]) => (n > 1 ? `${name} ×${n}` : name));
}

/** "+12.3%" / "−4.0%" / "n/a (…)" for a percent change in a sentence. */
export function formatChange(percent: number | null): string {
  return percent === null ? 'n/a (nothing to compare against)' : formatChangeShared(percent);
}
