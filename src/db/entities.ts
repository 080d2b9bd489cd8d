// SQL for the entity hierarchy the sync writes (account → campaign → ad set → ad). One statement per
// level and batch (unnest), never one per row. Each entity carries parent_id plus campaign_id and
// adset_id (itself at its own level), resolved here from Meta's external ids, so the caller upserts
// top-down. A row only counts (and is only written) as updated when a field really changed.
import type { Db } from './db.js';
import { sql } from './sql.js';
import type { LevelCounts } from './syncRuns.js';

export type EntityLevel = 'account' | 'campaign' | 'adset' | 'ad';

/** The levels people ask about (the account itself is not listed). */
export const LEVELS = ['campaign', 'adset', 'ad'] as const;
export type Level = (typeof LEVELS)[number];

/** One entity as the sync maps it from Meta. Budgets are decimal strings in major units. */
export interface EntityInput {
  externalId: string;
  parentExternalId: string | null;
  campaignExternalId: string | null;
  adsetExternalId: string | null;
  name: string | null;
  status: string | null;
  effectiveStatus: string | null;
  objective: string | null;
  goal: string | null;
  dailyBudget: string | null;
  lifetimeBudget: string | null;
  startTime: string | null;
  stopTime: string | null;
  createdTime: string | null;
  updatedTime: string | null;
}

interface Scope {
  workspaceId: string;
  connectionId: string;
}

const BATCH = 2_000;

/** Upserts one level's entities (their parents must already be stored) and counts what happened. */
export async function upsertEntities(
  db: Db,
  scope: Scope,
  level: EntityLevel,
  items: EntityInput[],
): Promise<LevelCounts> {
  const counts: LevelCounts = { created: 0, updated: 0, unchanged: 0 };
  for (let start = 0; start < items.length; start += BATCH) {
    const batch = items.slice(start, start + BATCH);
    const rows = await upsertBatch(db, scope, level, batch);
    const created = rows.filter((r) => r.inserted).length;
    counts.created += created;
    counts.updated += rows.length - created;
    counts.unchanged += batch.length - rows.length;
  }
  if (items.length > 0) await linkSelf(db, scope, level);
  return counts;
}

