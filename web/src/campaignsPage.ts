// Campaigns: entity-first table (every campaign, with $0.00 for ones that did not deliver) for a
// chosen range: a status filter, the measures a person picks (the choice is kept in this browser),
// sortable columns, a totals row summed by the server, and drill-down to ad sets and ads through real
// links. The view's state lives in the URL, so reload, back and "open in new tab" work.
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
  totals?: { currency: string | null; metrics: Record<string, number | null> } | null;
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
interface Column {
  key: string;
  label: string;
  format: 'money' | 'ratio' | 'number' | 'percent';
}
/** Every measure the page can show, in table order (the server sends them all). */
const METRIC_COLUMNS: Column[] = [
  { key: 'spend', label: 'Spend', format: 'money' },
  { key: 'revenue', label: 'Revenue', format: 'money' },
  { key: 'roas', label: 'ROAS', format: 'ratio' },
  { key: 'impressions', label: 'Impressions', format: 'number' },
  { key: 'reach', label: 'Reach', format: 'number' },
  { key: 'clicks', label: 'Clicks', format: 'number' },
  { key: 'ctr', label: 'CTR', format: 'percent' },
  { key: 'purchases', label: 'Purchases', format: 'number' },
  { key: 'cpa', label: 'CPA', format: 'money' },
  { key: 'cpc', label: 'CPC', format: 'money' },
  { key: 'cpm', label: 'CPM', format: 'money' },
];
const DEFAULT_COLUMNS = ['spend', 'revenue', 'roas', 'clicks', 'ctr'];
const COLUMNS_KEY = 'adnavi.campaignColumns';
/** Sums over no delivery are zero; only ratios (no denominator) stay empty. */
const SUMS = new Set(['spend', 'revenue', 'impressions', 'reach', 'clicks', 'purchases']);

