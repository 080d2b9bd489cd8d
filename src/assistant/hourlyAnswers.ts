// Questions about hours of one day: "spend by hour today", "what hour had the most clicks yesterday",
// "how are we pacing today vs the same time yesterday". Hourly facts are kept for today and
// yesterday (the intraday refresh), in the account's time zone; every number is copied from
// get_metrics (group_by hour) or compare_periods (same_hours), and the answer says through which hour
// the data is known, so today's still-running hour never passes for a whole one.
import { addDays, todayIn } from '../calendar.js';
import { BASE_METRICS, type Metric, MONEY_METRICS } from '../metrics.js';
import type { ComparePeriodsOutput, GetMetricsOutput, RangeInput } from '../tools/schemas.js';
import {
  entityFilters,
  freshness,
  type PlanAnswer,
  type PlanContext,
  rangeText,
  subject,
} from './answerScope.js';
import { capitalize, formatChange, formatDateRange, formatMetric, nameList } from './answerText.js';
import { seriesPayload } from './payloads.js';
import { type PlannerState, rankDirection } from './plannerState.js';
import { rangeLength } from './timeExpressions.js';
import { METRIC_LABELS } from './vocabulary.js';

type MetricsOutput = GetMetricsOutput;
type CompareOutput = ComparePeriodsOutput;
type Row = NonNullable<MetricsOutput['rows']>[number];
type Hours = NonNullable<MetricsOutput['hours']>;

const TODAY: RangeInput = { preset: 'today' };

/** The one day asked about (today when none was given); undefined when the question named several. */
function oneDay(ctx: PlanContext, state: PlannerState): PlannerState | undefined {
  if (state.rangeDefaulted) return { ...state, range: TODAY, rangeLabel: 'today', rangeDefaulted: false };
  return rangeLength(state.range, todayIn('UTC', ctx.now)) === 1 ? state : undefined;
}

const KEPT = 'hourly numbers are kept for today and yesterday only (the hourly refresh fetches them)';

const hourEnd = (h: number) => `${String(h).padStart(2, '0')}:59`;

/** "14:10 America/Los_Angeles time" for when the hours were fetched. */
function fetchedAt(hours: Hours, zone: string): string {
  if (!hours.as_of) return '';
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(hours.as_of));
}

/** Today's last hour is still running when the data was fetched on the day itself. */
function runningHour(out: MetricsOutput): number | undefined {
  const h = out.hours;
  if (!h?.as_of || h.through_hour < 0) return undefined;
  return todayIn(out.range.time_zone, new Date(h.as_of)) === out.range.until ? h.through_hour : undefined;
}

function noHours(
  ctx: PlanContext,
  state: PlannerState,
  range: { since: string; until: string; time_zone: string },
): string {
  const today = todayIn(range.time_zone, ctx.now);
  const recent = range.until === today || range.until === addDays(today, -1);
  const day = `${state.rangeLabel} (${formatDateRange(range)})`;
  return recent
    ? `I can't show hours for ${day} yet: the hourly refresh has not fetched that day (a sync of today and yesterday adds it).`
    : `I can't show hours for ${day}: ${KEPT}.`;
}

/** "the most clicks", "the lowest CPC": a count is more or fewer, an amount or a rate higher or lower. */
function extremeWord(metric: Metric, direction: 'asc' | 'desc'): string {
  const counted = (BASE_METRICS as readonly Metric[]).includes(metric) && !MONEY_METRICS.includes(metric);
  if (counted) return direction === 'asc' ? 'fewest' : 'most';
  return direction === 'asc' ? 'lowest' : 'highest';
}

