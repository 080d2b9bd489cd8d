// Settings: the connected ad accounts (status, currency, time zone, last sync, token state, with a
// Reconnect link when Meta stopped accepting the token), a "Sync now" button per account with live
// progress over the chat socket, the last runs with their results and errors, "Connect Meta Ads",
// and the workspace's API keys (not offered to a caller that is itself an API key).
import type { ServerMessage } from '../../src/server/chatProtocol.ts';
import { getJson } from './api.ts';
import { ApiKeysSection } from './apiKeysSection.ts';
import type { ChatConnection } from './chatConnection.ts';
import { h } from './dom.ts';
import { timeAgo } from './format.ts';
import { CONNECT_START, MetaConnect } from './metaConnect.ts';
import type { Me } from './session.ts';
import { syncHealthSection } from './syncHealthSection.ts';
import { syncProgressView } from './syncProgressView.ts';
import { type Run, runsTable } from './syncRunsTable.ts';

interface Connection {
  id: string;
  account_id: string;
  name: string | null;
  status: 'active' | 'needs_reauth' | 'disabled' | 'error';
  status_reason: string | null;
  currency: string | null;
  time_zone: string | null;
  last_synced_at: string | null;
  token_expires_at?: string | null;
  token_scopes?: string[];
}

const TOKEN_STATE: Record<Connection['status'], string> = {
  active: 'Valid',
  needs_reauth: 'Expired or revoked: reconnect',
  disabled: 'Disabled',
  error: 'Error',
};
const STATUS_LABEL: Record<Connection['status'], string> = {
  active: 'Active',
  needs_reauth: 'Needs reconnecting',
  disabled: 'Disabled',
  error: 'Error',
};
const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

export class SettingsPage {
  readonly el: HTMLElement;
  private readonly accounts: HTMLElement;
  private readonly live = new Map<string, HTMLElement>();
  private readonly connect: MetaConnect;
  private readonly apiKeys: ApiKeysSection | null;

  constructor(
    private readonly conn: ChatConnection,
    me: Me,
  ) {
    this.accounts = h('div', { class: 'accounts', 'aria-live': 'polite' });
    this.connect = new MetaConnect({
      onConnected: () => this.load(),
      onSync: (id) => this.syncFromPanel(id),
    });
    this.apiKeys = me.via === 'api_key' ? null : new ApiKeysSection();
    this.el = h(
      'section',
      { class: 'page settings-page', 'aria-labelledby': 'settings-title' },
      h('h1', { id: 'settings-title' }, 'Settings'),
      this.connect.panel,
      h('h2', {}, 'Connected ad accounts'),
      this.accounts,
      syncHealthSection(),
      this.connect.how,
      this.apiKeys?.el,
    );
    conn.onMessage((msg) => this.onMessage(msg));
  }

