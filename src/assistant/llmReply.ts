// The answer when a model is configured: runs the tool loop, then gives the model's text the same
// shape as a planner answer (tables, charts, date range and freshness built from the tool outputs,
// toolOutputShape.ts) and flags figures no tool returned (numberCheck.ts). When the endpoint fails
// (connection refused, 5xx, timeout, a body we cannot read), never finishes, or finishes with no text,
// the planner answers instead and the answer says why. `openai` is imported only here, lazily.
import type { Config } from '../config.js';
import type { Turn } from './conversationMemory.js';
import type { LlmLoopResult } from './llmLoop.js';
import { untracedNumbers } from './numberCheck.js';
import type { PlannerState } from './plannerState.js';
import { shapeFromToolCalls } from './toolOutputShape.js';
import { ToolRunner } from './toolRunner.js';
import type { AskOptions, AssistantAnswer } from './types.js';

export interface LlmSettings {
  /** Tool rounds the model may take before the loop stops (default 6). */
  maxToolRounds?: number;
  /** Per-request timeout for the model endpoint, ms (default 30 s). */
  llmTimeoutMs?: number;
}

export interface Reply {
  answer: AssistantAnswer;
  state?: PlannerState;
}

/** The planner's answer, its text opened by `prefix` (why the model did not answer). */
export type OfflineReply = (prefix: string) => Promise<Reply>;

export async function llmReply(
  config: Config,
  settings: LlmSettings,
  question: string,
  options: AskOptions,
  turns: Turn[],
  planner: OfflineReply,
): Promise<Reply> {
  const [
    { default: OpenAI, APIError, APIUserAbortError },
    { runLlmLoop, MAX_TOOL_ROUNDS },
    { ModelReplyError },
  ] = await Promise.all([import('openai'), import('./llmLoop.js'), import('./modelRound.js')]);
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
  // the planner answers instead, saying why; the model's tool calls so far stay on record
  const offline = async (why: string) => withCalls(tools, await planner(`${why}, so I answered offline. `));
  let result: LlmLoopResult;
  try {
    result = await runLlmLoop(client, config.ADNAVI_MODEL, question, history, tools, {
      onEvent: options.onEvent,
      signal: options.signal,
      maxRounds: settings.maxToolRounds,
    });
  } catch (err) {
    if (err instanceof ModelReplyError) {
      options.ctx.log.warn({ err: err.message }, 'model reply unreadable; answering offline');
      return offline(`The language model endpoint's reply could not be read (${err.message})`);
    }
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
  if (result.answer.trim() === '') return offline('The model returned an empty answer');
  return { answer: shapeAnswer(result.answer, question, tools, options) };
}

/** The model's text, then the note on untraced figures, then the source line; each streamed as added. */
function shapeAnswer(
  text: string,
  question: string,
  tools: ToolRunner,
  options: AskOptions,
): AssistantAnswer {
  const now = options.ctx.now?.() ?? new Date();
  const shape = shapeFromToolCalls(tools.calls, now);
  const untraced = untracedNumbers(
    text,
    tools.calls.filter((c) => !c.error).map((c) => c.output),
    question,
  );
  let answer = text;
  const add = (part: string) => {
    options.onEvent?.({ type: 'text', delta: part });
    answer += part;
  };
  if (untraced.length > 0) {
    add(
      `\n\n(Note: I could not trace ${untraced.join(', ')} to the tool results, so treat ${untraced.length === 1 ? 'it' : 'them'} with care.)`,
    );
  }
  if (shape.sourceLine) add(`\n\n${shape.sourceLine}`);
  return { answer, toolCalls: tools.calls, payloads: shape.payloads, source: 'llm' };
}

/** The model's calls happened too: keep them in the record before the planner's. */
function withCalls(tools: ToolRunner, reply: Reply): Reply {
  return { ...reply, answer: { ...reply.answer, toolCalls: [...tools.calls, ...reply.answer.toolCalls] } };
}
