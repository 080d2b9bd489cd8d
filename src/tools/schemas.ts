// The tools' input and output shapes: a contract the assistant, the MCP server and the web chat rely
// on. Keep names stable; add fields rather than rename. Ids in tool input and output are Meta's
// external ids (campaign "120210000000000001"), connection ids are our uuids. Free text a caller types
// (names, ids) goes through text() (src/textInput.ts): control characters are refused, naming the field.

import { z } from 'zod';
import { isoDateSchema, PRESETS, type Preset } from '../calendar.js';
import { LEVELS, type Level } from '../db/entities.js';
import { BASE_METRICS, BOUND_OPS, DERIVED_METRICS, METRICS, type Metric, MONEY_METRICS } from '../metrics.js';
import { text } from '../textInput.js';

export { BASE_METRICS, DERIVED_METRICS, METRICS, type Metric, MONEY_METRICS };

export const metricSchema = z.enum(METRICS);
export const metricsSchema = z.array(metricSchema).min(1, 'name at least one metric').max(METRICS.length);

export { PRESETS, type Preset };

/** { preset } or { since, until } (inclusive, in the ad account's time zone). */
export const rangeSchema = z.union(
  [
    z.object({ preset: z.enum(PRESETS) }).strict(),
    z
      .object({ since: isoDateSchema, until: isoDateSchema })
      .strict()
      .refine((r) => r.since <= r.until, { message: 'must not be before since', path: ['until'] }),
  ],
  {
    error: `must be { "preset": one of ${PRESETS.join(', ')} } or { "since", "until" } dates like 2026-11-01`,
  },
);
export type RangeInput = z.output<typeof rangeSchema>;

/** The range a tool actually used, resolved in the account's time zone. */
export const resolvedRangeSchema = z.object({
  since: z.string(),
  until: z.string(),
  time_zone: z.string(),
  preset: z.enum(PRESETS).optional(),
});
export type ResolvedRange = z.output<typeof resolvedRangeSchema>;

export const levelSchema = z.enum(LEVELS);
export { LEVELS, type Level };

/**
 * live = effective status ACTIVE (really delivering); default = not archived or deleted; not_paused =
 * default without the paused ones (paused by the advertiser or by a parent).
 */
export const STATUS_FILTERS = [
  'default',
  'live',
  'active',
  'paused',
  'not_paused',
  'archived',
  'deleted',
  'any',
] as const;
export const statusFilterSchema = z.enum(STATUS_FILTERS);

/** A metric value: a number (money rounded to cents, ratios to 4 places) or null (0 denominator). */
export const metricValuesSchema = z.record(z.string(), z.number().nullable());

/** Present on every output: when the data was last synced (ISO time), null if never. */
export const dataAsOfSchema = z.string().nullable();

/** Only when the range starts before the first synced day: the days before it are not in the numbers. */
export const syncedSinceSchema = z.string().optional();

/** Currency of the numbers; null when they span several currencies (then see by_currency). */
export const currencySchema = z.string().nullable();

export const entityRowSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  level: levelSchema,
  status: z.string().nullable(),
  effective_status: z.string().nullable(),
  parent_id: z.string().nullable(),
  parent_name: z.string().nullable(),
  currency: z.string().nullable(),
  metrics: metricValuesSchema,
});

/**
 * How many ids one filter (or parent_id list) may name: enough for every ad of a name that repeats
 * across a large account (real accounts reuse ad names by the thousand), bounded so one request stays
 * small.
 */
export const MAX_ENTITY_IDS = 5_000;

const entityIdText = () => text().trim().min(1).max(40);

/** How many bounds one listing may put: enough for "spent money but no purchases and a CTR under 1%". */
export const MAX_BOUNDS = 4;

const metricBoundSchema = z
  .object({
    metric: metricSchema,
    op: z.enum(BOUND_OPS),
    value: z.number().finite(),
  })
  .strict();

