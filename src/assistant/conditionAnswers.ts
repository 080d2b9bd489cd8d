// "Which ad sets spent money last week but got zero purchases?": the entities past every bound at
// once (list_entities `where` as a list, compared in SQL as the rows show them), each named with the
// value of every measure the conditions name.
import { isLowerBound, type Metric } from '../metrics.js';
import {
  freshness,
  levelPhrase,
  listedOf,
  listRows,
  type PlanAnswer,
  type PlanContext,
  rangeText,
  statusFilter,
} from './answerScope.js';
import { capitalize, formatMetric, nameList } from './answerText.js';
import { entityTable } from './payloads.js';
import type { PlannerState } from './plannerState.js';
import type { Condition } from './twoConditions.js';
import { METRIC_LABELS } from './vocabulary.js';

/** Rows listed per answer; the text names up to LISTED_IN_TEXT of them, the count is every one. */
const ROWS = 100;
const LISTED_IN_TEXT = 30;

const SIDE: Record<Condition['op'], string> = {
  gt: 'above',
  gte: 'of at least',
  lt: 'below',
  lte: 'of at most',
};

/** "spend above $0.00" is "some spend", "purchases of at most 0" is "no purchases". */
function conditionText(c: Condition, currency: string | null): string {
  const label = METRIC_LABELS[c.metric];
  if (c.value === 0 && c.op === 'gt') return `some ${label}`;
  if (c.value === 0 && c.op === 'lte') return `no ${label}`;
  return `${label} ${SIDE[c.op]} ${formatMetric(c.metric, c.value, currency)}`;
}

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
    limit: ROWS,
  });
  const what = `with ${conditions.map((c) => conditionText(c, out.currency)).join(' and ')} ${rangeText(state, out.range)}`;
  if (total === 0)
    return { text: `No ${levelPhrase(state, 2)} ${what}. ${freshness(out, ctx.now)}`, payloads: [] };
  const items = rows.map(
    (r) =>
      `${r.name ?? r.id} (${measured.map((m) => `${METRIC_LABELS[m]} ${formatMetric(m, r.metrics[m], r.currency ?? out.currency)}`).join(', ')})`,
  );
  const more = total - Math.min(items.length, LISTED_IN_TEXT);
  const names =
    more > 0
      ? `${items.slice(0, LISTED_IN_TEXT).join(', ')} and ${more} more`
      : nameList(items, LISTED_IN_TEXT);
  const [only] = rows;
  return {
    text: `${total} ${levelPhrase(state, total)} ${what}: ${names}. ${freshness(out, ctx.now)}`,
    payloads: [
      entityTable(`${capitalize(levelPhrase(state, 2))} ${what}`, rows, metrics, out.currency, out.range),
    ],
    listed: listedOf(state.level, rows),
    ...(total === 1 ? { named: { level: state.level, ids: [only.id], names: [only.name ?? only.id] } } : {}),
  };
}
