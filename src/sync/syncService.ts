// The sync engine's public entry points: a run is the entity sync, then the metrics sync, recorded in
// sync_runs. One run per connection at a time: in this process through the `active` map, across
// processes through a PostgreSQL advisory lock held on a pinned session for the whole run. A run left
// 'running' by a dead process (its lock is free) is marked failed, and the next run inherits the
// windows it finished, so a resume refetches only what had not landed.

import { z } from 'zod';
import { refreshExpiringTokens } from '../auth/tokenRefresh.js';
import { addDays, isoDateSchema, todayIn } from '../calendar.js';
import type { Config } from '../config.js';
import { assertDatesInBounds, metaDateBounds } from '../dateBounds.js';
import { type ConnectionRow, getConnection, setConnectionStatus } from '../db/connections.js';
import type { Db } from '../db/db.js';
import { refreshStatisticsIfDue } from '../db/plannerStatistics.js';
import {
  createSyncRun,
  finishSyncRun,
  inheritSyncWindows,
  lastForwardRun,
  latestResumableRun,
  listActiveRuns,
  markConnectionSynced,
  markRunsAbandoned,
  type SyncRunRow,
  setSyncRunRange,
  tryLockConnectionSync,
  unlockConnectionSync,
} from '../db/syncRuns.js';
import { loadToken } from '../db/tokens.js';
import { ConflictError, NotFoundError, parseInput } from '../errors.js';
import { type Logger, logger } from '../log.js';
import type { Keyring } from '../secrets/tokenVault.js';
import { trackBackgroundRun } from './backgroundRuns.js';
import { syncEntities } from './entitySync.js';
import { GraphClient, REPORT_POLL_START_MS } from './meta/graphClient.js';
import { MetaApiError } from './meta/metaErrors.js';
import { RETRY_BASE_DELAY_MS } from './meta/retry.js';
import { PACE_STEP_MS } from './meta/usageLimiter.js';
import { syncHourly, syncMetrics } from './metricsSync.js';
import { RunProgress, type SyncProgress } from './syncProgress.js';
import { planRange, remainingSegments, runKind } from './syncWindows.js';

export { waitForBackgroundSyncs } from './backgroundRuns.js';
export type { SyncProgress } from './syncProgress.js';

export interface SyncTuning {
  /** Whole days before today a first sync fetches (today comes too). */
  backfillDays: number;
  /** Days before the last complete day an incremental sync fetches again (Meta restates them). */
  lookbackDays: number;
  /** The first window's size; halved whenever Meta says "reduce the amount of data". */
  initialWindowDays: number;
  /** Below this a refused window goes through an async report instead of shrinking further. */
  minWindowDays: number;
  /** Windows a failed run finished longer ago than this are fetched again rather than inherited. */
  resumeMaxAgeMs: number;
  /**
   * Longest throttle wait Meta may ask of a run before it fails with the time to come back. A worker
   * sets it low: a throttled account's job is re-queued for later instead of holding a worker slot.
   */
  maxThrottleWaitMs: number;
  /** Transient-error backoff base of the Graph client (full jitter up to base × 2^attempt). */
  retryBaseDelayMs: number;
  /** First wait between polls of an async insights report (doubling after). */
  reportPollStartMs: number;
  /** Spacing of Graph calls once usage passes 50% (4× past 75%, 20× past 90%). */
  paceStepMs: number;
}

export const DEFAULT_SYNC_TUNING: SyncTuning = {
  backfillDays: 90,
  lookbackDays: 28,
  initialWindowDays: 90,
  minWindowDays: 1,
  resumeMaxAgeMs: 6 * 3_600_000,
  maxThrottleWaitMs: 15 * 60_000,
  retryBaseDelayMs: RETRY_BASE_DELAY_MS,
  reportPollStartMs: REPORT_POLL_START_MS,
  paceStepMs: PACE_STEP_MS,
};

