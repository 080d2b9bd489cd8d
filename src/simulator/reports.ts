// Async insights reports: POST /act_{id}/insights → { report_run_id }; GET /{id} advances the job
// one step per poll (Not Started → Running 50% → Completed 100%); GET /{id}/insights pages the
// rows. The ask and the clock are frozen at submission, so the pages are stable while being read.
// Large ranges are never refused here (that is what async reports are for).

import { ymdOf } from './calendar.js';
import { invalidParameter } from './errors.js';
import type { InsightsContext } from './insights.js';
import type { InsightsAsk } from './insightsAsk.js';

export interface ReportRun {
  id: string;
  accountId: string; // bare digits
  targetId: string;
  ask: InsightsAsk;
  ctx: InsightsContext;
  submittedAt: Date;
  polls: number;
}

const STEPS: [string, number][] = [
  ['Job Not Started', 0],
  ['Job Running', 50],
  ['Job Completed', 100],
];

export class Reports {
  private runs = new Map<string, ReportRun>();
  private counter = 0;

  submit(run: Omit<ReportRun, 'id' | 'polls'>): string {
    this.counter++;
    const id = `98765${String(this.counter).padStart(11, '0')}`;
    this.runs.set(id, { ...run, id, polls: 0 });
    return id;
  }

  get(id: string): ReportRun | undefined {
    return this.runs.get(id);
  }

  /** A poll: advances the job and renders its status. */
  poll(run: ReportRun): Record<string, unknown> {
    run.polls = Math.min(run.polls + 1, STEPS.length - 1);
    const [status, pct] = STEPS[run.polls];
    const body: Record<string, unknown> = {
      id: run.id,
      account_id: run.accountId,
      async_status: status,
      async_percent_completion: pct,
      date_start: ymdOf(run.ask.since),
      date_stop: ymdOf(run.ask.until),
      time_ref: Math.floor(run.submittedAt.getTime() / 1000),
      is_running: pct < 100,
    };
    if (pct === 100) body.time_completed = Math.floor(run.submittedAt.getTime() / 1000) + 2;
    return body;
  }

  ensureComplete(run: ReportRun): void {
    if (run.polls < STEPS.length - 1) {
      throw invalidParameter(
        `Report ${run.id} is not complete yet: poll GET /${run.id} until async_status is "Job Completed"`,
      );
    }
  }
}
