// Builds the demo ad accounts' object tree (campaigns → ad sets → ads) for a given "today".
// Only the tree is materialised (cheap even for 5,000 ads); daily numbers are computed on demand
// in delivery.ts. Ids are stable across days (they depend on position only); dates move with today
// because the account is dated relative to today in its own time zone.

import {
  AD_NAMES,
  type CampaignTemplate,
  type ConfiguredStatus,
  EU_CAMPAIGNS,
  MAIN_CAMPAIGNS,
} from './demoCampaigns.js';
import { between, generator, hashString, mix } from './prng.js';

export interface AccountSpec {
  id: string; // act_…
  name: string;
  currency: string;
  timeZone: string;
  idPrefix: string; // first digits of every object id, unique per account
  templates: CampaignTemplate[];
  ads: number; // total ads to generate
  adsPerAdset: number;
}

export interface SimAccount {
  kind: 'account';
  id: string;
  accountId: string;
  spec: AccountSpec;
  today: number;
  campaigns: SimCampaign[];
  adsets: SimAdset[];
  ads: SimAd[];
}

interface SimNode {
  id: string;
  name: string;
  status: ConfiguredStatus;
  effectiveStatus: string;
  createdDay: number;
  updatedDay: number;
  /** Inclusive delivery window (day numbers); firstDay > lastDay means never delivers. */
  firstDay: number;
  lastDay: number;
  account: SimAccount;
}

export interface SimCampaign extends SimNode {
  kind: 'campaign';
  objective: string;
  startDay: number;
  stopDay?: number;
  dailyBudget?: number;
  lifetimeBudget?: number;
  adCount: number;
}

export interface SimAdset extends SimNode {
  kind: 'adset';
  campaign: SimCampaign;
  country: string;
}

export interface SimAd extends SimNode {
  kind: 'ad';
  campaign: SimCampaign;
  adset: SimAdset;
  creativeId: string;
  /** Hash of the ad id, mixed into every per-day draw. */
  hash: number;
  /** Typical full-day spend in cents before seasonality and noise. */
  baseSpendCents: number;
}

export type SimObject = SimAccount | SimCampaign | SimAdset | SimAd;

export const DEMO_ADS = 60;

export function mainAccountSpec(ads?: number): AccountSpec {
  const total = ads ?? DEMO_ADS;
  return {
    id: 'act_1234567890',
    name: 'AdNavi Demo Store',
    currency: 'USD',
    timeZone: 'America/Los_Angeles',
    idPrefix: '12021',
    templates: MAIN_CAMPAIGNS,
    ads: total,
    // The demo shape is 2 ads per ad set; big accounts get more per ad set, as real ones do.
    adsPerAdset: total <= DEMO_ADS ? 2 : 4,
  };
}

export function euAccountSpec(): AccountSpec {
  return {
    id: 'act_2345678901',
    name: 'AdNavi Demo EU',
    currency: 'EUR',
    timeZone: 'Europe/Berlin',
    idPrefix: '12022',
    templates: EU_CAMPAIGNS,
    ads: 12,
    adsPerAdset: 2,
  };
}

const FLEET_ZONES = ['America/Los_Angeles', 'America/New_York', 'Europe/Berlin', 'Asia/Tokyo', 'UTC'];

/** The i-th (0-based) account of a fleet: the main account's shape, its own ids, zones in turn. */
export function fleetAccountSpec(i: number, ads: number): AccountSpec {
  const n = i + 1;
  return {
    id: `act_9${String(n).padStart(9, '0')}`,
    name: `Fleet Store ${n}`,
    currency: 'USD',
    timeZone: FLEET_ZONES[i % FLEET_ZONES.length],
    idPrefix: `3${String(n).padStart(4, '0')}`,
    templates: MAIN_CAMPAIGNS,
    ads,
    adsPerAdset: 4,
  };
}

function objectId(spec: AccountSpec, kind: number, index: number): string {
  return `${spec.idPrefix}${kind}${String(index + 1).padStart(12, '0')}`;
}

const NEVER = Number.POSITIVE_INFINITY;

/** Builds the whole tree; `seed` only varies budgets' split among ads, never the shape. */
export function buildAccount(spec: AccountSpec, today: number, seed: number): SimAccount {
  const account: SimAccount = {
    kind: 'account',
    id: spec.id,
    accountId: spec.id.slice(4),
    spec,
    today,
    campaigns: [],
    adsets: [],
    ads: [],
  };
  let cycle = 0;
  while (account.ads.length < spec.ads) {
    for (const t of spec.templates) {
      if (account.ads.length >= spec.ads) break;
      addCampaign(account, t, cycle, seed);
    }
    cycle++;
  }
  return account;
}

