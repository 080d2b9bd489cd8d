// Turns integer measures into Meta's insights row: every number a string, money with two decimals,
// ratios with six, and the actions arrays with Meta's real action types. Note the duplication Meta
// really does: the same purchases appear as `purchase`, `omni_purchase` and
// `offsite_conversion.fb_pixel_purchase` (likewise add-to-cart and checkout); `lead` is the sum of
// on-Facebook (`onsite_conversion.lead_grouped`) and website (`offsite_conversion.fb_pixel_lead`)
// leads. A client must pick one type per measure, never sum them.

import { goalOf, type Measures } from './delivery.js';

type Row = Record<string, unknown>;
interface ActionEntry {
  action_type: string;
  value: string;
}

export function money(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function ratio(num: number, den: number): string | undefined {
  return den === 0 ? undefined : (num / den).toFixed(6);
}

function actionCounts(m: Measures): [string, number][] {
  return [
    ['link_click', m.linkClicks],
    ['landing_page_view', m.landingPageViews],
    ['post_engagement', m.postEngagement],
    ['page_engagement', m.postEngagement],
    ['video_view', m.videoViews],
    ['add_to_cart', m.addToCart],
    ['omni_add_to_cart', m.addToCart],
    ['offsite_conversion.fb_pixel_add_to_cart', m.addToCart],
    ['initiate_checkout', m.initiateCheckout],
    ['omni_initiated_checkout', m.initiateCheckout],
    ['offsite_conversion.fb_pixel_initiate_checkout', m.initiateCheckout],
    ['add_payment_info', m.addPaymentInfo],
    ['purchase', m.purchases],
    ['omni_purchase', m.purchases],
    ['offsite_conversion.fb_pixel_purchase', m.purchases],
    ['lead', m.leadsOnsite + m.leadsPixel],
    ['onsite_conversion.lead_grouped', m.leadsOnsite],
    ['offsite_conversion.fb_pixel_lead', m.leadsPixel],
    ['complete_registration', m.completeRegistration],
    ['offsite_conversion.fb_pixel_complete_registration', m.completeRegistration],
  ];
}

function actions(m: Measures): ActionEntry[] {
  return actionCounts(m)
    .filter(([, n]) => n > 0)
    .map(([action_type, n]) => ({ action_type, value: String(n) }));
}

function actionValues(m: Measures): ActionEntry[] {
  if (m.purchaseValue === 0) return [];
  const v = money(m.purchaseValue);
  return ['purchase', 'omni_purchase', 'offsite_conversion.fb_pixel_purchase'].map((t) => ({
    action_type: t,
    value: v,
  }));
}

function costPerAction(m: Measures): ActionEntry[] {
  return actionCounts(m)
    .filter(([, n]) => n > 0)
    .map(([action_type, n]) => ({ action_type, value: (m.spend / 100 / n).toFixed(6) }));
}

function roas(m: Measures, type: string): ActionEntry[] | undefined {
  if (m.purchaseValue === 0 || m.spend === 0) return undefined;
  return [{ action_type: type, value: (m.purchaseValue / m.spend).toFixed(6) }];
}

const nonEmpty = (a: ActionEntry[]) => (a.length > 0 ? a : undefined);

/** One metric field's value, or undefined to leave it out (as Meta leaves out empty arrays). */
export function metricValue(field: string, m: Measures, objective?: string): unknown {
  switch (field) {
    case 'spend':
      return money(m.spend);
    case 'impressions':
      return String(m.impressions);
    case 'reach':
      return String(m.reach);
    case 'clicks':
      return String(m.clicks);
    case 'inline_link_clicks':
      return String(m.linkClicks);
    case 'frequency':
      return ratio(m.impressions, m.reach);
    case 'ctr':
      return ratio(m.clicks * 100, m.impressions);
    case 'inline_link_click_ctr':
      return ratio(m.linkClicks * 100, m.impressions);
    case 'cpc':
      return ratio(m.spend / 100, m.clicks);
    case 'cost_per_inline_link_click':
      return ratio(m.spend / 100, m.linkClicks);
    case 'cpm':
      return ratio(m.spend * 10, m.impressions);
    case 'cpp':
      return ratio(m.spend * 10, m.reach);
    case 'actions':
      return nonEmpty(actions(m));
    case 'action_values':
      return nonEmpty(actionValues(m));
    case 'cost_per_action_type':
      return nonEmpty(costPerAction(m));
    case 'purchase_roas':
      return roas(m, 'omni_purchase');
    case 'website_purchase_roas':
      return roas(m, 'offsite_conversion.fb_pixel_purchase');
    case 'objective':
      return objective;
    case 'optimization_goal':
      return objective
        ? {
            sales: 'OFFSITE_CONVERSIONS',
            leads: 'LEAD_GENERATION',
            traffic: 'LANDING_PAGE_VIEWS',
            awareness: 'REACH',
          }[goalOf(objective)]
        : undefined;
    case 'buying_type':
      return 'AUCTION';
    default:
      return undefined;
  }
}

export type { Row };
