// The chat's history: the workspace's past conversations (titled by their first question or a chosen
// name, with the day of their last activity), each to reopen, rename or delete. Reads and writes the
// REST routes in src/server/routes/conversations.ts; reopening is the chat socket's job.
import { ApiError, deleteJson, getJson, patchJson } from './api.ts';
import { h } from './dom.ts';
import { localDayOf } from './format.ts';

interface ConversationSummary {
  id: string;
  title: string;
  turns: number;
  updated_at: string;
}

export interface HistoryActions {
  open(id: string): void;
  /** The conversation was deleted (the chat starts a new one when it was the open one). */
  deleted(id: string): void;
}

export class HistoryPanel {
  readonly el: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly status: HTMLElement;
  private readonly empty: HTMLElement;
  private current: string | null = null;
  private request = 0;

  constructor(private readonly actions: HistoryActions) {
    this.list = h('ul', { class: 'history-list', 'aria-label': 'Past conversations' });
    this.status = h('p', { class: 'muted', role: 'status' });
    this.empty = h('p', { class: 'muted', hidden: true }, 'No past conversations yet.');
    this.el = h(
      'section',
      { id: 'history-panel', class: 'history-panel', 'aria-labelledby': 'history-title', hidden: true },
      h('h2', { id: 'history-title' }, 'History'),
      this.status,
      this.empty,
      this.list,
    );
  }

  get isOpen(): boolean {
    return !this.el.hidden;
  }

  toggle(): boolean {
    this.el.hidden = !this.el.hidden;
    this.status.textContent = '';
    if (this.isOpen) void this.refresh();
    return this.isOpen;
  }

  setCurrent(id: string | null): void {
    this.current = id;
    for (const li of this.list.querySelectorAll<HTMLElement>('li[data-id]')) markCurrent(li, id);
  }

  async refresh(): Promise<void> {
    if (!this.isOpen) return;
    const request = ++this.request;
    this.list.setAttribute('aria-busy', 'true');
    try {
      const { conversations } = await getJson<{ conversations: ConversationSummary[] }>('/api/conversations');
      if (request !== this.request) return;
      this.empty.hidden = conversations.length > 0;
      this.list.replaceChildren(...conversations.map((c) => this.item(c)));
    } catch (err) {
      if (request === this.request) this.status.textContent = `Could not load the history: ${messageOf(err)}`;
    } finally {
      if (request === this.request) this.list.removeAttribute('aria-busy');
    }
  }

  private item(c: ConversationSummary): HTMLLIElement {
    const li = h('li', { 'data-id': c.id });
    const show = (): void => {
      li.replaceChildren(
        h('button', { type: 'button', class: 'link open', onclick: () => this.actions.open(c.id) }, c.title),
        h('time', { datetime: c.updated_at, class: 'muted' }, localDayOf(c.updated_at)),
        h(
          'span',
          { class: 'item-actions' },
          h('button', { type: 'button', 'aria-label': `Rename “${c.title}”`, onclick: rename }, 'Rename'),
          h(
            'button',
            { type: 'button', class: 'danger', 'aria-label': `Delete “${c.title}”`, onclick: confirmDelete },
            'Delete',
          ),
        ),
      );
    };
    const rename = (): void => {
      const input = h('input', {
        id: `rename-${c.id}`,
        class: 'rename-input',
        value: c.title,
        maxlength: 200,
        required: true,
        onkeydown: (ev: Event) => {
          if ((ev as KeyboardEvent).key === 'Escape') show();
        },
      });
      const form = h(
        'form',
        {
          class: 'rename-form',
          onsubmit: (ev: Event) => {
            ev.preventDefault();
            void this.save(c, input.value, form);
          },
        },
        h('label', { for: `rename-${c.id}`, class: 'visually-hidden' }, `New name for “${c.title}”`),
        input,
        h('button', { type: 'submit' }, 'Save'),
        h('button', { type: 'button', onclick: show }, 'Cancel'),
        h('span', { class: 'field-error', role: 'alert' }),
      );
      li.replaceChildren(form);
      input.select();
    };
    const confirmDelete = (): void => {
      const yes = h(
        'button',
        { type: 'button', class: 'danger', onclick: () => void this.remove(c, li) },
        'Delete',
      );
      li.replaceChildren(
        h('span', {}, `Delete “${c.title}”? Its questions and answers go with it.`),
        h('span', { class: 'item-actions' }, yes, h('button', { type: 'button', onclick: show }, 'Keep')),
      );
      yes.focus();
    };
    show();
    markCurrent(li, this.current);
    return li;
  }

  private async save(c: ConversationSummary, title: string, form: HTMLFormElement): Promise<void> {
    try {
      await patchJson(`/api/conversations/${c.id}`, { title });
      await this.refresh();
      this.list.querySelector<HTMLElement>(`li[data-id="${c.id}"] button.open`)?.focus();
    } catch (err) {
      const slot = form.querySelector('.field-error');
      if (slot) slot.textContent = messageOf(err);
    }
  }

  private async remove(c: ConversationSummary, li: HTMLElement): Promise<void> {
    try {
      await deleteJson(`/api/conversations/${c.id}`);
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 404)) {
        li.replaceChildren(h('span', { class: 'error-text', role: 'alert' }, messageOf(err)));
        return;
      }
    }
    this.actions.deleted(c.id);
    await this.refresh();
    this.status.textContent = `Deleted “${c.title}”.`;
  }
}

function markCurrent(li: HTMLElement, current: string | null): void {
  if (li.dataset.id === current) li.setAttribute('aria-current', 'true');
  else li.removeAttribute('aria-current');
}

function messageOf(err: unknown): string {
  return err instanceof ApiError && err.issues[0] ? err.issues[0].message : (err as Error).message;
}
