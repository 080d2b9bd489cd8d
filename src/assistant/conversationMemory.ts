// Conversation memory kept in the database (src/db/conversations.ts), so a reconnecting chat continues
// the conversation: the planner reads the last turn's resolved state for follow-ups, the LLM loop reads
// the last few question/answer pairs as chat history, and the chat replays each answer's tables,
// charts and tool chips after a reload. What is stored stays compact: payload rows are capped, tool
// calls keep their name, their (small) input and their output with its rows capped (a person opens a
// chip to see the rows behind an answer).

import {
  appendTurn,
  type ConversationTurnRow,
  conversationExists,
  type ExchangeRow,
  ensureConversation,
  openExchanges,
  recentTurns,
  turnAt,
} from '../db/conversations.js';
import type { Db } from '../db/db.js';
import { ValidationError } from '../errors.js';
import type { PlannerState } from './plannerState.js';
import type { AnswerPayload, ToolCallRecord } from './types.js';

/** Rows per table (points per series) kept with a turn; the tools already cap theirs lower. */
export const MAX_STORED_ROWS = 500;
/** A tool input larger than this (as JSON) is not kept: only a malformed model call gets there. */
const MAX_STORED_INPUT_CHARS = 2000;
const MAX_STORED_ERROR_CHARS = 500;
/** Rows of a tool's output shown on its chip and kept with a turn. */
export const MAX_CHIP_ROWS = 100;
/** An output larger than this (as JSON, after capping rows) is shown live but not kept. */
const MAX_STORED_OUTPUT_CHARS = 200_000;

export interface Turn {
  question: string;
  answer: string;
  state?: PlannerState;
}

/** What the answer showed beside its text, as handed to `append`. */
export interface TurnDisplay {
  payloads: AnswerPayload[];
  toolCalls: ToolCallRecord[];
}

/** A tool call as stored with a turn: enough to draw its chip again. */
export interface StoredToolCall {
  name: string;
  input: unknown;
  output?: unknown;
  error?: string;
}

/**
 * A tool's output for a chip: as the tool returned it, but a `rows` list longer than MAX_CHIP_ROWS is
 * cut, with `rows_total` saying how many there were, so a chip never carries a whole account.
 */
export function capToolOutput(output: unknown): unknown {
  if (!output || typeof output !== 'object' || Array.isArray(output)) return output;
  const o = output as Record<string, unknown>;
  if (!Array.isArray(o.rows) || o.rows.length <= MAX_CHIP_ROWS) return output;
  return { ...o, rows: o.rows.slice(0, MAX_CHIP_ROWS), rows_total: o.rows.length };
}

/**
 * A turn read back. `payloads` and `toolCalls` are as the database holds them, possibly written by an
 * older version: whoever shows them validates them first (the chat, through its protocol schemas).
 */
export interface RecalledTurn extends Turn {
  seq: number;
  payloads: unknown[];
  toolCalls: unknown[];
}

export class ConversationMemory {
  constructor(
    private readonly db: Db,
    private readonly workspaceId: string,
  ) {}

  /** Opens (or starts) a conversation; an id that is not a uuid or belongs elsewhere is refused. */
  async open(conversationId: string): Promise<void> {
    if (!(await ensureConversation(this.db, this.workspaceId, conversationId))) throw notThisWorkspaces();
  }

  /**
   * Opens (or starts) a conversation and reads its last turns' questions, answers and states (what
   * answering the next question needs), in one statement; refused as `open` refuses.
   */
  async continue(conversationId: string, limit = 6): Promise<Turn[]> {
    const rows = await openExchanges(this.db, this.workspaceId, conversationId, limit);
    if (!rows) throw notThisWorkspaces();
    return rows.map(exchange);
  }

  /** Whether the id is a conversation of this workspace (an id that is not a uuid is not). */
  exists(conversationId: string): Promise<boolean> {
    return conversationExists(this.db, this.workspaceId, conversationId);
  }

  /** The last turns with what they showed (tables, charts, tool chips), to replay them. */
  async recent(conversationId: string, limit = 6): Promise<RecalledTurn[]> {
    const rows = await recentTurns(this.db, this.workspaceId, conversationId, limit);
    return rows.map(recalled);
  }

  /** One turn by its number; undefined when the conversation or turn is not in this workspace. */
  async turn(conversationId: string, seq: number): Promise<RecalledTurn | undefined> {
    const row = await turnAt(this.db, this.workspaceId, conversationId, seq);
    return row ? recalled(row) : undefined;
  }

  /** Stores the turn; its number in the conversation (what a permalink to the answer names). */
  async append(conversationId: string, turn: Turn & Partial<TurnDisplay>): Promise<number> {
    return appendTurn(this.db, this.workspaceId, conversationId, {
      question: turn.question,
      answer: turn.answer,
      state: turn.state,
      payloads: (turn.payloads ?? []).map(capPayload),
      toolCalls: (turn.toolCalls ?? []).map(storedCall),
    });
  }
}

function notThisWorkspaces(): ValidationError {
  return ValidationError.field('conversationId', 'must be a uuid of a conversation in this workspace');
}

function exchange(r: ExchangeRow): Turn {
  return {
    question: r.question,
    answer: r.answer,
    state: (r.state ?? undefined) as PlannerState | undefined,
  };
}

function recalled(r: ConversationTurnRow): RecalledTurn {
  return {
    seq: r.seq,
    question: r.question,
    answer: r.answer,
    state: (r.state ?? undefined) as PlannerState | undefined,
    payloads: Array.isArray(r.payloads) ? r.payloads : [],
    toolCalls: Array.isArray(r.tool_calls) ? r.tool_calls : [],
  };
}

/** Keeps the first MAX_STORED_ROWS rows (or points) and says so in the title when it cut any. */
function capPayload(payload: AnswerPayload): AnswerPayload {
  const total = payload.kind === 'table' ? payload.rows.length : payload.points.length;
  if (total <= MAX_STORED_ROWS) return payload;
  const note = `first ${MAX_STORED_ROWS} of ${total}`;
  const title = payload.title ? `${payload.title} (${note})` : `The ${note}`;
  return payload.kind === 'table'
    ? { ...payload, title, rows: payload.rows.slice(0, MAX_STORED_ROWS) }
    : { ...payload, title, points: payload.points.slice(0, MAX_STORED_ROWS) };
}

function storedCall(call: ToolCallRecord): StoredToolCall {
  const input = JSON.stringify(call.input ?? null);
  const output = capToolOutput(call.output);
  const keepOutput = output !== undefined && JSON.stringify(output).length <= MAX_STORED_OUTPUT_CHARS;
  return {
    name: call.name,
    input: input.length <= MAX_STORED_INPUT_CHARS ? call.input : null,
    ...(keepOutput ? { output } : {}),
    ...(call.error ? { error: call.error.slice(0, MAX_STORED_ERROR_CHARS) } : {}),
  };
}
