// A scripted OpenAI-compatible server over real HTTP: POST /v1/chat/completions answers each request
// with the next scripted reply, streamed as OpenAI's SSE chunks (text deltas, tool_calls deltas with
// the arguments split across chunks) when the request says stream: true, or as one JSON completion.
// With `{ ignoreStream: true }` it behaves like the servers that ignore stream: true and always answer
// one JSON chat.completion body.
// A reply may also be an HTTP failure. Every request body is kept, so tests can read what the model
// was sent (tool results, tools offered).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedToolCall {
  id?: string;
  name: string;
  /** Sent verbatim (so a test can send malformed JSON). */
  arguments: string;
}

export type ScriptedReply =
  | { content: string; toolCalls?: ScriptedToolCall[] }
  | { content?: string; toolCalls: ScriptedToolCall[] }
  | { status: number; message?: string };

export interface ChatRequest {
  model: string;
  stream?: boolean;
  messages: { role: string; content?: string | null; tool_call_id?: string; tool_calls?: unknown[] }[];
  tools?: { type: string; function: { name: string; parameters: unknown } }[];
}

export interface ScriptedOpenAi {
  /** The base URL for OPENAI_BASE_URL (ends in /v1). */
  url: string;
  requests: ChatRequest[];
  close(): Promise<void>;
}

/** `script` is a list (one reply per request; the last repeats) or a function of the request. */
export async function startScriptedOpenAi(
  script: ScriptedReply[] | ((req: ChatRequest, index: number) => ScriptedReply),
  options: { ignoreStream?: boolean } = {},
): Promise<ScriptedOpenAi> {
  const requests: ChatRequest[] = [];
  const next = (req: ChatRequest): ScriptedReply => {
    const i = requests.length - 1;
    return typeof script === 'function' ? script(req, i) : script[Math.min(i, script.length - 1)];
  };
  const server = createServer(async (req, res) => {
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404).end();
      return;
    }
    const body = JSON.parse(await readBody(req)) as ChatRequest;
    requests.push(body);
    const reply = next(body);
    if ('status' in reply) {
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ error: { message: reply.message ?? 'scripted failure', type: 'server_error' } }),
      );
      return;
    }
    if (body.stream && !options.ignoreStream) streamReply(res, body.model, reply);
    else jsonReply(res, body.model, reply);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      data += c;
    });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

type Reply = Exclude<ScriptedReply, { status: number }>;

function toolCallsOf(reply: Reply) {
  return (reply.toolCalls ?? []).map((c, i) => ({
    id: c.id ?? `call_${i + 1}`,
    name: c.name,
    arguments: c.arguments,
  }));
}

function jsonReply(res: ServerResponse, model: string, reply: Reply): void {
  const calls = toolCallsOf(reply);
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      id: 'chatcmpl-scripted',
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: reply.content ?? null,
            ...(calls.length > 0
              ? {
                  tool_calls: calls.map((c) => ({
                    id: c.id,
                    type: 'function',
                    function: { name: c.name, arguments: c.arguments },
                  })),
                }
              : {}),
          },
          finish_reason: calls.length > 0 ? 'tool_calls' : 'stop',
        },
      ],
    }),
  );
}

function streamReply(res: ServerResponse, model: string, reply: Reply): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const base = {
    id: 'chatcmpl-scripted',
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model,
  };
  const send = (delta: unknown, finish: string | null = null) =>
    res.write(
      `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`,
    );
  send({ role: 'assistant', content: '' });
  // text in a few pieces, as a model streams it
  const content = reply.content ?? '';
  for (let i = 0; i < content.length; i += 12) send({ content: content.slice(i, i + 12) });
  const calls = toolCallsOf(reply);
  calls.forEach((c, index) => {
    const half = Math.ceil(c.arguments.length / 2);
    send({
      tool_calls: [
        {
          index,
          id: c.id,
          type: 'function',
          function: { name: c.name, arguments: c.arguments.slice(0, half) },
        },
      ],
    });
    send({ tool_calls: [{ index, function: { arguments: c.arguments.slice(half) } }] });
  });
  send({}, calls.length > 0 ? 'tool_calls' : 'stop');
  res.end('data: [DONE]\n\n');
}