export const listEntitiesInput = z
  .object({
    level: levelSchema.default('campaign'),
    status: statusFilterSchema.default('default'),
    name_contains: text().trim().min(1).max(200).optional(),
    parent_id: z.union([entityIdText(), z.array(entityIdText()).min(1).max(MAX_ENTITY_IDS)]).optional(),
    metrics: metricsSchema.default(['spend', 'revenue', 'roas']),
    range: rangeSchema.default({ preset: 'last_30d' }),
    sort: z
      .object({
        by: z.union([metricSchema, z.literal('name')]),
        direction: z.enum(['asc', 'desc']).default('desc'),
      })
      .optional(),
    limit: z.number().int().min(1).max(500).default(50),
    totals: z.boolean().default(false),
    // one bound, or up to 4 that must all hold ("spent money but no purchases")
    where: z.union([metricBoundSchema, z.array(metricBoundSchema).min(1).max(MAX_BOUNDS)]).optional(),
  })
  .strict();

export const listEntitiesOutput = z.object({
  level: levelSchema,
  range: resolvedRangeSchema,
  currency: currencySchema,
  data_as_of: dataAsOfSchema,
  synced_since: syncedSinceSchema,
  total_count: z.number().int(),
  rows: z.array(entityRowSchema),
  /** Asked with `totals`: every matching entity summed (null when they span currencies). */
  totals: z.object({ currency: z.string().nullable(), metrics: metricValuesSchema }).nullable().optional(),
});

export const GROUP_BY = ['hour', 'day', 'week', 'month', 'campaign', 'adset', 'ad', 'provider'] as const;

export const filtersSchema = z
  .object({
    level: levelSchema.optional(),
    entity_ids: z.array(entityIdText()).min(1).max(MAX_ENTITY_IDS).optional(),
    name_contains: text().trim().min(1).max(200).optional(),
    status: statusFilterSchema.optional(),
    provider: z.enum(['meta']).optional(),
    connection_id: z.string().uuid().optional(),
  })
  .strict();

export const getMetricsInput = z
  .object({
    metrics: metricsSchema,
    range: rangeSchema.default({ preset: 'last_30d' }),
    group_by: z.enum(GROUP_BY).optional(),
    filters: filtersSchema.optional(),
    sort: z.object({ by: metricSchema, direction: z.enum(['asc', 'desc']).default('desc') }).optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();

/**
 * Only on hourly answers (get_metrics by hour, compare_periods with same_hours): the numbers hold
 * hours 0..through_hour of each day in the account's zone (-1: no hour yet); as_of is when those hours
 * were fetched (null: that day has no hourly data; only today and yesterday are kept by hour).
 */
export const hoursSchema = z
  .object({ through_hour: z.number().int().min(-1).max(23), as_of: z.string().nullable() })
  .optional();

export const byCurrencySchema = z.array(z.object({ currency: z.string(), totals: metricValuesSchema }));

export const getMetricsOutput = z.object({
  range: resolvedRangeSchema,
  currency: currencySchema,
  data_as_of: dataAsOfSchema,
  synced_since: syncedSinceSchema,
  totals: metricValuesSchema,
  hours: hoursSchema,
  /** Only when the numbers span several currencies: money totals per currency (totals then hold null for money). */
  by_currency: byCurrencySchema.optional(),
  /** With group_by: one row per hour (key "HH:00"), day/week/month (key = first date), entity (key = id) or provider. */
  rows: z
    .array(
      z.object({
        key: z.string(),
        label: z.string().nullable(),
        currency: z.string().nullable(),
        metrics: metricValuesSchema,
      }),
    )
    .optional(),
  /** With group_by: how many rows there were before `limit`. */
  total_rows: z.number().int().optional(),
});

export const comparePeriodsInput = z
  .object({
    metrics: metricsSchema,
    range: rangeSchema.default({ preset: 'last_7d' }),
    /** Default: the period of the same length just before `range`. */
    compare_to: rangeSchema.optional(),
    /** Pacing: compare only the hours both days have (today so far vs yesterday up to the same hour). */
    same_hours: z.boolean().default(false),
    level: levelSchema.default('campaign'),
    filters: filtersSchema.optional(),
    top: z.number().int().min(0).max(20).default(5),
  })
  .strict();

export const changeSchema = z.object({ absolute: z.number().nullable(), percent: z.number().nullable() });

export const comparePeriodsOutput = z.object({
  currency: currencySchema,
  data_as_of: dataAsOfSchema,
  synced_since: syncedSinceSchema,
  current: z.object({ range: resolvedRangeSchema, totals: metricValuesSchema }),
  previous: z.object({ range: resolvedRangeSchema, totals: metricValuesSchema }),
  hours: hoursSchema,
  change: z.record(z.string(), changeSchema),
  /** Only when the numbers span several currencies: the comparison per currency (money above is then null). */
  by_currency: z
    .array(
      z.object({
        currency: z.string(),
        current: metricValuesSchema,
        previous: metricValuesSchema,
        change: z.record(z.string(), changeSchema),
      }),
    )
    .optional(),
  /** Entities that moved the first metric most (by absolute change). */
  movers: z.array(
    z.object({
      id: z.string(),
      name: z.string().nullable(),
      /** The entity's currency (money metrics). */
      currency: z.string().nullable().optional(),
      metric: metricSchema,
      current: z.number().nullable(),
      previous: z.number().nullable(),
      absolute: z.number().nullable(),
      percent: z.number().nullable(),
    }),
  ),
});

export const connectionSchema = z.object({
  id: z.string(),
  provider: z.literal('meta'),
  account_id: z.string(),
  name: z.string().nullable(),
  status: z.enum(['active', 'needs_reauth', 'disabled', 'error']),
  status_reason: z.string().nullable(),
  currency: z.string().nullable(),
  time_zone: z.string().nullable(),
  last_synced_at: z.string().nullable(),
  /** Token state: when it expires (null = does not expire) and the permissions it grants. */
  token_expires_at: z.string().nullable().optional(),
  token_scopes: z.array(z.string()).optional(),
  /** Automatic sync: schedule (account-local), next run, an unresolved failure, dead jobs. */
  sync: z
    .object({
      schedule: z.string(),
      next_run: z.object({ at: z.string(), kind: z.string() }).nullable(),
      failure: z.object({ at: z.string(), reason: z.string() }).nullable(),
      dead_jobs: z.number().int(),
    })
    .optional(),
});

export const listConnectionsInput = z.object({}).strict();
export const listConnectionsOutput = z.object({ connections: z.array(connectionSchema) });

export const triggerSyncInput = z
  .object({
    /** Default: every connection of the workspace. */
    connection_id: z.string().uuid().optional(),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    full: z.boolean().default(false),
  })
  .strict()
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: 'must not be before from', path: ['to'] });

