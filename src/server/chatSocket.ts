// The WebSocket chat on /ws: one socket per browser tab, messages parsed both ways through
// chatProtocol.ts. A connection names the conversation to resume in its URL (/ws?conversation=ID);
// the server answers with hello (the id and the history) and then streams answers to `ask`s.
// Asks on one socket run one at a time, so a conversation's memory is written in order.
// Never trusts the browser: every message is validated, errors name the field and the socket stays
// open; only pages on an allowed host may connect (hostAllowList.ts: a cross-site or DNS-rebound page
// must not drive a chat),
// and the caller is authenticated like any REST request (src/auth/authenticate.ts).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { capToolOutput } from '../assistant/conversationMemory.js';
import type { AssistantAnswer, AssistantEvent } from '../assistant/types.js';
import { authenticate } from '../auth/authenticate.js';
import { asRequest } from '../db/requestOrder.js';
import { ValidationError } from '../errors.js';
import { logger } from '../log.js';
import type { ToolContext } from '../tools/types.js';
import { toUserError } from '../userErrors.js';
import { AskRateLimiter, callerKey, SocketCounter } from './callerLimits.js';
import { sendHello } from './chatHistory.js';
import { idOf, parseClientMessage } from './chatMessages.js';
import {
  type ClientMessage,
  conversationIdSchema,
  runIdsOf,
  type ServerMessageInput,
  serverMessageSchema,
  summarizeToolInput,
} from './chatProtocol.js';
import { createSyncWatcher, type SyncWatcher } from './chatSyncProgress.js';
import type { ServerDeps } from './deps.js';
import { defaultAllowedHosts, rebindingRefusal } from './hostAllowList.js';

export const CHAT_PATH = '/ws';
const MAX_MESSAGE_BYTES = 16 * 1024;
const HEARTBEAT_MS = 30_000;
const MAX_QUEUED_ASKS = 4;
/** What a caller refused a socket is told to wait: sockets free up when tabs close, not on a clock. */
const SOCKET_RETRY_SECONDS = 30;
/** Turns replayed on hello: enough to pick up where one left off, small enough to send at once. */
const HISTORY_TURNS = 50;

export interface ChatSocketServer {
  close(): Promise<void>;
}

export function attachChatSocket(server: Server, deps: ServerDeps): ChatSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const allowedHosts = defaultAllowedHosts(deps.config);
  const asks = new AskRateLimiter(deps.config.ADNAVI_ASK_RATE_LIMIT, () =>
    (deps.now?.() ?? new Date()).getTime(),
  );
  const sockets = new SocketCounter(deps.config.ADNAVI_SOCKETS_PER_CALLER);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== CHAT_PATH) {
      // not ours: leave it to another upgrade handler, or close it when there is none
      if (server.listenerCount('upgrade') === 1) socket.destroy();
      return;
    }
    if (rebindingRefusal(req.headers, allowedHosts)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    authenticate(deps.db, req.headers, deps.authMode ?? 'local').then(
      (caller) => {
        if (!caller) {
          socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
          return;
        }
        const key = callerKey(caller, req.socket.remoteAddress);
        if (!sockets.acquire(key)) {
          socket.end(tooManySockets(sockets.max));
          return;
        }
        socket.once('close', () => sockets.release(key));
        wss.handleUpgrade(req, socket, head, (ws) => {
          wss.emit('connection', ws, req);
          onConnection(ws, url, deps, {
            workspaceId: caller.workspaceId,
            // sign-out and key revocation reach open sockets: every message re-checks the credentials
            stillValid: async () =>
              (await authenticate(deps.db, req.headers, deps.authMode ?? 'local'))?.workspaceId ===
              caller.workspaceId,
            takeAsk: () => asks.take(key),
          });
        });
      },
      (err) => {
        logger.error({ err }, 'chat socket authentication failed');
        socket.end('HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\n\r\n');
      },
    );
  });

  // Dead peers (a laptop lid closed) never send close; the heartbeat finds them.
  const alive = new WeakSet<WebSocket>();
  wss.on('connection', (ws) => {
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));
  });
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    close: () =>
      new Promise((resolve) => {
        clearInterval(heartbeat);
        for (const ws of wss.clients) ws.terminate();
        wss.close(() => resolve());
      }),
  };
}