async function upsertBatch(
  db: Db,
  scope: Scope,
  level: EntityLevel,
  b: EntityInput[],
): Promise<{ inserted: boolean }[]> {
  const col = <K extends keyof EntityInput>(k: K) => b.map((e) => e[k]);
  return db.query<{ inserted: boolean }>(sql`
    insert into entities as t (
      workspace_id, connection_id, level, external_id, parent_id, campaign_id, adset_id, name, status,
      effective_status, objective, goal, daily_budget, lifetime_budget, start_time, stop_time,
      external_created_at, external_updated_at, is_placeholder, removed_at)
    select ${scope.workspaceId}, ${scope.connectionId}, ${level}, i.id, p.id, c.id, s.id, i.name, i.status,
      i.effective_status, i.objective, i.goal, i.daily_budget, i.lifetime_budget, i.start_time, i.stop_time,
      i.created_time, i.updated_time, false, null
    from unnest(
      ${col('externalId')}::text[], ${col('parentExternalId')}::text[], ${col('campaignExternalId')}::text[],
      ${col('adsetExternalId')}::text[], ${col('name')}::text[], ${col('status')}::text[],
      ${col('effectiveStatus')}::text[], ${col('objective')}::text[], ${col('goal')}::text[],
      ${col('dailyBudget')}::numeric[], ${col('lifetimeBudget')}::numeric[], ${col('startTime')}::timestamptz[],
      ${col('stopTime')}::timestamptz[], ${col('createdTime')}::timestamptz[], ${col('updatedTime')}::timestamptz[]
    ) as i(id, parent, campaign, adset, name, status, effective_status, objective, goal, daily_budget,
           lifetime_budget, start_time, stop_time, created_time, updated_time)
    left join entities p on p.connection_id = ${scope.connectionId} and p.external_id = i.parent
    left join entities c on c.connection_id = ${scope.connectionId} and c.external_id = i.campaign
      and c.level = 'campaign'
    left join entities s on s.connection_id = ${scope.connectionId} and s.external_id = i.adset and s.level = 'adset'
    on conflict (connection_id, external_id) do update set
      level = excluded.level, parent_id = excluded.parent_id, campaign_id = excluded.campaign_id,
      adset_id = excluded.adset_id, name = excluded.name, status = excluded.status,
      effective_status = excluded.effective_status, objective = excluded.objective, goal = excluded.goal,
      daily_budget = excluded.daily_budget, lifetime_budget = excluded.lifetime_budget,
      start_time = excluded.start_time, stop_time = excluded.stop_time,
      external_created_at = excluded.external_created_at, external_updated_at = excluded.external_updated_at,
      is_placeholder = false, removed_at = null, updated_at = now()
    where t.workspace_id = excluded.workspace_id
      and (t.level, t.parent_id, t.campaign_id, t.adset_id, t.name, t.status, t.effective_status, t.objective,
           t.goal, t.daily_budget, t.lifetime_budget, t.start_time, t.stop_time, t.external_created_at,
           t.external_updated_at, t.is_placeholder, t.removed_at)
      is distinct from
          (excluded.level, excluded.parent_id, excluded.campaign_id, excluded.adset_id, excluded.name,
           excluded.status, excluded.effective_status, excluded.objective, excluded.goal, excluded.daily_budget,
           excluded.lifetime_budget, excluded.start_time, excluded.stop_time, excluded.external_created_at,
           excluded.external_updated_at, false, null::timestamptz)
    returning (xmax = 0) as inserted`);
}

// A campaign's campaign_id (and an ad set's adset_id) is itself; a new row's id exists only after
// its insert, so it is filled in here (existing rows already got it from the self-join above).
async function linkSelf(db: Db, scope: Scope, level: EntityLevel): Promise<void> {
  if (level === 'campaign') {
    await db.query(sql`
      update entities set campaign_id = id
      where connection_id = ${scope.connectionId} and level = 'campaign' and campaign_id is distinct from id`);
  }
  if (level === 'adset') {
    await db.query(sql`
      update entities set adset_id = id
      where connection_id = ${scope.connectionId} and level = 'adset' and adset_id is distinct from id`);
  }
}

/**
 * Marks entities of a level that Meta no longer returns (kept, so their history stays queryable);
 * returns how many were newly marked. Placeholders are left alone: Meta never listed them.
 */
export async function markMissingEntitiesRemoved(
  db: Db,
  scope: Scope,
  level: EntityLevel,
  seenExternalIds: string[],
): Promise<number> {
  const rows = await db.query(sql`
    update entities set removed_at = now(), updated_at = now()
    where connection_id = ${scope.connectionId} and workspace_id = ${scope.workspaceId} and level = ${level}
      and removed_at is null and not is_placeholder and not (external_id = any(${seenExternalIds}::text[]))
    returning id`);
  return rows.length;
}

/**
 * Campaign, ad set and ad names of a workspace that contain one of `words` (case-insensitive): the
 * names a question could hold that read like an instruction ("Retargeting – trigger a sync").
 */
export async function entityNamesContaining(
  db: Db,
  workspaceId: string,
  words: readonly string[],
  limit = 500,
): Promise<string[]> {
  if (words.length === 0) return [];
  const patterns = words.map((w) => `%${w.replace(/[\\%_]/g, '\\$&')}%`);
  const rows = await db.query<{ name: string }>(sql`
    select distinct name from entities
    where workspace_id = ${workspaceId} and level <> 'account' and name is not null
      and name ilike any (${patterns}::text[])
    order by name
    limit ${limit}`);
  return rows.map((r) => r.name);
}
