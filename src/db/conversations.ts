// SQL for the assistant's conversation memory. Every statement is scoped to a workspace: a
// conversation id from another workspace reads as unknown and cannot be written to.
import type { Db } from './db.js';
import { isUuid } from './ids.js';
import { sql } from './sql.js';

export interface ConversationTurnRow {
  seq: number;
  question: string;
  answer: string;
  state: unknown;
  /** The answer's tables and series as stored (jsonb array); callers validate before use. */
  payloads: unknown;
  /** The answer's tool calls as stored (jsonb array of { name, input, error? }); never tool output. */
  tool_calls: unknown;
  created_at: Date;
}

/** A turn to store. `payloads` and `toolCalls` are written as jsonb arrays (empty when none). */
export interface NewTurn {
  question: string;
  answer: string;
  state: unknown;
  payloads?: unknown[];
  toolCalls?: unknown[];
}

/** A turn without what it showed: what answering the next question reads of the ones before. */
export type ExchangeRow = Pick<ConversationTurnRow, 'seq' | 'question' | 'answer' | 'state'>;

const EXCHANGE_COLUMNS = sql`t.seq, t.question, t.answer, t.state`;
const TURN_COLUMNS = sql`${EXCHANGE_COLUMNS}, t.payloads, t.tool_calls, t.created_at`;

/**
 * Creates the conversation in the workspace if new, as `own`: its id when it is this workspace's.
 * The select sees the table as it was before the insert, so a new conversation is found through what
 * the insert returned. A second opener racing the first (PostgreSQL) inserts nothing and cannot see
 * the first's row yet: its callers read again, after the first has committed.
 */
function openedConversation(workspaceId: string, id: string) {
  return sql`
    with created as (
      insert into conversations (id, workspace_id) values (${id}, ${workspaceId})
      on conflict (id) do nothing
      returning id),
    own as (
      select id from created
      union all
      select id from conversations where id = ${id} and workspace_id = ${workspaceId})`;
}

/** Creates the conversation in the workspace if new; false when the id belongs to another workspace. */
export async function ensureConversation(db: Db, workspaceId: string, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const rows = await db.query(sql`${openedConversation(workspaceId, id)} select 1 from own`);
  return rows.length === 1 || conversationExists(db, workspaceId, id);
}

/**
 * Opens the conversation (creating it if new) and reads its last `limit` exchanges, oldest first, in
 * one statement (what every chat question starts with); undefined when the id is another workspace's.
 */
export async function openExchanges(
  db: Db,
  workspaceId: string,
  id: string,
  limit: number,
): Promise<ExchangeRow[] | undefined> {
  if (!isUuid(id)) return undefined;
  // the turns are read only once the conversation is known to be this workspace's (a new one has none)
  const rows = await db.query<{ found: boolean; turns: ExchangeRow[] }>(sql`
    ${openedConversation(workspaceId, id)}
    select exists (select 1 from own) as found,
      coalesce((
        select json_agg(x order by x.seq) from (
          select ${EXCHANGE_COLUMNS} from conversation_turns t
          where t.conversation_id = ${id} and exists (select 1 from own)
          order by t.seq desc limit ${limit}) x),
        '[]') as turns`);
  if (rows[0].found) return rows[0].turns;
  return (await ensureConversation(db, workspaceId, id)) ? [] : undefined;
}

/** Whether the id names a conversation of this workspace (another workspace's reads as unknown). */
export async function conversationExists(db: Db, workspaceId: string, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const rows = await db.query(
    sql`select 1 from conversations where id = ${id} and workspace_id = ${workspaceId}`,
  );
  return rows.length === 1;
}

/** The last `limit` turns with what they showed, oldest first (a replay of the conversation). */
export async function recentTurns(
  db: Db,
  workspaceId: string,
  conversationId: string,
  limit: number,
): Promise<ConversationTurnRow[]> {
  if (!isUuid(conversationId)) return [];
  const rows = await db.query<ConversationTurnRow>(sql`
    select ${TURN_COLUMNS}
    from conversation_turns t
    join conversations c on c.id = t.conversation_id and c.workspace_id = ${workspaceId}
    where t.conversation_id = ${conversationId}
    order by t.seq desc
    limit ${limit}`);
  return rows.reverse();
}

/** One turn by its number (a permalink to an answer); undefined when not in this workspace. */
export async function turnAt(
  db: Db,
  workspaceId: string,
  conversationId: string,
  seq: number,
): Promise<ConversationTurnRow | undefined> {
  if (!isUuid(conversationId)) return undefined;
  const rows = await db.query<ConversationTurnRow>(sql`
    select ${TURN_COLUMNS}
    from conversation_turns t
    join conversations c on c.id = t.conversation_id and c.workspace_id = ${workspaceId}
    where t.conversation_id = ${conversationId} and t.seq = ${seq}`);
  return rows[0];
}

/** Appends a turn (seq = next number) and touches the conversation; the turn's seq (0: not stored). */
export async function appendTurn(
  db: Db,
  workspaceId: string,
  conversationId: string,
  turn: NewTurn,
): Promise<number> {
  // One statement, no transaction around it: on the embedded server a transaction holds the database
  // thread from its BEGIN to its COMMIT, idle between statements while the server's thread sends the
  // next. Touching the conversation locks its row, but a second turn of the same conversation (two
  // tabs) that waited for that lock still numbers from the snapshot it started with, and collides on
  // the primary key: it then simply runs again, and sees the first turn.
  for (let attempt = 1; ; attempt++) {
    try {
      const inserted = await db.query<{ seq: number }>(sql`
        with touched as (
          update conversations set updated_at = now()
          where id = ${conversationId} and workspace_id = ${workspaceId}
          returning id)
        insert into conversation_turns (conversation_id, seq, role, question, answer, state, payloads, tool_calls)
        select c.id, coalesce((select max(seq) from conversation_turns where conversation_id = c.id), 0) + 1,
          'exchange', ${turn.question}, ${turn.answer},
          ${turn.state === undefined ? null : JSON.stringify(turn.state)}::jsonb,
          ${JSON.stringify(turn.payloads ?? [])}::jsonb, ${JSON.stringify(turn.toolCalls ?? [])}::jsonb
        from touched c
        returning seq`);
      return inserted[0]?.seq ?? 0;
    } catch (err) {
      if ((err as { code?: string }).code !== UNIQUE_VIOLATION || attempt >= MAX_APPEND_ATTEMPTS) throw err;
    }
  }
}

const UNIQUE_VIOLATION = '23505';
/** Each collision means another turn was stored meanwhile; this many at once is far beyond two tabs. */
const MAX_APPEND_ATTEMPTS = 20;
