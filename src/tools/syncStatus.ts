// sync_status: one run (by id) or the latest runs, with status and progress; read-only.
import { listConnections } from '../db/connections.js';
import { syncHealth } from '../db/syncHealth.js';
import { getSyncRun, listSyncRuns, type SyncRunRow } from '../db/syncRuns.js';
import { NotFoundError } from '../errors.js';
import { syncStatusInput, syncStatusOutput } from './schemas.js';
import type { ToolDefinition } from './types.js';

const isoOrNull = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function toRun(run: SyncRunRow, accounts: Map<string, string>) {
  return {
    id: run.id,
    connection_id: run.connection_id,
    account_id: accounts.get(run.connection_id) ?? null,
    status: run.status,
    kind: run.kind,
    range: run.range_since && run.range_until ? { since: run.range_since, until: run.range_until } : null,
    progress: {
      step: run.progress.step ?? null,
      windows_done: run.progress.windows_done ?? 0,
      windows_total: run.progress.windows_total ?? 0,
      rows: run.progress.rows ?? 0,
    },
    error: run.error,
    created_at: new Date(run.created_at).toISOString(),
    started_at: isoOrNull(run.started_at),
    finished_at: isoOrNull(run.finished_at),
  };
}

export const syncStatus: ToolDefinition<typeof syncStatusInput, typeof syncStatusOutput> = {
  name: 'sync_status',
  title: 'Sync status',
  description: [
    'Shows sync runs: the one named by `run_id` (from trigger_sync), or the latest `limit` runs (default 5),',
    'optionally of one `connection_id`. Each run has status (queued, running, succeeded, failed,',
    'cancelled), kind, the date range it fetched, progress {step (entities, metrics, done), windows_done,',
    'windows_total, rows}, error (why it failed) and ISO times. Use it for "is my sync done?" or after',
    "trigger_sync. For data freshness, list_connections shows each account's last successful sync.",
    'Without run_id it also gives `schedules` (per connection: the automatic schedule, next_run, an',
    'unresolved failure with its reason) and `dead_jobs` (syncs that used up their retries, with the error).',
  ].join(' '),
  input: syncStatusInput,
  output: syncStatusOutput,
  readOnly: true,
  async handler(input, ctx) {
    const connections = await listConnections(ctx.db, ctx.workspaceId);
    const accounts = new Map(connections.map((c) => [c.id, c.external_account_id]));
    if (input.run_id) {
      const run = await getSyncRun(ctx.db, ctx.workspaceId, input.run_id);
      if (!run) throw new NotFoundError(`sync run ${input.run_id} not found`);
      return { runs: [toRun(run, accounts)] };
    }
    const runs = await listSyncRuns(ctx.db, ctx.workspaceId, {
      connectionId: input.connection_id,
      limit: input.limit,
    });
    const health = [...(await syncHealth(ctx.db, ctx.workspaceId)).entries()].filter(
      ([id]) => !input.connection_id || id === input.connection_id,
    );
    return {
      runs: runs.map((r) => toRun(r, accounts)),
      schedules: health.map(([id, h]) => ({
        connection_id: id,
        schedule: h.schedule,
        next_run: h.next_run,
        failure: h.failure,
      })),
      dead_jobs: health.flatMap(([, h]) => h.dead_jobs),
    };
  },
};
