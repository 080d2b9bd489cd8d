// Answers about entities: listings and counts by status, rankings by a measure, the entities past one
// bound or several at once, and the entities with no spend. Every number is copied from list_entities
// output.
import { LEVELS } from '../db/entities.js';
import { BASE_METRICS, type BoundOp, isLowerBound } from '../metrics.js';
import type { Metric } from '../tools/schemas.js';
import {
  type EntityRow,
  freshness,
  type ListOutput,
  levelPhrase,
  listedOf,
  listRows,
  type PlanAnswer,
  type PlanContext,
  rangeText,
  statusFilter,
} from './answerScope.js';
import { capitalize, countedNames, formatMetric, nameList } from './answerText.js';
import { countTable, entityTable } from './payloads.js';
import { type PlannerState, rankDirection } from './plannerState.js';
import type { Condition } from './twoConditions.js';
import { LEVEL_LABELS, METRIC_LABELS } from './vocabulary.js';

/** Names written out in a listing's text (CLI and MCP users have no table): a demo account's ad sets fit. */
const LISTED_IN_TEXT = 30;

/** The entities of a named parent with no status asked: all of them when none is live or paused
 * (a deleted campaign's ad sets are deleted too), and the answer says which statuses it counted. */
function anyStatusWhenNone(asked: PlannerState, total: number): PlannerState | undefined {
  return total === 0 && !asked.status && asked.entity ? { ...asked, status: 'any' } : undefined;
}

export async function answerList(ctx: PlanContext, asked: PlannerState): Promise<PlanAnswer> {
  const metrics = asked.metrics;
  const list = (state: PlannerState) =>
    listRows(ctx, state, {
      level: state.level,
      status: statusFilter(state),
      metrics,
      range: state.range,
      limit: 100,
    });
  let state = asked;
  let found = await list(state);
  const wider = anyStatusWhenNone(asked, found.total);
  if (wider) [state, found] = [wider, await list(wider)];
  const { rows, total, out } = found;
  const names = rows.map((r) => r.name ?? r.id);
  const what = levelPhrase(state, total);
  const head =
    total === 0
      ? `There are no ${levelPhrase(state, 2)}.`
      : `${total} ${what}: ${nameList(countedNames(names), LISTED_IN_TEXT)}.`;
  const text = `${head} The table shows ${METRIC_LABELS[metrics[0]]} ${rangeText(state, out.range)}. ${freshness(out, ctx.now)}`;
  const [only] = rows;
  return {
    text,
    payloads: total > 0 ? [entityTable(capitalize(what), rows, metrics, out.currency, out.range)] : [],
    listed: listedOf(state.level, rows),
    // "only the paused ones" → "how much did that ad set spend?": the one listed
    ...(total === 1 ? { named: { level: state.level, ids: [only.id], names: [only.name ?? only.id] } } : {}),
  };
}

/** A count is of entities by their current status: no date range applies, so the cheapest one is asked. */
export async function answerCount(ctx: PlanContext, asked: PlannerState): Promise<PlanAnswer> {
  const per = asked.groupBy;
  if ((per === 'campaign' || per === 'adset') && LEVELS.indexOf(per) < LEVELS.indexOf(asked.level))
    return answerCountPer(ctx, asked, per);
  const count = (state: PlannerState) =>
    listRows(ctx, state, {
      level: state.level,
      status: statusFilter(state),
      metrics: ['spend'],
      range: { preset: 'today' },
      limit: 10,
    });
  let state = asked;
  let found = await count(state);
  const wider = anyStatusWhenNone(asked, found.total);
  if (wider) [state, found] = [wider, await count(wider)];
  const { rows, total, out } = found;
  const names =
    total > 0 && total <= 10 ? `: ${nameList(countedNames(rows.map((r) => r.name ?? r.id)))}` : '';
  const verb = total === 1 ? 'is' : 'are';
  // "how many campaigns do we have?" counts the ones not archived or deleted: say how many that leaves out
  // (of the whole account; inside a named parent the listing stays one call)
  const left = state.status || state.entity ? 0 : (await count({ ...state, status: 'any' })).total - total;
  const leftOut = left > 0 ? `, not counting ${left} archived or deleted` : '';
  const text = `There ${verb} ${total} ${levelPhrase(state, total)}${names} (by current status${leftOut}). ${freshness(out, ctx.now)}`;
  return { text, payloads: [] };
}