export interface SyncDeps {
  db: Db;
  config: Config;
  keyring: Keyring;
  log?: Logger;
  now?: () => Date;
  /** Optional overrides of DEFAULT_SYNC_TUNING (tests, benchmarks). */
  tuning?: Partial<SyncTuning>;
}

export interface SyncRequest {
  workspaceId: string;
  connectionId: string;
  from?: string;
  to?: string;
  full?: boolean;
  /** Also fetch hourly facts for yesterday and today (account time zone): the intraday refresh. */
  hourly?: boolean;
}

const requestSchema = z
  .object({
    workspaceId: z.string().uuid('must be a workspace id (uuid)'),
    connectionId: z.string().uuid('must be a connection id (uuid)'),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    full: z.boolean().optional(),
    hourly: z.boolean().optional(),
  })
  .refine((r) => !r.from || !r.to || r.from <= r.to, { message: 'must be on or before to', path: ['from'] });

interface Launch {
  started: Promise<{ runId: string; alreadyRunning: boolean }>;
  finished: Promise<SyncRunRow>;
}

const active = new Map<string, Launch>();

/** Starts a run in the background (returns once the run row exists); a second request while one runs returns the running run's id with alreadyRunning: true. */
export async function requestSync(
  deps: SyncDeps,
  req: SyncRequest,
): Promise<{ runId: string; alreadyRunning: boolean }> {
  const existing = active.get(req.connectionId);
  if (existing) return { runId: (await existing.started).runId, alreadyRunning: true };
  const run = launch(deps, req);
  const done = run.finished.catch((err) =>
    (deps.log ?? logger).warn({ err: String(err) }, 'background sync failed'),
  );
  trackBackgroundRun(done);
  return run.started;
}

/** Runs to completion in this process, reporting progress; resolves with the finished run; a failure marks the run failed and rejects with the error. */
export async function runSync(
  deps: SyncDeps,
  req: SyncRequest,
  onProgress?: (p: SyncProgress) => void,
): Promise<SyncRunRow> {
  const existing = active.get(req.connectionId);
  if (existing) return existing.finished;
  return launch(deps, req, onProgress).finished;
}

/** Whether this process is running a sync of the connection now. */
export function isSyncRunning(connectionId: string): boolean {
  return active.has(connectionId);
}

function launch(deps: SyncDeps, raw: SyncRequest, onProgress?: (p: SyncProgress) => void): Launch {
  let announce!: (v: { runId: string; alreadyRunning: boolean }) => void;
  let fail!: (err: unknown) => void;
  const started = new Promise<{ runId: string; alreadyRunning: boolean }>((resolve, reject) => {
    announce = resolve;
    fail = reject;
  });
  started.catch(() => undefined); // callers that only await `finished` still see the error there
  const finished = (async () => {
    const req = parseInput(requestSchema, raw);
    const connection = await getConnection(deps.db, req.workspaceId, req.connectionId);
    if (!connection) throw new NotFoundError(`connection ${req.connectionId} not found in this workspace`);
    // the zone is the one stored at connect time (Meta's own, refreshed by every entity sync)
    const now = deps.now?.() ?? new Date();
    assertDatesInBounds({ from: req.from, to: req.to }, metaDateBounds(connection.time_zone ?? 'UTC', now));
    return deps.db.session(async (session) => {
      if (!(await tryLockConnectionSync(session, connection.id))) {
        const [other] = await listActiveRuns(deps.db, connection.workspace_id, connection.id);
        if (other) announce({ runId: other.id, alreadyRunning: true });
        throw new ConflictError(
          `a sync of ${connection.external_account_id} is already running in another process`,
        );
      }
      try {
        return await execute(deps, req, connection, announce, onProgress);
      } finally {
        await unlockConnectionSync(session, connection.id).catch(() => undefined);
      }
    });
  })();
  const entry: Launch = { started, finished };
  active.set(raw.connectionId, entry);
  finished.then(
    () => undefined,
    (err) => fail(err),
  );
  void finished
    .catch(() => undefined)
    .finally(() => active.get(raw.connectionId) === entry && active.delete(raw.connectionId));
  return entry;
}

