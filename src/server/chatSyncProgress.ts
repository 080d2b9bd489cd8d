// Live sync progress for the chat: starts a sync through the tool registry (trigger_sync) or follows
// runs that the assistant started, and polls sync_status until each run finishes, handing every
// change to `push`. Polling (not events) because the run may be executed by another process that
// shares the database; the poll is cheap (one indexed row) and bounded in time.
import { callTool } from '../tools/registry.js';
import type { ToolContext } from '../tools/types.js';
import type { ServerMessageInput } from './chatProtocol.js';

type SyncProgressMessage = Extract<ServerMessageInput, { type: 'sync_progress' }>;

interface RunState {
  id: string;
  connection_id: string;
  status: SyncProgressMessage['status'];
  progress: SyncProgressMessage['progress'];
  error: string | null;
}

const POLL_MS = 400;
/** A run still going after this long is left to the settings page's run list. */
const MAX_WATCH_MS = 30 * 60_000;
const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

export interface SyncWatcher {
  /** Starts a sync of one connection (or all) and follows its runs. */
  start(connectionId?: string): Promise<void>;
  /** Follows runs started elsewhere (the assistant's trigger_sync); ignores ids already followed. */
  follow(runIds: string[]): void;
  stop(): void;
}

export function createSyncWatcher(ctx: ToolContext, push: (msg: SyncProgressMessage) => void): SyncWatcher {
  const followed = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  const poll = async (runId: string, startedAt: number, lastSent: string): Promise<void> => {
    if (stopped) return;
    let sent = lastSent;
    try {
      const out = (await callTool('sync_status', { run_id: runId, limit: 1 }, ctx)) as { runs: RunState[] };
      const run = out.runs[0];
      if (!run) return;
      const msg: SyncProgressMessage = {
        type: 'sync_progress',
        runId: run.id,
        connectionId: run.connection_id,
        status: run.status,
        progress: run.progress,
        error: run.error,
      };
      const key = JSON.stringify(msg);
      if (key !== sent && !stopped) push(msg);
      sent = key;
      if (FINISHED.has(run.status)) return;
    } catch (err) {
      ctx.log.warn({ err, runId }, 'sync progress poll failed');
    }
    if (Date.now() - startedAt > MAX_WATCH_MS) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      void poll(runId, startedAt, sent);
    }, POLL_MS);
    timers.add(timer);
  };

  const follow = (runIds: string[]): void => {
    for (const id of runIds) {
      if (followed.has(id)) continue;
      followed.add(id);
      void poll(id, Date.now(), '');
    }
  };

  return {
    async start(connectionId) {
      const input = connectionId ? { connection_id: connectionId } : {};
      const out = (await callTool('trigger_sync', input, ctx)) as { runs: { run_id: string }[] };
      follow(out.runs.map((r) => r.run_id));
    },
    follow,
    stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
