// Structured data beside an answer's text, for tables and charts in the web chat: tables for listings
// and rankings, a line series for by-day (week, month) breakdowns, bars for by-entity breakdowns.
// Values are copied from tool output as they are; nothing is computed here but which unit a measure
// is in (src/display decides, for every surface).
import type { DayRange } from '../calendar.js';
import { metricName, metricUnit } from '../display/numbers.js';
import type { Metric } from '../tools/schemas.js';
import { capitalize } from './answerText.js';
import type { AnswerPayload } from './types.js';

type Column = Extract<AnswerPayload, { kind: 'table' }>['columns'][number];

function metricFormat(metric: Metric): Column['format'] {
  const unit = metricUnit(metric);
  return unit === 'count' ? 'number' : unit;
}

function metricColumns(metrics: Metric[]): Column[] {
  return metrics.map((m) => ({ key: m, label: metricName(m), format: metricFormat(m) }));
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
  range?: DayRange,
): AnswerPayload {
  return {
    kind: 'table',
    title,
    ...(range ? { range: { since: range.since, until: range.until } } : {}),
    columns: [
      { key: 'name', label: 'Name', format: 'text' },
      { key: 'status', label: 'Status', format: 'status' },
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

/** Entities counted under each parent ("ad sets per campaign"). */
export function countTable(
  title: string,
  parentLabel: string,
  rows: { id: string; name: string; count: number }[],
): AnswerPayload {
  return {
    kind: 'table',
    title,
    columns: [
      { key: 'name', label: capitalize(parentLabel), format: 'text' },
      { key: 'count', label: 'Count', format: 'number' },
    ],
    rows: rows.map((r) => ({ id: r.id, name: r.name, count: r.count })),
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
  range?: DayRange,
): AnswerPayload {
  return {
    kind: 'table',
    title,
    ...(range ? { range: { since: range.since, until: range.until } } : {}),
    columns: [
      { key: 'metric', label: 'Measure', format: 'text' },
      { key: 'current', label: 'Current', format: 'number', unitKey: 'unit' },
      { key: 'previous', label: 'Previous', format: 'number', unitKey: 'unit' },
      { key: 'change_percent', label: 'Change', format: 'change' },
    ],
    rows: metrics.map((m) => ({
      metric: metricName(m),
      unit: metricUnit(m),
      current: current[m] ?? null,
      previous: previous[m] ?? null,
      change_percent: change[m]?.percent ?? null,
    })),
    ...(currency ? { currency } : {}),
  };
}

/**
 * A chart: line for dates, bars for entities. `isPartial` marks the time buckets the range covers only
 * in part (or still running), so the chart does not draw a short week like a drop.
 */
export function seriesPayload(
  title: string,
  chart: 'line' | 'bar',
  points: { x: string; values: Record<string, number | null> }[],
  metrics: Metric[],
  currency: string | null,
  isPartial?: (x: string) => boolean,
): AnswerPayload {
  return {
    kind: 'series',
    title,
    chart,
    points: points.map((p) => ({
      x: p.x,
      values: Object.fromEntries(metrics.map((m) => [m, p.values[m] ?? null])),
      ...(isPartial?.(p.x) ? { partial: true } : {}),
    })),
    metrics,
    units: Object.fromEntries(metrics.map((m) => [m, metricUnit(m)])),
    ...(currency ? { currency } : {}),
  };
}