/** The last day a previous forward run saw complete: its end, but never its own (partial) day. */
function lastCompleteDay(run: SyncRunRow | undefined, timeZone: string): string | undefined {
  if (!run?.range_until || !run.finished_at) return undefined;
  const dayBeforeFinish = addDays(todayIn(timeZone, run.finished_at), -1);
  if (run.range_until < dayBeforeFinish) return run.range_until; // YYYY-MM-DD compares as a string
  return dayBeforeFinish;
}

async function execute(
  deps: SyncDeps,
  req: SyncRequest,
  connection: ConnectionRow,
  announce: (v: { runId: string; alreadyRunning: boolean }) => void,
  onProgress?: (p: SyncProgress) => void,
): Promise<SyncRunRow> {
  const { db } = deps;
  const now = () => deps.now?.() ?? new Date();
  const tuning = { ...DEFAULT_SYNC_TUNING, ...configuredTuning(deps.config), ...deps.tuning };
  const log = (deps.log ?? logger).child({ connectionId: connection.id });
  const scope = { workspaceId: connection.workspace_id, connectionId: connection.id };
  // We hold the lock and no run of this connection is active in this process: any 'running' row is stale.
  const stale = await listActiveRuns(db, scope.workspaceId, connection.id);
  await markRunsAbandoned(
    db,
    stale.map((r) => r.id),
    'abandoned: the process running this sync stopped before it finished; the next sync resumed it',
    now(),
  );
  const resumeCutoff = new Date(now().getTime() - tuning.resumeMaxAgeMs);
  const resumable = await latestResumableRun(db, connection.id, resumeCutoff);
  const lastForward = await lastForwardRun(db, connection.id);
  const run = await createSyncRun(
    db,
    {
      ...scope,
      kind: runKind({ ...req, hasForwardRun: lastForward !== undefined }),
      since: null,
      until: null,
      resumedFrom: resumable?.id ?? null,
    },
    now(),
  );
  announce({ runId: run.id, alreadyRunning: false });
  log.info({ runId: run.id, kind: run.kind, resumedFrom: run.resumed_from }, 'sync started');
  const progress = new RunProgress(db, run.id, now, onProgress);
  let client: GraphClient | undefined;
  try {
    client = await clientFor(deps, connection, log, tuning);
    await progress.update({ step: 'entities' });
    const entities = await syncEntities(
      db,
      { ...scope, externalAccountId: connection.external_account_id },
      client,
    );
    const timeZone = entities.account.timezone_name;
    const range = planRange({
      ...req,
      today: todayIn(timeZone, now()),
      lastCompleteDay: lastCompleteDay(lastForward, timeZone),
      backfillDays: tuning.backfillDays,
      lookbackDays: tuning.lookbackDays,
    });
    await setSyncRunRange(db, run.id, range.since, range.until);
    const inherited = resumable ? await inheritSyncWindows(db, resumable.id, run.id, resumeCutoff) : [];
    await progress.update({ step: 'metrics' });
    const metrics = await syncMetrics(db, { ...scope, runId: run.id }, client, {
      segments: remainingSegments(range, inherited),
      initialWindowDays: tuning.initialWindowDays,
      minWindowDays: tuning.minWindowDays,
      log,
      now,
      onProgress: (p) =>
        progress.update({ windows_done: p.windowsDone, windows_total: p.windowsTotal, rows: p.rows }),
    });
    const today = todayIn(timeZone, now());
    const hourly = req.hourly
      ? await syncHourly(db, { ...scope, runId: run.id }, client, [addDays(today, -1), today])
      : undefined;
    const stats = {
      entities: entities.stats,
      facts: metrics.facts,
      ...(hourly ? { hourly_facts: hourly.facts } : {}),
      calls: client.stats.calls,
      retries: client.stats.retries,
      throttled_ms: client.stats.throttledMs,
      windows_skipped: inherited.length,
      windows_split: metrics.splits,
      async_reports: metrics.asyncReports,
    };
    const done = await db.transaction(async (tx) => {
      const row = await finishSyncRun(
        tx,
        run.id,
        {
          status: 'succeeded',
          stats,
          progress: { ...progress.state, step: 'done' },
        },
        now(),
      );
      await markConnectionSynced(tx, connection.id, now());
      return row;
    });
    progress.report({ ...progress.state, step: 'done' });
    log.info({ runId: run.id, stats }, 'sync finished');
    return done;
  } catch (err) {
    const failure = await recordFailure(db, connection, err);
    const stats = client ? { calls: client.stats.calls, retries: client.stats.retries } : {};
    await finishSyncRun(
      db,
      run.id,
      {
        status: 'failed',
        stats,
        progress: progress.state,
        error: failure.message,
      },
      now(),
    );
    log.warn({ runId: run.id, error: failure.message }, 'sync failed');
    throw failure;
  } finally {
    progress.stop();
    await client?.close().catch(() => undefined);
    // the planner statistics after big writes (PGlite has no autovacuum; PostgreSQL's comes a minute later)
    await refreshStatisticsIfDue(db).catch((err: unknown) =>
      log.warn({ runId: run.id, error: String(err) }, 'refreshing planner statistics failed'),
    );
  }
}

