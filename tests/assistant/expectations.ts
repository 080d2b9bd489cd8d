// Expected answers computed from the simulator's own Graph API (never from our database or tools):
// totals and ratios over a range, per-entity values, entity names by status.
import type { AssistantAnswer } from '../../src/assistant/types.js';
import {
  entities,
  type GraphEntity,
  type InsightRow,
  insights,
  type Measures,
  sumMeasures,
  type World,
} from './fixture.js';

export type Ratio = 'roas' | 'cpc' | 'ctr' | 'cpm' | 'cpa';
export type Measure = keyof Measures | Ratio;

export const usd = (n: number) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2 }).format(n);

export function measureValue(m: Measures, measure: Measure): number | null {
  const div = (a: number, b: number) => (b === 0 ? null : a / b);
  switch (measure) {
    case 'roas':
      return div(m.revenue, m.spend);
    case 'cpc':
      return div(m.spend, m.clicks);
    case 'ctr': {
      const r = div(m.clicks, m.impressions);
      return r === null ? null : r * 100;
    }
    case 'cpm': {
      const r = div(m.spend, m.impressions);
      return r === null ? null : r * 1000;
    }
    case 'cpa':
      return div(m.spend, m.purchases);
    default:
      return m[measure];
  }
}

/** The account's (or some campaigns') value of a measure over [since, until]. */
export async function expectedTotal(
  w: World,
  measure: Measure,
  since: string,
  until: string,
  filter?: { field: 'campaign.id' | 'adset.id' | 'ad.id'; ids: string[] },
): Promise<number | null> {
  const rows = filter
    ? await insights(w, filter.field.split('.')[0] as 'campaign', since, until, {
        filterField: filter.field,
        ids: filter.ids,
      })
    : await insights(w, 'account', since, until);
  return measureValue(sumMeasures(rows), measure);
}

const EDGE = { campaign: 'campaigns', adset: 'adsets', ad: 'ads' } as const;
const ID_FIELD = { campaign: 'campaign_id', adset: 'adset_id', ad: 'ad_id' } as const;

export type Level = keyof typeof EDGE;

/** Every entity of a level with its value of a measure over the range (no delivery → zeros). */
export async function perEntity(w: World, level: Level, measure: Measure, since: string, until: string) {
  const [all, rows] = await Promise.all([entities(w, EDGE[level]), insights(w, level, since, until)]);
  const byId = new Map<string, InsightRow[]>();
  for (const r of rows) {
    const id = r[ID_FIELD[level]]!;
    byId.set(id, [...(byId.get(id) ?? []), r]);
  }
  return all.map((e) => ({ ...e, value: measureValue(sumMeasures(byId.get(e.id) ?? []), measure) }));
}

const PAUSED = ['PAUSED', 'CAMPAIGN_PAUSED', 'ADSET_PAUSED'];
const GONE = ['ARCHIVED', 'DELETED'];

/** The documented status filters (schemas.ts / issue 5), applied to the simulator's own entities. */
export function hasStatus(
  e: GraphEntity,
  status: 'default' | 'live' | 'active' | 'paused' | 'archived' | 'deleted' | 'any',
): boolean {
  switch (status) {
    case 'live':
      return e.effective_status === 'ACTIVE';
    case 'active':
      return e.status === 'ACTIVE';
    case 'paused':
      return e.status === 'PAUSED' || PAUSED.includes(e.effective_status);
    case 'archived':
      return e.status === 'ARCHIVED' || e.effective_status === 'ARCHIVED';
    case 'deleted':
      return e.status === 'DELETED' || e.effective_status === 'DELETED';
    case 'any':
      return true;
    default:
      return !GONE.includes(e.status) && !GONE.includes(e.effective_status);
  }
}

export async function namesWith(
  w: World,
  level: Level,
  status: Parameters<typeof hasStatus>[1],
  parent?: string,
) {
  const all = await entities(w, EDGE[level]);
  return all
    .filter((e) => hasStatus(e, status) && (!parent || e.campaign_id === parent || e.adset_id === parent))
    .map((e) => e.name)
    .sort();
}

/** The last call of a tool in an answer (name lookups come first), as loosely typed output. */
// biome-ignore lint/suspicious/noExplicitAny: assertions read nested fields of checked tool output
export function lastCall(result: AssistantAnswer, name: string): { input: any; output: any; error?: string } {
  const calls = result.toolCalls.filter((c) => c.name === name);
  const call = calls.at(-1);
  if (!call) throw new Error(`no ${name} call in: ${result.toolCalls.map((c) => c.name).join(', ')}`);
  // biome-ignore lint/suspicious/noExplicitAny: see above
  return call as any;
}

/** The first number after a label in the answer text ("ROAS 2.41", "CTR 1.85%", "CPC $0.98"). */
export function numberAfter(text: string, label: string): number {
  const m = new RegExp(`${label}:? \\$?([\\d,]+\\.?\\d*)`).exec(text);
  if (!m) throw new Error(`no "${label}" number in: ${text}`);
  return Number(m[1].replace(/,/g, ''));
}
