// Campaigns: entity-first table (every campaign, with $0.00 for ones that did not deliver) with
// spend, revenue, ROAS, clicks and CTR for a chosen range, a status filter, sortable columns and
// drill-down to ad sets and ads. The view's state lives in the URL, so reload and back work.
import { formatDateRange } from '../../src/display/dates.ts';
import { statusLabel, statusTone } from '../../src/display/statuses.ts';
import { getJson } from './api.ts';
import { csvFileName, downloadCsv, moneyHeader, toCsv } from './csv.ts';
import { clear, h, scrollBox } from './dom.ts';
import { formatValue, timeAgo } from './format.ts';

interface EntityRow {
  id: string;
  name: string | null;
  level: 'campaign' | 'adset' | 'ad';
  status: string | null;
  effective_status: string | null;
  parent_id: string | null;
  parent_name: string | null;
  currency: string | null;
  metrics: Record<string, number | null>;
}

interface EntityList {
  level: string;
  range: { since: string; until: string; time_zone: string };
  currency: string | null;
  data_as_of: string | null;
  total_count: number;
  rows: EntityRow[];
}

const PRESETS: [string, string][] = [
  ['last_7d', 'Last 7 days'],
  ['last_14d', 'Last 14 days'],
  ['last_30d', 'Last 30 days'],
  ['last_90d', 'Last 90 days'],
  ['this_month', 'This month'],
  ['last_month', 'Last month'],
  ['this_year', 'This year'],
  ['maximum', 'All time'],
  ['custom', 'Custom dates…'],
];
const STATUSES: [string, string][] = [
  ['default', 'All but archived'],
  ['live', 'Live (delivering)'],
  ['active', 'Active'],
  ['paused', 'Paused'],
  ['archived', 'Archived'],
  ['any', 'Any status'],
];
const COLUMNS: { key: string; label: string; format: 'text' | 'money' | 'ratio' | 'number' | 'percent' }[] = [
  { key: 'name', label: 'Name', format: 'text' },
  { key: 'spend', label: 'Spend', format: 'money' },
  { key: 'revenue', label: 'Revenue', format: 'money' },
  { key: 'roas', label: 'ROAS', format: 'ratio' },
  { key: 'clicks', label: 'Clicks', format: 'number' },
  { key: 'ctr', label: 'CTR', format: 'percent' },
];
/** Sums over no delivery are zero; only ratios (no denominator) stay empty. */
const SUMS = new Set(['spend', 'revenue', 'clicks']);
const CHILD: Record<string, 'adset' | 'ad' | undefined> = { campaign: 'adset', adset: 'ad' };
const LEVEL_LABEL: Record<string, string> = { campaign: 'Campaigns', adset: 'Ad sets', ad: 'Ads' };
const LEVEL_NOUN: Record<string, [string, string]> = {
  campaign: ['campaign', 'campaigns'],
  adset: ['ad set', 'ad sets'],
  ad: ['ad', 'ads'],
};

