// The expected answers, computed straight from the simulator's generator (the demo account's tree and
// its per-ad, per-day delivery), never from our database or tools: the same pure functions the
// simulator's Graph API serves from, summed here in integers (money in cents) so every total is exact
// to the cent. Measures follow the sync's canonical mapping: purchases and revenue are one purchase
// action type (not the sum of Meta's duplicates), leads are Meta's `lead` (on-Facebook + website).
// Derived measures are ratios of sums, null on a zero denominator, as the app defines them.

import { BASE_METRICS, DERIVED_METRICS } from '../src/metrics.js';
import { localParts } from '../src/simulator/calendar.js';
import { type DeliveryContext, deliveryOn, type Measures, splitHourly } from '../src/simulator/delivery.js';
import {
  buildAccount,
  mainAccountSpec,
  type SimAccount,
  type SimAd,
  type SimAdset,
  type SimCampaign,
} from '../src/simulator/demoAccount.js';
import { type Calendar, dayOf, daysOf, isoOf, mondayOf, type Range } from './ranges.js';

// the measures the product knows (src/metrics.ts); how each is computed is the oracle's own
export const BASES = BASE_METRICS;
export type Base = (typeof BASES)[number];
export const RATIOS = DERIVED_METRICS;
export type Ratio = (typeof RATIOS)[number];
export type Measure = Base | Ratio;
export const MEASURES: readonly Measure[] = [...BASES, ...RATIOS];

/** Base sums; spend and revenue in cents. */
export type Sums = Record<Base, number>;

export type ValueKind = 'money' | 'count' | 'ratio' | 'percent';

/** An exact value: num / den in the unit of its kind (cents for money), null when den is 0. */
export interface Value {
  measure: Measure;
  kind: ValueKind;
  num: number;
  den: number;
}

export type Level = 'campaign' | 'adset' | 'ad';
export type Node = SimCampaign | SimAdset | SimAd;

/** Names an entity as a question file does: its exact name, and a parent's when the name repeats. */
export interface EntitySpec {
  level: Level;
  name: string;
  /** For an ad set: its campaign's name. For an ad: its ad set's name. */
  parent?: string;
}

const KIND: Record<Measure, ValueKind> = {
  spend: 'money',
  revenue: 'money',
  cpa: 'money',
  cpl: 'money',
  cpc: 'money',
  cpm: 'money',
  roas: 'ratio',
  ctr: 'percent',
  cvr: 'percent',
  impressions: 'count',
  reach: 'count',
  clicks: 'count',
  link_clicks: 'count',
  purchases: 'count',
  leads: 'count',
  add_to_cart: 'count',
  landing_page_views: 'count',
};

export function zeroSums(): Sums {
  const s = {} as Sums;
  for (const b of BASES) s[b] = 0;
  return s;
}

export class Oracle {
  readonly account: SimAccount;
  readonly calendar: Calendar;
  readonly timeZone: string;
  readonly currency: string;
  private readonly ctx: DeliveryContext;
  private readonly daily = new Map<SimAd, Map<string, Sums>>();
  /** Hours of today already begun in the account's zone (today's hourly rows stop there). */
  readonly hoursToday: number;

  constructor(
    readonly now: Date,
    readonly seed = 42,
  ) {
    const spec = mainAccountSpec();
    const { day, secondsIntoDay } = localParts(now, spec.timeZone);
    this.account = buildAccount(spec, day, seed);
    this.timeZone = spec.timeZone;
    this.currency = spec.currency;
    // the same context the simulator's World gives its insights at this instant
    this.ctx = { seed, today: day, todayFraction: secondsIntoDay / 86400 };
    this.hoursToday = Math.floor(secondsIntoDay / 3600) + 1;
    const today = isoOf(day);
    let first = today;
    for (const ad of this.account.ads) {
      const days = new Map<string, Sums>();
      for (let d = Math.max(ad.firstDay, day - 800); d <= Math.min(ad.lastDay, day); d++) {
        const m = deliveryOn(ad, d, this.ctx);
        if (!m) continue;
        const iso = isoOf(d);
        if (iso < first) first = iso;
        days.set(iso, sumsOf(m));
      }
      this.daily.set(ad, days);
    }
    this.calendar = { today, firstDataDay: first };
  }

  nodes(level: Level): Node[] {
    if (level === 'campaign') return this.account.campaigns;
    if (level === 'adset') return this.account.adsets;
    return this.account.ads;
  }

  /** Every entity a spec names (several when a name repeats and no parent narrows it). */
  find(spec: EntitySpec): Node[] {
    const found = this.nodes(spec.level).filter(
      (n) => n.name === spec.name && (!spec.parent || parentName(n) === spec.parent),
    );
    if (found.length === 0) throw new Error(`no ${spec.level} named "${spec.name}" in the demo account`);
    return found;
  }

  adsOf(nodes: Node[]): SimAd[] {
    const set = new Set(nodes);
    return this.account.ads.filter((ad) => set.has(ad) || set.has(ad.adset) || set.has(ad.campaign));
  }

