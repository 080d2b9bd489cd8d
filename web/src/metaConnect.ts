// "Connect Meta Ads" on the settings page. The button is a plain link to /api/oauth/meta/start (a
// top-level navigation to Meta's dialog); Meta sends the browser back through our callback to
// /settings?connect=<flow> (pick the ad accounts to connect) or /settings?connect_error=<message>.
// Either query is handled once and then cleared, so a reload does not replay it.
import { OAUTH_SCOPE_REASONS } from '../../src/auth/metaScopes.ts';
import { getJson, postJson } from './api.ts';
import { h } from './dom.ts';

export const CONNECT_START = '/api/oauth/meta/start';

interface FlowAccount {
  id: string;
  name: string | null;
  currency: string | null;
  timezone_name: string | null;
  /** Already connected in this workspace: choosing it again only renews its access token. */
  connected?: boolean;
}

interface NewConnection {
  id: string;
  account_id: string;
  name: string | null;
  currency: string | null;
  already_connected?: boolean;
}

export interface ConnectHooks {
  /** The account list changed: the page reloads its cards. */
  onConnected(): Promise<void>;
  /** "Sync now" on a newly connected account. */
  onSync(connectionId: string): void;
}

export class MetaConnect {
  /** The area that shows the account picker, the result, or the error; empty otherwise. */
  readonly panel: HTMLElement;
  readonly how: HTMLElement;

  constructor(private readonly hooks: ConnectHooks) {
    this.panel = h('div', { class: 'connect-panel' });
    this.how = howToConnect();
  }

  /** Acts on ?connect= / ?connect_error= in the URL, if present. */
  show(): void {
    const params = new URLSearchParams(window.location.search);
    const flowId = params.get('connect');
    const error = params.get('connect_error');
    if (flowId === null && error === null) {
      this.panel.replaceChildren(); // an earlier result or error is not news on a later visit
      return;
    }
    history.replaceState(null, '', window.location.pathname);
    if (error !== null) this.showError(error);
    else if (flowId) void this.pick(flowId);
  }

  private showError(message: string): void {
    this.panel.replaceChildren(
      h(
        'div',
        { class: 'alert error', role: 'alert' },
        h('strong', {}, 'Meta Ads was not connected. '),
        h('span', { class: 'connect-error-message' }, message),
        ' ',
        h('a', { href: CONNECT_START, class: 'button' }, 'Try again'),
      ),
    );
  }

