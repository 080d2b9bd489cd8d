// The Graph API answers we read, as zod schemas (types come from them). Every answer is parsed here
// once, at the edge. Objects are checked strictly on the fields the sync relies on and loosely
// (passthrough) on the rest, so a field Meta adds tomorrow never breaks a sync. Numbers stay Meta's
// strings ("12.34"): the sync maps them exactly, nothing here turns money into floats.
import { z } from 'zod';

/** Meta's error envelope: `{ error: { message, type, code, error_subcode, … } }` (the inner object). */
export const metaErrorBodySchema = z
  .object({
    message: z.string().optional(),
    type: z.string().optional(),
    code: z.coerce.number().optional(),
    error_subcode: z.coerce.number().optional(),
    error_user_title: z.string().optional(),
    error_user_msg: z.string().optional(),
    is_transient: z.boolean().optional(),
    fbtrace_id: z.string().optional(),
  })
  .passthrough();
export type MetaErrorBody = z.infer<typeof metaErrorBodySchema>;

const idString = z.string().min(1);

export const metaAdAccountSchema = z
  .object({
    id: idString,
    account_id: idString,
    name: z.string(),
    currency: z.string().length(3),
    timezone_name: z.string().min(1),
    timezone_offset_hours_utc: z.number(),
    account_status: z.number().int(),
  })
  .passthrough();
export type MetaAdAccount = z.infer<typeof metaAdAccountSchema>;

const status = z.string().min(1);
const minorUnits = z.string().regex(/^\d+$/, 'expected a budget in minor units').optional();
const metaTime = z.string().optional();

/** What campaigns, ad sets and ads all carry. */
const metaObjectFields = {
  id: idString,
  name: z.string(),
  status,
  configured_status: status.optional(),
  effective_status: status,
  created_time: metaTime,
  updated_time: metaTime,
};

export const metaCampaignSchema = z
  .object({
    ...metaObjectFields,
    objective: z.string().optional(),
    buying_type: z.string().optional(),
    bid_strategy: z.string().optional(),
    daily_budget: minorUnits,
    lifetime_budget: minorUnits,
    start_time: metaTime,
    stop_time: metaTime,
  })
  .passthrough();
export type MetaCampaign = z.infer<typeof metaCampaignSchema>;

export const metaAdSetSchema = z
  .object({
    ...metaObjectFields,
    campaign_id: idString,
    optimization_goal: z.string().optional(),
    billing_event: z.string().optional(),
    daily_budget: minorUnits,
    lifetime_budget: minorUnits,
    start_time: metaTime,
    end_time: metaTime,
  })
  .passthrough();
export type MetaAdSet = z.infer<typeof metaAdSetSchema>;

export const metaAdSchema = z
  .object({
    ...metaObjectFields,
    campaign_id: idString,
    adset_id: idString,
    creative: z.object({ id: idString }).passthrough().optional(),
  })
  .passthrough();
export type MetaAd = z.infer<typeof metaAdSchema>;

const actionList = z.array(z.object({ action_type: z.string(), value: z.string() }).passthrough()).optional();

/** One insights row, Meta's strings kept; only the day bounds are required. */
export const metaInsightRowSchema = z
  .object({
    date_start: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    date_stop: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    account_id: z.string().optional(),
    campaign_id: z.string().optional(),
    adset_id: z.string().optional(),
    ad_id: z.string().optional(),
    spend: z.string().optional(),
    impressions: z.string().optional(),
    actions: actionList,
    action_values: actionList,
  })
  .passthrough();
export type MetaInsightRow = z.infer<typeof metaInsightRowSchema>;

/** Paging block of an edge answer; `next` absent on the last page, the whole block absent when empty. */
export const metaPagingSchema = z
  .object({
    cursors: z.object({ before: z.string().optional(), after: z.string().optional() }).optional(),
    next: z.string().optional(),
  })
  .passthrough()
  .optional();

export const reportRunStartSchema = z
  .object({ report_run_id: idString.optional(), id: idString.optional() })
  .passthrough()
  .refine((r) => r.report_run_id !== undefined || r.id !== undefined, 'expected report_run_id');

export const reportRunStatusSchema = z
  .object({
    id: idString.optional(),
    async_status: z.string(),
    async_percent_completion: z.coerce.number().min(0).max(100),
  })
  .passthrough();
export type ReportRunStatus = z.infer<typeof reportRunStatusSchema>;

/** The fields we ask for: everything the entity sync maps (status trio, budgets, times, parents). */
export const AD_ACCOUNT_FIELDS = [
  'id',
  'account_id',
  'name',
  'currency',
  'timezone_name',
  'timezone_offset_hours_utc',
  'account_status',
];
const COMMON_ENTITY_FIELDS = [
  'id',
  'name',
  'status',
  'configured_status',
  'effective_status',
  'created_time',
  'updated_time',
];
export const CAMPAIGN_FIELDS = [
  ...COMMON_ENTITY_FIELDS,
  'objective',
  'buying_type',
  'bid_strategy',
  'daily_budget',
  'lifetime_budget',
  'start_time',
  'stop_time',
];
export const AD_SET_FIELDS = [
  ...COMMON_ENTITY_FIELDS,
  'campaign_id',
  'optimization_goal',
  'billing_event',
  'daily_budget',
  'lifetime_budget',
  'start_time',
  'end_time',
];
export const AD_FIELDS = [...COMMON_ENTITY_FIELDS, 'campaign_id', 'adset_id', 'creative{id}'];

/** Edges hide DELETED and ARCHIVED objects unless every status is named; the union over levels. */
export const ALL_EFFECTIVE_STATUSES = [
  'ACTIVE',
  'PAUSED',
  'DELETED',
  'ARCHIVED',
  'IN_PROCESS',
  'WITH_ISSUES',
  'CAMPAIGN_PAUSED',
  'ADSET_PAUSED',
  'DISAPPROVED',
  'PENDING_REVIEW',
  'PREAPPROVED',
  'PENDING_BILLING_INFO',
];

// Usage headers (JSON strings on every answer). Percentages and waits may arrive as numbers or
// numeric strings; anything unreadable is treated as absent, never as an error.
const pct = z.coerce.number().finite().optional().catch(undefined);

export const bucUsageHeaderSchema = z.record(
  z.string(),
  z.array(
    z
      .object({
        type: z.string().optional(),
        call_count: pct,
        total_cputime: pct,
        total_time: pct,
        estimated_time_to_regain_access: pct,
      })
      .passthrough(),
  ),
);
export const adAccountUsageHeaderSchema = z
  .object({ acc_id_util_pct: pct, reset_time_duration: pct })
  .passthrough();
export const insightsThrottleHeaderSchema = z
  .object({ app_id_util_pct: pct, acc_id_util_pct: pct })
  .passthrough();
export const appUsageHeaderSchema = z
  .object({ call_count: pct, total_cputime: pct, total_time: pct })
  .passthrough();
