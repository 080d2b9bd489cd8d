// SQL for metric facts: placeholder entities for unknown ids, and the batch upsert. One statement
// per batch for the facts; changed numbers update (platforms restate recent days), equal numbers
// are left alone (no write, no updated_at bump), new keys insert.
import type { Db } from './db.js';
import { sql } from './sql.js';

/** One ad-level fact, with Meta's external ids. Money and conversions as decimal strings. */
export interface FactRow {
  adId: string;
  adsetId: string | null;
  campaignId: string | null;
  adName: string | null;
  adsetName: string | null;
  campaignName: string | null;
  date: string;
  hour: number; // -1 = whole day
  spend: string;
  impressions: number;
  reach: number;
  clicks: number;
  linkClicks: number;
  landingPageViews: number;
  addToCart: string;
  purchases: string;
  revenue: string;
  leads: string;
  actions: unknown[] | null;
  actionValues: unknown[] | null;
}

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

interface Scope {
  workspaceId: string;
  connectionId: string;
}

/**
 * Creates placeholder campaigns, ad sets and ads for external ids the entity sync has not returned,
 * linked up the hierarchy from the ids the facts carry. Existing entities are left untouched.
 */
export async function ensurePlaceholderEntities(db: Db, scope: Scope, facts: FactRow[]): Promise<void> {
  const campaigns = distinctBy(facts.filter((f) => f.campaignId), (f) => f.campaignId!);
  const adsets = distinctBy(facts.filter((f) => f.adsetId), (f) => f.adsetId!);
  const ads = distinctBy(facts, (f) => f.adId);
  if (campaigns.length > 0) {
    await db.query(sql`
      insert into entities (workspace_id, connection_id, level, external_id, name, is_placeholder)
      select ${scope.workspaceId}, ${scope.connectionId}, 'campaign', c.id, c.name, true
      from unnest(${campaigns.map((f) => f.campaignId)}::text[], ${campaigns.map((f) => f.campaignName)}::text[]) as c(id, name)
      on conflict (connection_id, external_id) do nothing`);
    await db.query(sql`
      update entities set campaign_id = id
      where connection_id = ${scope.connectionId} and level = 'campaign' and campaign_id is null`);
  }
  if (adsets.length > 0) {
    await db.query(sql`
      insert into entities (workspace_id, connection_id, level, external_id, name, parent_id, campaign_id, is_placeholder)
      select ${scope.workspaceId}, ${scope.connectionId}, 'adset', s.id, s.name, c.id, c.id, true
      from unnest(${adsets.map((f) => f.adsetId)}::text[], ${adsets.map((f) => f.adsetName)}::text[],
                  ${adsets.map((f) => f.campaignId)}::text[]) as s(id, name, campaign)
      left join entities c on c.connection_id = ${scope.connectionId} and c.external_id = s.campaign
      on conflict (connection_id, external_id) do nothing`);
    await db.query(sql`
      update entities set adset_id = id
      where connection_id = ${scope.connectionId} and level = 'adset' and adset_id is null`);
  }
  await db.query(sql`
    insert into entities (workspace_id, connection_id, level, external_id, name, parent_id, campaign_id, adset_id, is_placeholder)
    select ${scope.workspaceId}, ${scope.connectionId}, 'ad', a.id, a.name, s.id, coalesce(s.campaign_id, c.id), s.id, true
    from unnest(${ads.map((f) => f.adId)}::text[], ${ads.map((f) => f.adName)}::text[],
                ${ads.map((f) => f.adsetId)}::text[], ${ads.map((f) => f.campaignId)}::text[]) as a(id, name, adset, campaign)
    left join entities s on s.connection_id = ${scope.connectionId} and s.external_id = a.adset
    left join entities c on c.connection_id = ${scope.connectionId} and c.external_id = a.campaign
    on conflict (connection_id, external_id) do nothing`);
}

/** Upserts a batch (keys must be unique within it) and counts what happened. */
export async function upsertFacts(db: Db, scope: Scope, facts: FactRow[]): Promise<UpsertCounts> {
  if (facts.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const col = <K extends keyof FactRow>(k: K) => facts.map((f) => f[k]);
  const json = (k: 'actions' | 'actionValues') => facts.map((f) => (f[k] === null ? null : JSON.stringify(f[k])));
  const rows = await db.query<{ inserted: boolean }>(sql`
    insert into metric_facts as m (
      entity_id, date, hour, provider, workspace_id, connection_id, campaign_id, adset_id,
      spend, impressions, reach, clicks, link_clicks, landing_page_views, add_to_cart, purchases, revenue, leads,
      actions, action_values)
    select e.id, i.date, i.hour, 'meta', e.workspace_id, e.connection_id, e.campaign_id, e.adset_id,
      i.spend, i.impressions, i.reach, i.clicks, i.link_clicks, i.landing_page_views, i.add_to_cart, i.purchases,
      i.revenue, i.leads, i.actions, i.action_values
    from unnest(
      ${col('adId')}::text[], ${col('date')}::date[], ${col('hour')}::int2[], ${col('spend')}::numeric[],
      ${col('impressions')}::int8[], ${col('reach')}::int8[], ${col('clicks')}::int8[], ${col('linkClicks')}::int8[],
      ${col('landingPageViews')}::int8[], ${col('addToCart')}::numeric[], ${col('purchases')}::numeric[],
      ${col('revenue')}::numeric[], ${col('leads')}::numeric[], ${json('actions')}::jsonb[], ${json('actionValues')}::jsonb[]
    ) as i(ad, date, hour, spend, impressions, reach, clicks, link_clicks, landing_page_views, add_to_cart,
           purchases, revenue, leads, actions, action_values)
    join entities e on e.connection_id = ${scope.connectionId} and e.external_id = i.ad
    where e.workspace_id = ${scope.workspaceId}
    on conflict (entity_id, date, hour, provider) do update set
      spend = excluded.spend, impressions = excluded.impressions, reach = excluded.reach, clicks = excluded.clicks,
      link_clicks = excluded.link_clicks, landing_page_views = excluded.landing_page_views,
      add_to_cart = excluded.add_to_cart, purchases = excluded.purchases, revenue = excluded.revenue,
      leads = excluded.leads, actions = excluded.actions, action_values = excluded.action_values, updated_at = now()
    where (m.spend, m.impressions, m.reach, m.clicks, m.link_clicks, m.landing_page_views, m.add_to_cart,
           m.purchases, m.revenue, m.leads, m.actions, m.action_values)
      is distinct from
          (excluded.spend, excluded.impressions, excluded.reach, excluded.clicks, excluded.link_clicks,
           excluded.landing_page_views, excluded.add_to_cart, excluded.purchases, excluded.revenue, excluded.leads,
           excluded.actions, excluded.action_values)
    returning (xmax = 0) as inserted`);
  const inserted = rows.filter((r) => r.inserted).length;
  const updated = rows.length - inserted;
  return { inserted, updated, unchanged: facts.length - rows.length };
}

function distinctBy<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}
