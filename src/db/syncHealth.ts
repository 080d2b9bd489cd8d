// How each connection's automatic sync is doing, in one shape for every surface (list_connections
// and sync_status in chat and MCP, the REST route, Settings): its schedule in the account's clock,
// the next run, the last success, an unresolved failure with its reason, and dead jobs (retries used
// up) a person can retry. Composes the reads of its neighbours; no SQL of its own, writes nothing.
import type { Db } from './db.js';
import { listJobs } from './syncJobs.js';
import { latestUnresolvedFailures } from './syncRuns.js';
import { listSchedules, type SyncScheduleRow } from './syncSchedules.js';

export interface DeadJob {
  id: string;
  connection_id: string;
  kind: string | null;
  attempts: number;
  failed_at: string | null;
  error: string | null;
}

export interface SyncHealth {
  /** "every 60 min; lookback daily at 03:00; token check every 24 h" (account-local), or "off". */
  schedule: string;
  next_run: { at: string; kind: 'intraday' | 'lookback' | 'token check' } | null;
  failure: { at: string; reason: string } | null;
  dead_jobs: DeadJob[];
}

const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

function describeSchedule(s: SyncScheduleRow | undefined): string {
  if (!s) return 'not scheduled yet (the scheduler adds the defaults on its next tick)';
  if (!s.enabled) return 'off';
  const intraday = s.intraday_every_minutes
    ? `today and yesterday every ${s.intraday_every_minutes} min`
    : 'no intraday refresh';
  return `${intraday}; lookback daily at ${hhmm(s.lookback_at_minute)}; token check every ${s.token_check_every_hours} h`;
}

function nextRun(s: SyncScheduleRow | undefined): SyncHealth['next_run'] {
  if (!s?.enabled) return null;
  const slots = [
    { at: s.intraday_every_minutes ? s.next_intraday_at : null, kind: 'intraday' as const },
    { at: s.next_lookback_at, kind: 'lookback' as const },
    { at: s.next_token_check_at, kind: 'token check' as const },
  ].filter((x): x is { at: Date; kind: 'intraday' | 'lookback' | 'token check' } => x.at !== null);
  slots.sort((a, b) => a.at.getTime() - b.at.getTime());
  return slots[0] ? { at: new Date(slots[0].at).toISOString(), kind: slots[0].kind } : null;
}

/** connection id → its health (every connection of the workspace that has a schedule, run or job). */
export async function syncHealth(db: Db, workspaceId: string): Promise<Map<string, SyncHealth>> {
  const [schedules, failures, dead] = await Promise.all([
    listSchedules(db, workspaceId),
    latestUnresolvedFailures(db, workspaceId),
    listJobs(db, workspaceId, ['failed'], { limit: 100 }),
  ]);
  const byConnection = new Map(schedules.map((s) => [s.connection_id, s]));
  const ids = new Set([
    ...byConnection.keys(),
    ...failures.map((f) => f.connection_id),
    ...dead.map((j) => j.connection_id),
  ]);
  const out = new Map<string, SyncHealth>();
  for (const id of ids) {
    const s = byConnection.get(id);
    const failed = failures.find((f) => f.connection_id === id);
    out.set(id, {
      schedule: describeSchedule(s),
      next_run: nextRun(s),
      failure:
        failed?.finished_at && failed.error
          ? { at: new Date(failed.finished_at).toISOString(), reason: failed.error }
          : null,
      dead_jobs: dead
        .filter((j) => j.connection_id === id)
        .map((j) => ({
          id: j.id,
          connection_id: j.connection_id,
          kind: j.kind,
          attempts: j.retry_count + 1,
          failed_at: j.completed_on ? new Date(j.completed_on).toISOString() : null,
          error: j.error,
        })),
    });
  }
  return out;
}
