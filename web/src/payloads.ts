// Structured answer payloads in the chat: tables as real tables, series as charts.

import { statusTone } from '../../src/display/statuses.ts';
import type { ChatPayload } from '../../src/server/chatProtocol.ts';
import { csvFileName, downloadCsv, moneyHeader, toCsv } from './csv.ts';
import { h, scrollBox } from './dom.ts';
import { type Format, formatValue, unitFormat } from './format.ts';

type Table = Extract<ChatPayload, { kind: 'table' }>;
type Column = Table['columns'][number];
type Row = Table['rows'][number];

function cellFormat(c: Column, row: Row): Format {
  if (c.unitKey) return unitFormat(String(row[c.unitKey] ?? ''));
  return c.format ?? 'text';
}

/** A status shows its human label; the raw effective status is on hover. */
function cell(c: Column, row: Row, currency: string | undefined): Node | string {
  const value = row[c.key];
  if (c.format !== 'status') return formatValue(value, cellFormat(c, row), currency);
  const raw = typeof value === 'string' ? value : null;
  return h(
    'span',
    { class: `badge status-${statusTone(raw)}`, title: raw ?? undefined, 'data-raw': raw ?? undefined },
    formatValue(raw, 'status'),
  );
}

function renderTable(payload: Table): HTMLElement {
  const numeric = (format?: string) => format !== undefined && format !== 'text' && format !== 'status';
  const head = h(
    'tr',
    {},
    payload.columns.map((c) =>
      h('th', { scope: 'col', class: numeric(c.format) ? 'num' : undefined }, c.label),
    ),
  );
  const body = payload.rows.map((row) =>
    h(
      'tr',
      {},
      payload.columns.map((c) =>
        h('td', { class: numeric(c.format) ? 'num' : undefined }, cell(c, row, payload.currency)),
      ),
    ),
  );
  const table = scrollBox(
    payload.title ?? 'Table',
    h(
      'table',
      { class: 'data' },
      payload.title ? h('caption', {}, payload.title) : null,
      h('thead', {}, head),
      h('tbody', {}, body),
    ),
  );
  const download = h(
    'button',
    {
      type: 'button',
      class: 'small',
      'aria-label': `Download CSV of ${payload.title ?? 'the table'}`,
      onclick: () =>
        downloadCsv(
          csvFileName(payload.title ?? 'table', payload.range, payload.currency),
          tableCsv(payload),
        ),
    },
    'Download CSV',
  );
  return h('div', { class: 'payload-table' }, table, h('div', { class: 'table-actions' }, download));
}

/** The table's exact values (statuses as their labels), money headers naming the currency. */
export function tableCsv(payload: Table): string {
  const header = payload.columns.map((c) =>
    c.format === 'money' ? moneyHeader(c.label, payload.currency) : c.label,
  );
  const rows = payload.rows.map((row) =>
    payload.columns.map((c) => (c.format === 'status' ? formatValue(row[c.key], 'status') : row[c.key])),
  );
  return toCsv(header, rows);
}

/**
 * The chart arrives after the chat scrolled to its end (live, or a replayed history), and is taller
 * than its placeholder: keep the end in view, unless the person had scrolled up to read.
 */
function keepingLogEnd(el: HTMLElement, change: () => void): void {
  const log = el.closest<HTMLElement>('.chat-log');
  const atEnd = log !== null && log.scrollHeight - log.scrollTop - log.clientHeight < 24;
  change();
  if (log && atEnd) log.scrollTop = log.scrollHeight;
}

/** Chart.js is most of the bundle's weight: it loads with the first chart, not with the page. */
function renderChartLater(payload: Extract<ChatPayload, { kind: 'series' }>): HTMLElement {
  const slot = h('div', { class: 'chart-loading' }, 'Loading chart…');
  import('./charts.ts').then(
    ({ renderSeries }) => keepingLogEnd(slot, () => slot.replaceWith(renderSeries(payload))),
    () => slot.replaceChildren('The chart could not be loaded; reload the page to try again.'),
  );
  return slot;
}

export function renderPayload(payload: ChatPayload): HTMLElement {
  return payload.kind === 'table' ? renderTable(payload) : renderChartLater(payload);
}
