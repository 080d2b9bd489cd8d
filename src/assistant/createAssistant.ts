// The Assistant behind the CLI, the WebSocket chat and MCP. Picks the brain from configuration: the
// LLM loop when OPENAI_API_KEY or OPENAI_BASE_URL is set (llmReply.ts, which falls back to the planner
// and says why), else the offline planner. Conversation memory lives in the database, so a reconnect
// continues the conversation.
import { z } from 'zod';
import { type Config, hasLlm } from '../config.js';
import { parseInput } from '../errors.js';
import { ConversationMemory } from './conversationMemory.js';
import { type LlmSettings, llmReply, type Reply } from './llmReply.js';
import { runPlanner } from './planner.js';
import type { PlannerState } from './plannerState.js';
import type { AskOptions, Assistant, AssistantAnswer } from './types.js';

const questionSchema = z
  .string()
  .trim()
  .min(1, 'ask a question')
  .max(2000, 'keep the question under 2,000 characters');

export type AssistantOptions = LlmSettings;

async function plannerReply(
  question: string,
  options: AskOptions,
  previous: PlannerState | undefined,
  prefix = '',
): Promise<Reply> {
  const result = await runPlanner(question, { ctx: options.ctx, previous, onEvent: options.onEvent });
  const text = `${prefix}${result.answer}`;
  options.onEvent?.({ type: 'text', delta: text });
  return {
    answer: { answer: text, toolCalls: result.toolCalls, payloads: result.payloads, source: 'planner' },
    state: result.state,
  };
}

export function createAssistant(config: Config, settings: AssistantOptions = {}): Assistant {
  const useLlm = hasLlm(config);
  return {
    async ask(rawQuestion: string, options: AskOptions): Promise<AssistantAnswer> {
      const question = parseInput(questionSchema, rawQuestion, 'question');
      const memory = options.conversationId
        ? new ConversationMemory(options.ctx.db, options.ctx.workspaceId)
        : undefined;
      const turns = memory && options.conversationId ? await memory.continue(options.conversationId) : [];
      const previous = [...turns].reverse().find((t) => t.state)?.state;
      const reply = useLlm
        ? await llmReply(config, settings, question, options, turns, (prefix) =>
            plannerReply(question, options, turns.at(-1)?.state, prefix),
          )
        : await plannerReply(question, options, previous);
      if (memory && options.conversationId) {
        const turn = await memory.append(options.conversationId, {
          question,
          answer: reply.answer.answer,
          state: reply.state,
          payloads: reply.answer.payloads,
          toolCalls: reply.answer.toolCalls,
        });
        return { ...reply.answer, turn };
      }
      return reply.answer;
    },
  };
}
