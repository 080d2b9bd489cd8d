import type { Db } from './db.js';
import { isUuid } from './ids.js';
import { sql } from './sql.js';

/** The default workspace created by the first migration (demo mode and single-user installs). */
export const DEFAULT_WORKSPACE_ID = '00000000-0000-4000-8000-000000000001';

export interface WorkspaceRow {
  id: string;
  slug: string;
  name: string;
  created_at: Date;
}

/** By id; a malformed id is simply not found (never a database cast error). */
export async function getWorkspace(db: Db, id: string): Promise<WorkspaceRow | undefined> {
  if (!isUuid(id)) return undefined;
  const rows = await db.query<WorkspaceRow>(sql`select * from workspaces where id = ${id}`);
  return rows[0];
}

export async function createWorkspace(db: Db, slug: string, name: string): Promise<WorkspaceRow> {
  const rows = await db.query<WorkspaceRow>(
    sql`insert into workspaces (slug, name) values (${slug}, ${name}) returning *`,
  );
  return rows[0];
}
