// What a model-written answer shows beside its text, built from the tool outputs and never from the
// model's words: the same tables and charts the planner draws for listings, breakdowns and
// comparisons, and a closing line with the date range each figure covers (in the account's time zone)
// and how fresh the data is. Whoever writes the text, the person sees where the numbers come from.
// Only successful calls count; their outputs were checked against the tool's schema by the registry.
import type { z } from 'zod';
import {
  comparePeriodsOutput,
  getMetricsInput,
  getMetricsOutput,
  type Level,
  listEntitiesOutput,
  METRICS,
  type Metric,
} from '../tools/schemas.js';
import { capitalize, formatDateRange, formatFreshness } from './answerText.js';
import { comparisonTable, entityTable, seriesPayload } from './payloads.js';
import type { AnswerPayload, ToolCallRecord } from './types.js';
import { LEVEL_LABELS, METRIC_LABELS } from './vocabulary.js';

type Range = { since: string; until: string; time_zone: string };

export interface ToolOutputShape {
  payloads: AnswerPayload[];
  /** "Nov 20 – Nov 24, 2026 (UTC); data synced 5 minutes ago." — undefined when no call had a range. */
  sourceLine?: string;
}

const BY_TIME = new Set(['day', 'week', 'month']);
const GROUP_WORDS: Record<string, string> = { adset: 'ad set' };

function metricsOf(values: Record<string, unknown>): Metric[] {
  return METRICS.filter((m) => m in values);
}

interface Collected {
  payloads: AnswerPayload[];
  ranges: string[];
  dataAsOf: (string | null)[];
  syncedSince: string[];
}

function addRange(c: Collected, range: Range, previous?: Range): void {
  const text = previous
    ? `${formatDateRange(range)} vs ${formatDateRange(previous)} (${range.time_zone})`
    : `${formatDateRange(range)} (${range.time_zone})`;
  if (!c.ranges.includes(text)) c.ranges.push(text);
}

function listing(c: Collected, out: z.output<typeof listEntitiesOutput>): void {
  addRange(c, out.range);
  if (out.rows.length === 0) return;
  const level: Level = out.level;
  c.payloads.push(
    entityTable(capitalize(LEVEL_LABELS[level].many), out.rows, metricsOf(out.rows[0].metrics), out.currency),
  );
}

function metrics(c: Collected, input: unknown, out: z.output<typeof getMetricsOutput>): void {
  addRange(c, out.range);
  const groupBy = getMetricsInput.safeParse(input).data?.group_by;
  if (!groupBy || !out.rows || out.rows.length === 0) return;
  const byTime = BY_TIME.has(groupBy);
  const rows = byTime ? [...out.rows].sort((a, b) => a.key.localeCompare(b.key)) : out.rows;
  const shown = metricsOf(out.totals);
  const title = `${capitalize(shown.map((m) => METRIC_LABELS[m]).join(', '))} by ${GROUP_WORDS[groupBy] ?? groupBy}`;
  const points = rows.map((r) => ({ x: byTime ? r.key : (r.label ?? r.key), values: r.metrics }));
  c.payloads.push(seriesPayload(title, byTime ? 'line' : 'bar', points, shown, out.currency));
}

function comparison(c: Collected, out: z.output<typeof comparePeriodsOutput>): void {
  addRange(c, out.current.range, out.previous.range);
  const shown = metricsOf(out.current.totals);
  c.payloads.push(
    comparisonTable('Comparison', shown, out.current.totals, out.previous.totals, out.change, out.currency),
  );
}

/** Tables, charts and the source line for the successful calls, in the order they ran. */
export function shapeFromToolCalls(calls: ToolCallRecord[], now: Date): ToolOutputShape {
  const c: Collected = { payloads: [], ranges: [], dataAsOf: [], syncedSince: [] };
  for (const call of calls) {
    if (call.error) continue;
    const seen = readCall(c, call);
    if (!seen) continue;
    c.dataAsOf.push(seen.data_as_of);
    if (seen.synced_since) c.syncedSince.push(seen.synced_since);
  }
  if (c.ranges.length === 0) return { payloads: c.payloads };
  return { payloads: c.payloads, sourceLine: sourceLine(c, now) };
}

type Freshness = { data_as_of: string | null; synced_since?: string };

function readCall(c: Collected, call: ToolCallRecord): Freshness | undefined {
  if (call.name === 'list_entities') {
    const out = listEntitiesOutput.safeParse(call.output);
    if (out.success) listing(c, out.data);
    return out.data;
  }
  if (call.name === 'get_metrics') {
    const out = getMetricsOutput.safeParse(call.output);
    if (out.success) metrics(c, call.input, out.data);
    return out.data;
  }
  if (call.name === 'compare_periods') {
    const out = comparePeriodsOutput.safeParse(call.output);
    if (out.success) comparison(c, out.data);
    return out.data;
  }
  return undefined;
}

/** The oldest sync among the calls is the honest freshness of the answer as a whole. */
function sourceLine(c: Collected, now: Date): string {
  const times = c.dataAsOf.filter((t): t is string => t !== null).sort();
  const fresh = c.dataAsOf.includes(null) ? formatFreshness(null, now) : formatFreshness(times[0], now);
  const dates = `${c.ranges.length === 1 ? 'Date range' : 'Date ranges'}: ${c.ranges.join('; ')}`;
  let line = `${dates}; ${fresh}.`;
  const first = c.syncedSince.sort().at(-1);
  if (first)
    line += ` Data is synced from ${formatDateRange({ since: first, until: first })} only, so earlier days are not included.`;
  return line;
}
