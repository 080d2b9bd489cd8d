// One sync run's live state (chat card and settings page): status, step, a progress bar, rows.
import type { ServerMessage } from '../../src/server/chatProtocol.ts';
import { h } from './dom.ts';

type SyncProgress = Extract<ServerMessage, { type: 'sync_progress' }>;

const LABELS: Record<SyncProgress['status'], string> = {
  queued: 'Sync queued',
  running: 'Syncing',
  succeeded: 'Sync finished',
  failed: 'Sync failed',
  cancelled: 'Sync cancelled',
};

export function syncProgressView(msg: SyncProgress): HTMLElement {
  const { windows_done: done, windows_total: total, rows, step } = msg.progress;
  const finished = msg.status === 'succeeded';
  const bar = h('progress', { max: Math.max(total, 1), 'aria-label': 'Sync progress' });
  if (finished) bar.value = Math.max(total, 1);
  else if (total > 0) bar.value = done;
  else bar.removeAttribute('value'); // indeterminate until the run knows its windows
  const detail = [
    step && !finished ? step : null,
    total > 0 ? `${done}/${total} windows` : null,
    `${rows.toLocaleString('en-US')} rows`,
  ]
    .filter(Boolean)
    .join(' · ');
  return h(
    'div',
    { class: `sync-progress status-${msg.status}`, 'data-run-id': msg.runId, 'data-status': msg.status },
    h('strong', {}, LABELS[msg.status]),
    msg.status === 'failed' || msg.status === 'cancelled' ? null : bar,
    h('span', { class: 'detail' }, detail),
    msg.error ? h('span', { class: 'error-text' }, msg.error) : null,
  );
}
