// Rate-limit bookkeeping: a rolling one-minute window of calls drives the usage percentages Meta
// reports in its headers, and the throttle fault pushes one family of them to 100 and then refuses
// calls until its reset time has passed. Uses wall-clock time (not the simulator's data clock) so a
// test with a frozen "now" still sees the throttle clear.

import type { ThrottleKind } from './errors.js';

const WINDOW_MS = 60_000;
/** Calls per window that count as 100% of the budget under normal load. */
const WINDOW_BUDGET = 1800;

/**
 * Calls in the last minute, overall and per ad account (key ''), against a budget of calls a minute.
 * Per account it is Meta's business-use-case budget: a full window refuses the account's next call
 * until its oldest call leaves the window.
 */
export class UsageMeter {
  private stamps = new Map<string, number[]>();

  constructor(readonly budget = WINDOW_BUDGET) {}

  private window(key: string, nowMs: number): number[] {
    const list = this.stamps.get(key) ?? [];
    this.stamps.set(key, list);
    while (list.length > 0 && list[0] <= nowMs - WINDOW_MS) list.shift();
    return list;
  }

  record(nowMs: number, accountId = ''): void {
    this.window('', nowMs).push(nowMs);
    if (accountId) this.window(accountId, nowMs).push(nowMs);
  }

  /** Percentage of the budget used in the last minute (overall, or of one account). */
  percent(nowMs: number, accountId = ''): number {
    return Math.min(100, Math.floor((this.window(accountId, nowMs).length * 100) / this.budget));
  }

  /** An account whose window is full: a throttle reading with the seconds until a slot frees. */
  exhausted(nowMs: number, accountId: string): ThrottleReading | undefined {
    const list = this.window(accountId, nowMs);
    if (list.length < this.budget) return undefined;
    const remainingSeconds = Math.max(1, Math.ceil((list[0] + WINDOW_MS - nowMs) / 1000));
    return { kind: 'buc', percent: 100, remainingSeconds, blocked: true };
  }
}

export interface ThrottleConfig {
  kind: ThrottleKind;
  afterCalls: number;
  resetSeconds: number;
}

export interface ThrottleReading {
  kind: ThrottleKind;
  percent: number;
  /** Seconds until calls are accepted again; 0 when not blocked. */
  remainingSeconds: number;
  blocked: boolean;
}

/**
 * Counts calls since the fault was set; the usage climbs toward 100 over `afterCalls` calls, the
 * next call is refused and the budget stays spent for `resetSeconds`. After that the window starts
 * again from zero (so a long sync may be throttled more than once, as with Meta's rolling window).
 */
export class Throttle {
  private count = 0;
  private blockedUntil = 0;

  constructor(readonly config: ThrottleConfig) {}

  /** Registers one call and says whether it is refused. */
  step(nowMs: number): ThrottleReading {
    if (this.blockedUntil > 0 && nowMs >= this.blockedUntil) {
      this.blockedUntil = 0;
      this.count = 0;
    }
    if (this.blockedUntil === 0) {
      this.count++;
      if (this.count > this.config.afterCalls) this.blockedUntil = nowMs + this.config.resetSeconds * 1000;
    }
    return this.read(nowMs);
  }

  read(nowMs: number): ThrottleReading {
    const blocked = this.blockedUntil > nowMs;
    const percent = blocked
      ? 100
      : Math.min(99, Math.floor((this.count * 100) / (this.config.afterCalls + 1)));
    // whole seconds as Meta states them; a reset configured in fractions of a second (a test that
    // waits the throttle out for real but need not wait a whole second) is stated to the tenth
    const stepMs = Number.isInteger(this.config.resetSeconds) ? 1000 : 100;
    const remainingSeconds = blocked ? (Math.ceil((this.blockedUntil - nowMs) / stepMs) * stepMs) / 1000 : 0;
    return { kind: this.config.kind, percent, remainingSeconds, blocked };
  }
}

export interface UsageInput {
  accountId: string;
  insights: boolean;
  basePercent: number;
  throttle?: ThrottleReading;
}

/**
 * The four usage headers as JSON strings. BUC's `estimated_time_to_regain_access` is in minutes as
 * Meta documents; a sub-minute wait is given as a fraction of a minute (e.g. 0.02) so short test
 * resets still state the true wait.
 */
export function usageHeaders(u: UsageInput): Record<string, string> {
  const t = u.throttle;
  const pct = (kind: ThrottleKind) =>
    t && t.kind === kind ? Math.max(u.basePercent, t.percent) : u.basePercent;
  const remaining = t?.remainingSeconds ?? 0;
  const regainMinutes =
    remaining === 0
      ? 0
      : remaining >= 60
        ? Math.ceil(remaining / 60)
        : Math.max(0.01, Number((remaining / 60).toFixed(2))); // a tenth of a second must not read as none
  const tier = 'standard_access';
  const buc = pct('buc');
  const account = pct('ad_account');
  const app = pct('app');
  return {
    'x-business-use-case-usage': JSON.stringify({
      [u.accountId]: [
        {
          type: u.insights ? 'ads_insights' : 'ads_management',
          call_count: buc,
          total_cputime: Math.floor(buc / 2),
          total_time: Math.floor((buc * 7) / 10),
          estimated_time_to_regain_access: t?.kind === 'buc' ? regainMinutes : 0,
          ads_api_access_tier: tier,
        },
      ],
    }),
    'x-ad-account-usage': JSON.stringify({
      acc_id_util_pct: account,
      reset_time_duration: t?.kind === 'ad_account' ? remaining : 0,
      ads_api_access_tier: tier,
    }),
    'x-fb-ads-insights-throttle': JSON.stringify({
      app_id_util_pct: app,
      acc_id_util_pct: account,
      ads_api_access_tier: tier,
    }),
    'x-app-usage': JSON.stringify({
      call_count: app,
      total_cputime: Math.floor(app / 2),
      total_time: Math.floor((app * 7) / 10),
    }),
  };
}
