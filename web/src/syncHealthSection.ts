// Settings → Automatic sync: per connected account, its schedule (in the account's own clock), the
// next run, the last success, an unresolved failure with its reason, and dead jobs (retries used
// up) with a Retry button. Its own module (mounted by settingsPage.ts) so the settings page stays
// about accounts; it refreshes itself every 30 s while it is on screen.
import { getJson, postJson } from './api.ts';
import { h } from './dom.ts';
import { timeAgo } from './format.ts';

interface DeadJob {
  id: string;
  kind: string | null;
  attempts: number;
  failed_at: string | null;
  error: string | null;
}

interface Health {
  connection_id: string;
  schedule: string;
  next_run: { at: string; kind: string } | null;
  failure: { at: string; reason: string } | null;
  dead_jobs: DeadJob[];
}

interface Account {
  id: string;
  account_id: string;
  name: string | null;
  time_zone: string | null;
  last_synced_at: string | null;
}

const REFRESH_MS = 30_000;

function when(iso: string, zone: string | null): string {
  return new Date(iso).toLocaleString(undefined, {
    timeZone: zone ?? undefined,
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

export function syncHealthSection(): HTMLElement {
  const body = h(
    'div',
    { class: 'sync-health-list', 'aria-live': 'polite' },
    h('p', { class: 'muted' }, 'Loading…'),
  );
  const el = h(
    'section',
    { class: 'card sync-health', 'aria-labelledby': 'sync-health-title' },
    h('h2', { id: 'sync-health-title' }, 'Automatic sync'),
    body,
  );

  const retry = async (job: DeadJob, button: HTMLButtonElement) => {
    button.disabled = true;
    try {
      await postJson(`/api/sync-jobs/${job.id}/retry`);
      await load();
    } catch (err) {
      button.disabled = false;
      button.after(h('span', { class: 'error-text', role: 'alert' }, ` ${(err as Error).message}`));
    }
  };

  const deadJob = (job: DeadJob) => {
    const button = h('button', { type: 'button' }, 'Retry') as HTMLButtonElement;
    button.addEventListener('click', () => void retry(job, button));
    const at = job.failed_at ? `, ${timeAgo(job.failed_at)}` : '';
    return h(
      'li',
      {},
      `${job.kind ?? 'sync'} failed after ${job.attempts} attempts${at}: ${job.error ?? 'no reason given'} `,
      button,
    );
  };

  const row = (a: Account, x: Health | undefined) =>
    h(
      'article',
      { class: 'sync-health-row', 'data-connection-id': a.id },
      h('h3', {}, a.name ?? a.account_id),
      h(
        'dl',
        {},
        h('dt', {}, 'Schedule'),
        h('dd', {}, x?.schedule ?? 'not scheduled yet'),
        h('dt', {}, 'Next run'),
        h('dd', {}, x?.next_run ? `${x.next_run.kind}, ${when(x.next_run.at, a.time_zone)}` : '—'),
        h('dt', {}, 'Last success'),
        h('dd', {}, a.last_synced_at ? timeAgo(a.last_synced_at) : 'never'),
        h('dt', {}, 'Failure'),
        h(
          'dd',
          { class: x?.failure ? 'error-text' : '' },
          x?.failure ? `${timeAgo(x.failure.at)}: ${x.failure.reason}` : 'none',
        ),
      ),
      x && x.dead_jobs.length > 0
        ? h('ul', { class: 'dead-jobs', 'aria-label': 'Failed jobs' }, ...x.dead_jobs.map(deadJob))
        : null,
    );

  async function load(): Promise<void> {
    try {
      const [{ connections: health }, { connections }] = await Promise.all([
        getJson<{ connections: Health[] }>('/api/sync-health'),
        getJson<{ connections: Account[] }>('/api/connections'),
      ]);
      const byId = new Map(health.map((x) => [x.connection_id, x]));
      body.replaceChildren(
        ...(connections.length === 0
          ? [h('p', { class: 'muted' }, 'Connect an account to schedule its sync.')]
          : connections.map((a) => row(a, byId.get(a.id)))),
      );
    } catch (err) {
      body.replaceChildren(
        h(
          'p',
          { class: 'error-text', role: 'alert' },
          `Could not load sync health: ${(err as Error).message}`,
        ),
      );
    }
  }

  void load();
  setInterval(() => {
    if (el.isConnected) void load();
  }, REFRESH_MS);
  return el;
}
