// Breakdowns by day/week/month or by campaign/ad set/ad, for every measure asked ("spend and revenue
// by day"). The rows are written out in the text too, because the CLI and MCP clients show no chart:
// up to MAX_ROWS (a time series: its latest MAX_TIME_ROWS), then "and N more". A first or last time
// bucket that covers only part of its week or month (or today, still running) is labelled partial and
// never called the highest or lowest.
import { addDays, addMonths, todayIn } from '../calendar.js';
import type { GetMetricsOutput, Metric } from '../tools/schemas.js';
import {
  entityFilters,
  freshness,
  type PlanAnswer,
  type PlanContext,
  rangeText,
  subject,
} from './answerScope.js';
import { capitalize, formatBucket, formatMetric, nameList } from './answerText.js';
import type { GroupBy } from './intentParser.js';
import type { ListedEntities } from './ordinalPicks.js';
import { seriesPayload } from './payloads.js';
import { type PlannerState, rankDirection } from './plannerState.js';
import { METRIC_LABELS } from './vocabulary.js';

type MetricsOutput = GetMetricsOutput;
type Row = NonNullable<MetricsOutput['rows']>[number];
type TimeBucket = 'day' | 'week' | 'month';

export const MAX_ROWS = 10;
/** A time series lists its latest buckets: a fortnight of days (Meta's last 14 days) whole. */
const MAX_TIME_ROWS = 14;

function bucketEnd(bucket: TimeBucket, first: string): string {
  if (bucket === 'day') return first;
  if (bucket === 'week') return addDays(first, 6);
  return addDays(addMonths(first, 1), -1);
}

function isPartial(bucket: TimeBucket, key: string, range: { since: string; until: string }, today: string) {
  const end = bucketEnd(bucket, key);
  return key < range.since || end > range.until || end >= today;
}

function values(metrics: Metric[], row: Row, currency: string | null): string {
  return metrics
    .map((m) => `${METRIC_LABELS[m]} ${formatMetric(m, row.metrics[m], row.currency ?? currency)}`)
    .join(', ');
}

const valuedRows = (metric: Metric, rows: Row[]) =>
  rows.filter((r) => r.metrics[metric] !== null && r.metrics[metric] !== undefined);

/** "Oct 15, 2026 ($501.15)": a bucket and its value. */
const bucketValue = (metric: Metric, bucket: TimeBucket, currency: string | null) => (r: Row) =>
  `${formatBucket(bucket, r.key)} (${formatMetric(metric, r.metrics[metric], currency)})`;

function extremes(metric: Metric, rows: Row[], bucket: TimeBucket, currency: string | null): string {
  const valued = valuedRows(metric, rows);
  if (valued.length < 2) return '';
  const hi = valued.reduce((a, b) => (b.metrics[metric]! > a.metrics[metric]! ? b : a));
  const lo = valued.reduce((a, b) => (b.metrics[metric]! < a.metrics[metric]! ? b : a));
  const f = bucketValue(metric, bucket, currency);
  return `Highest ${METRIC_LABELS[metric]}: ${f(hi)}; lowest: ${f(lo)}.`;
}

/** How many buckets "which day had the most …?" names, best first. */
const RANKED_BUCKETS = 5;

/**
 * "Which day had the most revenue?", "our worst week for CPA": the whole buckets in the order asked
 * (the first is the answer), before the series itself.
 */
function rankedBuckets(
  state: PlannerState,
  metric: Metric,
  whole: Row[],
  bucket: TimeBucket,
  currency: string | null,
): string {
  const direction = rankDirection(state, metric, state.quality === true);
  const valued = valuedRows(metric, whole);
  if (valued.length === 0) return '';
  const sign = direction === 'desc' ? -1 : 1;
  const top = valued
    .sort((a, b) => sign * (a.metrics[metric]! - b.metrics[metric]!) || a.key.localeCompare(b.key))
    .slice(0, RANKED_BUCKETS)
    .map(bucketValue(metric, bucket, currency));
  const order = direction === 'desc' ? 'highest' : 'lowest';
  return `${capitalize(bucket)}s by ${METRIC_LABELS[metric]}, ${order} first: ${top.join(', ')}.\n`;
}

