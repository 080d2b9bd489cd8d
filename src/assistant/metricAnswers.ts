// Answers about measures: totals over a range, comparisons of two periods, and breakdowns by time or
// entity (breakdownAnswers.ts). Every number is copied from get_metrics / compare_periods output.
import { type DayRange, daysIn } from '../calendar.js';
import { BASE_METRICS, type Metric, passesBound } from '../metrics.js';
import type { ComparePeriodsOutput, GetMetricsOutput } from '../tools/schemas.js';
import {
  entityFilters,
  freshness,
  type PlanAnswer,
  type PlanContext,
  rangeText,
  subject,
  withPreposition,
} from './answerScope.js';
import { capitalize, formatChange, formatDateRange, formatMetric, metricPhrase } from './answerText.js';
import { comparisonTable, entityTable } from './payloads.js';
import { type EntityRef, OVERVIEW_METRICS, type PlannerState } from './plannerState.js';
import { HIGHER_IS_BETTER, METRIC_LABELS } from './vocabulary.js';

type MetricsOutput = GetMetricsOutput;
type CompareOutput = ComparePeriodsOutput;

/** What a lead campaign's "how is it doing?" reports instead: its revenue and ROAS are nothing. */
const LEAD_OVERVIEW_METRICS: Metric[] = ['spend', 'leads', 'cpl', 'ctr'];

const isOverview = (metrics: readonly Metric[]) => metrics.join() === OVERVIEW_METRICS.join();

/** An overview of what brought leads and no revenue is the lead measures; any other, the ones asked. */
function shownMetrics(state: PlannerState, out: MetricsOutput): Metric[] {
  if (!isOverview(state.metrics) || (out.by_currency?.length ?? 0) > 1) return state.metrics;
  const leadsOnly = !out.totals.revenue && Number(out.totals.leads ?? 0) > 0;
  return leadsOnly ? LEAD_OVERVIEW_METRICS : state.metrics;
}

export async function answerTotal(ctx: PlanContext, asked: PlannerState): Promise<PlanAnswer> {
  const extra = isOverview(asked.metrics)
    ? LEAD_OVERVIEW_METRICS.filter((m) => !asked.metrics.includes(m))
    : [];
  const out = await ctx.tools.must<MetricsOutput>('get_metrics', {
    metrics: [...asked.metrics, ...extra],
    range: asked.range,
    ...(entityFilters(asked) ? { filters: entityFilters(asked) } : {}),
  });
  const state = { ...asked, metrics: shownMetrics(asked, out) };
  const parts = state.metrics.map((m) => metricPhrase(m, out.totals[m], out.currency));
  let text = `${capitalize(parts.join(', '))}${subject(state)} ${rangeText(state, out.range)}.`;
  if (out.by_currency && out.by_currency.length > 1) {
    const each = out.by_currency.map(
      (c) =>
        `${c.currency}: ${state.metrics.map((m) => metricPhrase(m, c.totals[m], c.currency)).join(', ')}`,
    );
    text = `Your accounts use several currencies, so money is not added up across them. ${each.join('; ')} ${rangeText(state, out.range)}.`;
  }
  return { text: `${text}${boundVerdict(state, out)} ${freshness(out, ctx.now)}`, payloads: [] };
}

const VERDICT_WORDS = { gt: 'more than', gte: 'at least', lt: 'less than', lte: 'at most' } as const;

/** "did we spend more than $1000 last month?": the total, then whether it is past the bound. */
function boundVerdict(state: PlannerState, out: MetricsOutput): string {
  const bound = state.threshold;
  const [metric] = state.metrics;
  const value = out.totals[metric];
  if (!bound || state.metrics.length !== 1 || value === null || value === undefined) return '';
  if (out.by_currency && out.by_currency.length > 1) return '';
  const limit = formatMetric(metric, bound.value, out.currency);
  return ` That is ${passesBound(value, bound) ? '' : 'not '}${VERDICT_WORDS[bound.op]} ${limit}.`;
}

