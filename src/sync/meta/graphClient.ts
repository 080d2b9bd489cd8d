// The Graph client the sync engine talks to: one per ad account and token. It reads the account, its
// campaigns / ad sets / ads (every status, every page) and its insights (synchronously, one yielded
// array per page, or through an async report), and hands back parsed, typed rows. Underneath: the
// official SDK (sdkTransport.ts), the usage-driven limiter (usageLimiter.ts) and the retry policy
// (retry.ts). It never maps Meta's strings to our numbers; the sync does that.
import { z } from 'zod';
import type { Config } from '../../config.js';
import { parseInput } from '../../errors.js';
import { type Logger, logger as rootLogger } from '../../log.js';
import { MetaApiError } from './metaErrors.js';
import {
  AD_ACCOUNT_FIELDS,
  AD_FIELDS,
  AD_SET_FIELDS,
  ALL_EFFECTIVE_STATUSES,
  CAMPAIGN_FIELDS,
  type MetaAd,
  type MetaAdAccount,
  type MetaAdSet,
  type MetaCampaign,
  type MetaInsightRow,
  metaAdAccountSchema,
  metaAdSchema,
  metaAdSetSchema,
  metaCampaignSchema,
  metaInsightRowSchema,
  reportRunStartSchema,
  reportRunStatusSchema,
} from './metaTypes.js';
import { withRetry } from './retry.js';
import { type AccountEdge, type Answer, type Page, SdkTransport } from './sdkTransport.js';
import { UsageLimiter } from './usageLimiter.js';

export type { MetaAd, MetaAdAccount, MetaAdSet, MetaCampaign, MetaInsightRow } from './metaTypes.js';

export interface GraphClientOptions {
  baseUrl: string; // META_GRAPH_URL (no version)
  version: string; // 'v24.0'
  accessToken: string;
  appSecret?: string;
  accountId: string; // 'act_…' — the limiter is keyed per ad account
  redisUrl?: string;
  log?: Logger;
  maxRetries?: number; // transient retries, default 5
  retryBaseDelayMs?: number; // transient backoff base, default 500 (full jitter up to base × 2^attempt)
  reportPollStartMs?: number; // first wait between async report polls, default 1 s (then doubling)
  maxThrottleWaitMs?: number; // default 15 min
  paceStepMs?: number; // spacing of calls from 50% usage on, default PACE_STEP_MS (then 4× and 20×)
  sleep?: (ms: number) => Promise<void>; // tests shorten waits
  requestTimeoutMs?: number; // per call, default 120 s; a timeout counts as transient
  insightsPageLimit?: number; // rows per insights page, default INSIGHTS_PAGE_LIMIT
}

export interface InsightsParams {
  since: string; // inclusive account-local dates
  until: string;
  level: 'account' | 'campaign' | 'adset' | 'ad';
  fields: string[];
  timeIncrement?: 1 | 'monthly' | 'all_days';
  breakdowns?: string[];
}

/** Rows per page we ask for on object edges: they accept a few hundred. */
export const PAGE_LIMIT = 500;
/**
 * Rows per insights page. Insights pages are cheap rows of numbers and each page is a call against
 * the rate limit, so we ask for large ones; an ask too big for Meta fails with 1/99 and the metrics
 * sync halves its window, so a large page never costs correctness.
 */
export const INSIGHTS_PAGE_LIMIT = 5000;
export const REPORT_POLL_START_MS = 1000;
const REPORT_POLL_MAX_MS = 30_000;
const REPORT_DEADLINE_MS = 30 * 60_000;

const ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const insightsParamsSchema = z
  .object({
    since: ymd,
    until: ymd,
    level: z.enum(['account', 'campaign', 'adset', 'ad']),
    fields: z.array(z.string().min(1)).min(1, 'ask for at least one field'),
    timeIncrement: z.union([z.literal(1), z.literal('monthly'), z.literal('all_days')]).optional(),
    breakdowns: z.array(z.string().min(1)).optional(),
  })
  .refine((p) => p.since <= p.until, { path: ['until'], message: 'must not be before since' });

const optionsSchema = z.object({
  baseUrl: z.url(),
  version: z.string().regex(/^v\d+\.\d+$/, 'must look like v24.0'),
  accessToken: z.string().min(1, 'is required'),
  accountId: z
    .string()
    .regex(/^(act_)?\d+$/, 'must be an ad account id like act_1234567890')
    .transform((v) => (v.startsWith('act_') ? v : `act_${v}`)),
});