export async function answerBreakdown(ctx: PlanContext, state: PlannerState): Promise<PlanAnswer> {
  const groupBy = state.groupBy ?? 'campaign';
  const byTime = groupBy === 'day' || groupBy === 'week' || groupBy === 'month';
  const metric = state.metrics[0];
  const out = await ctx.tools.must<MetricsOutput>('get_metrics', {
    metrics: state.metrics,
    range: state.range,
    group_by: groupBy,
    ...(entityFilters(state) ? { filters: entityFilters(state) } : {}),
    ...(byTime ? {} : { sort: { by: metric, direction: 'desc' } }),
    limit: 500,
  });
  const rows = [...(out.rows ?? [])];
  if (byTime) rows.sort((a, b) => a.key.localeCompare(b.key));
  const today = todayIn(out.range.time_zone, ctx.now);
  const partial = (r: Row) => byTime && isPartial(groupBy, r.key, out.range, today);
  const label = (r: Row) =>
    byTime ? `${formatBucket(groupBy, r.key)}${partial(r) ? ' (partial)' : ''}` : (r.label ?? r.key);
  const byWord = groupBy === 'adset' ? 'ad set' : groupBy;
  const measures = nameList(state.metrics.map((m) => METRIC_LABELS[m]));
  const totals = state.metrics.map(
    (m) => `${METRIC_LABELS[m]} ${formatMetric(m, out.totals[m], out.currency)}`,
  );
  const intro = `${capitalize(measures)}${subject(state)} by ${byWord} ${rangeText(state, out.range)}: total ${totals.join(', ')}.`;
  // a time series lists its latest buckets (the ones people ask about), an entity list its top rows
  const shown = byTime ? rows.slice(-MAX_TIME_ROWS) : rows.slice(0, MAX_ROWS);
  const hidden = rows.length - shown.length;
  const coarser = groupBy === 'day' ? ' or by week' : groupBy === 'week' ? ' or by month' : '';
  const earlier =
    byTime && hidden > 0
      ? `\n(${hidden} earlier ${groupBy}s not listed: the table in the web chat has them all; or ask for a shorter range${coarser}.)`
      : '';
  const more =
    !byTime && hidden > 0
      ? `\n…and ${hidden} more (the chart in the web chat has them all; or ask for the top ${MAX_ROWS}).`
      : '';
  const lines = shown.map((r) => `\n- ${label(r)}: ${values(state.metrics, r, out.currency)}`);
  const whole = rows.filter((r) => !partial(r));
  const detail = byTime ? extremes(metric, whole, groupBy, out.currency) : '';
  const ranked = byTime && state.direction ? rankedBuckets(state, metric, whole, groupBy, out.currency) : '';
  const partialNote =
    byTime && whole.length < rows.length
      ? ` Buckets marked partial cover only part of their ${groupBy} (or today, still running), so they are not compared.`
      : '';
  const weekNote = groupBy === 'week' ? ' Weeks start on Monday.' : '';
  const chart = seriesPayload(
    `${capitalize(measures)} by ${byWord}`,
    byTime ? 'line' : 'bar',
    rows.map((r) => ({ x: byTime ? r.key : (r.label ?? r.key), values: r.metrics })),
    state.metrics,
    out.currency,
    byTime ? (x) => isPartial(groupBy, x, out.range, today) : undefined,
  );
  return {
    text: `${ranked}${intro}${earlier}${lines.join('')}${more}\n${detail}${partialNote}${weekNote} ${freshness(out, ctx.now)}`.replace(
      /\n +/g,
      '\n',
    ),
    payloads: [chart],
    listed: entityRows(groupBy, shown),
  };
}

/** A breakdown by campaign, ad set or ad lists them in its order (their status unread): "the second one". */
function entityRows(groupBy: GroupBy, rows: Row[]): ListedEntities | undefined {
  if ((groupBy !== 'campaign' && groupBy !== 'adset' && groupBy !== 'ad') || rows.length < 2)
    return undefined;
  return {
    level: groupBy,
    ids: rows.map((r) => r.key),
    names: rows.map((r) => r.label ?? r.key),
    statuses: rows.map(() => null),
  };
}
