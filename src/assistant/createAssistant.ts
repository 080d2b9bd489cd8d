// The Assistant behind the CLI, the WebSocket chat and MCP. Picks the brain from configuration: the
// LLM loop when OPENAI_API_KEY or OPENAI_BASE_URL is set, else the offline planner. When the model
// endpoint fails (connection refused, 5xx, timeout) or never finishes, it says so and answers with the
// planner. Conversation memory lives in the database, so a reconnect continues the conversation.
// `openai` is imported only when a model is configured: the offline CLI must start fast.
import { z } from 'zod';
import { type Config, hasLlm } from '../config.js';
import { parseInput } from '../errors.js';
import { ConversationMemory, type Turn } from './conversationMemory.js';
import type { LlmLoopResult } from './llmLoop.js';
import { untracedNumbers } from './numberCheck.js';
import { runPlanner } from './planner.js';
import type { PlannerState } from './plannerState.js';
import { ToolRunner } from './toolRunner.js';
import type { AskOptions, Assistant, AssistantAnswer } from './types.js';

const questionSchema = z
  .string()
  .trim()
  .min(1, 'ask a question')
  .max(2000, 'keep the question under 2,000 characters');

export interface AssistantOptions {
  /** Tool rounds the model may take before the loop stops (default 6). */
  maxToolRounds?: number;
  /** Per-request timeout for the model endpoint, ms (default 30 s). */
  llmTimeoutMs?: number;
}

interface Reply {
  answer: AssistantAnswer;
  state?: PlannerState;
}

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

async function llmReply(
  config: Config,
  settings: AssistantOptions,
  question: string,
  options: AskOptions,
  turns: Turn[],
): Promise<Reply> {
  const [{ default: OpenAI, APIError, APIUserAbortError }, { runLlmLoop, MAX_TOOL_ROUNDS }] =
    await Promise.all([import('openai'), import('./llmLoop.js')]);
  const client = new OpenAI({
    apiKey: config.OPENAI_API_KEY ?? 'not-needed',
    baseURL: config.OPENAI_BASE_URL,
    maxRetries: 1,
    timeout: settings.llmTimeoutMs ?? 30_000,
  });
  const tools = new ToolRunner(options.ctx, options.onEvent);
  const history = turns.flatMap((t) => [
    { role: 'user' as const, content: t.question },
    { role: 'assistant' as const, content: t.answer },
  ]);
  const previous = turns.at(-1)?.state;
  // the planner answers instead, saying why; the model's tool calls so far stay on record
  const offline = async (why: string) =>
    withCalls(tools, await plannerReply(question, options, previous, `${why}, so I answered offline. `));
  let result: LlmLoopResult;
  try {
    result = await runLlmLoop(client, config.ADNAVI_MODEL, question, history, tools, {
      onEvent: options.onEvent,
      signal: options.signal,
      maxRounds: settings.maxToolRounds,
    });
  } catch (err) {
    if (!(err instanceof APIError) || err instanceof APIUserAbortError) throw err;
    options.ctx.log.warn(
      { status: err.status, err: err.message },
      'model endpoint failed; answering offline',
    );
    return offline(
      `The language model endpoint ${err.status ? `answered ${err.status}` : 'could not be reached'}`,
    );
  }
  if (result.answer === undefined) {
    const rounds = settings.maxToolRounds ?? MAX_TOOL_ROUNDS;
    return offline(`The model kept calling tools without answering (stopped after ${rounds} rounds)`);
  }
  const untraced = untracedNumbers(
    result.answer,
    tools.calls.map((c) => c.output),
    question,
  );
  let answer = result.answer;
  if (untraced.length > 0) {
    // the text was already streamed; the caveat follows it
    const note = `\n\n(Note: I could not trace ${untraced.join(', ')} to the tool results, so treat ${untraced.length === 1 ? 'it' : 'them'} with care.)`;
    options.onEvent?.({ type: 'text', delta: note });
    answer += note;
  }
  return { answer: { answer, toolCalls: tools.calls, payloads: [], source: 'llm' } };
}

/** The model's calls happened too: keep them in the record before the planner's. */
function withCalls(tools: ToolRunner, reply: Reply): Reply {
  return { ...reply, answer: { ...reply.answer, toolCalls: [...tools.calls, ...reply.answer.toolCalls] } };
}

export function createAssistant(config: Config, settings: AssistantOptions = {}): Assistant {
  const useLlm = hasLlm(config);
  return {
    async ask(rawQuestion: string, options: AskOptions): Promise<AssistantAnswer> {
      const question = parseInput(questionSchema, rawQuestion, 'question');
      const memory = options.conversationId
        ? new ConversationMemory(options.ctx.db, options.ctx.workspaceId)
        : undefined;
      if (memory && options.conversationId) await memory.open(options.conversationId);
      const turns = memory && options.conversationId ? await memory.recent(options.conversationId) : [];
      const reply = useLlm
        ? await llmReply(config, settings, question, options, turns)
        : await plannerReply(question, options, [...turns].reverse().find((t) => t.state)?.state);
      if (memory && options.conversationId) {
        await memory.append(options.conversationId, {
          question,
          answer: reply.answer.answer,
          state: reply.state,
          payloads: reply.answer.payloads,
          toolCalls: reply.answer.toolCalls,
        });
      }
      return reply.answer;
    },
  };
}
