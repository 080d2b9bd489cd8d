// Insights rows computed on demand. The ads under the asked object are grouped by the asked level;
// each (group, period[, hour]) row sums the integer measures of its ads' days, so every level adds
// up exactly. Paging resumes from a position (group, period, hour) held in the cursor, so a page
// costs only the rows it holds (plus one look-ahead), however large the account.

import { ymdOf } from './calendar.js';
import {
  addInto,
  type DeliveryContext,
  deliveryOn,
  type Measures,
  splitHourly,
  zeroMeasures,
} from './delivery.js';
import type { SimAccount, SimAd, SimCampaign, SimObject } from './demoAccount.js';
import { applyFilters } from './filtering.js';
import { type InsightsAsk, type Level, periods } from './insightsAsk.js';
import { metricValue, type Row } from './insightsFormat.js';
import { decodeCursor, type NextLink, type Page, pageOf, parseLimit } from './paging.js';

export const HOURLY = 'hourly_stats_aggregated_by_advertiser_time_zone';

export interface InsightsContext extends DeliveryContext {
  /** Hours of today already elapsed (today's hourly rows stop at the current hour). */
  hoursToday: number;
}

interface Group {
  key: SimObject;
  ads: SimAd[];
}

export function adsUnder(target: SimObject): SimAd[] {
  switch (target.kind) {
    case 'account':
      return target.ads;
    case 'campaign':
      return target.account.ads.filter((a) => a.campaign === target);
    case 'adset':
      return target.account.ads.filter((a) => a.adset === target);
    case 'ad':
      return [target];
  }
}

function groupKey(ad: SimAd, level: Level): SimObject {
  if (level === 'ad') return ad;
  if (level === 'adset') return ad.adset;
  if (level === 'campaign') return ad.campaign;
  return ad.account;
}

function groupsFor(target: SimObject, ask: InsightsAsk): Group[] {
  const ads = applyFilters(adsUnder(target), ask.filters, false);
  const byKey = new Map<SimObject, Group>();
  for (const ad of ads) {
    const key = groupKey(ad, ask.level);
    let g = byKey.get(key);
    if (!g) {
      g = { key, ads: [] };
      byKey.set(key, g);
    }
    g.ads.push(ad);
  }
  return [...byKey.values()];
}

/** Sums a group's delivery over [from, to]; with `hours`, also per hour of the day. */
function measure(g: Group, from: number, to: number, ctx: InsightsContext, hourly: boolean): Measures[] {
  const total = zeroMeasures();
  const perHour = hourly ? Array.from({ length: 24 }, zeroMeasures) : [];
  for (const ad of g.ads) {
    const start = Math.max(from, ad.firstDay);
    const end = Math.min(to, ad.lastDay, ctx.today);
    for (let d = start; d <= end; d++) {
      const m = deliveryOn(ad, d, ctx);
      if (!m) continue;
      addInto(total, m);
      if (!hourly) continue;
      const hours = splitHourly(m, d === ctx.today ? ctx.hoursToday : 24);
      for (let h = 0; h < hours.length; h++) addInto(perHour[h], hours[h]);
    }
  }
  return hourly ? perHour : [total];
}

function hourLabel(h: number): string {
  const hh = String(h).padStart(2, '0');
  return `${hh}:00:00 - ${hh}:59:59`;
}

function identity(key: SimObject, level: Level): Row {
  const account: SimAccount = key.kind === 'account' ? key : key.account;
  const row: Row = { account_id: account.accountId, account_name: account.spec.name };
  const campaign: SimCampaign | undefined =
    key.kind === 'account' ? undefined : key.kind === 'campaign' ? key : key.campaign;
  if (campaign && level !== 'account')
    Object.assign(row, { campaign_id: campaign.id, campaign_name: campaign.name });
  if (key.kind === 'adset') Object.assign(row, { adset_id: key.id, adset_name: key.name });
  if (key.kind === 'ad')
    Object.assign(row, {
      adset_id: key.adset.id,
      adset_name: key.adset.name,
      ad_id: key.id,
      ad_name: key.name,
    });
  return row;
}

function buildRow(ask: InsightsAsk, g: Group, period: [number, number], m: Measures, hour?: number): Row {
  const objective =
    g.key.kind === 'account'
      ? undefined
      : g.key.kind === 'campaign'
        ? g.key.objective
        : g.key.campaign.objective;
  const row: Row = {};
  for (const f of ask.fields) {
    const v = metricValue(f, m, objective);
    if (v !== undefined) row[f] = v;
  }
  Object.assign(row, identity(g.key, ask.level));
  row.account_currency = (g.key.kind === 'account' ? g.key : g.key.account).spec.currency;
  row.date_start = ymdOf(period[0]);
  row.date_stop = ymdOf(period[1]);
  if (hour !== undefined) row[HOURLY] = hourLabel(hour);
  return row;
}

/** Yields rows in (group, period, hour) order starting after `after` (exclusive). */
function* rowsAfter(target: SimObject, ask: InsightsAsk, ctx: InsightsContext, after?: number[]) {
  const groups = groupsFor(target, ask);
  const ps = periods(ask);
  const hourly = ask.breakdowns.includes(HOURLY);
  for (let gi = after ? after[0] : 0; gi < groups.length; gi++) {
    const firstPeriod = after && gi === after[0] ? after[1] : 0;
    for (let pi = firstPeriod; pi < ps.length; pi++) {
      const parts = measure(groups[gi], ps[pi][0], ps[pi][1], ctx, hourly);
      for (let h = 0; h < parts.length; h++) {
        const pos = [gi, pi, h];
        if (after && compare(pos, after) <= 0) continue;
        if (parts[h].impressions === 0 && parts[h].spend === 0) continue; // no delivery → no row
        yield { pos, row: buildRow(ask, groups[gi], ps[pi], parts[h], hourly ? h : undefined) };
      }
    }
  }
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** One page of insights rows for an ask, resuming from the `after` cursor in params. */
export function insightsPage(
  target: SimObject,
  ask: InsightsAsk,
  ctx: InsightsContext,
  params: URLSearchParams,
  next: NextLink,
): Page<Row> {
  const limit = parseLimit(params.get('limit') ?? undefined);
  const afterRaw = params.get('after');
  const after = afterRaw ? decodeCursor(afterRaw) : undefined;
  const data: Row[] = [];
  let first: number[] = [0, 0, 0];
  let last: number[] = [0, 0, 0];
  let hasMore = false;
  for (const { pos, row } of rowsAfter(target, ask, ctx, after)) {
    if (data.length === limit) {
      hasMore = true;
      break;
    }
    if (data.length === 0) first = pos;
    last = pos;
    data.push(row);
  }
  return pageOf(data, first, last, hasMore, next);
}

export function earliestDay(account: SimAccount): number {
  return account.ads.reduce((min, ad) => Math.min(min, ad.firstDay), account.today);
}