export const triggerSyncOutput = z.object({
  runs: z.array(z.object({ run_id: z.string(), connection_id: z.string(), already_running: z.boolean() })),
});

export const syncRunSchema = z.object({
  id: z.string(),
  connection_id: z.string(),
  account_id: z.string().nullable(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
  kind: z.string(),
  range: z.object({ since: z.string(), until: z.string() }).nullable(),
  progress: z.object({
    step: z.string().nullable(),
    windows_done: z.number().int(),
    windows_total: z.number().int(),
    rows: z.number().int(),
  }),
  error: z.string().nullable(),
  created_at: z.string(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
});

export const syncStatusInput = z
  .object({
    run_id: z.string().uuid().optional(),
    connection_id: z.string().uuid().optional(),
    limit: z.number().int().min(1).max(50).default(5),
  })
  .strict();
export const deadJobSchema = z.object({
  id: z.string(),
  connection_id: z.string(),
  kind: z.string().nullable(),
  attempts: z.number().int(),
  failed_at: z.string().nullable(),
  error: z.string().nullable(),
});

export const syncStatusOutput = z.object({
  runs: z.array(syncRunSchema),
  /** Per connection: the automatic sync's schedule, next run and unresolved failure. */
  schedules: z
    .array(
      z.object({
        connection_id: z.string(),
        schedule: z.string(),
        next_run: z.object({ at: z.string(), kind: z.string() }).nullable(),
        failure: z.object({ at: z.string(), reason: z.string() }).nullable(),
      }),
    )
    .optional(),
  /** Jobs that used up their retries; Settings (or POST /api/sync-jobs/:id/retry) retries them. */
  dead_jobs: z.array(deadJobSchema).optional(),
});

export type GetMetricsOutput = z.output<typeof getMetricsOutput>;
export type ComparePeriodsOutput = z.output<typeof comparePeriodsOutput>;