/** "1 campaign", "12 ad sets". */
function countOf(level: string, n: number): string {
  const [one, many] = LEVEL_NOUN[level] ?? ['item', 'items'];
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

export class CampaignsPage {
  readonly el: HTMLElement;
  private readonly body: HTMLElement;
  private readonly controls: HTMLFormElement;
  private request = 0;

  constructor() {
    this.body = h('div', { class: 'campaigns-body', 'aria-live': 'polite' });
    this.controls = h('form', { class: 'filters', onsubmit: (ev: Event) => ev.preventDefault() });
    this.el = h(
      'section',
      { class: 'page campaigns-page', 'aria-labelledby': 'campaigns-title' },
      h('h1', { id: 'campaigns-title' }, 'Campaigns'),
      this.controls,
      this.body,
    );
  }

  show(): void {
    this.renderControls();
    void this.load();
  }

  private params(): URLSearchParams {
    return new URLSearchParams(window.location.search);
  }

  private update(changes: Record<string, string | undefined>): void {
    const p = this.params();
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') p.delete(k);
      else p.set(k, v);
    }
    const qs = p.toString();
    history.pushState(null, '', `/campaigns${qs ? `?${qs}` : ''}`);
    this.show();
  }

  private renderControls(): void {
    const p = this.params();
    const preset = p.has('since') ? 'custom' : (p.get('preset') ?? 'last_30d');
    const rangeSelect = select('range', 'Date range', PRESETS, preset, (v) =>
      v === 'custom'
        ? this.update({
            preset: undefined,
            since: p.get('since') ?? isoDaysAgo(29),
            until: p.get('until') ?? isoDaysAgo(0),
          })
        : this.update({ preset: v, since: undefined, until: undefined }),
    );
    const statusSelect = select('status', 'Status', STATUSES, p.get('status') ?? 'default', (v) =>
      this.update({ status: v }),
    );
    const custom =
      preset === 'custom'
        ? [
            dateInput('since', 'From', p.get('since') ?? '', (v) => this.update({ since: v })),
            dateInput('until', 'To', p.get('until') ?? '', (v) => this.update({ until: v })),
          ]
        : [];
    this.controls.replaceChildren(rangeSelect, ...custom, statusSelect);
  }

  private async load(): Promise<void> {
    const p = this.params();
    const query = new URLSearchParams();
    for (const key of ['level', 'parent_id', 'status', 'preset', 'since', 'until', 'sort', 'dir']) {
      const v = p.get(key);
      if (v) query.set(key, v);
    }
    const request = ++this.request;
    this.body.setAttribute('aria-busy', 'true');
    try {
      const list = await getJson<EntityList>(`/api/campaigns?${query}`);
      if (request !== this.request) return; // a newer view was asked for meanwhile
      this.renderTable(list);
    } catch (err) {
      if (request !== this.request) return;
      this.body.replaceChildren(
        h('p', { class: 'error-text', role: 'alert' }, `Could not load: ${(err as Error).message}`),
      );
    } finally {
      if (request === this.request) this.body.removeAttribute('aria-busy');
    }
  }

  private renderTable(list: EntityList): void {
    clear(this.body);
    const p = this.params();
    const level = list.level;
    const parentName = list.rows[0]?.parent_name ?? p.get('parent_name');
    const crumbs = h(
      'nav',
      { class: 'breadcrumbs', 'aria-label': 'Level' },
      level === 'campaign'
        ? h('span', {}, 'All campaigns')
        : [
            h(
              'button',
              {
                type: 'button',
                class: 'link',
                onclick: () =>
                  this.update({ level: undefined, parent_id: undefined, parent_name: undefined }),
              },
              'All campaigns',
            ),
            h('span', { 'aria-hidden': 'true' }, ' › '),
            h('span', {}, `${LEVEL_LABEL[level]} in “${parentName ?? p.get('parent_id')}”`),
          ],
    );
    const summary = h(
      'p',
      { class: 'muted' },
      `${formatDateRange(list.range)} (${list.range.time_zone}) · ${countOf(level, list.total_count)} · data synced ${timeAgo(list.data_as_of)}`,
    );
    this.body.append(crumbs, summary);
    if (list.rows.length === 0) {
      this.body.append(h('p', { class: 'empty' }, emptyText(level, list, p)));
      return;
    }
    const title = level === 'campaign' ? 'Campaigns' : `${LEVEL_LABEL[level]} in ${parentName ?? ''}`;
    summary.append(
      ' · ',
      h(
        'button',
        {
          type: 'button',
          class: 'link',
          onclick: () => downloadCsv(csvFileName(title, list.range, list.currency), campaignsCsv(list)),
        },
        'Download CSV',
      ),
    );
    this.body.append(
      scrollBox(
        LEVEL_LABEL[level],
        h(
          'table',
          { class: 'data entities' },
          this.head(),
          h(
            'tbody',
            {},
            list.rows.map((r) => this.row(r, list)),
          ),
        ),
      ),
    );
  }

  private head(): HTMLElement {
    const p = this.params();
    const sort = p.get('sort') ?? 'spend';
    const dir = p.get('dir') ?? 'desc';
    const cells = COLUMNS.map((c) => {
      const active = sort === c.key;
      const next = active && dir === 'desc' ? 'asc' : 'desc';
      const arrow = active ? (dir === 'desc' ? ' ▼' : ' ▲') : '';
      return h(
        'th',
        {
          scope: 'col',
          class: c.format === 'text' ? undefined : 'num',
          'aria-sort': active ? (dir === 'desc' ? 'descending' : 'ascending') : undefined,
        },
        h(
          'button',
          { type: 'button', class: 'sort', onclick: () => this.update({ sort: c.key, dir: next }) },
          c.label,
          arrow,
        ),
      );
    });
    cells.splice(1, 0, h('th', { scope: 'col' }, 'Status'));
    return h('thead', {}, h('tr', {}, cells));
  }

  private row(row: EntityRow, list: EntityList): HTMLElement {
    const currency = row.currency ?? list.currency ?? 'USD';
    const child = CHILD[row.level];
    const name = row.name ?? row.id;
    const nameCell = child
      ? h(
          'button',
          {
            type: 'button',
            class: 'link drill',
            title: `Show ${LEVEL_LABEL[child].toLowerCase()}`,
            onclick: () => this.update({ level: child, parent_id: row.id, parent_name: name }),
          },
          name,
        )
      : h('span', {}, name);
    const metrics = COLUMNS.slice(1).map((c) => {
      const raw = row.metrics[c.key] ?? (SUMS.has(c.key) ? 0 : null);
      return h('td', { class: 'num' }, formatValue(raw, c.format, currency));
    });
    return h(
      'tr',
      { 'data-id': row.id },
      h('th', { scope: 'row' }, nameCell),
      h('td', {}, statusBadge(row)),
      metrics,
    );
  }
}