function addCampaign(account: SimAccount, t: CampaignTemplate, cycle: number, seed: number): void {
  const { spec, today } = account;
  const startDay = today + t.start;
  const stopDay = t.stop === undefined ? undefined : today + t.stop;
  const haltDay = t.haltedAt === undefined ? NEVER : today + t.haltedAt;
  const createdDay = today + (t.created ?? t.start - 2);
  const lastDay = Math.min(today, stopDay ?? NEVER, haltDay - 1);
  const campaign: SimCampaign = {
    kind: 'campaign',
    id: objectId(spec, 0, account.campaigns.length),
    name: cycle === 0 ? t.name : `${t.name} #${cycle + 1}`,
    status: t.status,
    effectiveStatus: t.status,
    objective: t.objective,
    startDay,
    stopDay,
    createdDay,
    updatedDay: Number.isFinite(haltDay) ? haltDay : createdDay,
    firstDay: startDay,
    lastDay,
    dailyBudget: t.dailyBudget,
    lifetimeBudget: t.lifetimeBudget,
    adCount: 0,
    account,
  };
  account.campaigns.push(campaign);
  const campaignAds: SimAd[] = [];
  for (const at of t.adsets) {
    if (account.ads.length >= spec.ads) break;
    const adsetHalt = at.pausedAt === undefined ? NEVER : today + at.pausedAt;
    const adset: SimAdset = {
      kind: 'adset',
      id: objectId(spec, 1, account.adsets.length),
      name: at.name,
      status: at.pausedAt === undefined ? 'ACTIVE' : 'PAUSED',
      effectiveStatus: childEffectiveStatus(
        campaign,
        at.pausedAt === undefined ? 'ACTIVE' : 'PAUSED',
        'CAMPAIGN',
      ),
      createdDay,
      updatedDay: Math.max(campaign.updatedDay, Number.isFinite(adsetHalt) ? adsetHalt : createdDay),
      firstDay: startDay,
      lastDay: Math.min(lastDay, adsetHalt - 1),
      campaign,
      country: at.country,
      account,
    };
    account.adsets.push(adset);
    for (let k = 0; k < spec.adsPerAdset && account.ads.length < spec.ads; k++) {
      const ad = makeAd(account, campaign, adset, k, seed);
      account.ads.push(ad);
      campaignAds.push(ad);
    }
  }
  campaign.adCount = campaignAds.length;
  const dailyCents = campaignDailyCents(campaign);
  for (const ad of campaignAds) {
    const rand = generator(mix(seed, ad.hash, 7));
    ad.baseSpendCents = Math.round((dailyCents / campaignAds.length) * between(rand, 0.55, 1.35));
  }
}

function makeAd(account: SimAccount, campaign: SimCampaign, adset: SimAdset, k: number, seed: number): SimAd {
  const index = account.ads.length;
  const id = objectId(account.spec, 2, index);
  const hash = hashString(id);
  // A few individually paused ads in otherwise running ad sets, paused a week or two ago.
  const selfPaused = index % 9 === 4 && adset.status === 'ACTIVE' && campaign.status === 'ACTIVE';
  const pausedDay = selfPaused ? account.today - 7 - (mix(seed, hash) % 8) : NEVER;
  const status: ConfiguredStatus = selfPaused ? 'PAUSED' : 'ACTIVE';
  let effective = childEffectiveStatus(campaign, status, 'CAMPAIGN');
  if (adset.status === 'PAUSED' && status === 'ACTIVE' && effective === 'ACTIVE') effective = 'ADSET_PAUSED';
  // A brand-new campaign's ads are still in review.
  if (effective === 'ACTIVE' && campaign.createdDay >= account.today - 1) effective = 'PENDING_REVIEW';
  const n = AD_NAMES.length;
  const baseName = AD_NAMES[(index + k) % n];
  return {
    kind: 'ad',
    id,
    name: k < n ? baseName : `${baseName} #${Math.floor(k / n) + 1}`,
    status,
    effectiveStatus: effective,
    createdDay: adset.createdDay,
    updatedDay: Math.max(adset.updatedDay, Number.isFinite(pausedDay) ? pausedDay : 0),
    firstDay: adset.firstDay,
    lastDay: Math.min(adset.lastDay, pausedDay - 1),
    campaign,
    adset,
    creativeId: objectId(account.spec, 3, index),
    hash,
    baseSpendCents: 0,
    account,
  };
}

/** Children of deleted/archived parents share the parent's fate; paused parents show X_PAUSED. */
function childEffectiveStatus(parent: SimCampaign, own: ConfiguredStatus, parentLabel: string): string {
  if (parent.status === 'DELETED' || parent.status === 'ARCHIVED') return parent.status;
  if (own !== 'ACTIVE') return own;
  if (parent.status === 'PAUSED') return `${parentLabel}_PAUSED`;
  return 'ACTIVE';
}

function campaignDailyCents(c: SimCampaign): number {
  if (c.dailyBudget) return c.dailyBudget;
  const days = Math.max(1, (c.stopDay ?? c.startDay + 30) - c.startDay + 1);
  return Math.round((c.lifetimeBudget ?? 0) / days);
}
