// Structured data beside an answer's text, for tables and charts in the web chat: tables for listings
// and rankings, a line series for by-day (week, month) breakdowns, bars for by-entity breakdowns.
// Values are copied from tool output as they are; nothing is computed here.
import { type Metric, MONEY_METRICS } from '../tools/schemas.js';
import type { AnswerPayload, MetricUnit } from './types.js';
import { METRIC_LABELS } from './vocabulary.js';

type Column = Extract<AnswerPayload, { kind: 'table' }>['columns'][number];

function metricFormat(metric: Metric): Column['format'] {
  if (MONEY_METRICS.includes(metric)) return 'money';
  if (metric === 'ctr' || metric === 'cvr') return 'percent';
  if (metric === 'roas') return 'ratio';
  return 'number';
}

export function metricUnit(metric: Metric): MetricUnit {
  const format = metricFormat(metric);
  return format === 'number' ? 'count' : (format as MetricUnit);
}

function metricColumns(metrics: Metric[]): Column[] {
  return metrics.map((m) => ({ key: m, label: METRIC_LABELS[m], format: metricFormat(m) }));
}

export interface EntityRowLike {
  id: string;
  name: string | null;
  effective_status?: string | null;
  metrics: Record<string, number | null>;
}

/** A table of entities (listing, ranking, no-spend) with their status and metrics. */
export function entityTable(
  title: string,
  rows: EntityRowLike[],
  metrics: Metric[],
  currency: string | null,
): AnswerPayload {
  return {
    kind: 'table',
    title,
    columns: [
      { key: 'name', label: 'Name', format: 'text' },
      { key: 'status', label: 'Status', format: 'text' },
      ...metricColumns(metrics),
    ],
    rows: rows.map((r) => ({
      id: r.id,
      name: r.name,
      status: r.effective_status ?? null,
      ...Object.fromEntries(metrics.map((m) => [m, r.metrics[m] ?? null])),
    })),
    ...(currency ? { currency } : {}),
  };
}

/** Two periods side by side, with the change. */
export function comparisonTable(
  title: string,
  metrics: Metric[],
  current: Record<string, number | null>,
  previous: Record<string, number | null>,
  change: Record<string, { absolute: number | null; percent: number | null }>,
  currency: string | null,
): AnswerPayload {
  return {
    kind: 'table',
    title,
    columns: [
      { key: 'metric', label: 'Metric', format: 'text' },
      { key: 'current', label: 'Current', format: 'number' },
      { key: 'previous', label: 'Previous', format: 'number' },
      { key: 'change_percent', label: 'Change %', format: 'percent' },
    ],
    rows: metrics.map((m) => ({
      metric: METRIC_LABELS[m],
      current: current[m] ?? null,
      previous: previous[m] ?? null,
      change_percent: change[m]?.percent ?? null,
    })),
    ...(currency ? { currency } : {}),
  };
}

/** A chart: line for dates, bars for entities. */
export function seriesPayload(
  title: string,
  chart: 'line' | 'bar',
  points: { x: string; values: Record<string, number | null> }[],
  metrics: Metric[],
  currency: string | null,
): AnswerPayload {
  return {
    kind: 'series',
    title,
    chart,
    points: points.map((p) => ({
      x: p.x,
      values: Object.fromEntries(metrics.map((m) => [m, p.values[m] ?? null])),
    })),
    metrics,
    units: Object.fromEntries(metrics.map((m) => [m, metricUnit(m)])),
    ...(currency ? { currency } : {}),
  };
}