export async function answerHourly(ctx: PlanContext, asked: PlannerState): Promise<PlanAnswer> {
  const state = oneDay(ctx, asked);
  if (!state)
    return {
      text: `Hours can be shown for a single day: ${KEPT}, so ask about one of those days.`,
      payloads: [],
    };
  const out = await ctx.tools.must<MetricsOutput>('get_metrics', {
    metrics: state.metrics,
    range: state.range,
    group_by: 'hour',
    ...(entityFilters(state) ? { filters: entityFilters(state) } : {}),
  });
  const hours = out.hours!;
  if (!hours.as_of)
    return { text: `${noHours(ctx, state, out.range)} ${freshness(out, ctx.now)}`, payloads: [] };
  const zone = out.range.time_zone;
  const running = runningHour(out);
  const rows = out.rows ?? [];
  const label = (r: Row) => `${r.key}${Number(r.key.slice(0, 2)) === running ? ' (still running)' : ''}`;
  const metric = state.metrics[0];
  const values = (r: Row) =>
    state.metrics
      .map((m) => `${METRIC_LABELS[m]} ${formatMetric(m, r.metrics[m], r.currency ?? out.currency)}`)
      .join(', ');
  const measures = nameList(state.metrics.map((m) => METRIC_LABELS[m]));
  const totals = state.metrics.map(
    (m) => `${METRIC_LABELS[m]} ${formatMetric(m, out.totals[m], out.currency)}`,
  );
  const through =
    running === undefined
      ? 'all 24 hours'
      : `through ${hourEnd(hours.through_hour)} (fetched at ${fetchedAt(hours, zone)}, so the last hour is still running)`;
  const whole = rows.filter(
    (r) =>
      Number(r.key.slice(0, 2)) !== running && r.metrics[metric] !== null && r.metrics[metric] !== undefined,
  );
  const ranked = [...whole].sort((a, b) => (b.metrics[metric] ?? 0) - (a.metrics[metric] ?? 0));
  const lead = `${capitalize(measures)}${subject(state)} by hour ${rangeText(state, out.range)}, ${through}, in ${zone} time: total ${totals.join(', ')}.`;
  let body: string;
  if (state.direction) {
    const direction = rankDirection(state, metric, state.quality === true);
    const order = direction === 'asc' ? [...ranked].reverse() : ranked;
    const word = extremeWord(metric, direction);
    const top = order[0];
    body = top
      ? `\nThe hour with the ${word} ${METRIC_LABELS[metric]} was ${top.key}–${hourEnd(Number(top.key.slice(0, 2)))}: ${formatMetric(metric, top.metrics[metric], top.currency ?? out.currency)}.` +
        (order.length > 1
          ? ` Next: ${order
              .slice(1, 3)
              .map((r) => `${r.key} (${formatMetric(metric, r.metrics[metric], r.currency ?? out.currency)})`)
              .join(', ')}.`
          : '')
      : '\nNo hour has ended yet, so none can be picked out.';
  } else {
    const lines = rows.map((r) => `\n- ${label(r)}: ${values(r)}`).join('');
    const hi = ranked[0];
    const lo = ranked.at(-1);
    const extremes =
      hi && lo && ranked.length > 1
        ? `\nHighest ${METRIC_LABELS[metric]}: ${hi.key} (${formatMetric(metric, hi.metrics[metric], out.currency)}); lowest: ${lo.key} (${formatMetric(metric, lo.metrics[metric], out.currency)}).`
        : '';
    body = `${lines}${extremes}`;
  }
  const chart = seriesPayload(
    `${capitalize(measures)} by hour`,
    'line', // hours are a time axis, like days
    rows.map((r) => ({ x: r.key, values: r.metrics })),
    state.metrics,
    out.currency,
    (x) => Number(x.slice(0, 2)) === running,
  );
  return { text: `${lead}${body}\n${freshness(out, ctx.now)}`, payloads: [chart] };
}

/** "are we pacing ahead of yesterday?": pacing is today's; a lone "yesterday" is what it is held against. */
function yesterdayIsTheBase(state: PlannerState): PlannerState {
  if (state.compareTo || !('preset' in state.range) || state.range.preset !== 'yesterday') return state;
  return {
    ...state,
    range: TODAY,
    rangeLabel: 'today',
    compareTo: { range: { preset: 'yesterday' }, label: 'yesterday' },
  };
}

export async function answerPacing(ctx: PlanContext, question: PlannerState): Promise<PlanAnswer> {
  const asked = yesterdayIsTheBase(question);
  const state = oneDay(ctx, asked) ?? { ...asked, range: TODAY, rangeLabel: 'today', rangeDefaulted: false };
  const compareTo =
    state.compareTo && rangeLength(state.compareTo.range, todayIn('UTC', ctx.now)) === 1
      ? state.compareTo
      : undefined;
  const out = await ctx.tools.must<CompareOutput>('compare_periods', {
    metrics: state.metrics,
    range: state.range,
    ...(compareTo ? { compare_to: compareTo.range } : {}),
    same_hours: true,
    ...(entityFilters(state) ? { filters: entityFilters(state) } : {}),
    top: 3,
  });
  const hours = out.hours!;
  const zone = out.current.range.time_zone;
  const cur = `${state.rangeLabel} (${formatDateRange(out.current.range)})`;
  const prev = `${compareTo?.label ?? (state.rangeLabel === 'today' ? 'yesterday' : 'the day before')} (${formatDateRange(out.previous.range)})`;
  if (!hours.as_of)
    return { text: `${noHours(ctx, state, out.current.range)} ${freshness(out, ctx.now)}`, payloads: [] };
  if (hours.through_hour < 0)
    return {
      text: `No hour of ${cur} had ended when the data was fetched (${fetchedAt(hours, zone)} ${zone} time), so there is nothing to compare with ${prev} yet. ${freshness(out, ctx.now)}`,
      payloads: [],
    };
  const span = `00:00–${hourEnd(hours.through_hour)}`;
  const lines = state.metrics.map((m) => {
    const c = formatMetric(m, out.current.totals[m], out.currency);
    const p = formatMetric(m, out.previous.totals[m], out.currency);
    return `${capitalize(METRIC_LABELS[m])}${subject(state)}: ${c} vs ${p} (${formatChange(out.change[m]?.percent ?? null)}).`;
  });
  const movers = out.movers.filter((m) => m.absolute !== null && m.absolute !== 0);
  const moverText =
    movers.length > 0
      ? ` Biggest changes: ${movers.map((m) => `${m.name ?? m.id} (${formatMetric(m.metric, m.previous, out.currency)} → ${formatMetric(m.metric, m.current, out.currency)})`).join(', ')}.`
      : '';
  const intro = `Pacing ${cur} vs ${prev}, the same hours of each (${span} ${zone} time: the hours that had ended when the data was fetched at ${fetchedAt(hours, zone)}).`;
  return {
    text: `${intro} ${lines.join(' ')}${moverText} ${freshness(out, ctx.now)}`,
    payloads: [],
  };
}
