// Small factories for ingestion tests: a workspace with a connection, and raw facts as the API takes them.
import { upsertConnection } from '../../src/db/connections.js';
import type { Db } from '../../src/db/db.js';
import { sql } from '../../src/db/sql.js';
import { createWorkspace, DEFAULT_WORKSPACE_ID } from '../../src/db/workspaces.js';
import type { FactInput, IngestScope } from '../../src/sync/ingest.js';

/** The default workspace's first connection, or a new workspace (by slug) with its own connection. */
export async function scopeFor(db: Db, slug?: string, account = 'act_111'): Promise<IngestScope> {
  const workspaceId = slug ? (await createWorkspace(db, slug, `Workspace ${slug}`)).id : DEFAULT_WORKSPACE_ID;
  const connection = await upsertConnection(db, workspaceId, account);
  return { workspaceId, connectionId: connection.id };
}

/** A valid fact for ad `ad` on `date`, under ad set 2…/campaign 3…; override any field. */
export function fact(ad: number, date: string, over: Partial<FactInput> = {}): FactInput {
  return {
    ad_id: String(1000 + ad),
    adset_id: String(2000 + Math.floor(ad / 10)),
    campaign_id: String(3000 + Math.floor(ad / 100)),
    ad_name: `Ad ${ad}`,
    date,
    spend: '10.00',
    impressions: 1000,
    clicks: 10,
    ...over,
  };
}

/** Cents as an exact decimal string: 1234 → "12.34" (how expected sums are computed, never with floats). */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export async function sumSpend(db: Db, workspaceId: string): Promise<string | null> {
  const rows = await db.query<{ total: string | null }>(
    sql`select sum(spend)::text as total from metric_facts where workspace_id = ${workspaceId}`,
  );
  return rows[0].total;
}

export async function countRows(
  db: Db,
  table: 'metric_facts' | 'entities',
  workspaceId: string,
): Promise<number> {
  const rows = await db.query<{ n: number }>(
    sql`select count(*)::int as n from ${sql.identifier(table, ['metric_facts', 'entities'])} where workspace_id = ${workspaceId}`,
  );
  return rows[0].n;
}