/** The most entities one listing returns: a per-parent count needs every one of them. */
const LISTING_MAX = 500;

/**
 * "How many ad sets does each campaign have?": the entities (by current status, as any count) counted
 * under each parent, most first. An ad's campaign is its ad set's, read from a second listing.
 */
async function answerCountPer(
  ctx: PlanContext,
  state: PlannerState,
  per: 'campaign' | 'adset',
): Promise<PlanAnswer> {
  const base = {
    status: statusFilter(state),
    metrics: ['spend'],
    range: { preset: 'today' },
    limit: LISTING_MAX,
  };
  const { rows, total, out } = await listRows(ctx, state, { ...base, level: state.level });
  const what = levelPhrase(state, 2);
  if (total > rows.length)
    return {
      text: `You have ${total} ${what}, more than I can count per ${LEVEL_LABELS[per].one} in one answer. Ask how many are in one ${LEVEL_LABELS[per].one} by its name.`,
      payloads: [],
    };
  // an ad's campaign is its ad set's; an ad set's name may repeat in other campaigns
  const adsets =
    state.level === 'ad'
      ? (await ctx.tools.must<ListOutput>('list_entities', { ...base, level: 'adset', status: 'any' })).rows
      : [];
  const campaignOf = new Map(adsets.map((a) => [a.id, { id: a.parent_id, name: a.parent_name }]));
  const owner = (r: EntityRow) =>
    per === 'campaign' && state.level === 'ad'
      ? (campaignOf.get(r.parent_id ?? '') ?? { id: null, name: null })
      : { id: r.parent_id, name: r.parent_name };
  const named = new Map<string | null, number>();
  for (const a of adsets) named.set(a.name, (named.get(a.name) ?? 0) + 1);
  const repeats = (name: string | null) => (named.get(name) ?? 0) > 1;
  const counts = new Map<string, { id: string; name: string; count: number }>();
  for (const r of rows) {
    const o = owner(r);
    if (!o.id) continue;
    const within = per === 'adset' && repeats(o.name) ? ` (${campaignOf.get(o.id)?.name})` : '';
    const c = counts.get(o.id) ?? { id: o.id, name: `${o.name ?? o.id}${within}`, count: 0 };
    c.count++;
    counts.set(o.id, c);
  }
  const ranked = [...counts.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  const parentLabel = LEVEL_LABELS[per];
  const head =
    total === 0
      ? `There are no ${what}.`
      : `${capitalize(what)} per ${parentLabel.one} (${total} in ${ranked.length} ${ranked.length === 1 ? parentLabel.one : parentLabel.many}, by current status): ${ranked.map((c) => `${c.name}: ${c.count}`).join('; ')}.`;
  return {
    text: `${head} ${freshness(out, ctx.now)}`,
    payloads:
      total > 0 ? [countTable(`${capitalize(what)} per ${parentLabel.one}`, parentLabel.one, ranked)] : [],
  };
}

/** At most this many are read to count the ones that delivered; beyond it the answer says "at least". */
const DELIVERING_READ = 500;

/**
 * "How many campaigns spent money last week?": the entities with some of the measure (its base sum
 * for a ratio) in the range, whatever their status now (a campaign paused since still spent then).
 */
export async function answerDeliveringCount(ctx: PlanContext, asked: PlannerState): Promise<PlanAnswer> {
  const wanted = asked.metrics[0];
  const metric: Metric = (BASE_METRICS as readonly string[]).includes(wanted) ? wanted : 'spend';
  const state: PlannerState = { ...asked, status: asked.status ?? 'any' };
  const { rows, total, out } = await listRows(ctx, state, {
    level: state.level,
    status: statusFilter(state),
    metrics: [metric],
    range: state.range,
    sort: { by: metric, direction: 'desc' },
    limit: DELIVERING_READ,
  });
  const had = rows.filter((r) => Number(r.metrics[metric] ?? 0) > 0);
  // every row read had some: there may be more beyond the ones read
  const atLeast = had.length === rows.length && total > rows.length ? 'at least ' : '';
  const what = METRIC_LABELS[metric];
  const names =
    had.length > 0 && had.length <= 20
      ? `: ${nameList(countedNames(had.map((r) => r.name ?? r.id)), 20)}`
      : '';
  const text = `${capitalize(`${atLeast}${had.length}`)} of your ${total} ${levelPhrase(asked, total)} had ${what} ${rangeText(state, out.range)}${names}. ${freshness(out, ctx.now)}`;
  const title = `${capitalize(levelPhrase(asked, 2))} with ${what}`;
  return {
    text,
    payloads: had.length > 0 ? [entityTable(title, had, [metric], out.currency, out.range)] : [],
  };
}

/**
 * A ratio over a tiny base is noise (one click at $0.02 is not the best CPC): ratio rankings only
 * rank entities with at least this much of the denominator, and the answer states the minimum.
 */
const MIN_VOLUME: Partial<Record<Metric, { base: Metric; min: number }>> = {
  roas: { base: 'spend', min: 10 },
  cpa: { base: 'purchases', min: 3 },
  cpl: { base: 'leads', min: 3 },
  cpc: { base: 'clicks', min: 20 },
  cvr: { base: 'clicks', min: 20 },
  cpm: { base: 'impressions', min: 1000 },
  ctr: { base: 'impressions', min: 1000 },
};

/**
 * The least-X end of a ranking: the entities not archived or deleted (one that did nothing is the
 * least), and those archived or deleted since that delivered in the range (Brand Awareness Q3 2026,
 * archived, had Q3's cheapest CPM). Two listings: one of every status would put the idle archived
 * ones first, past the listing's limit in a large account.
 */
async function leastFirstRows(
  ctx: PlanContext,
  state: PlannerState,
  base: Record<string, unknown>,
  metric: Metric,
): Promise<{ rows: EntityRow[]; out: ListOutput }> {
  const current = await listRows(ctx, state, { ...base, status: 'default' });
  const delivered = await listRows(ctx, state, {
    ...base,
    status: 'any',
    where: { metric: 'spend', op: 'gt', value: 0 },
  });
  const listed = new Set(current.rows.map((r) => r.id));
  const rows = [...current.rows, ...delivered.rows.filter((r) => !listed.has(r.id))];
  return { rows: rows.sort(leastFirst(metric)), out: current.out };
}

/** As a listing orders them: least first, no value last, ties by name. */
function leastFirst(metric: Metric): (a: EntityRow, b: EntityRow) => number {
  return (a, b) => {
    const [x, y] = [a.metrics[metric] ?? null, b.metrics[metric] ?? null];
    const byValue = x === null || y === null ? Number(x === null) - Number(y === null) : x - y;
    return byValue || (a.name ?? '').localeCompare(b.name ?? '');
  };
}

export async function answerRank(ctx: PlanContext, state: PlannerState): Promise<PlanAnswer> {
  const metric = state.metrics[0];
  const direction = rankDirection(state, metric, state.quality === true);
  const volume = MIN_VOLUME[metric];
  const metrics = [...new Set<Metric>([...state.metrics, ...(volume ? [volume.base] : []), 'spend'])];
  const limit = state.limit ?? (ctx.singular ? 1 : 5);
  const base = {
    level: state.level,
    metrics,
    range: state.range,
    sort: { by: metric, direction },
    limit: 500,
  };
  // a campaign that spent in the range counts even if archived since
  const { rows, out } =
    direction === 'asc' && !state.status
      ? await leastFirstRows(ctx, state, base, metric)
      : await listRows(ctx, state, { ...base, status: statusFilter(state, 'any') });
  const valued = rows.filter((r) => r.metrics[metric] !== null && r.metrics[metric] !== undefined);
  const enough = volume ? valued.filter((r) => (r.metrics[volume.base] ?? 0) >= volume.min) : valued;
  // entities tied at zero have no order among them: they are named as a group, not ranked
  const zeros = enough.filter((r) => r.metrics[metric] === 0);
  const rankable = zeros.length > 1 ? enough.filter((r) => r.metrics[metric] !== 0) : enough;
  const ranked = rankable.slice(0, limit);
  const label = METRIC_LABELS[metric];
  // "paused campaigns with the highest spend": a status asked for stays in the answer
  const asked = state.status && state.status !== 'any' ? `${state.status.replace('_', '-')} ` : '';
  const many = `${asked}${LEVEL_LABELS[state.level].many}`;
  const volumeNote = volume
    ? ` Only ${many} with at least ${formatMetric(volume.base, volume.min, out.currency)} ${volume.base === 'spend' ? 'spend' : METRIC_LABELS[volume.base]} are ranked${valued.length > enough.length ? ` (${valued.length - enough.length} had less)` : ''}.`
    : '';
  const zeroNote =
    zeros.length > 1
      ? ` ${zeros.length} ${many} are tied at ${formatMetric(metric, 0, out.currency)} ${label} and not ranked: ${nameList(
          countedNames(zeros.map((r) => r.name ?? r.id)),
          10,
        )}.`
      : '';
  if (ranked.length === 0) {
    return {
      text: `No ${many} have a ${label} to rank ${rangeText(state, out.range)}.${volumeNote}${zeroNote} ${freshness(out, ctx.now)}`,
      payloads: [],
    };
  }
  const items = ranked.map(
    (r, i) =>
      `${ranked.length > 1 ? `${i + 1}. ` : ''}${r.name ?? r.id} (${formatMetric(metric, r.metrics[metric], r.currency ?? out.currency)})`,
  );
  const which = direction === 'desc' ? 'highest' : 'lowest';
  const best = `the ${which} ${label} ${rangeText(state, out.range)}`;
  // "which variant …": ranked among the ones named so, which the answer says
  const shared = state.entity?.shared && state.entity.level === state.level ? state.entity : undefined;
  const among = shared ? `Of the ${shared.ids.length} ${many} with "${shared.shared}" in their names, ` : '';
  const head =
    ranked.length === 1
      ? `${among ? `${among}the one` : `The ${LEVEL_LABELS[state.level].one}`} with ${best} is ${items[0]}.`
      : `${among ? `${among}those` : capitalize(many)} with ${best}: ${items.join(', ')}.`;
  const title = `${capitalize(many)} by ${label} (${which} first)`;
  const [only] = ranked;
  return {
    text: `${head}${volumeNote}${zeroNote} ${freshness(out, ctx.now)}`,
    payloads: [entityTable(title, ranked, metrics, out.currency, out.range)],
    listed: listedOf(state.level, ranked),
    ...(ranked.length === 1
      ? { named: { level: state.level, ids: [only.id], names: [only.name ?? only.id] } }
      : {}),
  };
}

const THRESHOLD_WORDS: Record<BoundOp, string> = {
  gt: 'above',
  gte: 'of at least',
  lt: 'below',
  lte: 'of at most',
};

/** Up to LISTED_IN_TEXT names, then how many of `total` are not named. */
function namesAndRest(items: string[], total: number): string {
  const named = items.slice(0, LISTED_IN_TEXT);
  const rest = total - named.length;
  return rest > 0 ? `${named.join(', ')} and ${rest} more` : nameList(named, LISTED_IN_TEXT);
}

/** Rows listed per answer (the text names up to LISTED_IN_TEXT of them; the count is every one). */
const THRESHOLD_ROWS = 100;

/**
 * "Which campaigns spent more than $100 last week?", "ads with ROAS below 1": every entity of the
 * level whose measure over the range is past the bound (list_entities `where`: compared as shown,
 * counted in SQL), from the bound's side. Above a bound an entity must have delivered, so archived
 * ones count too; below one the idle ones count, but only those not archived or deleted. A ratio with
 * no denominator (ROAS without spend) is past no bound.
 */
export async function answerThreshold(ctx: PlanContext, state: PlannerState): Promise<PlanAnswer> {
  const metric = state.metrics[0];
  const bound = state.threshold!;
  const above = isLowerBound(bound.op);
  const metrics = [...new Set<Metric>([metric, 'spend'])];
  const base = {
    level: state.level,
    status: statusFilter(state, above ? 'any' : 'default'),
    metrics,
    range: state.range,
    sort: { by: metric, direction: above ? 'desc' : 'asc' },
  };
  // "top 3 campaigns with more than 100 clicks": the first 3 from the bound's side
  const { rows, total, out } = await listRows(ctx, state, {
    ...base,
    where: { metric, op: bound.op, value: bound.value },
    limit: state.limit ?? THRESHOLD_ROWS,
  });
  const label = METRIC_LABELS[metric];
  const limitText = formatMetric(metric, bound.value, out.currency);
  const what = `with ${label} ${THRESHOLD_WORDS[bound.op]} ${limitText} ${rangeText(state, out.range)}`;
  if (total === 0) {
    // how near the line they came; no name, as none is past it
    const nearest = (await listRows(ctx, state, { ...base, limit: 1 })).rows.find(
      (r) => r.metrics[metric] !== null && r.metrics[metric] !== undefined,
    );
    const closest = nearest
      ? ` The ${above ? 'highest' : 'lowest'} was ${formatMetric(metric, nearest.metrics[metric], nearest.currency ?? out.currency)}.`
      : '';
    return {
      text: `No ${levelPhrase(state, 2)} ${what}.${closest} ${freshness(out, ctx.now)}`,
      payloads: [],
    };
  }
  const shown = state.limit ? rows.slice(0, state.limit) : rows;
  const items = shown.map(
    (r) => `${r.name ?? r.id} (${formatMetric(metric, r.metrics[metric], r.currency ?? out.currency)})`,
  );
  const many = `${levelPhrase(state, total)} ${what}`;
  const head =
    state.limit && shown.length < total
      ? `${shown.length === 1 ? 'The first' : `The first ${shown.length}`} of ${total} ${many}, by ${label}`
      : `${total} ${many}`;
  const [only] = rows;
  return {
    text: `${capitalize(head)}: ${namesAndRest(items, state.limit ? items.length : total)}. ${freshness(out, ctx.now)}`,
    payloads: [
      entityTable(
        `${capitalize(LEVEL_LABELS[state.level].many)} ${what}`,
        shown,
        metrics,
        out.currency,
        out.range,
      ),
    ],
    listed: listedOf(state.level, shown),
    ...(total === 1 ? { named: { level: state.level, ids: [only.id], names: [only.name ?? only.id] } } : {}),
  };
}

/** "spend above $0.00" is "some spend", "purchases of at most 0" is "no purchases". */
function conditionText(c: Condition, currency: string | null): string {
  const label = METRIC_LABELS[c.metric];
  if (c.value === 0 && c.op === 'gt') return `some ${label}`;
  if (c.value === 0 && c.op === 'lte') return `no ${label}`;
  return `${label} ${THRESHOLD_WORDS[c.op]} ${formatMetric(c.metric, c.value, currency)}`;
}

/**
 * "Which ad sets spent money last week but got zero purchases?": the entities past every bound at once
 * (list_entities `where` as a list, compared in SQL as the rows show them), each named with the value
 * of every measure the conditions name; the statuses counted as answerThreshold counts them.
 */
export async function answerConditions(ctx: PlanContext, state: PlannerState): Promise<PlanAnswer> {
  const conditions = state.conditions!;
  // above a bound an entity delivered, so archived ones count too; below bounds only, the idle
  // ones not archived or deleted
  const above = conditions.some((c) => isLowerBound(c.op));
  const measured = [...new Set<Metric>(conditions.map((c) => c.metric))];
  const metrics = [...new Set<Metric>([...measured, ...state.metrics, 'spend'])];
  const { rows, total, out } = await listRows(ctx, state, {
    level: state.level,
    status: statusFilter(state, above ? 'any' : 'default'),
    metrics,
    range: state.range,
    sort: { by: measured[0], direction: isLowerBound(conditions[0].op) ? 'desc' : 'asc' },
    where: conditions.map(({ metric, op, value }) => ({ metric, op, value })),
    limit: THRESHOLD_ROWS,
  });
  const what = `with ${conditions.map((c) => conditionText(c, out.currency)).join(' and ')} ${rangeText(state, out.range)}`;
  if (total === 0)
    return { text: `No ${levelPhrase(state, 2)} ${what}. ${freshness(out, ctx.now)}`, payloads: [] };
  const items = rows.map(
    (r) =>
      `${r.name ?? r.id} (${measured.map((m) => `${METRIC_LABELS[m]} ${formatMetric(m, r.metrics[m], r.currency ?? out.currency)}`).join(', ')})`,
  );
  const [only] = rows;
  return {
    text: `${total} ${levelPhrase(state, total)} ${what}: ${namesAndRest(items, total)}. ${freshness(out, ctx.now)}`,
    payloads: [
      entityTable(`${capitalize(levelPhrase(state, 2))} ${what}`, rows, metrics, out.currency, out.range),
    ],
    listed: listedOf(state.level, rows),
    ...(total === 1 ? { named: { level: state.level, ids: [only.id], names: [only.name ?? only.id] } } : {}),
  };
}

/** "Which campaigns had no spend (revenue, clicks…)?": a sum that is zero; a ratio is never "none". */
export async function answerNoSpend(ctx: PlanContext, state: PlannerState): Promise<PlanAnswer> {
  const asked = state.metrics[0];
  const metric: Metric = (BASE_METRICS as readonly string[]).includes(asked) ? asked : 'spend';
  const { rows, out } = await listRows(ctx, state, {
    level: state.level,
    status: statusFilter(state),
    metrics: [metric],
    range: state.range,
    sort: { by: metric, direction: 'asc' },
    limit: 500,
  });
  const idle = rows.filter((r) => !r.metrics[metric]);
  const label = levelPhrase(state, 2);
  const what = METRIC_LABELS[metric];
  const head =
    idle.length === 0
      ? `Every one of your ${label} had ${what} ${rangeText(state, out.range)}.`
      : `${idle.length} ${levelPhrase(state, idle.length)} had no ${what} ${rangeText(state, out.range)}: ${nameList(
          countedNames(idle.map((r) => r.name ?? r.id)),
          LISTED_IN_TEXT,
        )}.`;
  return {
    text: `${head} ${freshness(out, ctx.now)}`,
    payloads:
      idle.length > 0
        ? [entityTable(`${capitalize(label)} with no ${what}`, idle, [metric], out.currency, out.range)]
        : [],
  };
}

function readableStatus(status: string | null): string {
  return (status ?? 'unknown').toLowerCase().replace(/_/g, ' ');
}

/** "Which campaign is X in?", "is X running?": the named entities' status and parent, by their current state. */
export async function answerStructure(ctx: PlanContext, state: PlannerState): Promise<PlanAnswer> {
  const entity = state.entity;
  if (!entity) return answerList(ctx, state);
  const out = await ctx.tools.must<ListOutput>('list_entities', {
    level: entity.level,
    status: 'any',
    name_contains: entity.names[0],
    metrics: ['spend'],
    range: { preset: 'today' },
    limit: 100,
  });
  const rows = out.rows.filter((r) => entity.ids.includes(r.id)).slice(0, 10);
  const one = LEVEL_LABELS[entity.level].one;
  const lines = rows.map((r) => {
    const parent =
      r.parent_name && entity.level !== 'campaign'
        ? `, in ${entity.level === 'ad' ? 'ad set' : 'campaign'} "${r.parent_name}"`
        : '';
    return `"${r.name ?? r.id}" (${one}) is ${readableStatus(r.effective_status)}${parent}.`;
  });
  const more =
    entity.ids.length > rows.length ? ` And ${entity.ids.length - rows.length} more with that name.` : '';
  return { text: `${lines.join(' ')}${more} ${freshness(out, ctx.now)}`, payloads: [] };
}