/** The measures chosen in this browser (the picker's choice), in table order. */
function chosenColumns(): Column[] {
  let keys: unknown;
  try {
    keys = JSON.parse(localStorage.getItem(COLUMNS_KEY) ?? 'null');
  } catch {
    keys = null;
  }
  const wanted = new Set(Array.isArray(keys) && keys.length > 0 ? keys : DEFAULT_COLUMNS);
  const columns = METRIC_COLUMNS.filter((c) => wanted.has(c.key));
  return columns.length > 0 ? columns : METRIC_COLUMNS.filter((c) => DEFAULT_COLUMNS.includes(c.key));
}
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
  private pickerOpen = false;

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
    const summary = h(
      'p',
      { class: 'muted' },
      `${formatDateRange(list.range)} (${list.range.time_zone}) · ${countOf(level, list.total_count)} · data synced ${timeAgo(list.data_as_of)}`,
    );
    this.body.append(this.breadcrumbs(level, parentName), summary);
    if (list.rows.length === 0) {
      const empty = h('p', { class: 'empty' }, emptyText(level, list, p, true));
      this.body.append(empty);
      void hasConnection().then((connected) => {
        if (!connected) empty.textContent = emptyText(level, list, p, false);
        empty.dataset.connected = String(connected);
      });
      return;
    }
    const columns = chosenColumns();
    const title = level === 'campaign' ? 'Campaigns' : `${LEVEL_LABEL[level]} in ${parentName ?? ''}`;
    summary.append(
      ' · ',
      h(
        'button',
        {
          type: 'button',
          class: 'link',
          onclick: () =>
            downloadCsv(csvFileName(title, list.range, list.currency), campaignsCsv(list, columns)),
        },
        'Download CSV',
      ),
    );
    this.body.append(
      this.columnPicker(columns),
      scrollBox(
        LEVEL_LABEL[level],
        h(
          'table',
          { class: 'data entities' },
          this.head(columns),
          h(
            'tbody',
            {},
            list.rows.map((r) => this.row(r, list, columns)),
          ),
          totalsRow(list, columns),
        ),
      ),
    );
  }

  /** All campaigns › the campaign (at ad level) › what is listed, each level above a real link. */
  private breadcrumbs(level: string, parentName: string | null): HTMLElement {
    const p = this.params();
    const sep = () => h('span', { 'aria-hidden': 'true' }, ' › ');
    if (level === 'campaign')
      return h('nav', { class: 'breadcrumbs', 'aria-label': 'Level' }, h('span', {}, 'All campaigns'));
    const parts: Node[] = [this.link('All campaigns', { level: undefined })];
    const campaignId = p.get('campaign_id');
    if (level === 'ad' && campaignId) {
      const campaignName = p.get('campaign_name') ?? campaignId;
      parts.push(
        sep(),
        this.link(campaignName, { level: 'adset', parent_id: campaignId, parent_name: campaignName }),
      );
    }
    parts.push(
      sep(),
      h('span', { 'aria-current': 'page' }, `${LEVEL_LABEL[level]} in “${parentName ?? p.get('parent_id')}”`),
    );
    return h('nav', { class: 'breadcrumbs', 'aria-label': 'Level' }, parts);
  }

  /**
   * A real link to another view of this page (range and status kept): a plain click stays in the app,
   * a middle click or Ctrl/Cmd-click opens it in a new tab like any link.
   */
  private link(
    text: string,
    view: Record<string, string | undefined>,
    attrs: Record<string, string> = {},
  ): HTMLAnchorElement {
    const p = this.params();
    for (const key of ['level', 'parent_id', 'parent_name', 'campaign_id', 'campaign_name', 'sort', 'dir'])
      p.delete(key);
    for (const [k, v] of Object.entries(view)) if (v) p.set(k, v);
    const qs = p.toString();
    const href = `/campaigns${qs ? `?${qs}` : ''}`;
    return h(
      'a',
      {
        href,
        ...attrs,
        onclick: (ev: Event) => {
          const e = ev as MouseEvent;
          if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
          ev.preventDefault();
          history.pushState(null, '', href);
          this.show();
        },
      },
      text,
    );
  }

  private columnPicker(columns: Column[]): HTMLElement {
    const shown = new Set(columns.map((c) => c.key));
    const picker = h(
      'details',
      { class: 'column-picker' },
      h('summary', {}, `Columns (${columns.length} of ${METRIC_COLUMNS.length})`),
    );
    const boxes = METRIC_COLUMNS.map((c) =>
      h(
        'label',
        { class: 'column-choice' },
        h('input', {
          type: 'checkbox',
          name: 'column',
          value: c.key,
          checked: shown.has(c.key),
          disabled: shown.size === 1 && shown.has(c.key), // at least one measure stays
          onchange: () => {
            const keys = [...picker.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value);
            localStorage.setItem(COLUMNS_KEY, JSON.stringify(keys));
            void this.load();
          },
        }),
        ` ${c.label}`,
      ),
    );
    picker.append(h('fieldset', {}, h('legend', { class: 'visually-hidden' }, 'Measures to show'), boxes));
    // the redraw after a change keeps the picker open where the person is working
    picker.open = this.pickerOpen;
    picker.addEventListener('toggle', () => {
      this.pickerOpen = picker.open;
    });
    return picker;
  }

  private head(columns: Column[]): HTMLElement {
    const p = this.params();
    const sort = p.get('sort') ?? 'spend';
    const dir = p.get('dir') ?? 'desc';
    const all: { key: string; label: string; format: string }[] = [
      { key: 'name', label: 'Name', format: 'text' },
      ...columns,
    ];
    const cells = all.map((c) => {
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

  private row(row: EntityRow, list: EntityList, columns: Column[]): HTMLElement {
    const currency = row.currency ?? list.currency ?? 'USD';
    const child = CHILD[row.level];
    const name = row.name ?? row.id;
    const p = this.params();
    // drilling from ad sets to ads keeps the campaign, so the ad level can name it
    const campaign =
      row.level === 'adset'
        ? { campaign_id: p.get('parent_id') ?? undefined, campaign_name: p.get('parent_name') ?? undefined }
        : {};
    const nameCell = child
      ? this.link(
          name,
          { level: child, parent_id: row.id, parent_name: name, ...campaign },
          { class: 'drill', title: `Show ${LEVEL_LABEL[child].toLowerCase()}` },
        )
      : h('span', {}, name);
    const metrics = columns.map((c) => {
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

/** The server's totals (every matching entity, summed in SQL), or a note when currencies differ. */
function totalsRow(list: EntityList, columns: Column[]): HTMLElement | null {
  if (list.totals === undefined) return null;
  const label = h('th', { scope: 'row' }, `Total (${countOf(list.level, list.total_count)})`);
  if (list.totals === null)
    return h(
      'tfoot',
      {},
      h(
        'tr',
        { class: 'totals' },
        label,
        h('td', { colspan: columns.length + 1 }, 'Not summed: the rows are in different currencies.'),
      ),
    );
  const { metrics, currency } = list.totals;
  return h(
    'tfoot',
    {},
    h(
      'tr',
      { class: 'totals' },
      label,
      h('td', {}),
      columns.map((c) =>
        h(
          'td',
          { class: 'num', 'data-key': c.key },
          formatValue(metrics[c.key] ?? null, c.format, currency ?? 'USD'),
        ),
      ),
    ),
  );
}

/** The rows as the server sent them (exact numbers; no delivery sums to 0, ratios empty), then the totals. */
function campaignsCsv(list: EntityList, columns: Column[]): string {
  const header = [
    'Name',
    'ID',
    'Status',
    ...columns.map((c) => (c.format === 'money' ? moneyHeader(c.label, list.currency) : c.label)),
  ];
  const rows = list.rows.map((r) => [
    r.name ?? r.id,
    r.id,
    statusLabel(r.effective_status ?? r.status),
    ...columns.map((c) => r.metrics[c.key] ?? (SUMS.has(c.key) ? 0 : null)),
  ]);
  if (list.totals) rows.push(['Total', '', '', ...columns.map((c) => list.totals?.metrics[c.key] ?? null)]);
  return toCsv(header, rows);
}

/** Whether any ad account is connected (an empty listing then is a filter, not a missing account). */
async function hasConnection(): Promise<boolean> {
  try {
    const { connections } = await getJson<{ connections: unknown[] }>('/api/connections');
    return connections.length > 0;
  } catch {
    return true; // unknown: do not send the person to Settings for nothing
  }
}

/**
 * Why the table is empty: a filter that matches nothing is not a missing account. Only with no
 * account connected does the page point at Settings.
 */
function emptyText(level: string, list: EntityList, p: URLSearchParams, connected: boolean): string {
  if (!connected) return 'No campaigns yet. Connect and sync a Meta ad account in Settings.';
  const noun = LEVEL_NOUN[level]?.[1] ?? 'items';
  const status = STATUSES.find(([v]) => v === p.get('status'))?.[1];
  const filter = status && p.get('status') !== 'default' ? ` with the status “${status}”` : '';
  return `No ${noun}${filter} in ${formatDateRange(list.range)}.`;
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