/** A socket refused at the handshake: the caller holds its limit of open sockets already. */
function tooManySockets(max: number): string {
  const body = JSON.stringify({
    error: {
      code: 'rate_limited',
      message: `Too many open chat sockets: at most ${max} per caller (ADNAVI_SOCKETS_PER_CALLER); close one and retry.`,
    },
  });
  return [
    'HTTP/1.1 429 Too Many Requests',
    `Retry-After: ${SOCKET_RETRY_SECONDS}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/** Who the socket belongs to, and the checks each of its messages goes through. */
interface SocketCaller {
  workspaceId: string;
  stillValid: () => Promise<boolean>;
  /** Takes one question from the caller's allowance: 0, or the seconds to wait (ADNAVI_ASK_RATE_LIMIT). */
  takeAsk: () => number;
}

function onConnection(ws: WebSocket, url: URL, deps: ServerDeps, caller: SocketCaller): void {
  const { workspaceId, stillValid } = caller;
  const ctx: ToolContext = {
    db: deps.db,
    config: deps.config,
    keyring: deps.keyring,
    workspaceId,
    log: logger.child({ chat: randomUUID(), workspaceId }),
    now: deps.now,
  };
  const send = (msg: ServerMessageInput): void => {
    if (ws.readyState !== ws.OPEN) return;
    const checked = serverMessageSchema.safeParse(msg);
    if (checked.success) {
      ws.send(JSON.stringify(checked.data));
      return;
    }
    // A payload the protocol does not allow is our bug: say so once, never send the malformed shape.
    ctx.log.error(
      { issues: checked.error.issues, type: msg.type },
      'outgoing chat message failed validation',
    );
    ws.send(
      JSON.stringify({ type: 'error', message: 'The server produced a malformed reply; please try again.' }),
    );
  };
  const watcher = createSyncWatcher(ctx, send);
  const aborter = new AbortController();
  ws.on('close', () => {
    watcher.stop();
    aborter.abort();
  });
  // ws reports protocol violations (an oversized frame, bad UTF-8) as 'error' and then closes the
  // socket; without a listener the process would crash on a hostile client.
  ws.on('error', (err) => ctx.log.warn({ err: err.message }, 'chat socket error'));

  const requested = conversationIdSchema.safeParse(url.searchParams.get('conversation'));
  const conversationId = requested.success ? requested.data : randomUUID();
  const session: Session = {
    ctx,
    send,
    watcher,
    conversationId,
    signal: aborter.signal,
    deps,
    queue: Promise.resolve(),
    waiting: 0,
    takeAsk: caller.takeAsk,
  };
  // Asks wait behind hello, so a reply never reaches the browser before the history it follows.
  session.queue = sendHello(session, HISTORY_TURNS);
  // checks run one after another, so messages are still handled in the order they came
  let checked = Promise.resolve();
  // each message is a request of its own for the embedded database's order (db/requestOrder.ts)
  ws.on('message', (data, isBinary) =>
    asRequest(() => {
      const text = isBinary ? null : data.toString();
      checked = checked
        .then(stillValid)
        .then((valid) => {
          if (valid) return onMessage(session, text);
          session.send({
            type: 'error',
            message: 'Your session ended (signed out or key revoked); sign in again.',
          });
          ws.close(4401, 'unauthorized');
        })
        .catch((err) => session.send({ type: 'error', message: messageOf(err, session) }));
    }),
  );
}

interface Session {
  ctx: ToolContext;
  deps: ServerDeps;
  send(msg: ServerMessageInput): void;
  watcher: SyncWatcher;
  /** Set from the URL, replaced by a new id when that one cannot be used. */
  conversationId: string;
  signal: AbortSignal;
  /** Asks run in order: each waits for the one before it (and the first for hello). */
  queue: Promise<void>;
  /** Asks queued or running; capped so one socket cannot pile up unbounded work. */
  waiting: number;
  takeAsk: () => number;
}

function onMessage(session: Session, text: string | null): void {
  const msg = parseClientMessage(text);
  if (msg instanceof ValidationError) {
    const issue = msg.issues[0];
    session.send({ type: 'error', id: idOf(text), message: msg.message, field: issue?.field });
    return;
  }
  if (msg.type === 'ping') {
    session.send({ type: 'pong' });
    return;
  }
  if (msg.type === 'sync') {
    session.watcher
      .start(msg.connectionId)
      .catch((err) => session.send({ type: 'error', message: messageOf(err, session) }));
    return;
  }
  const wait = session.takeAsk();
  if (wait > 0) {
    session.send({
      type: 'error',
      id: msg.id,
      code: 'rate_limited',
      retryAfter: wait,
      message: `Too many questions: at most ${session.deps.config.ADNAVI_ASK_RATE_LIMIT} a minute (ADNAVI_ASK_RATE_LIMIT); ask again in ${wait} s.`,
    });
    return;
  }
  if (session.waiting >= MAX_QUEUED_ASKS) {
    session.send({
      type: 'error',
      id: msg.id,
      message: 'Too many questions at once; wait for the answers so far.',
    });
    return;
  }
  session.waiting += 1;
  session.queue = session.queue
    .then(() => answer(session, msg))
    .finally(() => {
      session.waiting -= 1;
    });
}

async function answer(session: Session, msg: Extract<ClientMessage, { type: 'ask' }>): Promise<void> {
  const { send, deps } = session;
  if (!deps.assistant) {
    send({
      type: 'error',
      id: msg.id,
      message: 'The assistant is unavailable on this server; try again later.',
    });
    return;
  }
  const conversationId = msg.conversationId ?? session.conversationId;
  const onEvent = (event: AssistantEvent): void => forwardEvent(session, msg.id, event);
  try {
    const result = await deps.assistant.ask(msg.question, {
      ctx: session.ctx,
      conversationId,
      onEvent,
      signal: session.signal,
    });
    send(answerMessage(msg.id, result));
  } catch (err) {
    send({ type: 'error', id: msg.id, message: messageOf(err, session) });
  }
}

function forwardEvent(session: Session, id: string, event: AssistantEvent): void {
  if (event.type === 'text') {
    session.send({ type: 'answer_delta', id, delta: event.delta });
    return;
  }
  if (event.type === 'tool_call') {
    session.send({
      type: 'tool_call',
      id,
      call: {
        id: event.id,
        name: event.name,
        summary: summarizeToolInput(event.name, event.input),
        input: event.input,
      },
    });
    return;
  }
  session.send({
    type: 'tool_result',
    id,
    callId: event.id,
    name: event.name,
    ok: !event.error,
    error: event.error,
  });
  // "sync my account" in the chat: follow the runs the assistant started, so progress shows live.
  if (event.name === 'trigger_sync' && !event.error) session.watcher.follow(runIdsOf(event.output));
}

function answerMessage(id: string, result: AssistantAnswer): ServerMessageInput {
  return {
    type: 'answer',
    id,
    answer: result.answer,
    payloads: result.payloads,
    source: result.source,
    ...(result.turn ? { turn: result.turn } : {}),
    toolCalls: result.toolCalls.map((call, i) => ({
      id: String(i),
      name: call.name,
      summary: summarizeToolInput(call.name, call.input),
      input: call.input,
      output: capToolOutput(call.output),
      error: call.error,
    })),
  };
}

/** What the person sees (src/userErrors.ts): our messages as written, anything else as an error id. */
function messageOf(err: unknown, session: Session): string {
  return toUserError(err, session.ctx.log, 'chat request failed').message;
}