  sums(ads: SimAd[], range: Range): Sums {
    const total = zeroSums();
    const days = daysOf(range);
    for (const ad of ads) {
      const perDay = this.daily.get(ad)!;
      for (const d of days) {
        const s = perDay.get(d);
        if (!s) continue;
        for (const b of BASES) total[b] += s[b];
      }
    }
    return total;
  }

  /** The value of a measure over a range for the whole account or the entities a spec names. */
  value(measure: Measure, range: Range, scope?: EntitySpec | EntitySpec[]): Value {
    const specs = scope === undefined ? [] : Array.isArray(scope) ? scope : [scope];
    const ads =
      specs.length > 0 ? [...new Set(specs.flatMap((s) => this.adsOf(this.find(s))))] : this.account.ads;
    return measureOf(measure, this.sums(ads, range));
  }

  /**
   * A measure per hour of one day (hour 0 first) for the whole account: each ad's day split over its
   * hours as Meta's hourly breakdown is (today only over the hours begun so far).
   */
  hours(measure: Measure, iso: string): Value[] {
    const d = dayOf(iso);
    const count = iso === this.calendar.today ? this.hoursToday : 24;
    const perHour = Array.from({ length: count }, zeroSums);
    for (const ad of this.account.ads) {
      const m = deliveryOn(ad, d, this.ctx);
      if (!m) continue;
      splitHourly(m, count).forEach((part, h) => {
        const s = sumsOf(part);
        for (const b of BASES) perHour[h][b] += s[b];
      });
    }
    return perHour.map((s) => measureOf(measure, s));
  }

  /** One row per day / week (Monday start) / month bucket of the range, clipped to the range. */
  timeBuckets(by: 'day' | 'week' | 'month', range: Range): Range[] {
    const keyOf = (d: string) => (by === 'day' ? d : by === 'week' ? mondayOf(d) : d.slice(0, 7));
    const out: Range[] = [];
    for (const d of daysOf(range)) {
      const last = out.at(-1);
      if (last && keyOf(last.since) === keyOf(d)) last.until = d;
      else out.push({ since: d, until: d });
    }
    return out;
  }

  /** Every entity of a level (within a scope) with its value over the range; no delivery → zeros. */
  perEntity(
    level: Level,
    measure: Measure,
    range: Range,
    scope?: EntitySpec,
  ): { node: Node; value: Value }[] {
    const within = scope ? new Set(this.adsOf(this.find(scope))) : undefined;
    return this.nodes(level)
      .filter((n) => !within || this.adsOf([n]).some((ad) => within.has(ad)))
      .map((node) => ({ node, value: measureOf(measure, this.sums(this.adsOf([node]), range)) }));
  }

  /** The day range the tool outputs may legitimately differ on without changing a number. */
  clamp(r: Range): Range {
    const { today, firstDataDay } = this.calendar;
    // ISO days compare as strings
    return { since: [r.since, firstDataDay].sort()[1], until: [r.until, today].sort()[0] };
  }

  /** True when no day of the range has data (before the account's first day, or in the future). */
  outOfHistory(r: Range): boolean {
    return r.until < this.calendar.firstDataDay || r.since > this.calendar.today;
  }

  dayNumber(iso: string): number {
    return dayOf(iso);
  }
}

/** The generator's measures as the sync maps them (purchases one action type, leads both kinds). */
function sumsOf(m: Measures): Sums {
  return {
    spend: m.spend,
    impressions: m.impressions,
    reach: m.reach,
    clicks: m.clicks,
    link_clicks: m.linkClicks,
    purchases: m.purchases,
    revenue: m.purchaseValue,
    leads: m.leadsOnsite + m.leadsPixel,
    add_to_cart: m.addToCart,
    landing_page_views: m.landingPageViews,
  };
}

export function parentName(n: Node): string | undefined {
  if (n.kind === 'adset') return n.campaign.name;
  if (n.kind === 'ad') return n.adset.name;
  return undefined;
}

export function kindOf(measure: Measure): ValueKind {
  return KIND[measure];
}

export function measureOf(measure: Measure, s: Sums): Value {
  const v = (num: number, den: number): Value => ({ measure, kind: KIND[measure], num, den });
  switch (measure) {
    case 'roas':
      return v(s.revenue, s.spend);
    case 'cpa':
      return v(s.spend, s.purchases);
    case 'cpl':
      return v(s.spend, s.leads);
    case 'cpc':
      return v(s.spend, s.clicks);
    case 'cpm':
      return v(s.spend * 1000, s.impressions);
    case 'ctr':
      return v(s.clicks * 100, s.impressions);
    case 'cvr':
      return v(s.purchases * 100, s.clicks);
    default:
      return v(s[measure], 1);
  }
}

/** A float for ranking only (never for what is compared). */
export function approx(v: Value): number | null {
  return v.den === 0 ? null : v.num / v.den;
}
