// The last sync runs of one connection as a table (settings page): result, kind, range, rows,
// what changed, when, and the error when a run failed.
import { formatDateRange } from '../../src/display/dates.ts';
import { h, scrollBox } from './dom.ts';
import { timeAgo } from './format.ts';

/** A sync run as the sync engine's REST reports it (GET /api/sync-runs?connection_id=). */
export interface Run {
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

export function runsTable(runs: Run[]): HTMLElement {
  const rows = runs.map((r) => {
    return h(
      'tr',
      { 'data-status': r.status },
      h('td', {}, h('span', { class: `badge run-${r.status}` }, r.status)),
      h('td', {}, r.kind),
      h(
        'td',
        { class: 'nowrap' },
        r.range_since && r.range_until
          ? formatDateRange({ since: r.range_since.slice(0, 10), until: r.range_until.slice(0, 10) })
          : '—',
      ),
      h('td', { class: 'num' }, (r.progress.rows ?? 0).toLocaleString('en-US')),
      h('td', {}, factChanges(r)),
      h('td', { class: 'nowrap' }, timeAgo(r.finished_at ?? r.created_at)),
      h('td', { class: 'error-text' }, r.error ?? ''),
    );
  });
  const head = ['Result', 'Kind', 'Range', 'Rows', 'Changes', 'When', 'Error'].map((t) =>
    h('th', { scope: 'col' }, t),
  );
  return scrollBox(
    'Recent sync runs',
    h('table', { class: 'data runs-table' }, h('thead', {}, h('tr', {}, head)), h('tbody', {}, rows)),
  );
}

/** What a run changed: new days of data, and days Meta restated (their numbers were updated). */
function factChanges(r: Run): string {
  const f = r.stats.facts;
  if (!f) return '—';
  return `${f.inserted.toLocaleString('en-US')} new, ${f.updated.toLocaleString('en-US')} restated`;
}