async function clientFor(
  deps: SyncDeps,
  connection: ConnectionRow,
  log: Logger,
  tuning: Pick<SyncTuning, 'maxThrottleWaitMs' | 'retryBaseDelayMs' | 'reportPollStartMs' | 'paceStepMs'>,
): Promise<GraphClient> {
  // a long-lived token close to expiry is exchanged for a fresh one first, where Meta allows it
  await refreshExpiringTokens({ ...deps, log }, connection.workspace_id);
  const stored = await loadToken(deps.db, deps.keyring, connection.id);
  if (!stored) {
    throw new MetaApiError({ kind: 'auth', message: 'no access token is stored for this connection' });
  }
  return new GraphClient({
    baseUrl: deps.config.META_GRAPH_URL,
    version: deps.config.META_API_VERSION,
    accessToken: stored.token,
    appSecret: deps.config.META_APP_SECRET,
    accountId: connection.external_account_id,
    redisUrl: deps.config.REDIS_URL,
    maxThrottleWaitMs: tuning.maxThrottleWaitMs,
    retryBaseDelayMs: tuning.retryBaseDelayMs,
    reportPollStartMs: tuning.reportPollStartMs,
    paceStepMs: tuning.paceStepMs,
    log,
  });
}

/** An auth failure flags the connection with what a person must do; every failure gets a clear message. */
async function recordFailure(db: Db, connection: ConnectionRow, err: unknown): Promise<Error> {
  if (err instanceof MetaApiError && err.kind === 'auth') {
    const account = connection.external_account_id;
    const hint = `Reconnect it in Settings → Connect Meta Ads, or: adnavi connect meta --account ${account} --token NEW_TOKEN`;
    const message = `Meta refused access to ${account}: ${err.message}${err.message.includes('adnavi connect') ? '' : ` ${hint}`}`;
    await setConnectionStatus(db, connection.id, 'needs_reauth', message);
    return new MetaApiError({ kind: 'auth', message, metaCode: err.metaCode, subcode: err.subcode });
  }
  return err instanceof Error ? err : new Error(String(err));
}

/** Backfill and lookback from the environment, where set. */
function configuredTuning(config: Config): Partial<SyncTuning> {
  const tuning: Partial<SyncTuning> = {};
  if (config.ADNAVI_SYNC_BACKFILL_DAYS !== undefined) tuning.backfillDays = config.ADNAVI_SYNC_BACKFILL_DAYS;
  if (config.ADNAVI_SYNC_LOOKBACK_DAYS !== undefined) tuning.lookbackDays = config.ADNAVI_SYNC_LOOKBACK_DAYS;
  return tuning;
}
