// `adnavi ask` when a running server owns the embedded data dir: the question goes to that server's
// chat socket on loopback (the one the web chat uses; with ADNAVI_API_KEY when it requires sign-in) and its answer comes back, tool calls included
// (their outputs capped at 100 rows, as the chat stores them). The conversation rules are the local
// ones: "new" or an id the server does not know starts a new conversation under a fresh id.
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { AppError } from '../errors.js';
import { type ServerMessage, serverMessageSchema } from '../server/chatProtocol.js';
import type { ConversationChoice } from './assistantSession.js';
import { authHeaders, type ForwardTarget } from './forwardTarget.js';

export interface ForwardedAnswer {
  answer: string;
  toolCalls: { name: string; input: unknown; output: unknown; error?: string }[];
  conversation?: ConversationChoice;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function askRunningServer(
  target: ForwardTarget,
  question: string,
  conversationFlag: string | undefined,
): Promise<ForwardedAnswer> {
  const serverUrl = target.url;
  const asked = conversationFlag && UUID.test(conversationFlag) ? conversationFlag : randomUUID();
  const socketUrl = new URL(`/ws?conversation=${asked}`, serverUrl.replace(/^http/, 'ws'));
  const ws = new WebSocket(socketUrl, { headers: authHeaders(target) });
  const messages = incoming(ws);
  try {
    return await exchange(ws, messages, question, conversationFlag, asked);
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (err instanceof Error && /Unexpected server response: 401/.test(err.message)) {
      throw new AppError(
        `the AdNavi server at ${serverUrl} (which owns ADNAVI_DATA_DIR) refused ${target.apiKey ? 'ADNAVI_API_KEY: the key is unknown or revoked' : 'to answer without sign-in: set ADNAVI_API_KEY to a workspace API key'}.`,
      );
    }
    // one line naming where we asked, as every CLI failure
    throw new AppError(
      `the AdNavi server at ${serverUrl} (which owns ADNAVI_DATA_DIR) did not answer: ${err instanceof Error ? err.message : String(err)}`,
    );
  } finally {
    ws.close();
  }
}

async function exchange(
  ws: WebSocket,
  messages: Inbox,
  question: string,
  conversationFlag: string | undefined,
  asked: string,
): Promise<ForwardedAnswer> {
  const hello = await next(messages, (m) => m.type === 'hello');
  if (hello.type !== 'hello') throw new Error('unreachable');
  let conversation: ConversationChoice | undefined;
  if (conversationFlag !== undefined) {
    const known = conversationFlag !== 'new' && hello.conversationId === asked && hello.history.length > 0;
    conversation = known
      ? { id: asked, started: false }
      : {
          id: conversationFlag === 'new' ? asked : randomUUID(),
          started: true,
          ...(conversationFlag === 'new' ? {} : { notFound: `No conversation "${conversationFlag}" here` }),
        };
  }
  const id = randomUUID();
  ws.send(JSON.stringify({ type: 'ask', id, question, conversationId: conversation?.id ?? asked }));
  const reply = await next(messages, (m) => (m.type === 'answer' || m.type === 'error') && m.id === id);
  if (reply.type === 'error') throw new AppError(reply.message); // the server's own words, as local
  if (reply.type !== 'answer') throw new Error('unreachable');
  return {
    answer: reply.answer,
    toolCalls: reply.toolCalls.map((c) => ({
      name: c.name,
      input: c.input,
      output: c.output,
      ...(c.error ? { error: c.error } : {}),
    })),
    conversation,
  };
}

type Inbox = { queue: ServerMessage[]; wake?: () => void; failure?: Error };

function incoming(ws: WebSocket): Inbox {
  const inbox: Inbox = { queue: [] };
  const fail = (err: Error) => {
    inbox.failure ??= err;
    inbox.wake?.();
  };
  ws.on('message', (data) => {
    const parsed = serverMessageSchema.safeParse(JSON.parse(String(data)));
    if (parsed.success) inbox.queue.push(parsed.data);
    inbox.wake?.();
  });
  ws.on('error', (err) => fail(err));
  ws.on('close', () => fail(new Error('the AdNavi server closed the connection')));
  return inbox;
}

async function next(inbox: Inbox, wanted: (m: ServerMessage) => boolean): Promise<ServerMessage> {
  for (;;) {
    const i = inbox.queue.findIndex(wanted);
    if (i >= 0) return inbox.queue.splice(i, 1)[0];
    if (inbox.failure) throw inbox.failure;
    await new Promise<void>((resolve) => {
      inbox.wake = resolve;
    });
  }
}
