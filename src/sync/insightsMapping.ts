// Meta insights rows (ad level, one per ad per day) → our facts. Meta reports the same conversions
// under several action types at once (`omni_purchase`, `purchase`, the pixel type): each measure takes
// exactly ONE canonical type, the first present in its preference list, never a sum of duplicates.
// The raw arrays are kept as they came so other measures can be derived later.
import type { FactRow } from '../db/facts.js';
import { type FactInput, validateFacts } from './ingest.js';
import type { MetaInsightRow } from './meta/metaTypes.js';

/** The insights fields the metrics sync asks for. */
export const INSIGHT_FIELDS = [
  'account_id',
  'campaign_id',
  'campaign_name',
  'adset_id',
  'adset_name',
  'ad_id',
  'ad_name',
  'spend',
  'impressions',
  'reach',
  'clicks',
  'inline_link_clicks',
  'actions',
  'action_values',
];

/** Preference order per measure: the first type present wins. */
export const CANONICAL_ACTION_TYPES = {
  purchases: ['omni_purchase', 'purchase', 'offsite_conversion.fb_pixel_purchase'],
  leads: ['lead', 'onsite_conversion.lead_grouped', 'offsite_conversion.fb_pixel_lead'],
  add_to_cart: ['omni_add_to_cart', 'add_to_cart', 'offsite_conversion.fb_pixel_add_to_cart'],
  landing_page_views: ['landing_page_view'],
  link_clicks: ['link_click'],
} as const;

interface ActionEntry {
  action_type: string;
  value: string;
}

/** The value of the first preferred action type present, or undefined when none is. */
export function pickAction(
  list: readonly ActionEntry[] | undefined,
  preference: readonly string[],
): string | undefined {
  if (!list) return undefined;
  for (const type of preference) {
    const hit = list.find((a) => a.action_type === type);
    if (hit) return hit.value;
  }
  return undefined;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * Meta's hourly breakdown in the ad account's time zone (the advertiser's day, like daily rows):
 * each row names its hour as "HH:00:00 - HH:59:59". Stored as hour 0–23 beside the whole-day row
 * (hour -1) of the same ad and date; every daily read and roll-up takes hour = -1 only.
 */
export const HOURLY_BREAKDOWN = 'hourly_stats_aggregated_by_advertiser_time_zone';

function hourOf(label: unknown): number | null {
  if (typeof label !== 'string') return null;
  const m = /^(\d{2}):00:00/.exec(label);
  return m ? Number(m[1]) : null;
}

/** One Meta row → the ingest API's fact shape (snake_case, strings as Meta sent them). */
export function toFactInput(row: MetaInsightRow): FactInput {
  const r = row as MetaInsightRow & Record<string, unknown>;
  const actions = row.actions;
  const values = row.action_values;
  const linkClicks = str(r.inline_link_clicks) ?? pickAction(actions, CANONICAL_ACTION_TYPES.link_clicks);
  return {
    ad_id: row.ad_id ?? '',
    adset_id: str(row.adset_id),
    campaign_id: str(row.campaign_id),
    ad_name: str(r.ad_name),
    adset_name: str(r.adset_name),
    campaign_name: str(r.campaign_name),
    date: row.date_start,
    hour: hourOf(r[HOURLY_BREAKDOWN]),
    spend: str(row.spend) ?? '0',
    impressions: str(row.impressions) ?? '0',
    reach: str(r.reach) ?? '0',
    clicks: str(r.clicks) ?? '0',
    link_clicks: linkClicks ?? '0',
    landing_page_views: pickAction(actions, CANONICAL_ACTION_TYPES.landing_page_views) ?? '0',
    add_to_cart: pickAction(actions, CANONICAL_ACTION_TYPES.add_to_cart) ?? '0',
    purchases: pickAction(actions, CANONICAL_ACTION_TYPES.purchases) ?? '0',
    revenue: pickAction(values, CANONICAL_ACTION_TYPES.purchases) ?? '0',
    leads: pickAction(actions, CANONICAL_ACTION_TYPES.leads) ?? '0',
    actions,
    action_values: values,
  };
}

/**
 * Maps and validates a page of rows. Daily rows only (date_start = date_stop): a multi-day row would
 * be silently misfiled under its first day, so it is an error. A malformed row fails the page: the
 * sync must not store partial days.
 */
export function toFactRows(rows: MetaInsightRow[]): FactRow[] {
  for (const row of rows) {
    if (row.date_start !== row.date_stop) {
      throw new Error(
        `insights row spans ${row.date_start}..${row.date_stop}; expected daily rows (time_increment=1)`,
      );
    }
  }
  const { rows: facts, errors } = validateFacts(rows.map(toFactInput));
  if (errors.length > 0) {
    const e = errors[0];
    throw new Error(
      `Meta returned an insights row we cannot store (row ${e.index}, ${e.field}: ${e.message})`,
    );
  }
  return facts;
}
