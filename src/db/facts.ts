// SQL for metric facts: placeholder entities for unknown ids, and the batch upsert. One statement
// per batch for the facts; changed numbers update (platforms restate recent days), equal numbers
// are left alone (no write, no updated_at bump), new keys insert.
import { ValidationError } from '../errors.js';
import type { Db } from './db.js';
import { type SqlFragment, sql } from './sql.js';

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

/** How many of these external ids are known ads of the connection (the cheap "anything new?" probe). */
export async function countKnownAds(db: Db, scope: Scope, adIds: string[]): Promise<number> {
  const rows = await db.query<{ n: number }>(sql`
    select count(*)::int as n from entities
    where connection_id = ${scope.connectionId} and workspace_id = ${scope.workspaceId} and level = 'ad'
      and external_id = any(${adIds}::text[])`);
  return rows[0].n;
}

/**
 * Creates placeholder campaigns, ad sets and ads for external ids the entity sync has not returned,
 * linked up the hierarchy from the ids the facts carry. Existing entities are left untouched. When
 * every ad is already known (the steady state of a sync) this costs one indexed probe and nothing else.
 * Throws a ValidationError when a fact's ad id belongs to a campaign or ad set of the connection.
 */
export async function ensurePlaceholderEntities(db: Db, scope: Scope, facts: FactRow[]): Promise<void> {
  const ads = distinctBy(facts, (f) => f.adId);
  if (ads.length === 0) return;
  const adIds = ads.map((f) => f.adId);
  if ((await countKnownAds(db, scope, adIds)) === ads.length) return;
  await insertPlaceholderCampaigns(
    db,
    scope,
    distinctBy(facts, (f) => f.campaignId),
  );
  await insertPlaceholderAdsets(
    db,
    scope,
    distinctBy(facts, (f) => f.adsetId),
  );
  await insertPlaceholderAds(db, scope, ads);
  if ((await countKnownAds(db, scope, adIds)) < ads.length) {
    const clashes = await findNonAdEntities(db, scope, adIds);
    throw ValidationError.field('ad_id', `ids already used by a campaign or ad set: ${clashes.join(', ')}`);
  }
}

async function insertPlaceholderCampaigns(db: Db, scope: Scope, campaigns: FactRow[]): Promise<void> {
  if (campaigns.length === 0) return;
  const ids = campaigns.map((f) => f.campaignId);
  await db.query(sql`
    insert into entities (workspace_id, connection_id, level, external_id, name, is_placeholder)
    select ${scope.workspaceId}, ${scope.connectionId}, 'campaign', c.id, c.name, true
    from unnest(${ids}::text[], ${campaigns.map((f) => f.campaignName)}::text[]) as c(id, name)
    on conflict (connection_id, external_id) do nothing`);
  // a campaign's campaign_id is itself; the generated id is only known after the insert
  await db.query(sql`
    update entities set campaign_id = id
    where connection_id = ${scope.connectionId} and external_id = any(${ids}::text[])
      and level = 'campaign' and campaign_id is null`);
}

async function insertPlaceholderAdsets(db: Db, scope: Scope, adsets: FactRow[]): Promise<void> {
  if (adsets.length === 0) return;
  const ids = adsets.map((f) => f.adsetId);
  await db.query(sql`
    insert into entities (workspace_id, connection_id, level, external_id, name, parent_id, campaign_id, is_placeholder)
    select ${scope.workspaceId}, ${scope.connectionId}, 'adset', s.id, s.name, c.id, c.id, true
    from unnest(${ids}::text[], ${adsets.map((f) => f.adsetName)}::text[],
                ${adsets.map((f) => f.campaignId)}::text[]) as s(id, name, campaign)
    left join entities c on c.connection_id = ${scope.connectionId} and c.external_id = s.campaign
      and c.level = 'campaign'
    on conflict (connection_id, external_id) do nothing`);
  await db.query(sql`
    update entities set adset_id = id
    where connection_id = ${scope.connectionId} and external_id = any(${ids}::text[])
      and level = 'adset' and adset_id is null`);
}

async function insertPlaceholderAds(db: Db, scope: Scope, ads: FactRow[]): Promise<void> {
  await db.query(sql`
    insert into entities (workspace_id, connection_id, level, external_id, name, parent_id, campaign_id, adset_id, is_placeholder)
    select ${scope.workspaceId}, ${scope.connectionId}, 'ad', a.id, a.name, s.id, coalesce(s.campaign_id, c.id), s.id,
      true
    from unnest(${ads.map((f) => f.adId)}::text[], ${ads.map((f) => f.adName)}::text[],
                ${ads.map((f) => f.adsetId)}::text[], ${ads.map((f) => f.campaignId)}::text[]) as a(id, name, adset, campaign)
    left join entities s on s.connection_id = ${scope.connectionId} and s.external_id = a.adset and s.level = 'adset'
    left join entities c on c.connection_id = ${scope.connectionId} and c.external_id = a.campaign
      and c.level = 'campaign'
    on conflict (connection_id, external_id) do nothing`);
}

async function findNonAdEntities(db: Db, scope: Scope, ids: string[]): Promise<string[]> {
  const rows = await db.query<{ external_id: string }>(sql`
    select external_id from entities
    where connection_id = ${scope.connectionId} and level <> 'ad' and external_id = any(${ids}::text[])
    order by external_id`);
  return rows.map((r) => r.external_id);
}

/**
 * Upserts a batch (keys must be unique within it, and its ads must exist: ensurePlaceholderEntities)
 * and counts what happened. Numbers compare as numbers: "12.3" and "12.30" are the same spend.
 */