  show(): void {
    this.connect.show();
    this.apiKeys?.show();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const { connections } = await getJson<{ connections: Connection[] }>('/api/connections');
      this.live.clear();
      if (connections.length === 0) {
        this.accounts.replaceChildren(
          h('p', {}, 'No ad account is connected yet. Use "Connect Meta Ads" below to connect one.'),
        );
        return;
      }
      this.accounts.replaceChildren(...connections.map((c) => this.card(c)));
      await Promise.all(connections.map((c) => this.loadRuns(c.id)));
    } catch (err) {
      this.accounts.replaceChildren(
        h('p', { class: 'error-text', role: 'alert' }, `Could not load accounts: ${(err as Error).message}`),
      );
    }
  }

  private card(c: Connection): HTMLElement {
    const live = h('div', { class: 'live-sync' });
    this.live.set(c.id, live);
    return h(
      'article',
      { class: 'account card', 'data-connection-id': c.id, 'aria-label': c.name ?? c.account_id },
      h('div', { class: 'card-head' }, h('h3', {}, c.name ?? c.account_id), this.actions(c)),
      factsList(c),
      live,
      h('h4', {}, 'Recent syncs'),
      h('div', { class: 'runs', id: `runs-${c.id}` }, h('p', { class: 'muted' }, 'Loading…')),
    );
  }

  /** Sync now, and Reconnect when Meta stopped accepting the token (it starts the connect flow again). */
  private actions(c: Connection): HTMLElement {
    return h(
      'div',
      { class: 'actions' },
      c.status === 'needs_reauth' ? h('a', { href: CONNECT_START, class: 'button' }, 'Reconnect') : null,
      h('button', { type: 'button', class: 'primary', onclick: () => this.syncNow(c.id) }, 'Sync now'),
    );
  }

  /** "Sync now" in the just-connected panel: the account's card shows the progress. */
  private syncFromPanel(connectionId: string): void {
    this.syncNow(connectionId);
    this.el.querySelector(`[data-connection-id="${CSS.escape(connectionId)}"].account`)?.scrollIntoView({
      block: 'nearest',
    });
  }

  private syncNow(connectionId: string): void {
    const live = this.live.get(connectionId);
    if (!live) return;
    if (!this.conn.send({ type: 'sync', connectionId })) {
      live.replaceChildren(
        h('p', { class: 'error-text', role: 'alert' }, 'Not connected to the server; retrying shortly.'),
      );
      return;
    }
    live.replaceChildren(h('p', { class: 'muted' }, 'Starting sync…'));
  }

  private onMessage(msg: ServerMessage): void {
    if (msg.type !== 'sync_progress') return;
    const live = this.live.get(msg.connectionId);
    if (!live) return;
    live.replaceChildren(syncProgressView(msg));
    if (!FINISHED.has(msg.status)) return;
    void this.loadRuns(msg.connectionId);
    void this.refreshFacts();
  }

  /** After a run the last sync and the token state may have changed; the cards keep their live views. */
  private async refreshFacts(): Promise<void> {
    try {
      const { connections } = await getJson<{ connections: Connection[] }>('/api/connections');
      for (const c of connections) {
        const card = this.el.querySelector(`article.account[data-connection-id="${CSS.escape(c.id)}"]`);
        card?.querySelector('.facts-block')?.replaceWith(factsList(c));
        card?.querySelector('.card-head .actions')?.replaceWith(this.actions(c));
      }
    } catch {
      // the cards keep their last facts; the next visit reloads them
    }
  }

  private async loadRuns(connectionId: string): Promise<void> {
    const target = this.el.querySelector(`[id="runs-${connectionId}"]`);
    if (!target) return;
    try {
      const { runs } = await getJson<{ runs: Run[] }>(
        `/api/sync-runs?connection_id=${encodeURIComponent(connectionId)}&limit=5`,
      );
      target.replaceChildren(
        runs.length ? runsTable(runs) : h('p', { class: 'muted' }, 'No sync has run yet.'),
      );
    } catch (err) {
      target.replaceChildren(
        h('p', { class: 'muted' }, `Sync history unavailable: ${(err as Error).message}`),
      );
    }
  }
}

function factsList(c: Connection): HTMLElement {
  const facts: [string, string][] = [
    ['Account', c.account_id],
    ['Status', STATUS_LABEL[c.status]],
    ['Currency', c.currency ?? '—'],
    ['Time zone', c.time_zone ?? '—'],
    ['Last sync', timeAgo(c.last_synced_at)],
    ['Token', tokenState(c)],
    ['Permissions', c.token_scopes?.length ? c.token_scopes.join(', ') : '—'],
  ];
  return h(
    'div',
    { class: 'facts-block' },
    h(
      'dl',
      { class: 'facts' },
      // one div per pair keeps a label and its value together in the grid
      facts.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v))),
    ),
    // the reason is a sentence (often what to do), too long for a grid cell
    c.status_reason
      ? h(
          'p',
          { class: `status-reason ${c.status === 'active' ? 'muted' : 'error-text'}`, role: 'note' },
          c.status_reason,
        )
      : null,
  );
}

/** Valid (and until when) or what is wrong with it. */
function tokenState(c: Connection): string {
  if (c.status !== 'active' || !c.token_expires_at) return TOKEN_STATE[c.status];
  const expires = new Date(c.token_expires_at);
  const date = expires.toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric' });
  return expires.getTime() < Date.now() ? 'Expired: reconnect' : `Valid until ${date}`;
}
