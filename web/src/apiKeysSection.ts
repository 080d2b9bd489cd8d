// Workspace API keys on the settings page: the list (name, prefix, created, last used, revoked), a
// form to create one, and revoke. A new key is shown exactly once, in a read-only field with a Copy
// button; the server stores only its hash, and the page forgets it as soon as the panel is closed or
// the page is left.
import { deleteJson, getJson, postJson } from './api.ts';
import { h, scrollBox } from './dom.ts';
import { timeAgo } from './format.ts';

interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

interface CreatedKey extends ApiKey {
  key: string;
  note: string;
}

export class ApiKeysSection {
  readonly el: HTMLElement;
  private readonly list: HTMLElement;
  private readonly created: HTMLElement;
  private readonly nameInput: HTMLInputElement;
  private readonly formError: HTMLElement;

  constructor() {
    this.list = h('div', { class: 'api-key-list', 'aria-live': 'polite' });
    this.created = h('div', { class: 'created-key' });
    this.nameInput = h('input', {
      id: 'api-key-name',
      type: 'text',
      maxlength: 100,
      placeholder: 'e.g. Reporting script',
      'aria-describedby': 'api-key-name-error',
    });
    this.formError = h('p', { id: 'api-key-name-error', class: 'field-error' });
    const form = h(
      'form',
      { class: 'api-key-form', onsubmit: (ev: Event) => void this.create(ev) },
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'api-key-name' }, 'Key name'),
        this.nameInput,
        this.formError,
      ),
      h('button', { type: 'submit', class: 'primary' }, 'Create key'),
    );
    this.el = h(
      'section',
      { class: 'card api-keys', 'aria-labelledby': 'api-keys-title' },
      h('h2', { id: 'api-keys-title' }, 'API keys'),
      h(
        'p',
        { class: 'muted' },
        'For scripts and MCP clients: send a key as "Authorization: Bearer adn_k_…". It sees this workspace only.',
      ),
      form,
      this.created,
      this.list,
    );
  }

  show(): void {
    this.created.replaceChildren(); // a key shown earlier is never shown again
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const { api_keys } = await getJson<{ api_keys: ApiKey[] }>('/api/api-keys');
      this.list.replaceChildren(
        api_keys.length
          ? keysTable(api_keys, (k) => void this.revoke(k))
          : h('p', { class: 'muted' }, 'No API keys yet.'),
      );
    } catch (err) {
      this.list.replaceChildren(
        h('p', { class: 'error-text', role: 'alert' }, `Could not load API keys: ${(err as Error).message}`),
      );
    }
  }

  private async create(ev: Event): Promise<void> {
    ev.preventDefault();
    this.formError.textContent = '';
    this.nameInput.removeAttribute('aria-invalid');
    try {
      const key = await postJson<CreatedKey>('/api/api-keys', { name: this.nameInput.value });
      this.nameInput.value = '';
      this.showOnce(key);
      await this.load();
    } catch (err) {
      this.formError.textContent = `Key name: ${(err as Error).message}`;
      this.nameInput.setAttribute('aria-invalid', 'true');
      this.nameInput.focus();
    }
  }

  private showOnce(key: CreatedKey): void {
    const field = h('input', {
      id: 'new-api-key',
      class: 'key-field',
      type: 'text',
      readonly: true,
      value: key.key,
      spellcheck: 'false',
      'aria-describedby': 'new-api-key-note',
    });
    const copied = h('span', { class: 'muted', role: 'status' });
    const copy = async () => {
      field.select();
      try {
        await navigator.clipboard.writeText(key.key);
        copied.textContent = 'Copied.';
      } catch {
        copied.textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
      }
    };
    this.created.replaceChildren(
      h(
        'div',
        { class: 'alert ok' },
        h('label', { for: 'new-api-key' }, `New key "${key.name}"`),
        h(
          'div',
          { class: 'copy-row' },
          field,
          h('button', { type: 'button', onclick: () => void copy() }, 'Copy'),
          h(
            'button',
            { type: 'button', class: 'link', onclick: () => this.created.replaceChildren() },
            'Done',
          ),
        ),
        h('p', { id: 'new-api-key-note' }, h('strong', {}, key.note)),
        copied,
      ),
    );
    field.focus();
    field.select();
  }

  private async revoke(key: ApiKey): Promise<void> {
    if (
      !window.confirm(
        `Revoke the API key "${key.name}" (${key.prefix}…)? Anything using it stops working at once.`,
      )
    )
      return;
    try {
      await deleteJson(`/api/api-keys/${encodeURIComponent(key.id)}`);
    } catch (err) {
      window.alert(`Could not revoke the key: ${(err as Error).message}`);
    }
    await this.load();
  }
}

function keysTable(keys: ApiKey[], onRevoke: (k: ApiKey) => void): HTMLElement {
  const head = ['Name', 'Key', 'Created', 'Last used', 'Status'].map((t) => h('th', { scope: 'col' }, t));
  head.push(h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')));
  const rows = keys.map((k) =>
    h(
      'tr',
      { 'data-key-id': k.id, 'data-revoked': k.revoked_at ? 'true' : 'false' },
      h('th', { scope: 'row' }, k.name),
      h('td', {}, h('code', {}, `${k.prefix}…`)),
      h('td', {}, timeAgo(k.created_at)),
      h('td', {}, timeAgo(k.last_used_at)),
      h(
        'td',
        {},
        k.revoked_at
          ? h('span', { class: 'badge run-failed' }, `Revoked ${timeAgo(k.revoked_at)}`)
          : h('span', { class: 'badge status-active' }, 'Active'),
      ),
      h(
        'td',
        {},
        k.revoked_at
          ? null
          : h(
              'button',
              {
                type: 'button',
                class: 'danger',
                'aria-label': `Revoke ${k.name}`,
                onclick: () => onRevoke(k),
              },
              'Revoke',
            ),
      ),
    ),
  );
  return scrollBox(
    'API keys',
    h('table', { class: 'data api-keys-table' }, h('thead', {}, h('tr', {}, head)), h('tbody', {}, rows)),
  );
}
