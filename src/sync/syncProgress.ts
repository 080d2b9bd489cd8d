// A run's progress: written to its sync_runs row (with the heartbeat) as it changes, handed to the
// caller's callback, and a heartbeat on a timer so a long window does not look like a dead process.
import type { Db } from '../db/db.js';
import { type SyncRunProgress, touchSyncRun, updateSyncProgress } from '../db/syncRuns.js';

export interface SyncProgress {
  runId: string;
  step: 'entities' | 'metrics' | 'done';
  windowsDone: number;
  windowsTotal: number;
  rows: number;
}

const HEARTBEAT_MS = 10_000;

export class RunProgress {
  state: Required<SyncRunProgress> = { step: 'entities', windows_done: 0, windows_total: 0, rows: 0 };
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    private readonly runId: string,
    private readonly now: () => Date,
    private readonly onProgress?: (p: SyncProgress) => void,
  ) {
    this.timer = setInterval(() => void touchSyncRun(db, runId, now()).catch(() => undefined), HEARTBEAT_MS);
    this.timer.unref();
  }

  async update(patch: SyncRunProgress): Promise<void> {
    this.state = { ...this.state, ...patch };
    await updateSyncProgress(this.db, this.runId, this.state, this.now());
    this.report(this.state);
  }

  /** Tells the caller only (the callback may throw: that fails the run, as an abort should). */
  report(state: Required<SyncRunProgress>): void {
    this.onProgress?.({
      runId: this.runId,
      step: state.step,
      windowsDone: state.windows_done,
      windowsTotal: state.windows_total,
      rows: state.rows,
    });
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
