// SQL for the chat's history panel: list a workspace's conversations (newest activity first, titled
// by their chosen name or their first question), rename one, delete one (its turns go with it).
// Every statement is scoped to the workspace: another workspace's conversation is simply not found.
import type { Db } from './db.js';
import { isUuid } from './ids.js';
import { sql } from './sql.js';

export interface ConversationSummary {
  id: string;
  /** The chosen name, else the first question. */
  title: string;
  renamed: boolean;
  turns: number;
  created_at: Date;
  updated_at: Date;
}

/** Conversations with at least one turn (an opened, never-used chat is not history), newest first. */
export async function listConversations(
  db: Db,
  workspaceId: string,
  limit: number,
): Promise<ConversationSummary[]> {
  return db.query<ConversationSummary>(sql`
    select c.id, coalesce(c.title, first.question) as title, c.title is not null as renamed,
      counts.turns, c.created_at, c.updated_at
    from conversations c
    join lateral (
      select t.question from conversation_turns t where t.conversation_id = c.id order by t.seq limit 1
    ) first on true
    join lateral (
      select count(*)::int as turns from conversation_turns t where t.conversation_id = c.id
    ) counts on true
    where c.workspace_id = ${workspaceId}
    order by c.updated_at desc, c.id
    limit ${limit}`);
}

/** Sets the chosen name; false when no such conversation is in the workspace. */
export async function renameConversation(
  db: Db,
  workspaceId: string,
  id: string,
  title: string,
): Promise<boolean> {
  if (!isUuid(id)) return false;
  const rows = await db.query(sql`
    update conversations set title = ${title}
    where id = ${id} and workspace_id = ${workspaceId}
    returning id`);
  return rows.length === 1;
}

/** Deletes the conversation and its turns; false when no such conversation is in the workspace. */
export async function deleteConversation(db: Db, workspaceId: string, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const rows = await db.query(sql`
    delete from conversations where id = ${id} and workspace_id = ${workspaceId} returning id`);
  return rows.length === 1;
}