/** Client options from the validated configuration, for one connection's token and account. */
export function graphClientOptionsFrom(
  config: Config,
  accessToken: string,
  accountId: string,
): GraphClientOptions {
  return {
    baseUrl: config.META_GRAPH_URL,
    version: config.META_API_VERSION,
    accessToken,
    appSecret: config.META_APP_SECRET,
    accountId,
    redisUrl: config.REDIS_URL,
  };
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class GraphClient {
  readonly stats = { calls: 0, retries: 0, throttledMs: 0 };
  readonly accountId: string;
  private readonly transport: SdkTransport;
  private readonly limiter: UsageLimiter;
  private readonly log: Logger;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly opts: GraphClientOptions) {
    const checked = parseInput(optionsSchema, opts, 'graphClient');
    this.accountId = checked.accountId;
    this.log = (opts.log ?? rootLogger).child({ module: 'graphClient', accountId: this.accountId });
    this.sleep = opts.sleep ?? realSleep;
    this.transport = new SdkTransport({ ...opts, accountId: this.accountId });
    this.limiter = new UsageLimiter({
      accountId: this.accountId,
      redisUrl: opts.redisUrl,
      log: this.log,
      sleep: this.sleep,
      paceStepMs: opts.paceStepMs,
      onPause: (ms) => {
        this.stats.throttledMs += ms;
      },
    });
  }

  async getAdAccount(): Promise<MetaAdAccount> {
    const answer = await this.request(() => this.transport.readAccount(AD_ACCOUNT_FIELDS));
    return parseAnswer(metaAdAccountSchema, answer.data, 'ad account');
  }

  listCampaigns(): Promise<MetaCampaign[]> {
    return this.listAll('campaigns', CAMPAIGN_FIELDS, metaCampaignSchema, 'campaign');
  }

  listAdSets(): Promise<MetaAdSet[]> {
    return this.listAll('adsets', AD_SET_FIELDS, metaAdSetSchema, 'ad set');
  }

  listAds(): Promise<MetaAd[]> {
    return this.listAll('ads', AD_FIELDS, metaAdSchema, 'ad');
  }

  /** Synchronous insights, one array per page. Throws MetaApiError kind 'tooMuchData' on 1/99. */
  async *insights(params: InsightsParams): AsyncGenerator<MetaInsightRow[]> {
    const { fields, query } = insightsQuery(params, this.opts.insightsPageLimit ?? INSIGHTS_PAGE_LIMIT);
    const read = (after: { after?: string }) => this.transport.readInsights(fields, { ...query, ...after });
    for await (const rows of this.pages(read)) yield parsedInsights(rows);
  }

  /** Async report: start it, poll until done (reporting progress), then page its rows. */
  async *insightsAsync(
    params: InsightsParams,
    onProgress?: (pct: number) => void,
  ): AsyncGenerator<MetaInsightRow[]> {
    const { fields, query } = insightsQuery(params, this.opts.insightsPageLimit ?? INSIGHTS_PAGE_LIMIT);
    const started = await this.request(() => this.transport.startReport(fields, query));
    const run = parseAnswer(reportRunStartSchema, started.data, 'report run');
    const reportRunId = (run.report_run_id ?? run.id) as string;
    await this.waitForReport(reportRunId, onProgress);
    const read = (after: { after?: string }) =>
      this.transport.readReportInsights(reportRunId, {
        limit: this.opts.insightsPageLimit ?? INSIGHTS_PAGE_LIMIT,
        ...after,
      });
    for await (const rows of this.pages(read)) yield parsedInsights(rows);
  }

  async close(): Promise<void> {
    await this.limiter.close();
  }

  private async waitForReport(reportRunId: string, onProgress?: (pct: number) => void): Promise<void> {
    const deadline = Date.now() + REPORT_DEADLINE_MS;
    let delay = this.opts.reportPollStartMs ?? REPORT_POLL_START_MS;
    for (;;) {
      const answer = await this.request(() =>
        this.transport.readReport(reportRunId, ['id', 'async_status', 'async_percent_completion']),
      );
      const status = parseAnswer(reportRunStatusSchema, answer.data, 'report run status');
      onProgress?.(status.async_percent_completion);
      if (status.async_status === 'Job Completed' && status.async_percent_completion >= 100) return;
      if (status.async_status === 'Job Failed' || status.async_status === 'Job Skipped') {
        throw new MetaApiError({
          kind: 'tooMuchData',
          message: `Meta's async report ${reportRunId} ended with '${status.async_status}' at ${status.async_percent_completion}%: ask for a shorter date range.`,
        });
      }
      if (Date.now() > deadline) {
        throw new MetaApiError({
          kind: 'tooMuchData',
          message: `Meta's async report ${reportRunId} did not finish within ${REPORT_DEADLINE_MS / 60_000} min: ask for a shorter date range.`,
        });
      }
      await this.sleep(delay);
      delay = Math.min(delay * 2, REPORT_POLL_MAX_MS);
    }
  }

  private async listAll<T>(
    edge: AccountEdge,
    fields: string[],
    schema: z.ZodType<T>,
    what: string,
  ): Promise<T[]> {
    const params = { limit: PAGE_LIMIT, effective_status: JSON.stringify(ALL_EFFECTIVE_STATUSES) };
    const out: T[] = [];
    for await (const rows of this.pages((after) =>
      this.transport.readEdge(edge, fields, { ...params, ...after }),
    )) {
      for (const row of rows) out.push(parseAnswer(schema, row, what));
    }
    return out;
  }

  // Follows `after` cursors until Meta gives no next page.
  private async *pages(
    read: (after: { after?: string }) => Promise<Page>,
  ): AsyncGenerator<Record<string, unknown>[]> {
    let after: string | undefined;
    do {
      const cursor = after;
      const page = await this.request(() => read(cursor ? { after: cursor } : {}));
      // handed over, not shared: this frame keeps `page` while suspended, but no longer its rows
      yield page.rows.splice(0);
      if (page.after !== undefined && page.after === cursor) {
        throw new MetaApiError({
          kind: 'unknown',
          message: 'Meta returned the same page cursor twice; stopped paging.',
        });
      }
      after = page.after;
    } while (after);
  }

  // One Graph call: paced by the limiter, usage headers fed back, failures retried per retry.ts.
  private request<T extends Answer | Page>(send: () => Promise<T>): Promise<T> {
    return withRetry(
      () =>
        this.limiter.schedule(async () => {
          this.stats.calls++;
          const answer = await send();
          await this.limiter.observe(answer.headers);
          return answer;
        }),
      {
        maxRetries: this.opts.maxRetries ?? 5,
        baseDelayMs: this.opts.retryBaseDelayMs,
        maxThrottleWaitMs: this.opts.maxThrottleWaitMs ?? 15 * 60_000,
        sleep: this.sleep,
        pauseFor: (ms) => this.limiter.pauseFor(ms),
        onRetry: (err, attempt, delayMs) => {
          this.stats.retries++;
          this.log.warn(
            {
              kind: err.kind,
              metaCode: err.metaCode,
              subcode: err.subcode,
              fbtraceId: err.fbtraceId,
              attempt,
              delayMs,
            },
            'Meta call failed; retrying',
          );
        },
      },
    );
  }
}

