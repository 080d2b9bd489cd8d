// Renders simulated objects (ad account, campaign, ad set, ad) as Meta returns them: only the
// fields asked for (id alone by default), budgets as strings in minor units, timestamps with the
// account's UTC offset, absent fields simply missing (Meta omits stop_time when there is none, and
// we are lenient about unknown field names rather than failing a client's ask).

import { localParts, metaTimestamp, offsetMinutes } from './calendar.js';
import { goalOf } from './delivery.js';
import type { SimAccount, SimAd, SimAdset, SimCampaign, SimObject } from './demoAccount.js';
import type { FieldSelection } from './fields.js';
import { objectTimestamp } from './timestamps.js';

type Json = Record<string, unknown>;

export function renderObject(
  obj: SimObject,
  sel: FieldSelection | undefined,
  now: Date,
  defaults = ['id'],
): Json {
  const names = sel ? [...sel.keys()] : defaults;
  const out: Json = {};
  for (const name of names) {
    const value = fieldValue(obj, name, sel?.get(name), now);
    if (value !== undefined) out[name] = value;
  }
  // Meta always includes the id of an object it renders.
  if (!('id' in out)) out.id = obj.id;
  return out;
}

function fieldValue(obj: SimObject, name: string, nested: FieldSelection | undefined, now: Date): unknown {
  switch (obj.kind) {
    case 'account':
      return accountField(obj, name, now);
    case 'campaign':
      return campaignField(obj, name) ?? commonField(obj, name);
    case 'adset':
      return adsetField(obj, name, nested, now) ?? commonField(obj, name);
    case 'ad':
      return adField(obj, name, nested, now) ?? commonField(obj, name);
  }
}

function accountField(a: SimAccount, name: string, now: Date): unknown {
  const tz = a.spec.timeZone;
  switch (name) {
    case 'id':
      return a.id;
    case 'account_id':
      return a.accountId;
    case 'name':
      return a.spec.name;
    case 'currency':
      return a.spec.currency;
    case 'timezone_name':
      return tz;
    case 'timezone_offset_hours_utc':
      return offsetMinutes(now, tz) / 60;
    case 'account_status':
      return 1;
    case 'disable_reason':
      return 0;
    case 'created_time':
      return metaTimestamp(localParts(now, tz).day - 800, 10 * 3600, tz);
    case 'business':
      return { id: '1029384756', name: 'AdNavi Demo Business' };
    default:
      return undefined;
  }
}

function commonField(o: SimCampaign | SimAdset | SimAd, name: string): unknown {
  const tz = o.account.spec.timeZone;
  switch (name) {
    case 'id':
      return o.id;
    case 'name':
      return o.name;
    case 'account_id':
      return o.account.accountId;
    case 'status':
    case 'configured_status':
      return o.status;
    case 'effective_status':
      return o.effectiveStatus;
    case 'created_time':
      return objectTimestamp(o.createdDay, o.id, 'created', tz);
    case 'updated_time':
      return objectTimestamp(o.updatedDay, o.id, 'updated', tz);
    default:
      return undefined;
  }
}

function campaignField(c: SimCampaign, name: string): unknown {
  const tz = c.account.spec.timeZone;
  switch (name) {
    case 'objective':
      return c.objective;
    case 'buying_type':
      return 'AUCTION';
    case 'daily_budget':
      return c.dailyBudget === undefined ? undefined : String(c.dailyBudget);
    case 'lifetime_budget':
      return c.lifetimeBudget === undefined ? undefined : String(c.lifetimeBudget);
    case 'bid_strategy':
      return 'LOWEST_COST_WITHOUT_CAP';
    case 'special_ad_categories':
      return [];
    case 'start_time':
      return objectTimestamp(c.startDay, c.id, 'created', tz);
    case 'stop_time':
      return c.stopDay === undefined ? undefined : metaTimestamp(c.stopDay, 23 * 3600 + 59 * 60, tz);
    default:
      return undefined;
  }
}

const OPTIMIZATION_GOAL: Record<string, string> = {
  sales: 'OFFSITE_CONVERSIONS',
  leads: 'LEAD_GENERATION',
  traffic: 'LANDING_PAGE_VIEWS',
  awareness: 'REACH',
};

function adsetField(s: SimAdset, name: string, nested: FieldSelection | undefined, now: Date): unknown {
  const goal = goalOf(s.campaign.objective);
  switch (name) {
    case 'campaign_id':
      return s.campaign.id;
    case 'campaign':
      return renderObject(s.campaign, nested, now);
    case 'optimization_goal':
      return OPTIMIZATION_GOAL[goal];
    case 'billing_event':
      return 'IMPRESSIONS';
    case 'targeting':
      return { geo_locations: { countries: [s.country] }, age_min: 18, age_max: 65 };
    case 'promoted_object':
      return goal === 'sales' ? { pixel_id: '987654321012345', custom_event_type: 'PURCHASE' } : undefined;
    case 'start_time':
      return campaignField(s.campaign, 'start_time');
    case 'end_time':
      return campaignField(s.campaign, 'stop_time');
    default:
      return undefined;
  }
}

function adField(ad: SimAd, name: string, nested: FieldSelection | undefined, now: Date): unknown {
  switch (name) {
    case 'adset_id':
      return ad.adset.id;
    case 'campaign_id':
      return ad.campaign.id;
    case 'adset':
      return renderObject(ad.adset, nested, now);
    case 'campaign':
      return renderObject(ad.campaign, nested, now);
    case 'creative': {
      const creative: Json = { id: ad.creativeId };
      if (nested?.has('name')) creative.name = `${ad.name} – creative`;
      return creative;
    }
    default:
      return undefined;
  }
}