export async function upsertFacts(db: Db, scope: Scope, facts: FactRow[]): Promise<UpsertCounts> {
  if (facts.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const c = factColumns(facts);
  const actions = actionColumns(facts);
  // counted in the database: one small row back instead of one per written fact
  const adIds = [...new Set(facts.map((f) => f.adId))];
  // the batch's ads, locked as metric_facts' foreign key to them did per fact (migration 0110): no
  // delete of one of these ads commits before this transaction, so no fact outlives its ad
  const rows = await db.query<{ inserted: number; written: number }>(sql`
    with ads as (
      select id, workspace_id, connection_id, campaign_id, adset_id, external_id from entities
      where connection_id = ${scope.connectionId} and workspace_id = ${scope.workspaceId} and level = 'ad'
        and external_id = any(${arrayLiteral(adIds)}::text[])
      for key share),
    written as (
    insert into metric_facts as m (
      entity_id, date, hour, provider, workspace_id, connection_id, campaign_id, adset_id,
      spend, impressions, reach, clicks, link_clicks, landing_page_views, add_to_cart, purchases, revenue, leads,
      actions, action_values)
    select e.id, i.date, i.hour, 'meta', e.workspace_id, e.connection_id, e.campaign_id, e.adset_id,
      i.spend, i.impressions, i.reach, i.clicks, i.link_clicks, i.landing_page_views, i.add_to_cart, i.purchases,
      i.revenue, i.leads, ${actions.select}
    from unnest(
      ${c.adId}::text[], ${c.date}::date[], ${c.hour}::int2[], ${c.spend}::numeric[],
      ${c.impressions}::int8[], ${c.reach}::int8[], ${c.clicks}::int8[], ${c.linkClicks}::int8[],
      ${c.landingPageViews}::int8[], ${c.addToCart}::numeric[], ${c.purchases}::numeric[],
      ${c.revenue}::numeric[], ${c.leads}::numeric[] ${actions.arrays}
    ) as i(ad, date, hour, spend, impressions, reach, clicks, link_clicks, landing_page_views, add_to_cart,
           purchases, revenue, leads ${actions.names})
    join ads e on e.external_id = i.ad
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
    returning (xmax = 0) as inserted)
    select (count(*) filter (where inserted))::int as inserted, count(*)::int as written from written`);
  const { inserted, written } = rows[0];
  return { inserted, updated: written - inserted, unchanged: facts.length - written };
}

// Array parameters are sent as PostgreSQL text literals built here, one pass over the rows with a
// plain property read per column: node-postgres' generic array encoding (a quote-and-escape pass per
// element) and a generic f[k] read per column were most of the client's CPU in an ingest. The fact
// columns are ids, dates and decimal numbers, which need no quotes; anything else is quoted and
// escaped. Both backends take the literal for the ::type[] cast.
const BARE_ELEMENT = /^[0-9A-Za-z.:+-]+$/;

function element(v: string | number | null): string {
  if (v === null) return 'NULL';
  if (typeof v === 'number') return String(v);
  return BARE_ELEMENT.test(v) && !(v.length === 4 && v.toUpperCase() === 'NULL')
    ? v
    : `"${v.replace(/[\\"]/g, '\\$&')}"`;
}

function arrayLiteral(values: (string | number | null)[]): string {
  return `{${values.map(element).join(',')}}`;
}

const FACT_COLUMNS = [
  'adId',
  'date',
  'hour',
  'spend',
  'impressions',
  'reach',
  'clicks',
  'linkClicks',
  'landingPageViews',
  'addToCart',
  'purchases',
  'revenue',
  'leads',
] as const;
type FactColumn = (typeof FACT_COLUMNS)[number];

/** The measure and key columns of the rows, each as one array literal. */
function factColumns(facts: FactRow[]): Record<FactColumn, string> {
  const n = facts.length;
  const cols = FACT_COLUMNS.map(() => new Array<string>(n));
  for (let i = 0; i < n; i++) {
    const f = facts[i];
    cols[0][i] = element(f.adId);
    cols[1][i] = element(f.date);
    cols[2][i] = element(f.hour);
    cols[3][i] = element(f.spend);
    cols[4][i] = element(f.impressions);
    cols[5][i] = element(f.reach);
    cols[6][i] = element(f.clicks);
    cols[7][i] = element(f.linkClicks);
    cols[8][i] = element(f.landingPageViews);
    cols[9][i] = element(f.addToCart);
    cols[10][i] = element(f.purchases);
    cols[11][i] = element(f.revenue);
    cols[12][i] = element(f.leads);
  }
  return Object.fromEntries(FACT_COLUMNS.map((name, k) => [name, `{${cols[k].join(',')}}`])) as Record<
    FactColumn,
    string
  >;
}

// Most batches carry no raw action arrays; sending two arrays of nulls as jsonb[] costs parse time on
// every row, so such a batch writes a constant null instead (same result: absent arrays are null).
function actionColumns(facts: FactRow[]): { select: SqlFragment; arrays: SqlFragment; names: SqlFragment } {
  if (!facts.some((f) => f.actions !== null || f.actionValues !== null)) {
    return { select: sql`null::jsonb, null::jsonb`, arrays: sql.empty, names: sql.empty };
  }
  const json = (k: 'actions' | 'actionValues') =>
    facts.map((f) => (f[k] === null ? null : JSON.stringify(f[k])));
  return {
    select: sql`i.actions, i.action_values`,
    arrays: sql`, ${json('actions')}::jsonb[], ${json('actionValues')}::jsonb[]`,
    names: sql`, actions, action_values`,
  };
}

/** The first item per key; items whose key is null are left out. */
function distinctBy<T>(items: T[], key: (t: T) => string | null): T[] {
  const seen = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    if (k !== null && !seen.has(k)) seen.set(k, item);
  }
  return [...seen.values()];
}
