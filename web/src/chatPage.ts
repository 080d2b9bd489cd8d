// The chat (home page): questions go over the shared WebSocket, answers stream in, tool calls show
// as expandable chips, tables and charts render under the answer, sync runs show live progress.
import { type HistoryTurn, runIdsOf, type ServerMessage } from '../../src/server/chatProtocol.ts';
import { answerActions } from './answerActions.ts';
import type { ChatConnection } from './chatConnection.ts';
import { clear, h } from './dom.ts';
import { HistoryPanel } from './historyPanel.ts';
import { renderPayload } from './payloads.ts';
import { syncProgressView } from './syncProgressView.ts';
import { toolChip as chip } from './toolChip.ts';

const SUGGESTIONS = [
  'What campaigns are live?',
  'What was my spend in the last 30 days?',
  'Spend by day last 14 days',
  'Which campaign spent the most last week?',
  'Compare spend this week vs last week',
  'Sync my account',
];

interface Bubble {
  el: HTMLElement;
  chips: HTMLElement;
  text: HTMLElement;
  extras: HTMLElement;
  /** The live progress of the syncs this answer started: the card is the rest of the answer. */
  sync: HTMLElement;
  startsSync?: boolean;
}

type SyncProgress = Extract<ServerMessage, { type: 'sync_progress' }>;
const SYNC_DONE = new Set(['succeeded', 'failed', 'cancelled']);

export class ChatPage {
  readonly el: HTMLElement;
  private readonly log: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly suggestions: HTMLElement;
  private readonly pending = new Map<string, Bubble>();
  private readonly syncCards = new Map<string, HTMLElement>();
  /** Which answer started each sync run (its card lives in that answer). */
  private readonly runOwners = new Map<string, Bubble>();
  private readonly history: HistoryPanel;
  /** "Answers by the offline planner" or "… by gpt-4o-mini": who the person is talking to. */
  private readonly answerer: HTMLElement;
  private conversationId: string | null = null;
  private seq = 0;
  /** A question asked while the socket was not open: sent once the server greets the connection. */
  private waiting: string | null = null;

  constructor(private readonly conn: ChatConnection) {
    this.log = h('div', {
      class: 'chat-log',
      role: 'log',
      'aria-live': 'polite',
      'aria-label': 'Conversation',
    });
    this.suggestions = h(
      'div',
      { class: 'suggestions', role: 'group', 'aria-label': 'Suggested questions' },
      h('p', {}, 'Ask about your Meta ads in plain language. Try:'),
      SUGGESTIONS.map((q) =>
        h('button', { type: 'button', class: 'suggestion', onclick: () => this.ask(q) }, q),
      ),
    );
    this.input = h('textarea', {
      id: 'chat-input',
      rows: 1,
      placeholder: 'Ask about your ads…',
      autocomplete: 'off',
      maxlength: 2000,
      onkeydown: (ev: Event) => this.onKey(ev as KeyboardEvent),
    });
    const form = h(
      'form',
      { class: 'chat-form', onsubmit: (ev: Event) => this.onSubmit(ev) },
      h('label', { for: 'chat-input', class: 'visually-hidden' }, 'Your question'),
      this.input,
      h('button', { type: 'submit', class: 'primary' }, 'Send'),
    );
    this.history = new HistoryPanel({
      open: (id) => this.openConversation(id),
      deleted: (id) => {
        if (id === this.conversationId) this.newConversation();
      },
    });
    const historyToggle = h(
      'button',
      {
        type: 'button',
        class: 'link',
        'aria-expanded': 'false',
        'aria-controls': 'history-panel',
        onclick: () => historyToggle.setAttribute('aria-expanded', String(this.history.toggle())),
      },
      'History',
    );
    this.answerer = h('p', { class: 'muted answerer', 'aria-live': 'polite' });
    const toolbar = h(
      'div',
      { class: 'chat-toolbar' },
      h('div', {}, h('h1', {}, 'Chat'), this.answerer),
      h(
        'span',
        { class: 'toolbar-actions' },
        historyToggle,
        h(
          'button',
          { type: 'button', class: 'link', onclick: () => this.newConversation() },
          'New conversation',
        ),
      ),
    );
    this.el = h(
      'section',
      { class: 'page chat-page', 'aria-labelledby': 'chat-title' },
      toolbar,
      this.history.el,
      this.log,
      this.suggestions,
      form,
    );
    toolbar.querySelector('h1')?.setAttribute('id', 'chat-title');
    conn.onMessage((msg) => this.receive(msg));
    conn.onState((state) => {
      if (state.kind === 'closed')
        this.failPending('The connection dropped before the answer arrived; ask again once reconnected.');
    });
  }

