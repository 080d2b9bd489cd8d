// Step two of a sync: daily ad-level facts. One account-level insights ask (level=ad,
// time_increment=1) per window covers every ad, paged, never one ask per ad. Windows start large;
// when Meta answers "reduce the amount of data" (1/99) the window is halved and retried, and a window
// already at the minimum size goes through an async report instead. Each page is upserted as it
// arrives (changed numbers update: Meta restates recent days), and each finished window is
// checkpointed so a killed run can be resumed without refetching it. While a page is written the
// next one is already being fetched (readAhead): at most two pages are held at once.
import type { Db } from '../db/db.js';
import type { UpsertCounts } from '../db/facts.js';
import { recordSyncWindow } from '../db/syncRuns.js';
import type { Logger } from '../log.js';
import { ingestFactRows } from './ingest.js';
import { HOURLY_BREAKDOWN, INSIGHT_FIELDS, toFactRows } from './insightsMapping.js';
import type { GraphClient, InsightsParams } from './meta/graphClient.js';
import { MetaApiError } from './meta/metaErrors.js';
import type { MetaInsightRow } from './meta/metaTypes.js';
import { type DayRange, WindowPlanner } from './syncWindows.js';

export interface MetricsScope {
  runId: string;
  workspaceId: string;
  connectionId: string;
}

export interface MetricsSyncOptions {
  segments: DayRange[];
  initialWindowDays: number;
  minWindowDays: number;
  log?: Logger;
  /** The run's clock: it stamps each window's checkpoint. */
  now: () => Date;
  /** Called when the window count is known and after every finished window. */
  onProgress(p: { windowsDone: number; windowsTotal: number; rows: number }): Promise<void>;
}

export interface MetricsSyncResult {
  facts: UpsertCounts;
  rows: number;
  windows: number;
  splits: number;
  asyncReports: number;
}

function isTooMuchData(err: unknown): boolean {
  return err instanceof MetaApiError && err.kind === 'tooMuchData';
}

function paramsFor(window: DayRange): InsightsParams {
  return { since: window.since, until: window.until, level: 'ad', fields: INSIGHT_FIELDS, timeIncrement: 1 };
}

/**
 * The items of `source`, with the next one already requested while the consumer handles the current
 * one, so fetching a page overlaps writing the previous one. An error of the prefetch surfaces when
 * that page is reached, as it would without read-ahead; a consumer that stops early closes the source.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let next = it.next();
  let finished = false;
  try {
    for (;;) {
      const current = await next;
      if (current.done) {
        finished = true;
        return;
      }
      next = it.next();
      next.catch(() => undefined); // handled when awaited above, not while the consumer is busy
      yield current.value;
    }
  } finally {
    if (!finished) await it.return?.();
  }
}

/** Fetches one window page by page (the next page in flight), upserting each page; returns what it wrote. */
async function syncWindow(
  db: Db,
  scope: MetricsScope,
  pages: AsyncGenerator<MetaInsightRow[]>,
  into: MetricsSyncResult,
): Promise<number> {
  let rows = 0;
  for await (const page of readAhead(pages)) {
    rows += page.length;
    // emptied as it is converted: readAhead's frame still holds the array while this page is written
    const counts = await ingestFactRows(db, scope, toFactRows(page.splice(0)));
    into.facts.inserted += counts.inserted;
    into.facts.updated += counts.updated;
    into.facts.unchanged += counts.unchanged;
  }
  return rows;
}

function emptyResult(): MetricsSyncResult {
  return {
    facts: { inserted: 0, updated: 0, unchanged: 0 },
    rows: 0,
    windows: 0,
    splits: 0,
    asyncReports: 0,
  };
}

export async function syncMetrics(
  db: Db,
  scope: MetricsScope,
  client: GraphClient,
  opts: MetricsSyncOptions,
): Promise<MetricsSyncResult> {
  const result = emptyResult();
  const planner = new WindowPlanner(opts.segments, opts.initialWindowDays, opts.minWindowDays);
  await opts.onProgress({ windowsDone: 0, windowsTotal: planner.total, rows: 0 });
  for (let window = planner.next(); window; window = planner.next()) {
    let rows: number;
    try {
      rows = await syncWindow(db, scope, client.insights(paramsFor(window)), result);
    } catch (err) {
      if (!isTooMuchData(err)) throw err;
      if (planner.shrink(window)) {
        result.splits += 1;
        opts.log?.info(
          { window, nextDays: planner.windowDays },
          'insights window too large for Meta; halving it',
        );
        continue;
      }
      opts.log?.info({ window }, 'insights window refused at the minimum size; using an async report');
      result.asyncReports += 1;
      rows = await syncWindow(db, scope, client.insightsAsync(paramsFor(window)), result);
    }
    await recordSyncWindow(db, scope, { ...window, rows }, opts.now());
    planner.complete();
    result.rows += rows;
    result.windows += 1;
    await opts.onProgress({ windowsDone: planner.done, windowsTotal: planner.total, rows: result.rows });
  }
  return result;
}

/**
 * Hourly ad-level facts for whole days (today and yesterday on an intraday refresh): one ask per day,
 * as Meta answers the hourly breakdown only for short ranges. Rows land beside the daily facts with
 * their hour (0–23); a re-fetch updates hours Meta restated.
 */
export async function syncHourly(
  db: Db,
  scope: MetricsScope,
  client: GraphClient,
  days: string[],
): Promise<MetricsSyncResult> {
  const result = emptyResult();
  for (const day of days) {
    const params = { ...paramsFor({ since: day, until: day }), breakdowns: [HOURLY_BREAKDOWN] };
    result.rows += await syncWindow(db, scope, client.insights(params), result);
    result.windows += 1;
  }
  return result;
}
