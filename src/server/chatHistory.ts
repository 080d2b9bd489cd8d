// The chat's history replay: the `hello` a socket gets first, carrying the conversation's earlier
// turns with their tables, charts and tool chips as they were shown live.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { answererOf } from '../assistant/answerer.js';
import { ConversationMemory, type RecalledTurn } from '../assistant/conversationMemory.js';
import { ValidationError } from '../errors.js';
import type { Logger } from '../log.js';
import type { ToolContext } from '../tools/types.js';
import {
  type ChatPayload,
  type HistoryTurn,
  payloadSchema,
  type ServerMessageInput,
  summarizeToolInput,
  type ToolChip,
} from './chatProtocol.js';

export interface HelloSession {
  ctx: ToolContext;
  conversationId: string;
  send(msg: ServerMessageInput): void;
}

/** Opens the conversation (a foreign or unknown-shaped id starts a new one) and replays its turns. */
export async function sendHello(session: HelloSession, historyTurns: number): Promise<void> {
  const memory = new ConversationMemory(session.ctx.db, session.ctx.workspaceId);
  const answerer = answererOf(session.ctx.config);
  try {
    try {
      await memory.open(session.conversationId);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      session.conversationId = randomUUID();
      await memory.open(session.conversationId);
    }
    const turns = await memory.recent(session.conversationId, historyTurns);
    const history = turns.flatMap((t): HistoryTurn[] => [
      { role: 'user', turn: t.seq, text: t.question, payloads: [], toolCalls: [] },
      { role: 'assistant', turn: t.seq, text: t.answer, ...replayedDisplay(t, session.ctx.log) },
    ]);
    session.send({ type: 'hello', conversationId: session.conversationId, history, answerer });
  } catch (err) {
    session.ctx.log.error({ err }, 'could not load conversation history');
    session.send({ type: 'hello', conversationId: session.conversationId, history: [], answerer });
  }
}

/** A tool call as memory stores it (StoredToolCall in src/assistant/conversationMemory.ts). */
const storedCallSchema = z.object({
  name: z.string(),
  input: z.unknown(),
  output: z.unknown().optional(),
  error: z.string().optional(),
});

/**
 * An answer's tables, charts and chips as they were sent live (chip ids are positions, as in
 * answerMessage). Stored shapes are re-checked against the protocol: one that no longer parses (written
 * by an older version) is dropped and logged, so it can neither break the hello nor reach the page.
 */
export function replayedDisplay(
  turn: RecalledTurn,
  log: Pick<Logger, 'warn'>,
): Pick<HistoryTurn, 'payloads' | 'toolCalls'> {
  const payloads: ChatPayload[] = [];
  for (const stored of turn.payloads) {
    const parsed = payloadSchema.safeParse(stored);
    if (parsed.success) payloads.push(parsed.data);
    else log.warn({ issues: parsed.error.issues.length }, 'dropped a stored payload that no longer parses');
  }
  const toolCalls: ToolChip[] = [];
  turn.toolCalls.forEach((stored, i) => {
    const call = storedCallSchema.safeParse(stored);
    if (!call.success) {
      log.warn({ issues: call.error.issues.length }, 'dropped a stored tool call that no longer parses');
      return;
    }
    const { name, input, output, error } = call.data;
    toolCalls.push({ id: String(i), name, summary: summarizeToolInput(name, input), input, output, error });
  });
  return { payloads, toolCalls };
}
