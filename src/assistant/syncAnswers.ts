// Sync commands in the chat: "sync my meta account" starts a run (trigger_sync), "is the sync done?"
// reports the latest runs (sync_status). Only the person's own words start a sync.
import type { z } from 'zod';
import type { syncStatusOutput, triggerSyncOutput } from '../tools/schemas.js';
import type { PlanAnswer, PlanContext } from './answerScope.js';
import { capitalize, formatFreshness } from './answerText.js';

type TriggerOutput = z.output<typeof triggerSyncOutput>;
type StatusOutput = z.output<typeof syncStatusOutput>;
type Run = StatusOutput['runs'][number];

export async function answerSync(ctx: PlanContext, dataAsOf: string | null): Promise<PlanAnswer> {
  const out = await ctx.tools.must<TriggerOutput>('trigger_sync', {});
  if (out.runs.length === 0) return { text: 'There is no connected ad account to sync yet.', payloads: [] };
  const started = out.runs.filter((r) => !r.already_running);
  const running = out.runs.filter((r) => r.already_running);
  const parts: string[] = [];
  // no run ids: a person follows the sync by its progress (the chat shows it live; elsewhere "is the
  // sync done?" answers), never by an id
  const accounts = (n: number) => `${n} account${n === 1 ? '' : 's'}`;
  if (started.length > 0) parts.push(`Started a sync for ${accounts(started.length)}.`);
  if (running.length > 0) parts.push(`A sync was already running for ${accounts(running.length)}.`);
  parts.push(`Until it finishes, answers use the current data (${formatFreshness(dataAsOf, ctx.now)}).`);
  return { text: parts.join(' '), payloads: [] };
}

function runText(run: Run, now: Date): string {
  const account = run.account_id ?? run.connection_id;
  const progress =
    run.progress.windows_total > 0
      ? `, ${run.progress.windows_done} of ${run.progress.windows_total} windows`
      : '';
  const rows = `${run.progress.rows.toLocaleString('en-US')} rows`;
  switch (run.status) {
    case 'queued':
      return `The sync of ${account} is queued.`;
    case 'running':
      return `The sync of ${account} is running${run.progress.step ? ` (${run.progress.step}` : ' ('}${progress}, ${rows} so far).`;
    case 'succeeded':
      return `The last sync of ${account} is done: it finished ${ago(run.finished_at, now)} with ${rows}.`;
    case 'failed':
      return `The last sync of ${account} failed ${ago(run.finished_at, now)}: ${run.error ?? 'no reason recorded'}.`;
    default:
      return `The last sync of ${account} was cancelled.`;
  }
}

function ago(iso: string | null, now: Date): string {
  return iso ? formatFreshness(iso, now).replace(/^data synced /, '') : 'at an unknown time';
}

export async function answerSyncStatus(ctx: PlanContext, dataAsOf: string | null): Promise<PlanAnswer> {
  const out = await ctx.tools.must<StatusOutput>('sync_status', { limit: 10 });
  if (out.runs.length === 0)
    return { text: `No sync has run yet. ${capitalize(formatFreshness(dataAsOf, ctx.now))}.`, payloads: [] };
  // the latest run of each connection (runs come newest first)
  const latest = new Map<string, Run>();
  for (const run of out.runs) if (!latest.has(run.connection_id)) latest.set(run.connection_id, run);
  const text = [...latest.values()].map((r) => runText(r, ctx.now)).join(' ');
  return { text: `${text} ${capitalize(formatFreshness(dataAsOf, ctx.now))}.`, payloads: [] };
}