/**
 * An insights page parsed row by row. The raw rows are taken out of `rows` (emptied), so that the
 * generator frames holding it while suspended do not keep a second copy of every page alive while it is
 * written (a 5,000-row page is tens of MB of objects).
 */
function parsedInsights(rows: Record<string, unknown>[]): MetaInsightRow[] {
  return rows.splice(0).map((r) => parseAnswer(metaInsightRowSchema, r, 'insights row'));
}

/** Our parameters → Meta's insights query (JSON-encoded where Meta expects JSON). */
function insightsQuery(
  input: InsightsParams,
  pageLimit: number,
): { fields: string[]; query: Record<string, string | number> } {
  const p = parseInput(insightsParamsSchema, input, 'insights');
  const q: Record<string, string | number> = {
    level: p.level,
    time_range: JSON.stringify({ since: p.since, until: p.until }),
    limit: pageLimit,
  };
  if (p.timeIncrement !== undefined) q.time_increment = p.timeIncrement;
  if (p.breakdowns && p.breakdowns.length > 0) q.breakdowns = JSON.stringify(p.breakdowns);
  return { fields: p.fields, query: q };
}

function parseAnswer<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new MetaApiError({
    kind: 'unknown',
    message: `Meta answered with an unexpected ${what}: ${issue.path.join('.') || '(root)'} ${issue.message}`,
  });
}
