// Settings: the connected ad accounts (status, currency, time zone, last sync, token state), a
// "Sync now" button per account with live progress over the chat socket, the last runs with their
// results and errors, and how to connect an account.
import type { ServerMessage } from '../../src/server/chatProtocol.ts';
import { getJson } from './api.ts';
import type { ChatConnection } from './chatConnection.ts';
import { h } from './dom.ts';
import { timeAgo } from './format.ts';
import { syncProgressView } from './syncProgressView.ts';

interface Connection {
  id: string;
  account_id: string;
  name: string | null;
  status: 'active' | 'needs_reauth' | 'disabled' | 'error';
  status_reason: string | null;
  currency: string | null;
  time_zone: string | null;
  last_synced_at: string | null;
}

/** A sync run as the sync engine's REST reports it (GET /api/sync-runs?connection_id=). */
interface Run {
  id: string;
  status: string;
  kind: string;
  range_since: string | null;
  range_until: string | null;
  progress: { rows?: number };
  stats: { facts?: { inserted: number; updated: number; unchanged: number } };
  error: string | null;
  created_at: string;
  finished_at: string | null;
}

const TOKEN_STATE: Record<Connection['status'], string> = {
  active: 'Valid',
  needs_reauth: 'Expired or revoked: reconnect',
  disabled: 'Disabled',
  error: 'Error',
};
const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

export class SettingsPage {
  readonly el: HTMLElement;
  private readonly accounts: HTMLElement;
  private readonly live = new Map<string, HTMLElement>();

  constructor(private readonly conn: ChatConnection) {
    this.accounts = h('div', { class: 'accounts', 'aria-live': 'polite' });
    this.el = h(
      'section',
      { class: 'page settings-page', 'aria-labelledby': 'settings-title' },
      h('h1', { id: 'settings-title' }, 'Settings'),
      h('h2', {}, 'Connected ad accounts'),
      this.accounts,
      howToConnect(),
    );
    conn.onMessage((msg) => this.onMessage(msg));
  }

  show(): void {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const { connections } = await getJson<{ connections: Connection[] }>('/api/connections');
      if (connections.length === 0) {
        this.accounts.replaceChildren(
          h('p', {}, 'No ad account is connected yet. See below for how to connect one.'),
        );
        return;
      }
      this.live.clear();
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
    const button = h(
      'button',
      { type: 'button', class: 'primary', onclick: () => this.syncNow(c.id, live) },
      'Sync now',
    );
    const facts: [string, string][] = [
      ['Account', c.account_id],
      ['Status', c.status_reason ? `${c.status} (${c.status_reason})` : c.status],
      ['Currency', c.currency ?? '—'],
      ['Time zone', c.time_zone ?? '—'],
      ['Last sync', timeAgo(c.last_synced_at)],
      ['Token', TOKEN_STATE[c.status]],
    ];
    return h(
      'article',
      { class: 'account card', 'data-connection-id': c.id, 'aria-label': c.name ?? c.account_id },
      h('div', { class: 'card-head' }, h('h3', {}, c.name ?? c.account_id), button),
      h(
        'dl',
        { class: 'facts' },
        // one div per pair keeps a label and its value together in the grid
        facts.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v))),
      ),
      live,
      h('h4', {}, 'Recent syncs'),
      h('div', { class: 'runs', id: `runs-${c.id}` }, h('p', { class: 'muted' }, 'Loading…')),
    );
  }

  private syncNow(connectionId: string, live: HTMLElement): void {
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
    if (FINISHED.has(msg.status)) void this.loadRuns(msg.connectionId);
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

function runsTable(runs: Run[]): HTMLElement {
  const rows = runs.map((r) => {
    return h(
      'tr',
      { 'data-status': r.status },
      h('td', {}, h('span', { class: `badge run-${r.status}` }, r.status)),
      h('td', {}, r.kind),
      h('td', {}, r.range_since && r.range_until ? `${r.range_since} → ${r.range_until}` : '—'),
      h('td', { class: 'num' }, (r.progress.rows ?? 0).toLocaleString('en-US')),
      h('td', {}, factChanges(r)),
      h('td', {}, timeAgo(r.finished_at ?? r.created_at)),
      h('td', { class: 'error-text' }, r.error ?? ''),
    );
  });
  const head = ['Result', 'Kind', 'Range', 'Rows', 'Changes', 'When', 'Error'].map((t) =>
    h('th', { scope: 'col' }, t),
  );
  return h(
    'div',
    { class: 'table-scroll' },
    h('table', { class: 'data runs-table' }, h('thead', {}, h('tr', {}, head)), h('tbody', {}, rows)),
  );
}

/** What a run changed: new days of data, and days Meta restated (their numbers were updated). */
function factChanges(r: Run): string {
  const f = r.stats.facts;
  if (!f) return '—';
  return `${f.inserted.toLocaleString('en-US')} new, ${f.updated.toLocaleString('en-US')} restated`;
}

function howToConnect(): HTMLElement {
  return h(
    'section',
    { class: 'card how-to', 'aria-labelledby': 'connect-title' },
    h('h2', { id: 'connect-title' }, 'Connect a Meta ad account'),
    h(
      'p',
      {},
      'For now accounts are connected from the command line, with an access token that has the ads_read permission:',
    ),
    h(
      'pre',
      {},
      h(
        'code',
        {},
        'npx adnavi connect meta --account act_1234567890 --token "$META_ACCESS_TOKEN"\nnpx adnavi sync',
      ),
    ),
    h(
      'p',
      { class: 'muted' },
      'The token is stored encrypted. A "Connect Meta Ads" button (sign-in with Facebook) is coming.',
    ),
  );
}
