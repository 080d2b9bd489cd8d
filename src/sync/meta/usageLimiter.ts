// Paces Graph calls for one ad account by what Meta says about our usage. Every answer carries usage
// headers (percent of the budget spent); as the highest of them climbs we lower concurrency and space
// calls out, and at 100 (or on a throttle error) we pause until the reset Meta states. With a Redis
// URL the pace and the pause are shared by every process syncing the same account (Bottleneck's
// cluster mode over ioredis, id per account); without one, or when Redis does not answer, in-process.
// This module never decides *whether* to retry (retry.ts does); it only decides *when* a call may go.
import Bottleneck from 'bottleneck';
import { Redis } from 'ioredis';
import { type Logger, redactUrl, logger as rootLogger } from '../../log.js';
import {
  adAccountUsageHeaderSchema,
  appUsageHeaderSchema,
  bucUsageHeaderSchema,
  insightsThrottleHeaderSchema,
} from './metaTypes.js';

export type HeaderBag = Record<string, unknown> | undefined | null;

export interface UsageReading {
  /** Highest percentage any usage header reports (0 when none came). */
  maxPercent: number;
  /** Longest wait any header states (BUC minutes, ad-account seconds), in ms; undefined when none. */
  resetMs?: number;
}

function header(headers: HeaderBag, name: string): unknown {
  if (!headers) return undefined;
  const raw = headers[name] ?? headers[name.toLowerCase()];
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/** Reads the four usage headers (names case-insensitive as axios lower-cases them). */
export function readUsage(headers: HeaderBag): UsageReading {
  const percents: (number | undefined)[] = [];
  const waits: number[] = [];
  const buc = bucUsageHeaderSchema.safeParse(header(headers, 'x-business-use-case-usage'));
  if (buc.success) {
    for (const entry of Object.values(buc.data).flat()) {
      percents.push(entry.call_count, entry.total_cputime, entry.total_time);
      if (entry.estimated_time_to_regain_access) waits.push(entry.estimated_time_to_regain_access * 60_000);
    }
  }
  const account = adAccountUsageHeaderSchema.safeParse(header(headers, 'x-ad-account-usage'));
  if (account.success) {
    percents.push(account.data.acc_id_util_pct);
    if (account.data.reset_time_duration) waits.push(account.data.reset_time_duration * 1000);
  }
  const insights = insightsThrottleHeaderSchema.safeParse(header(headers, 'x-fb-ads-insights-throttle'));
  if (insights.success) percents.push(insights.data.app_id_util_pct, insights.data.acc_id_util_pct);
  const app = appUsageHeaderSchema.safeParse(header(headers, 'x-app-usage'));
  if (app.success) percents.push(app.data.call_count, app.data.total_cputime, app.data.total_time);
  const maxPercent = Math.max(0, ...percents.filter((p): p is number => p !== undefined));
  return waits.length > 0 ? { maxPercent, resetMs: Math.ceil(Math.max(...waits)) } : { maxPercent };
}

export interface Pace {
  maxConcurrent: number;
  /** Minimum ms between call starts. */
  minTime: number;
}

/** Spacing between call starts from 50% usage on (the first slow-down); the later ones are multiples. */
export const PACE_STEP_MS = 250;

// Thresholds where we slow down, highest first, spacing in steps of PACE_STEP_MS (250 ms, 1 s, 5 s by
// default). Below 50% Meta's budget is not in sight: run freely.
const PACES: { atLeast: number; maxConcurrent: number; steps: number }[] = [
  { atLeast: 90, maxConcurrent: 1, steps: 20 },
  { atLeast: 75, maxConcurrent: 1, steps: 4 },
  { atLeast: 50, maxConcurrent: 2, steps: 1 },
  { atLeast: 0, maxConcurrent: 4, steps: 0 },
];

/** The pace for a reported usage percentage. */
export function paceFor(maxPercent: number, stepMs = PACE_STEP_MS): Pace {
  const p = PACES.find((p) => maxPercent >= p.atLeast) ?? PACES[PACES.length - 1];
  return { maxConcurrent: p.maxConcurrent, minTime: p.steps * stepMs };
}

export interface UsageLimiterOptions {
  /** Ad account id ('act_…'): processes limiting the same account share one budget. */
  accountId: string;
  redisUrl?: string;
  log?: Logger;
  sleep?: (ms: number) => Promise<void>;
  /** Told of each wait Meta asked of us (ours, or another process's seen through Redis). */
  onPause?: (ms: number) => void;
  /** How long to wait for Redis before falling back to in-process limiting. */
  redisReadyTimeoutMs?: number;
  /** The first slow-down's spacing (default PACE_STEP_MS); a test whose subject is not pacing shortens it. */
  paceStepMs?: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class UsageLimiter {
  private readonly log: Logger;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly pauseKey: string;
  private limiter: Bottleneck;
  private redis?: Redis;
  private connection?: Bottleneck.IORedisConnection;
  private localPausedUntil = 0;
  private pauseSetAt = 0;
  private pace: Pace;
  private readonly ready: Promise<void>;

  constructor(private readonly opts: UsageLimiterOptions) {
    this.log = (opts.log ?? rootLogger).child({ module: 'usageLimiter', accountId: opts.accountId });
    this.sleep = opts.sleep ?? realSleep;
    this.pauseKey = `adnavi:meta:pause:${opts.accountId}`;
    this.pace = paceFor(0, opts.paceStepMs);
    this.limiter = new Bottleneck({ ...this.pace });
    this.ready = opts.redisUrl ? this.connectRedis(opts.redisUrl) : Promise.resolve();
  }

  /** True when the budget is shared through Redis. */
  get shared(): boolean {
    return this.redis !== undefined;
  }

  /** Waits until Redis answers (or the fallback is decided). */
  whenReady(): Promise<void> {
    return this.ready;
  }

  private async connectRedis(url: string): Promise<void> {
    // Not lazyConnect: Bottleneck duplicates this client for its subscriber and waits for both.
    const client = new Redis(url, { maxRetriesPerRequest: 2 });
    client.on('error', () => {}); // failures surface through the calls below; don't crash the process
    const timeoutMs = this.opts.redisReadyTimeoutMs ?? 5000;
    try {
      await withTimeout(new Promise((resolve) => client.once('ready', resolve)), timeoutMs);
      const connection = new Bottleneck.IORedisConnection({ client });
      connection.on('error', (err) => this.log.warn({ err: String(err) }, 'redis limiter error'));
      const clustered = new Bottleneck({
        ...this.pace,
        id: `adnavi-meta-${this.opts.accountId}`,
        datastore: 'ioredis',
        connection,
        // Keys of an account nobody syncs any more expire instead of lingering forever.
        timeout: 60 * 60_000,
      });
      await withTimeout(clustered.ready(), timeoutMs);
      this.limiter = clustered;
      this.redis = client;
      this.connection = connection;
    } catch (err) {
      client.disconnect();
      this.log.warn(
        { redis: redactUrl(url), err: String(err) },
        'Redis did not answer; limiting Meta calls in this process only',
      );
    }
  }

  /** Runs a call when the pace and any pause allow it. */
  async schedule<T>(call: () => Promise<T>): Promise<T> {
    await this.ready;
    return this.limiter.schedule(async () => {
      await this.waitWhilePaused();
      const startedAt = Date.now();
      const result = await call();
      // Meta took a call made after the pause began: the pause is over (matters when the wait was
      // shortened or a reset came early). A pause set during this call (by its headers) stays.
      if (this.pauseSetAt <= startedAt) this.localPausedUntil = 0;
      return result;
    });
  }

  /** Adapts the pace to an answer's usage headers; pauses at 100% when Meta says until when. */
  async observe(headers: HeaderBag): Promise<UsageReading> {
    const reading = readUsage(headers);
    const pace = paceFor(reading.maxPercent, this.opts.paceStepMs);
    const changed = pace.maxConcurrent !== this.pace.maxConcurrent || pace.minTime !== this.pace.minTime;
    if (changed)
      this.log.info({ usagePercent: reading.maxPercent, ...pace }, 'Meta usage changed; adjusting pace');
    // Shared: another process may have changed the pace since we last looked, so always write ours.
    if (changed || this.redis) await this.limiter.updateSettings({ ...pace });
    this.pace = pace;
    if (reading.maxPercent >= 100 && reading.resetMs) await this.pauseFor(reading.resetMs);
    return reading;
  }

  /** The current pace (what the last usage headers asked for). */
  currentPace(): Pace {
    return { ...this.pace };
  }

  /** Holds every call (in every process sharing the account) for `ms`. */
  async pauseFor(ms: number): Promise<void> {
    this.pauseSetAt = Date.now();
    const until = this.pauseSetAt + ms;
    this.localPausedUntil = Math.max(this.localPausedUntil, until);
    this.opts.onPause?.(ms);
    if (this.redis) {
      const current = Number((await this.redis.get(this.pauseKey)) ?? 0);
      if (until > current) await this.redis.set(this.pauseKey, String(until), 'PX', Math.max(1, ms));
    }
  }

  /** When calls may go again (ms since epoch; 0 or past when not paused). */
  async pausedUntil(): Promise<number> {
    if (!this.redis) return this.localPausedUntil;
    const shared = Number((await this.redis.get(this.pauseKey)) ?? 0);
    return Math.max(this.localPausedUntil, shared);
  }

  // Sleeps out a pause; sleeps again only if someone extended it meanwhile (so an injected no-op
  // sleep in tests cannot spin forever).
  private async waitWhilePaused(): Promise<void> {
    let seen = 0;
    for (;;) {
      const until = await this.pausedUntil();
      const wait = until - Date.now();
      if (wait <= 0 || until <= seen) return;
      // A pause another process set (through Redis) is counted here; our own ones in pauseFor.
      if (until > this.localPausedUntil) this.opts.onPause?.(wait);
      seen = until;
      await this.sleep(wait);
    }
  }

  async close(): Promise<void> {
    await this.ready;
    if (this.connection) {
      // A limiter on a connection we passed in leaves the connection open; close it ourselves.
      await this.limiter.disconnect(false);
      await this.connection.disconnect(false);
      this.connection = undefined;
      this.redis = undefined;
    } else {
      await this.limiter.stop({ dropWaitingJobs: true });
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
