// One round with the model: ask for a streamed completion and read whichever shape comes back. OpenAI
// streams server-sent events for `stream: true`, but several OpenAI-compatible servers (some proxies,
// older local servers) ignore the flag and answer with one JSON chat.completion body. Read as a stream,
// that body yields no events and so an empty answer; here the content type decides how to read it.
// Text goes out as events as it arrives (the whole text in one event for a JSON body); tool call
// deltas are stitched together by index.
import type OpenAI from 'openai';
import { Stream } from 'openai/core/streaming';
import { z } from 'zod';
import type { AssistantEvent } from './types.js';

type Message = OpenAI.Chat.Completions.ChatCompletionMessageParam;
type ToolSpec = OpenAI.Chat.Completions.ChatCompletionTool;
type Chunk = OpenAI.Chat.Completions.ChatCompletionChunk;

export interface PendingCall {
  id: string;
  name: string;
  arguments: string;
}

export interface RoundResult {
  text: string;
  calls: PendingCall[];
}

/** The endpoint answered 2xx with a body that is neither an event stream nor a chat completion. */
export class ModelReplyError extends Error {}

export interface RoundRequest {
  model: string;
  messages: Message[];
  tools: ToolSpec[];
  onEvent?: (e: AssistantEvent) => void;
  signal?: AbortSignal;
}

export async function completionRound(client: OpenAI, req: RoundRequest): Promise<RoundResult> {
  const response = await client.chat.completions
    .create(
      { model: req.model, messages: req.messages, tools: req.tools, stream: true },
      { signal: req.signal },
    )
    .asResponse();
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('text/event-stream')) {
    const controller = new AbortController();
    req.signal?.addEventListener('abort', () => controller.abort(), { once: true });
    return readStream(Stream.fromSSEResponse<Chunk>(response, controller, client), req.onEvent);
  }
  return readCompletion(await response.text(), req.onEvent);
}

async function readStream(
  stream: AsyncIterable<Chunk>,
  onEvent: ((e: AssistantEvent) => void) | undefined,
): Promise<RoundResult> {
  let text = '';
  const calls: PendingCall[] = [];
  for await (const chunk of stream) {
    const delta = chunk.choices?.[0]?.delta;
    if (!delta) continue;
    if (delta.content) {
      text += delta.content;
      onEvent?.({ type: 'text', delta: delta.content });
    }
    for (const tc of delta.tool_calls ?? []) {
      if (!calls[tc.index]) calls[tc.index] = { id: '', name: '', arguments: '' };
      const call = calls[tc.index];
      if (tc.id) call.id = tc.id;
      if (tc.function?.name) call.name += tc.function.name;
      if (tc.function?.arguments) call.arguments += tc.function.arguments;
    }
  }
  return withIds(calls.filter(Boolean), text);
}

/** What we read of a non-streamed chat.completion: the first choice's message. */
const completionSchema = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({
          content: z.string().nullish(),
          tool_calls: z
            .array(
              z.object({
                id: z.string().nullish(),
                function: z.object({ name: z.string(), arguments: z.string().nullish() }),
              }),
            )
            .nullish(),
        }),
      }),
    )
    .min(1),
});

function readCompletion(body: string, onEvent: ((e: AssistantEvent) => void) | undefined): RoundResult {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new ModelReplyError('the model endpoint answered with neither an event stream nor JSON');
  }
  const parsed = completionSchema.safeParse(json);
  if (!parsed.success)
    throw new ModelReplyError('the model endpoint answered JSON that is not a chat completion');
  const { content, tool_calls } = parsed.data.choices[0].message;
  const text = content ?? '';
  if (text) onEvent?.({ type: 'text', delta: text });
  const calls = (tool_calls ?? []).map((c) => ({
    id: c.id ?? '',
    name: c.function.name,
    arguments: c.function.arguments ?? '',
  }));
  return withIds(calls, text);
}

function withIds(calls: PendingCall[], text: string): RoundResult {
  return { text, calls: calls.map((c, i) => ({ ...c, id: c.id || `call_${i}` })) };
}