  private async pick(flowId: string): Promise<void> {
    this.panel.replaceChildren(h('p', { class: 'muted' }, 'Loading your Meta ad accounts…'));
    let accounts: FlowAccount[];
    try {
      ({ accounts } = await getJson<{ accounts: FlowAccount[] }>(
        `/api/oauth/meta/flows/${encodeURIComponent(flowId)}/accounts`,
      ));
    } catch (err) {
      this.showError((err as Error).message);
      return;
    }
    if (accounts.length === 0) {
      this.showError('This Meta login has no ad accounts you can read.');
      return;
    }
    const alert = h('p', { class: 'field-error', role: 'alert' });
    const submit = h('button', { type: 'submit', class: 'primary' }, 'Connect selected');
    const form = h(
      'form',
      { class: 'card account-picker', 'aria-labelledby': 'picker-title' },
      h('h2', { id: 'picker-title' }, 'Choose the ad accounts to connect'),
      h(
        'fieldset',
        {},
        h('legend', { class: 'visually-hidden' }, 'Ad accounts'),
        accounts.map((a) => accountChoice(a)),
      ),
      alert,
      submit,
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const ids = [...form.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')].map(
        (c) => c.value,
      );
      if (ids.length === 0) {
        alert.textContent = 'Choose at least one ad account.';
        return;
      }
      submit.disabled = true;
      alert.textContent = '';
      this.connect(flowId, ids).catch((err: Error) => {
        alert.textContent = `Could not connect: ${err.message}`;
        submit.disabled = false;
      });
    });
    this.panel.replaceChildren(form);
    form.querySelector('input')?.focus();
  }

  private async connect(flowId: string, accountIds: string[]): Promise<void> {
    const { connections } = await postJson<{ connections: NewConnection[] }>(
      `/api/oauth/meta/flows/${encodeURIComponent(flowId)}/connect`,
      { account_ids: accountIds },
    );
    const renewed = connections.filter((c) => c.already_connected);
    if (renewed.length === connections.length) {
      this.panel.replaceChildren(
        h(
          'section',
          { class: 'alert ok', role: 'status', 'aria-labelledby': 'connected-title' },
          h('h2', { id: 'connected-title' }, 'Already connected'),
          h(
            'p',
            {},
            `${connections.map((c) => c.name ?? c.account_id).join(', ')} ${connections.length === 1 ? 'was' : 'were'} already connected to this workspace. Nothing new was added; the access token was renewed.`,
          ),
        ),
      );
      await this.hooks.onConnected();
      return;
    }
    this.panel.replaceChildren(
      h(
        'section',
        { class: 'alert ok', role: 'status', 'aria-labelledby': 'connected-title' },
        h(
          'h2',
          { id: 'connected-title' },
          `Connected ${connections.length === 1 ? 'an ad account' : `${connections.length} ad accounts`}`,
        ),
        h(
          'ul',
          { class: 'connected-list' },
          connections.map((c) =>
            h(
              'li',
              { 'data-connection-id': c.id },
              h(
                'span',
                {},
                `${c.name ?? c.account_id} (${c.account_id}${c.currency ? `, ${c.currency}` : ''})`,
                c.already_connected ? ' · was already connected; its access token was renewed' : '',
              ),
              ' ',
              h(
                'button',
                { type: 'button', class: 'primary', onclick: () => this.hooks.onSync(c.id) },
                'Sync now',
              ),
            ),
          ),
        ),
        h('p', { class: 'muted' }, 'Sync now to load its data; after that it syncs when you ask.'),
      ),
    );
    await this.hooks.onConnected();
  }
}

function accountChoice(a: FlowAccount): HTMLElement {
  const id = `pick-${a.id}`;
  return h(
    'label',
    { class: 'account-choice', for: id },
    h('input', { type: 'checkbox', class: 'choice-box', id, value: a.id, name: 'account_ids' }),
    h(
      'span',
      { class: 'choice-text' },
      h('strong', {}, a.name ?? a.id),
      h('span', { class: 'muted' }, [a.id, a.currency, a.timezone_name].filter(Boolean).join(' · ')),
      a.connected
        ? h(
            'span',
            { class: 'muted already' },
            'Already connected: choosing it again only renews its access token.',
          )
        : null,
    ),
  );
}

function howToConnect(): HTMLElement {
  return h(
    'section',
    { class: 'card how-to', 'aria-labelledby': 'connect-title' },
    h('h2', { id: 'connect-title' }, 'Connect a Meta ad account'),
    h(
      'p',
      {},
      'Sign in with Facebook and choose the ad accounts AdNavi may read. The access token is stored encrypted and never shown.',
    ),
    h(
      'p',
      { class: 'scopes-intro' },
      'AdNavi only reads, so it asks Meta for one permission and nothing that could change your ads:',
    ),
    h(
      'ul',
      { class: 'scopes' },
      Object.entries(OAUTH_SCOPE_REASONS).map(([scope, why]) =>
        h('li', {}, h('code', {}, scope), ` — ${why}.`),
      ),
    ),
    h('p', {}, h('a', { href: CONNECT_START, class: 'button primary' }, 'Connect Meta Ads')),
    h(
      'details',
      {},
      h('summary', {}, 'Or connect from the command line'),
      h('p', { class: 'muted' }, 'With an access token that has the ads_read permission:'),
      h(
        'pre',
        {},
        h(
          'code',
          {},
          'npx adnavi connect meta --account act_1234567890 --token "$META_ACCESS_TOKEN"\nnpx adnavi sync',
        ),
      ),
    ),
  );
}
