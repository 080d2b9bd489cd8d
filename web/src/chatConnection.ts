// The one WebSocket the app keeps open (chat answers and sync progress share it). Reconnects with
// capped exponential backoff and jitter; resumes the same conversation (its id is kept in
// localStorage, so a page reload resumes it too). Every message received is parsed with the
// shared protocol schema; one that does not parse is reported, not acted on.
import {
  type ClientMessage,
  type ServerMessage,
  serverMessageSchema,
} from '../../src/server/chatProtocol.ts';

export type ConnectionState =
  | { kind: 'connecting' }
  | { kind: 'open' }
  | { kind: 'closed'; retryInMs: number };

const STORAGE_KEY = 'adnavi.conversationId';
const MIN_DELAY_MS = 500;
const MAX_DELAY_MS = 15_000;

/** Forgets the stored conversation (on sign-out: it belongs to the workspace just left). */
export function forgetConversation(): void {
  localStorage.removeItem(STORAGE_KEY);
}

export class ChatConnection {
  private ws: WebSocket | null = null;
  private attempts = 0;
  private retryTimer: number | undefined;
  private readonly listeners = new Set<(msg: ServerMessage) => void>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  state: ConnectionState = { kind: 'connecting' };

  get conversationId(): string | null {
    return localStorage.getItem(STORAGE_KEY);
  }

  connect(): void {
    window.clearTimeout(this.retryTimer);
    this.setState({ kind: 'connecting' });
    const url = new URL('/ws', window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const id = this.conversationId;
    if (id) url.searchParams.set('conversation', id);
    const ws = new WebSocket(url);
    this.ws = ws;
    ws.addEventListener('open', () => {
      this.attempts = 0;
      this.setState({ kind: 'open' });
    });
    ws.addEventListener('message', (ev) => this.receive(ev.data));
    ws.addEventListener('close', () => {
      if (this.ws !== ws) return; // replaced on purpose (a new conversation)
      this.scheduleReconnect();
    });
  }

  /** Starts a fresh conversation: forget the stored id and reconnect (the server makes a new one). */
  newConversation(): void {
    localStorage.removeItem(STORAGE_KEY);
    this.reconnectNow();
  }

  /** Reopens a past conversation: the server replays it in its hello. */
  openConversation(id: string): void {
    localStorage.setItem(STORAGE_KEY, id);
    this.reconnectNow();
  }

  private reconnectNow(): void {
    const old = this.ws;
    this.ws = null;
    old?.close();
    this.connect();
  }

  send(msg: ClientMessage): boolean {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(msg));
    return true;
  }

  onMessage(fn: (msg: ServerMessage) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  onState(fn: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(fn);
    fn(this.state);
    return () => this.stateListeners.delete(fn);
  }

  private receive(data: unknown): void {
    let raw: unknown;
    try {
      raw = JSON.parse(String(data));
    } catch {
      console.warn('chat: a message from the server was not JSON');
      return;
    }
    const parsed = serverMessageSchema.safeParse(raw);
    if (!parsed.success) {
      console.warn('chat: unexpected message from the server', parsed.error.issues[0]);
      return;
    }
    const msg = parsed.data;
    if (msg.type === 'hello') localStorage.setItem(STORAGE_KEY, msg.conversationId);
    for (const fn of this.listeners) fn(msg);
  }

  private scheduleReconnect(): void {
    const base = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** this.attempts);
    const delay = Math.round(base / 2 + Math.random() * (base / 2));
    this.attempts += 1;
    this.setState({ kind: 'closed', retryInMs: delay });
    this.retryTimer = window.setTimeout(() => this.connect(), delay);
  }

  private setState(state: ConnectionState): void {
    this.state = state;
    for (const fn of this.stateListeners) fn(state);
  }
}