  focus(): void {
    this.input.focus();
  }

  private onKey(ev: KeyboardEvent): void {
    if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) {
      ev.preventDefault();
      this.ask(this.input.value);
    }
  }

  private onSubmit(ev: Event): void {
    ev.preventDefault();
    this.ask(this.input.value);
  }

  private ask(raw: string): void {
    const question = raw.trim();
    if (!question) return;
    const id = `q${++this.seq}-${Date.now().toString(36)}`;
    if (!this.conn.send({ type: 'ask', id, question })) {
      // typed before the page's socket opened, or while it reconnects: kept and sent on the next
      // hello (after it, so a new conversation's redraw does not wipe the question off the page)
      this.waiting = question;
      this.addNotice('Connecting… your question will be sent as soon as the connection is open.');
      return;
    }
    this.input.value = '';
    this.suggestions.hidden = true;
    this.addTurn({ role: 'user', text: question, payloads: [], toolCalls: [] });
    const bubble = this.addTurn({ role: 'assistant', text: '', payloads: [], toolCalls: [] });
    bubble.el.classList.add('pending');
    bubble.el.setAttribute('aria-busy', 'true');
    this.pending.set(id, bubble);
  }

  /** The one on screen stays in the history (the server keeps every conversation asked in). */
  private newConversation(): void {
    this.leaveConversation();
    this.suggestions.hidden = false;
    this.conn.newConversation();
    this.input.focus();
  }

  /** Shows a past conversation (from the history panel, or "Continue" on an answer's own page). */
  openConversation(id: string): void {
    if (id === this.conversationId) return;
    this.leaveConversation();
    this.conn.openConversation(id);
  }

  private leaveConversation(): void {
    this.failPending('');
    this.conversationId = null;
    clear(this.log);
    this.syncCards.clear();
    this.runOwners.clear();
    this.history.setCurrent(null);
  }

  private receive(msg: ServerMessage): void {
    if (msg.type === 'hello') {
      this.showAnswerer(msg.answerer);
      this.onHello(msg.conversationId, msg.history);
      const waiting = this.waiting;
      this.waiting = null;
      if (waiting !== null) this.ask(waiting);
    } else if (msg.type === 'answer_delta') this.withBubble(msg.id, (b) => b.text.append(msg.delta));
    else if (msg.type === 'tool_call')
      this.withBubble(msg.id, (b) => {
        b.chips.append(chip(msg.call));
        if (msg.call.name === 'trigger_sync') b.startsSync = true;
      });
    else if (msg.type === 'answer') {
      this.finish(msg.id, (b) => {
        b.text.textContent = msg.answer;
        b.chips.replaceChildren(...msg.toolCalls.map(chip));
        b.extras.replaceChildren(...msg.payloads.map(renderPayload));
        if (msg.turn && this.conversationId)
          b.el.append(answerActions(this.conversationId, msg.turn, msg.answer, msg.payloads));
        this.adoptSyncRuns(b, msg.toolCalls);
      });
      void this.history.refresh(); // a first question titles a new conversation
    } else if (msg.type === 'error') {
      if (msg.id && this.pending.has(msg.id)) this.finish(msg.id, (b) => showError(b, msg.message));
      else this.addNotice(msg.message);
    } else if (msg.type === 'sync_progress') this.onSyncProgress(msg);
  }

  private showAnswerer(a: Extract<ServerMessage, { type: 'hello' }>['answerer']): void {
    if (!a) return;
    this.answerer.dataset.source = a.source;
    this.answerer.textContent =
      a.source === 'planner'
        ? 'Answers by the offline planner (no AI model)'
        : `Answers by the model ${a.model} (${a.endpoint})`;
  }

  /** On a reconnect to the same conversation the page already shows it; only a new one redraws. */
  private onHello(conversationId: string, history: HistoryTurn[]): void {
    if (this.conversationId === conversationId) return;
    this.conversationId = conversationId;
    this.history.setCurrent(conversationId);
    clear(this.log);
    for (const turn of history) this.addTurn(turn);
    this.suggestions.hidden = history.length > 0;
    this.log.scrollTop = this.log.scrollHeight;
  }

  private onSyncProgress(msg: SyncProgress): void {
    const owner = this.runOwners.get(msg.runId) ?? this.syncingBubble();
    let card = this.syncCards.get(msg.runId);
    if (!card) {
      card = h('div', { class: owner ? 'sync-card' : 'msg system', 'data-run-id': msg.runId });
      this.syncCards.set(msg.runId, card);
      if (owner) {
        this.runOwners.set(msg.runId, owner);
        owner.sync.append(card);
      } else this.log.append(card);
    }
    card.dataset.status = msg.status;
    card.dataset.rows = String(msg.progress.rows);
    card.replaceChildren(syncProgressView(msg));
    if (owner) this.finishSyncAnswer(owner, msg);
    this.scrollToEnd();
  }

  /** The answer still streaming that called trigger_sync: progress can arrive before its answer. */
  private syncingBubble(): Bubble | undefined {
    return [...this.pending.values()].find((b) => b.startsSync);
  }

  /** Runs the answer's trigger_sync started: their cards (if any came first) move into the answer. */
  private adoptSyncRuns(b: Bubble, calls: { name: string; output?: unknown }[]): void {
    for (const call of calls) {
      if (call.name !== 'trigger_sync') continue;
      for (const runId of runIdsOf(call.output)) {
        this.runOwners.set(runId, b);
        const card = this.syncCards.get(runId);
        if (card && card.parentElement !== b.sync) {
          card.className = 'sync-card';
          b.sync.append(card);
        }
      }
    }
  }

  /** When every run the answer started has ended, the answer says how it ended, in words. */
  private finishSyncAnswer(b: Bubble, msg: SyncProgress): void {
    const cards = [...b.sync.querySelectorAll<HTMLElement>('.sync-card')];
    if (!cards.every((c) => SYNC_DONE.has(c.dataset.status ?? ''))) {
      b.el.dataset.sync = 'running';
      return;
    }
    b.el.dataset.sync = 'done';
    const failed = cards.filter((c) => c.dataset.status !== 'succeeded').length;
    const rows = cards.reduce((sum, c) => sum + Number(c.dataset.rows ?? 0), 0);
    const outcome =
      failed === 0
        ? `Sync finished${cards.length > 1 ? ` for ${cards.length} accounts` : ''}: ${rows.toLocaleString('en-US')} rows loaded. Answers now use the new data.`
        : `${failed === cards.length ? 'The sync did not finish' : `${failed} of ${cards.length} syncs did not finish`}${msg.error ? `: ${msg.error}` : '.'} Answers use the data synced before.`;
    let result = b.sync.querySelector<HTMLElement>('.sync-result');
    if (!result) {
      result = h('p', { class: 'sync-result', role: 'status' });
      b.sync.append(result);
    }
    result.textContent = outcome;
  }

  private addTurn(turn: HistoryTurn): Bubble {
    const chips = h('div', { class: 'chips' }, turn.toolCalls.map(chip));
    const text = h('div', { class: 'text' }, turn.text);
    const extras = h('div', { class: 'payloads' }, turn.payloads.map(renderPayload));
    const sync = h('div', { class: 'sync-slot' });
    const label = turn.role === 'user' ? 'You' : 'AdNavi';
    const el = h('article', { class: `msg ${turn.role}`, 'aria-label': label }, chips, text, extras, sync);
    if (turn.role === 'user') chips.remove();
    else if (turn.turn && this.conversationId)
      el.append(answerActions(this.conversationId, turn.turn, turn.text, turn.payloads));
    this.log.append(el);
    this.scrollToEnd();
    return { el, chips, text, extras, sync };
  }

  private addNotice(message: string): void {
    this.log.append(h('p', { class: 'msg notice', role: 'alert' }, message));
    this.scrollToEnd();
  }

  private withBubble(id: string, fn: (b: Bubble) => void): void {
    const bubble = this.pending.get(id);
    if (!bubble) return;
    fn(bubble);
    this.scrollToEnd();
  }

  private finish(id: string, fn: (b: Bubble) => void): void {
    this.withBubble(id, (b) => {
      fn(b);
      b.el.classList.remove('pending');
      b.el.removeAttribute('aria-busy');
    });
    this.pending.delete(id);
  }

  private failPending(message: string): void {
    for (const id of [...this.pending.keys()])
      this.finish(id, (b) => (message ? showError(b, message) : b.el.remove()));
  }

  private scrollToEnd(): void {
    this.log.scrollTop = this.log.scrollHeight;
  }
}

function showError(b: Bubble, message: string): void {
  b.el.classList.add('error');
  b.text.textContent = message;
}
