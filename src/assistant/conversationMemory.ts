// Conversation memory kept in the database (src/db/conversations.ts), so a reconnecting chat continues
// the conversation: the planner reads the last turn's resolved state for follow-ups, the LLM loop reads
// the last few question/answer pairs as chat history.

import { appendTurn, ensureConversation, recentTurns } from '../db/conversations.js';
import type { Db } from '../db/db.js';
import { ValidationError } from '../errors.js';
import type { PlannerState } from './plannerState.js';

export interface Turn {
  question: string;
  answer: string;
  state?: PlannerState;
}

export class ConversationMemory {
  constructor(
    private readonly db: Db,
    private readonly workspaceId: string,
  ) {}

  /** Opens (or starts) a conversation; an id that is not a uuid or belongs elsewhere is refused. */
  async open(conversationId: string): Promise<void> {
    if (!(await ensureConversation(this.db, this.workspaceId, conversationId))) {
      throw ValidationError.field('conversationId', 'must be a uuid of a conversation in this workspace');
    }
  }

  async recent(conversationId: string, limit = 6): Promise<Turn[]> {
    const rows = await recentTurns(this.db, this.workspaceId, conversationId, limit);
    return rows.map((r) => ({
      question: r.question,
      answer: r.answer,
      state: (r.state ?? undefined) as PlannerState | undefined,
    }));
  }

  async append(conversationId: string, turn: Turn): Promise<void> {
    await appendTurn(this.db, this.workspaceId, conversationId, { ...turn, state: turn.state });
  }
}