/** The rows as the server sent them (exact numbers; sums without delivery as 0, ratios empty). */
function campaignsCsv(list: EntityList): string {
  const metrics = COLUMNS.slice(1);
  const header = [
    'Name',
    'ID',
    'Status',
    ...metrics.map((c) => (c.format === 'money' ? moneyHeader(c.label, list.currency) : c.label)),
  ];
  const rows = list.rows.map((r) => [
    r.name ?? r.id,
    r.id,
    statusLabel(r.effective_status ?? r.status),
    ...metrics.map((c) => r.metrics[c.key] ?? (SUMS.has(c.key) ? 0 : null)),
  ]);
  return toCsv(header, rows);
}

/**
 * Why the table is empty: a filter that matches nothing is not a missing account. Only with no
 * filter, no data ever synced and nothing at all does the page point at Settings.
 */
function emptyText(level: string, list: EntityList, p: URLSearchParams): string {
  const noun = LEVEL_NOUN[level]?.[0] ?? 'item';
  const filtered = (p.get('status') ?? 'default') !== 'default' || level !== 'campaign';
  if (!filtered && list.data_as_of === null)
    return 'No campaigns yet. Connect and sync a Meta ad account in Settings.';
  const status = STATUSES.find(([v]) => v === p.get('status'))?.[1];
  return `No ${noun} matches ${status ? `the status “${status}”` : 'this filter'} in ${formatDateRange(list.range)}.`;
}

/** The human label everywhere; the raw effective status on hover. */
function statusBadge(row: EntityRow): HTMLElement {
  const raw = row.effective_status ?? row.status;
  return h(
    'span',
    { class: `badge status-${statusTone(raw)}`, title: raw ?? undefined, 'data-raw': raw ?? undefined },
    statusLabel(raw),
  );
}

function select(
  id: string,
  label: string,
  options: [string, string][],
  value: string,
  onChange: (v: string) => void,
): HTMLElement {
  const el = h(
    'select',
    { id: `f-${id}`, onchange: (ev: Event) => onChange((ev.target as HTMLSelectElement).value) },
    options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)),
  );
  return h('div', { class: 'field' }, h('label', { for: `f-${id}` }, label), el);
}

function dateInput(id: string, label: string, value: string, onChange: (v: string) => void): HTMLElement {
  const el = h('input', {
    id: `f-${id}`,
    type: 'date',
    value,
    onchange: (ev: Event) => onChange((ev.target as HTMLInputElement).value),
  });
  return h('div', { class: 'field' }, h('label', { for: `f-${id}` }, label), el);
}

function isoDaysAgo(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() - days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
