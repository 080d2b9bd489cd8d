// The planner suite's world: the simulator's demo account on a pinned clock, synced into a fresh test
// database through the real connect + runSync path, and direct reads of the simulator's own Graph API
// (insights, edges): the independent source every expected number and name comes from.
import type { DbKind } from '../../src/db/db.js';
import { DEFAULT_WORKSPACE_ID } from '../../src/db/workspaces.js';
import { logger } from '../../src/log.js';
import { type Simulator, startSimulator } from '../../src/simulator/index.js';
import { ALL_EFFECTIVE_STATUSES } from '../../src/sync/meta/metaTypes.js';
import type { ToolContext } from '../../src/tools/types.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { connectAndSyncDemoAccount, graphList } from '../helpers/simulatorAccount.js';

/** Wednesday Nov 25, 2026, 12:00 in Los Angeles (the demo account's zone). */
export const PINNED_NOW = new Date('2026-11-25T20:00:00Z');
export const TODAY = '2026-11-25';

export interface World {
  sim: Simulator;
  t: TestDb;
  ctx: ToolContext;
  accountId: string;
  close(): Promise<void>;
}

export async function syncedWorld(
  kind: DbKind = 'pglite',
  backfillDays = 430,
  opts: { ads?: number } = {},
): Promise<World> {
  const now = () => PINNED_NOW;
  const sim = await startSimulator({ now, ads: opts.ads });
  const t = await createTestDb(kind);
  // the key is in the config, so trigger_sync (which loads the keyring from config) can read the token
  const { config } = await connectAndSyncDemoAccount(t.db, sim, { now, backfillDays });
  const ctx: ToolContext = { db: t.db, config, workspaceId: DEFAULT_WORKSPACE_ID, log: logger, now };
  return {
    sim,
    t,
    ctx,
    accountId: sim.accounts[0].id,
    close: async () => {
      await t.drop();
      await sim.close();
    },
  };
}

interface Action {
  action_type: string;
  value: string;
}

export interface InsightRow {
  campaign_id?: string;
  adset_id?: string;
  ad_id?: string;
  campaign_name?: string;
  adset_name?: string;
  ad_name?: string;
  date_start: string;
  spend?: string;
  impressions?: string;
  clicks?: string;
  inline_link_clicks?: string;
  reach?: string;
  actions?: Action[];
  action_values?: Action[];
}

/** Base measures of an insights row, with Meta's canonical action types (as the sync maps them). */
export function measures(r: InsightRow) {
  const pick = (list: Action[] | undefined, type: string) =>
    Number(list?.find((a) => a.action_type === type)?.value ?? 0);
  return {
    spend: Number(r.spend ?? 0),
    impressions: Number(r.impressions ?? 0),
    clicks: Number(r.clicks ?? 0),
    link_clicks: Number(r.inline_link_clicks ?? 0),
    purchases: pick(r.actions, 'omni_purchase'),
    revenue: pick(r.action_values, 'omni_purchase'),
    leads: pick(r.actions, 'lead'),
  };
}

export type Measures = ReturnType<typeof measures>;

/** Insights for an inclusive range at a level (optionally by day, optionally filtered to ids). */
export async function insights(
  w: World,
  level: 'account' | 'campaign' | 'adset' | 'ad',
  since: string,
  until: string,
  opts: { daily?: boolean; filterField?: string; ids?: string[] } = {},
): Promise<InsightRow[]> {
  const params: Record<string, string> = {
    level,
    fields:
      'campaign_id,adset_id,ad_id,campaign_name,adset_name,ad_name,spend,impressions,clicks,inline_link_clicks,actions,action_values',
    time_range: JSON.stringify({ since, until }),
  };
  if (opts.daily) params.time_increment = '1';
  if (opts.filterField && opts.ids) {
    params.filtering = JSON.stringify([{ field: opts.filterField, operator: 'IN', value: opts.ids }]);
  }
  return graphList<InsightRow>(w.sim, `${w.accountId}/insights`, params);
}

/** Sums measures over rows (cents-exact: money summed in cents). */
export function sumMeasures(rows: InsightRow[]): Measures {
  const total = { spend: 0, impressions: 0, clicks: 0, link_clicks: 0, purchases: 0, revenue: 0, leads: 0 };
  for (const r of rows) {
    const m = measures(r);
    total.spend += Math.round(m.spend * 100);
    total.revenue += Math.round(m.revenue * 100);
    total.impressions += m.impressions;
    total.clicks += m.clicks;
    total.link_clicks += m.link_clicks;
    total.purchases += m.purchases;
    total.leads += m.leads;
  }
  return { ...total, spend: total.spend / 100, revenue: total.revenue / 100 };
}

export interface GraphEntity {
  id: string;
  name: string;
  status: string;
  effective_status: string;
  campaign_id?: string;
  adset_id?: string;
}

// how to ask Meta's edges for every status (they hide deleted and archived objects otherwise)
const ALL_STATUSES = JSON.stringify(ALL_EFFECTIVE_STATUSES);

/** Every campaign, ad set or ad of the account, whatever its status. */
export async function entities(w: World, edge: 'campaigns' | 'adsets' | 'ads'): Promise<GraphEntity[]> {
  return graphList<GraphEntity>(w.sim, `${w.accountId}/${edge}`, {
    fields: 'id,name,status,effective_status,campaign_id,adset_id',
    effective_status: ALL_STATUSES,
  });
}