/** One entity's totals: the same call a single-entity total makes. */
function entityTotals(ctx: PlanContext, state: PlannerState, e: EntityRef): Promise<MetricsOutput> {
  return ctx.tools.must<MetricsOutput>('get_metrics', {
    metrics: state.metrics,
    range: state.range,
    filters: entityFilters({ ...state, entity: e })!,
  });
}

/** "Compare A and B": each entity's figures over the same range, and which is ahead on each measure. */
export async function answerEntityComparison(ctx: PlanContext, state: PlannerState): Promise<PlanAnswer> {
  const entities = state.entities ?? [];
  const outs = await Promise.all(entities.map((e) => entityTotals(ctx, state, e)));
  const label = (e: EntityRef) => subject({ ...state, entity: e }).replace(/^ for /, '');
  const first = outs[0];
  // "A and B combined": one sum over both, by the tool (never added up here); only at one level, where
  // nothing is counted twice
  if (state.combined && entities.every((e) => e.level === entities[0].level))
    return combinedAnswer(ctx, state, entities, outs, label);
  const lines = state.metrics.map((m) => {
    const each = entities.map((e, i) => `${label(e)} ${formatMetric(m, outs[i].totals[m], first.currency)}`);
    return `${capitalize(METRIC_LABELS[m])}: ${each.join(' vs ')}${leader(m, entities, outs, label, state.quality === true)}.`;
  });
  const table = entityTable(
    'Side by side',
    entities.map((e, i) => ({ id: e.ids[0], name: e.names[0], metrics: outs[i].totals })),
    state.metrics,
    first.currency,
    first.range,
  );
  return {
    text: `${capitalize(rangeText(state, first.range))}: ${lines.join(' ')} ${freshness(first, ctx.now)}`,
    payloads: [table],
  };
}

async function combinedAnswer(
  ctx: PlanContext,
  state: PlannerState,
  entities: EntityRef[],
  outs: MetricsOutput[],
  label: (e: EntityRef) => string,
): Promise<PlanAnswer> {
  const all: EntityRef = {
    level: entities[0].level,
    ids: [...new Set(entities.flatMap((e) => e.ids))],
    names: entities.flatMap((e) => e.names),
  };
  const sum = await entityTotals(ctx, state, all);
  const values = (o: MetricsOutput) =>
    state.metrics.map((m) => `${METRIC_LABELS[m]} ${formatMetric(m, o.totals[m], sum.currency)}`).join(', ');
  const each = entities.map((e, i) => `${label(e)} ${values(outs[i])}`).join('; ');
  const names = entities.map(label).join(' and ');
  return {
    text: `${capitalize(values(sum))} for ${names} combined ${rangeText(state, sum.range)} (${each}). ${freshness(sum, ctx.now)}`,
    payloads: [
      entityTable(
        'Combined',
        entities.map((e, i) => ({ id: e.ids[0], name: e.names[0], metrics: outs[i].totals })),
        state.metrics,
        sum.currency,
        sum.range,
      ),
    ],
  };
}

/**
 * Of two different values of `m`, the better and why ("the lower CPA": a cost is better lower, a
 * return or a count higher); none for spend, which is what went in, not how it did.
 */
function better(m: Metric, a: number, b: number): { first: boolean; why: string } | undefined {
  if (m === 'spend') return undefined;
  const higher = HIGHER_IS_BETTER.has(m);
  return { first: a > b === higher, why: `the ${higher ? 'higher' : 'lower'} ${METRIC_LABELS[m]}` };
}

const SPEND_NAMES_NO_WINNER = 'spend alone does not say which did better';

/**
 * " (A is higher)", " (C is highest)" among more, or nothing when a value is missing or the top is
 * tied. Asked which is better, the better one (better()).
 */
