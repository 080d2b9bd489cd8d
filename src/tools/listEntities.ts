// list_entities: campaigns, ad sets or ads with metrics over a range, entity-first (no delivery →
// zeros, never missing).
import { entityListing } from '../db/analytics/entityListing.js';
import { coverageGap, loadScope, pick, scopeCurrency, ZONES_NOTE } from './analyticsScope.js';
import { listEntitiesInput, listEntitiesOutput } from './schemas.js';
import type { ToolDefinition } from './types.js';

export const listEntities: ToolDefinition<typeof listEntitiesInput, typeof listEntitiesOutput> = {
  name: 'list_entities',
  title: 'List campaigns, ad sets or ads',
  description: [
    'Lists campaigns, ad sets or ads (`level`, default campaign) with chosen `metrics` over a `range`',
    '(default last_30d). Use it for "which campaigns are live?", "top ads by ROAS", "ad sets of campaign X".',
    '`status`: default = not archived/deleted; live = effective status ACTIVE (really delivering);',
    'active = set to ACTIVE by the advertiser; paused; not_paused = default without the paused; archived;',
    'deleted; any. Placeholders (ids seen in',
    'metrics but not in the entity list) show under any/deleted, and under default when they delivered in the range.',
    '`parent_id` = a campaign or ad set id, or a list of them: only entities under them. `name_contains` is case-insensitive.',
    'Entities without delivery appear with zeros. `sort` defaults to the first metric, descending.',
    'Returns rows {id (Meta id), name, status, effective_status, parent, currency, metrics} and total_count',
    "(matches before `limit`). Money (spend, revenue, cpa, cpl, cpc, cpm) is in the row's currency, rounded",
    'to 2 places; roas, ctr (percent), cvr (percent) to 4; ratios are null when the denominator is 0.',
    'reach is summed over days and ads, so it is an upper bound of unique reach. The top-level currency',
    'is null when rows span several currencies. `totals`: true adds `totals` {currency, metrics} over every',
    'matching entity (not only the `limit` listed), summed in SQL; null when they span currencies.',
    '`where` {metric, op: gt|gte|lt|lte, value}: only entities whose metric over the range, rounded as shown,',
    'compares so ("spent more than 100": spend gt 100, in the row\'s currency; ctr in percent); a ratio with',
    'no denominator matches no bound; total_count and totals count only those. `where` may also be a list of',
    '1-4 such bounds that must all hold ("spent money but got no purchases": [{spend gt 0}, {purchases lte 0}]).',
    ZONES_NOTE,
  ].join(' '),
  input: listEntitiesInput,
  output: listEntitiesOutput,
  readOnly: true,
  readsAccountData: true,
  async handler(input, ctx) {
    const scope = await loadScope(ctx, input.range);
    const { rows, totalCount, totals } = await entityListing(ctx.db, {
      ...scope.cache,
      ranges: scope.ranges,
      level: input.level,
      status: input.status,
      metrics: input.metrics,
      nameContains: input.name_contains,
      within: input.parent_id === undefined ? undefined : [input.parent_id].flat(),
      sort: input.sort ?? { by: input.metrics[0], direction: 'desc' },
      limit: input.limit,
      totals: input.totals,
      where: input.where === undefined ? undefined : [input.where].flat(),
    });
    const currencies = new Set(rows.map((r) => r.currency));
    return {
      level: input.level,
      range: scope.range,
      currency:
        rows.length > 0
          ? currencies.size === 1
            ? rows[0].currency
            : null
          : scopeCurrency(scope.connections),
      data_as_of: scope.dataAsOf,
      ...coverageGap(scope, scope.range.since),
      total_count: totalCount,
      ...(totals
        ? {
            totals:
              totals.currencies > 1
                ? null
                : { currency: totals.currency, metrics: pick(totals.metrics, input.metrics) },
          }
        : {}),
      rows: rows.map(({ metrics, ...row }) => ({
        ...row,
        metrics: pick(metrics, input.metrics),
      })),
    };
  },
};
