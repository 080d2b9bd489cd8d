// Small factories for analytics tests: a workspace, connections, a campaign → ad set → ad tree and
// daily facts (written through the real ingestion path).
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/db.js';
import type { FactRow } from '../../src/db/facts.js';
import { sql } from '../../src/db/sql.js';
import { createWorkspace } from '../../src/db/workspaces.js';
import { logger } from '../../src/log.js';
import { ingestFactRows } from '../../src/sync/ingest.js';
import { callTool } from '../../src/tools/registry.js';
import type { ToolContext } from '../../src/tools/types.js';

let counter = 0;
/** A fresh numeric Meta-style id. */
export function metaId(): string {
  counter += 1;
  return `1202${Date.now() % 1_000_000}${String(counter).padStart(5, '0')}`;
}

export async function makeWorkspace(db: Db): Promise<string> {
  const ws = await createWorkspace(db, `ws-${randomBytes(4).toString('hex')}`, 'Test workspace');
  return ws.id;
}

export interface ConnectionSpec {
  currency?: string | null;
  timeZone?: string | null;
  lastSyncedAt?: string | null;
  name?: string;
}

export async function makeConnection(
  db: Db,
  workspaceId: string,
  spec: ConnectionSpec = {},
): Promise<string> {
  const rows = await db.query<{ id: string }>(sql`
    insert into connections (workspace_id, external_account_id, name, currency, time_zone, last_synced_at)
    values (${workspaceId}, ${`act_${metaId()}`}, ${spec.name ?? 'Test account'}, ${spec.currency === undefined ? 'EUR' : spec.currency},
            ${spec.timeZone === undefined ? 'UTC' : spec.timeZone}, ${spec.lastSyncedAt ?? null})
    returning id`);
  return rows[0].id;
}

export interface EntitySpec {
  level: 'campaign' | 'adset' | 'ad';
  name?: string;
  parent?: Entity;
  status?: string | null;
  effectiveStatus?: string | null;
  isPlaceholder?: boolean;
  removed?: boolean;
  /** Its campaign's goal ("leads", "purchases"), as the sync stores it on every level. */
  goal?: string;
}

export interface Entity {
  id: number;
  externalId: string;
  workspaceId: string;
  connectionId: string;
  campaignId: number | null;
  adsetId: number | null;
}

export async function makeEntity(
  db: Db,
  scope: { workspaceId: string; connectionId: string },
  spec: EntitySpec,
): Promise<Entity> {
  const externalId = metaId();
  const status = spec.status === undefined ? 'ACTIVE' : spec.status;
  const rows = await db.query<{ id: number }>(sql`
    insert into entities (workspace_id, connection_id, level, external_id, name, parent_id, campaign_id, adset_id,
                          status, effective_status, is_placeholder, removed_at, goal)
    values (${scope.workspaceId}, ${scope.connectionId}, ${spec.level}, ${externalId}, ${spec.name ?? `${spec.level} ${externalId}`},
            ${spec.parent?.id ?? null}, ${spec.parent?.campaignId ?? null}, ${spec.parent?.adsetId ?? null},
            ${status}, ${spec.effectiveStatus === undefined ? status : spec.effectiveStatus}, ${spec.isPlaceholder ?? false},
            ${spec.removed ? new Date() : null}, ${spec.goal ?? null})
    returning id`);
  const id = rows[0].id;
  const entity: Entity = {
    id,
    externalId,
    ...scope,
    campaignId: spec.level === 'campaign' ? id : (spec.parent?.campaignId ?? null),
    adsetId: spec.level === 'adset' ? id : (spec.parent?.adsetId ?? null),
  };
  if (spec.level !== 'ad') {
    await db.query(
      sql`update entities set campaign_id = ${entity.campaignId}, adset_id = ${entity.adsetId} where id = ${id}`,
    );
  }
  return entity;
}

/** A campaign with one ad set and one ad under it (all with the given status). */
export async function makeCampaignTree(
  db: Db,
  scope: { workspaceId: string; connectionId: string },
  spec: Omit<EntitySpec, 'level' | 'parent'> = {},
): Promise<{ campaign: Entity; adset: Entity; ad: Entity }> {
  const campaign = await makeEntity(db, scope, { ...spec, level: 'campaign' });
  const adset = await makeEntity(db, scope, { ...spec, name: undefined, level: 'adset', parent: campaign });
  const ad = await makeEntity(db, scope, { ...spec, name: undefined, level: 'ad', parent: adset });
  return { campaign, adset, ad };
}

export type FactSpec = Partial<Omit<FactRow, 'adId' | 'date'>> & { date: string };

/** A whole-day fact of `adId` on `date`: zeros and nulls but for what `f` sets. */
export function factRow(f: Partial<FactRow> & Pick<FactRow, 'adId' | 'date'>): FactRow {
  return {
    adsetId: null,
    campaignId: null,
    adName: null,
    adsetName: null,
    campaignName: null,
    hour: -1,
    spend: '0',
    impressions: 0,
    reach: 0,
    clicks: 0,
    linkClicks: 0,
    landingPageViews: 0,
    addToCart: '0',
    purchases: '0',
    revenue: '0',
    leads: '0',
    actions: null,
    actionValues: null,
    ...f,
  };
}

/** Writes whole-day facts for an ad through ingestFactRows (the path the sync uses). */
export async function addFacts(db: Db, ad: Entity, facts: FactSpec[]): Promise<void> {
  const rows = facts.map((f) => factRow({ ...f, adId: ad.externalId }));
  await ingestFactRows(db, { workspaceId: ad.workspaceId, connectionId: ad.connectionId }, rows);
}

/** A tool context in a workspace, with a pinned clock. */
export function toolContext(db: Db, workspaceId: string, now = '2026-11-25T12:00:00Z'): ToolContext {
  return { db, workspaceId, config: loadConfig({}), log: logger, now: () => new Date(now) };
}

/** A fresh workspace with one connection, and a tool context scoped to that workspace. */
export async function makeScope(db: Db, connection: Parameters<typeof makeConnection>[2] = {}) {
  const workspaceId = await makeWorkspace(db);
  const connectionId = await makeConnection(db, workspaceId, connection);
  return { workspaceId, connectionId, ctx: toolContext(db, workspaceId) };
}

/** Calls a tool through the registry (validation in and out) and types the answer loosely for asserts. */
// biome-ignore lint/suspicious/noExplicitAny: test assertions read nested fields of the checked output
export async function call(name: string, input: unknown, ctx: ToolContext): Promise<any> {
  return callTool(name, input, ctx);
}

/** A finished sync run row (for sync_status), without running a sync. */
export async function makeSyncRun(
  db: Db,
  scope: { workspaceId: string; connectionId: string },
): Promise<string> {
  const rows = await db.query<{ id: string }>(sql`
    insert into sync_runs (workspace_id, connection_id, kind, status, range_since, range_until, progress, started_at, finished_at)
    values (${scope.workspaceId}, ${scope.connectionId}, 'range', 'succeeded', '2026-11-01', '2026-11-24',
            ${JSON.stringify({ step: 'done', windows_done: 2, windows_total: 2, rows: 48 })}::jsonb, now(), now())
    returning id`);
  return rows[0].id;
}