function leader(
  m: Metric,
  entities: EntityRef[],
  outs: MetricsOutput[],
  label: (e: EntityRef) => string,
  askedBetter: boolean,
): string {
  const values = outs.map((o) => o.totals[m]);
  if (values.some((v) => v === null || v === undefined)) return '';
  const nums = values as number[];
  if (nums.every((v) => v === nums[0])) return ' (the same)';
  const two = entities.length === 2;
  const top = nums.indexOf(Math.max(...nums));
  const highest = `${label(entities[top])} is ${two ? 'higher' : 'highest'}`;
  const tied = (i: number) => nums.filter((v) => v === nums[i]).length > 1;
  if (!askedBetter) return tied(top) ? '' : ` (${highest})`;
  const best = nums.reduce((b, v, i) => (better(m, v, nums[b])?.first ? i : b), 0);
  const judged = better(m, nums[best], nums[best === 0 ? 1 : 0]);
  if (!judged) return tied(top) ? '' : ` (${highest}; ${SPEND_NAMES_NO_WINNER})`;
  return tied(best) ? '' : ` (${label(entities[best])} is ${two ? 'better' : 'best'}: ${judged.why})`;
}

export async function answerCompare(ctx: PlanContext, state: PlannerState): Promise<PlanAnswer> {
  const out = await ctx.tools.must<CompareOutput>('compare_periods', {
    metrics: state.metrics,
    range: state.range,
    ...(state.compareTo ? { compare_to: state.compareTo.range } : {}),
    level:
      state.entity && state.entity.level !== 'ad'
        ? state.entity.level === 'campaign'
          ? 'adset'
          : 'ad'
        : 'campaign',
    ...(entityFilters(state) ? { filters: entityFilters(state) } : {}),
    top: 3,
  });
  const cur = `${withPreposition(state.rangeDefaulted ? 'the last 30 days' : state.rangeLabel)} (${formatDateRange(out.current.range)})`;
  const prevLabel = state.compareTo?.label ?? 'the period before';
  const prev = `${withPreposition(prevLabel)} (${formatDateRange(out.previous.range)})`;
  const lines = state.metrics.map((m) => {
    const c = formatMetric(m, out.current.totals[m], out.currency);
    const p = formatMetric(m, out.previous.totals[m], out.currency);
    const change = formatChange(out.change[m]?.percent ?? null);
    const better = betterPeriod(state, m, out);
    return `${capitalize(METRIC_LABELS[m])}${subject(state)}: ${c} ${cur} vs ${p} ${prev} (${change}).${better}`;
  });
  const movers = out.movers.filter((m) => m.absolute !== null && m.absolute !== 0);
  const moverText =
    movers.length > 0
      ? ` Biggest changes: ${movers.map((m) => `${m.name ?? m.id} (${formatMetric(m.metric, m.previous, out.currency)} → ${formatMetric(m.metric, m.current, out.currency)})`).join(', ')}.`
      : '';
  const table = comparisonTable(
    'Comparison',
    state.metrics,
    out.current.totals,
    out.previous.totals,
    out.change,
    out.currency,
    out.current.range,
  );
  return {
    text: `${lines.join(' ')}${moverText}${lengthNote(state.metrics, out.current.range, out.previous.range)} ${freshness(out, ctx.now)}`,
    payloads: [table],
  };
}

/**
 * " September 2026 was better: the higher purchases.": asked which period was better, the answer says
 * so (better()).
 */
function betterPeriod(state: PlannerState, m: Metric, out: CompareOutput): string {
  const [current, previous] = [out.current.totals[m], out.previous.totals[m]];
  if (!state.quality || current == null || previous == null) return '';
  if (current === previous) return ' The same in both.';
  const best = better(m, current, previous);
  if (!best) return ` ${capitalize(SPEND_NAMES_NO_WINNER)}.`;
  const label = best.first ? state.rangeLabel : (state.compareTo?.label ?? 'the period before');
  return ` ${capitalize(label)} was better: ${best.why}.`;
}

/**
 * "This week so far" against a whole week is a fair question but not a like-for-like total: say so
 * for totals (spend, clicks, …); ratios such as ROAS or CTR do not grow with the number of days.
 */
function lengthNote(metrics: readonly Metric[], current: DayRange, previous: DayRange): string {
  const a = daysIn(current);
  const b = daysIn(previous);
  const totals = metrics.some((m) => (BASE_METRICS as readonly string[]).includes(m));
  return a === b || !totals
    ? ''
    : ` The periods differ in length (${a} vs ${b} days), so compare totals with care.`;
}
