// One ad's delivery on one day, computed on demand from a hash-based PRNG of (seed, ad, day,
// restatement version). All quantities are integers (money in cents) so that any aggregation is
// exact: account-level insights equal the sum of ad-level rows to the cent.

import { weekday, ymdOf } from './calendar.js';
import type { SimAd } from './demoAccount.js';
import { between, generator, hashString, mix, stochasticRound } from './prng.js';

export const MEASURES = [
  'spend',
  'impressions',
  'reach',
  'clicks',
  'linkClicks',
  'landingPageViews',
  'postEngagement',
  'videoViews',
  'addToCart',
  'initiateCheckout',
  'addPaymentInfo',
  'purchases',
  'purchaseValue',
  'leadsOnsite',
  'leadsPixel',
  'completeRegistration',
] as const;
export type Measure = (typeof MEASURES)[number];
/** Integer measures; `spend` and `purchaseValue` are in the account currency's minor unit. */
export type Measures = Record<Measure, number>;

export function zeroMeasures(): Measures {
  const m = {} as Measures;
  for (const k of MEASURES) m[k] = 0;
  return m;
}

export function addInto(total: Measures, m: Measures): void {
  for (const k of MEASURES) total[k] += m[k];
}

export interface DeliveryContext {
  seed: number;
  today: number;
  /** Share of today already elapsed in the account's time zone (today's row is partial). */
  todayFraction: number;
  restate?: { days: number; version: number };
}

type Goal = 'sales' | 'leads' | 'traffic' | 'awareness';

const GOALS: Record<string, Goal> = {
  OUTCOME_SALES: 'sales',
  CONVERSIONS: 'sales',
  PRODUCT_CATALOG_SALES: 'sales',
  OUTCOME_LEADS: 'leads',
  LEAD_GENERATION: 'leads',
  OUTCOME_TRAFFIC: 'traffic',
  LINK_CLICKS: 'traffic',
  OUTCOME_ENGAGEMENT: 'traffic',
  OUTCOME_AWARENESS: 'awareness',
  BRAND_AWARENESS: 'awareness',
  REACH: 'awareness',
};

export function goalOf(objective: string): Goal {
  return GOALS[objective] ?? 'traffic';
}

const PROFILE: Record<Goal, { cpmCents: number; ctr: number }> = {
  sales: { cpmCents: 1400, ctr: 0.014 },
  leads: { cpmCents: 1600, ctr: 0.011 },
  traffic: { cpmCents: 800, ctr: 0.021 },
  awareness: { cpmCents: 400, ctr: 0.004 },
};

// Weekly seasonality (Sunday first): weekends sell more, Mondays less.
const WEEKDAY_FACTOR = [1.12, 0.9, 0.94, 0.97, 1.0, 1.06, 1.16];
// Yearly seasonality by month (January first): quiet start of the year, Q4 peak.
const MONTH_FACTOR = [0.85, 0.85, 0.92, 0.95, 1.0, 1.0, 0.97, 0.97, 1.0, 1.05, 1.3, 1.35];

/** The ad's delivery on `day`, or null when it did not deliver (Meta then has no row at all). */
export function deliveryOn(ad: SimAd, day: number, ctx: DeliveryContext): Measures | null {
  if (day < ad.firstDay || day > ad.lastDay || day > ctx.today) return null;
  // Whether the ad delivered at all is independent of restatement: attribution changes numbers,
  // it does not make a day appear or vanish.
  if (generator(mix(ctx.seed, ad.hash, day, 1))() < 0.04) return null;
  const restated = ctx.restate && day > ctx.today - ctx.restate.days ? ctx.restate.version : 0;
  const rand = generator(mix(ctx.seed, ad.hash, day, 2, restated));
  const goal = goalOf(ad.campaign.objective);
  const month = Number(ymdOf(day).slice(5, 7)) - 1;
  const learning = day - ad.firstDay < 3 ? 0.6 : 1;
  let spend = Math.round(
    ad.baseSpendCents *
      WEEKDAY_FACTOR[weekday(day)] *
      MONTH_FACTOR[month] *
      learning *
      between(rand, 0.75, 1.25),
  );
  if (day === ctx.today) spend = Math.floor(spend * ctx.todayFraction);
  const profile = PROFILE[goal];
  let impressions = Math.floor((spend * 1000) / (profile.cpmCents * between(rand, 0.8, 1.25)));
  if (impressions <= 0 || spend <= 0) {
    // A tiny day (today's first minutes) can round to nothing. A restated version must keep the row
    // its first version had (as above: attribution changes numbers, never whether a row exists).
    if (!restated || deliveryOn(ad, day, { ...ctx, restate: undefined }) === null) return null;
    spend = Math.max(spend, 1);
    impressions = Math.max(impressions, 1);
  }
  const m = zeroMeasures();
  m.spend = spend;
  m.impressions = impressions;
  m.reach = Math.max(1, Math.floor(impressions / between(rand, 1.05, 1.6)));
  m.clicks = stochasticRound(rand, impressions * profile.ctr * between(rand, 0.7, 1.3));
  m.linkClicks = stochasticRound(rand, m.clicks * between(rand, 0.6, 0.85));
  m.landingPageViews = stochasticRound(rand, m.linkClicks * between(rand, 0.6, 0.85));
  m.postEngagement = m.clicks + stochasticRound(rand, impressions * 0.004 * rand());
  m.videoViews = stochasticRound(rand, impressions * between(rand, 0.02, 0.08));
  if (goal === 'sales') {
    m.addToCart = stochasticRound(rand, m.landingPageViews * between(rand, 0.06, 0.12));
    m.initiateCheckout = stochasticRound(rand, m.addToCart * between(rand, 0.45, 0.65));
    m.addPaymentInfo = stochasticRound(rand, m.initiateCheckout * between(rand, 0.6, 0.8));
    m.purchases = stochasticRound(rand, m.initiateCheckout * between(rand, 0.5, 0.75));
    m.purchaseValue = m.purchases * Math.round(averageOrderCents(ad) * between(rand, 0.8, 1.25));
  } else if (goal === 'leads') {
    m.leadsOnsite = stochasticRound(rand, m.linkClicks * between(rand, 0.04, 0.09));
    m.leadsPixel = stochasticRound(rand, m.landingPageViews * between(rand, 0.03, 0.06));
    m.completeRegistration = stochasticRound(rand, m.leadsPixel * 0.5);
  }
  return m;
}

function averageOrderCents(ad: SimAd): number {
  return 4000 + (hashString(ad.campaign.id) % 5000);
}

// Share of a day's delivery per hour of the advertiser's day: low at night, peaks in the evening.
const HOUR_WEIGHTS = [2, 1, 1, 1, 1, 2, 3, 4, 5, 6, 6, 6, 6, 6, 6, 6, 6, 7, 8, 9, 9, 8, 5, 3];

/**
 * Splits a day's measures into hours 0..hours-1 so the parts add up exactly to the day (cumulative
 * flooring). Today's partial day passes only the hours elapsed so far.
 */
export function splitHourly(day: Measures, hours: number): Measures[] {
  const weights = HOUR_WEIGHTS.slice(0, Math.max(1, hours));
  const total = weights.reduce((a, b) => a + b, 0);
  const out: Measures[] = [];
  let cum = 0;
  for (const w of weights) {
    const part = zeroMeasures();
    for (const k of MEASURES) {
      part[k] = Math.floor((day[k] * (cum + w)) / total) - Math.floor((day[k] * cum) / total);
    }
    cum += w;
    out.push(part);
  }
  return out;
}
