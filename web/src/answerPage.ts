// One answer on its own page: what a permalink (/answers/CONVERSATION/TURN) opens. The server reads
// it from the workspace's history (GET /api/conversations/:id/turns/:turn); another workspace's
// answer is not found there, and the page says so.
import { type ChatPayload, historyTurnSchema } from '../../src/server/chatProtocol.ts';
import { answerActions } from './answerActions.ts';
import { ApiError, getJson } from './api.ts';
import { h } from './dom.ts';
import { renderPayload } from './payloads.ts';
import { toolChip } from './toolChip.ts';

const answerSchema = historyTurnSchema.pick({ payloads: true, toolCalls: true }).extend({
  conversation_id: historyTurnSchema.shape.text,
  turn: historyTurnSchema.shape.turn.unwrap(),
  question: historyTurnSchema.shape.text,
  answer: historyTurnSchema.shape.text,
});

export const ANSWER_PATH = /^\/answers\/([0-9a-f-]{36})\/(\d{1,7})$/i;

export class AnswerPage {
  readonly el: HTMLElement;
  private readonly body: HTMLElement;
  private request = 0;

  constructor(private readonly continueIn: (conversationId: string) => void) {
    this.body = h('div', { class: 'answer-body', 'aria-live': 'polite' });
    this.el = h(
      'section',
      { class: 'page answer-page', 'aria-labelledby': 'answer-title' },
      h('h1', { id: 'answer-title' }, 'Answer'),
      this.body,
    );
  }

  async show(): Promise<void> {
    const match = ANSWER_PATH.exec(window.location.pathname);
    if (!match) return;
    const [, id, turn] = match;
    const request = ++this.request;
    this.body.setAttribute('aria-busy', 'true');
    this.body.replaceChildren(h('p', { class: 'muted' }, 'Loading the answer…'));
    try {
      const raw = await getJson<unknown>(`/api/conversations/${id}/turns/${turn}`);
      if (request !== this.request) return;
      this.render(answerSchema.parse(raw));
    } catch (err) {
      if (request !== this.request) return;
      const text =
        err instanceof ApiError && err.status === 404
          ? 'This answer is not in this workspace: it was deleted, or the link belongs to another workspace.'
          : `Could not load the answer: ${(err as Error).message}`;
      this.body.replaceChildren(h('p', { class: 'alert error', role: 'alert' }, text));
    } finally {
      if (request === this.request) this.body.removeAttribute('aria-busy');
    }
  }

  private render(a: {
    conversation_id: string;
    turn: number;
    question: string;
    answer: string;
    payloads: ChatPayload[];
    toolCalls: Parameters<typeof toolChip>[0][];
  }): void {
    this.body.replaceChildren(
      h('article', { class: 'msg user', 'aria-label': 'You' }, h('div', { class: 'text' }, a.question)),
      h(
        'article',
        { class: 'msg assistant', 'aria-label': 'AdNavi' },
        h('div', { class: 'chips' }, a.toolCalls.map(toolChip)),
        h('div', { class: 'text' }, a.answer),
        h('div', { class: 'payloads' }, a.payloads.map(renderPayload)),
        answerActions(a.conversation_id, a.turn, a.answer, a.payloads),
      ),
      h(
        'p',
        {},
        h(
          'button',
          { type: 'button', class: 'primary', onclick: () => this.continueIn(a.conversation_id) },
          'Continue this conversation',
        ),
      ),
    );
  }
}
