// The usage-driven limiter: reading Meta's four usage headers, the pace they call for, pauses, and
// (when a Redis answers) two limiters with the same account id sharing one budget.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PACE_STEP_MS, paceFor, readUsage, UsageLimiter } from '../../src/sync/meta/usageLimiter.js';

const limiters: UsageLimiter[] = [];
afterEach(async () => {
  await Promise.all(limiters.splice(0).map((l) => l.close()));
});

function limiter(opts: Partial<ConstructorParameters<typeof UsageLimiter>[0]> = {}): UsageLimiter {
  const l = new UsageLimiter({ accountId: 'act_1', ...opts });
  limiters.push(l);
  return l;
}

// Header values shaped as Meta documents them (JSON strings, lower-cased names as axios gives them).
const headersAt = (pct: number, extra: Record<string, string> = {}) => ({
  'x-business-use-case-usage': JSON.stringify({
    '1234': [
      {
        type: 'ads_insights',
        call_count: pct,
        total_cputime: 1,
        total_time: 2,
        estimated_time_to_regain_access: 0,
      },
    ],
  }),
  'x-app-usage': JSON.stringify({ call_count: 1, total_cputime: 1, total_time: 1 }),
  ...extra,
});

describe('readUsage', () => {
  it('takes the highest percentage across all four headers', () => {
    expect(readUsage(headersAt(12)).maxPercent).toBe(12);
    const h = {
      ...headersAt(12),
      'x-ad-account-usage': JSON.stringify({ acc_id_util_pct: 40, reset_time_duration: 0 }),
      'x-fb-ads-insights-throttle': JSON.stringify({ app_id_util_pct: 3, acc_id_util_pct: 77 }),
      'x-app-usage': JSON.stringify({ call_count: 5, total_cputime: 81, total_time: 9 }),
    };
    expect(readUsage(h).maxPercent).toBe(81);
  });

  it('turns BUC minutes and ad-account seconds into ms, keeping the longer', () => {
    const h = {
      'x-business-use-case-usage': JSON.stringify({
        '1': [{ type: 'ads_management', call_count: 100, estimated_time_to_regain_access: 2 }],
      }),
      'x-ad-account-usage': JSON.stringify({ acc_id_util_pct: 100, reset_time_duration: 30 }),
    };
    expect(readUsage(h)).toEqual({ maxPercent: 100, resetMs: 120_000 });
    expect(
      readUsage({ 'x-ad-account-usage': '{"acc_id_util_pct":"99","reset_time_duration":"45"}' }),
    ).toEqual({
      maxPercent: 99,
      resetMs: 45_000,
    });
  });

  it('ignores missing or unreadable headers instead of failing', () => {
    expect(readUsage(undefined)).toEqual({ maxPercent: 0 });
    expect(readUsage({ 'x-app-usage': 'not json', 'x-ad-account-usage': '[1,2]' })).toEqual({
      maxPercent: 0,
    });
  });
});

describe('paceFor', () => {
  it('lowers concurrency and spaces calls out as usage climbs past 50, 75 and 90', () => {
    const paces = [0, 49, 50, 74, 75, 89, 90, 100].map((p) => paceFor(p));
    for (let i = 1; i < paces.length; i++) {
      expect(paces[i].maxConcurrent).toBeLessThanOrEqual(paces[i - 1].maxConcurrent);
      expect(paces[i].minTime).toBeGreaterThanOrEqual(paces[i - 1].minTime);
    }
    expect(paceFor(49)).toEqual(paceFor(0));
    expect(paceFor(50).minTime).toBeGreaterThan(0);
    expect(paceFor(75).maxConcurrent).toBe(1);
    expect(paceFor(90).minTime).toBeGreaterThan(paceFor(75).minTime);
  });

  it('spaces calls in steps of the given size, concurrency as by default', () => {
    expect(paceFor(60).minTime).toBe(PACE_STEP_MS);
    expect(paceFor(60, 10)).toEqual({ maxConcurrent: paceFor(60).maxConcurrent, minTime: 10 });
    expect(paceFor(95, 10).minTime / paceFor(80, 10).minTime).toBe(paceFor(95).minTime / paceFor(80).minTime);
    expect(paceFor(10, 10)).toEqual(paceFor(10));
  });
});

describe('UsageLimiter (in-process)', () => {
  it('spaces calls once the headers report high usage', async () => {
    const l = limiter();
    await l.observe(headersAt(60));
    expect(l.currentPace()).toEqual(paceFor(60));
    const starts: number[] = [];
    await Promise.all([0, 1, 2].map(() => l.schedule(async () => starts.push(Date.now()))));
    expect(starts[2] - starts[0]).toBeGreaterThanOrEqual(2 * paceFor(60).minTime - 20);
    await l.observe(headersAt(10));
    expect(l.currentPace()).toEqual(paceFor(10));
  });

  it('pauses until the reported reset when usage reaches 100', async () => {
    const slept: number[] = [];
    const l = limiter({ sleep: async (ms) => void slept.push(ms) });
    const h = headersAt(100, {
      'x-ad-account-usage': JSON.stringify({ acc_id_util_pct: 100, reset_time_duration: 90 }),
    });
    await l.observe(h);
    expect(await l.pausedUntil()).toBeGreaterThan(Date.now() + 85_000);
    await l.schedule(async () => 'ran');
    expect(slept).toHaveLength(1);
    expect(slept[0]).toBeGreaterThan(85_000);
    expect(slept[0]).toBeLessThanOrEqual(90_000);
  });

  it('falls back to in-process limiting when Redis does not answer', async () => {
    const l = limiter({ redisUrl: 'redis://127.0.0.1:1', redisReadyTimeoutMs: 500 });
    await l.whenReady();
    expect(l.shared).toBe(false);
    expect(await l.schedule(async () => 'ran')).toBe('ran');
  });
});

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisAnswers = await new Promise<boolean>((resolve) => {
  const u = new URL(redisUrl);
  const socket = net.connect({ host: u.hostname, port: Number(u.port || 6379) });
  socket.setTimeout(500);
  const done = (ok: boolean) => {
    socket.destroy();
    resolve(ok);
  };
  socket.once('connect', () => done(true));
  socket.once('error', () => done(false));
  socket.once('timeout', () => done(false));
});

describe.skipIf(!redisAnswers)('UsageLimiter shared through Redis', () => {
  const accountId = `act_9${process.pid}${Date.now() % 100_000}`;

  it('two limiters with the same account id share one pace', async () => {
    const a = limiter({ accountId, redisUrl });
    const b = limiter({ accountId, redisUrl });
    await Promise.all([a.whenReady(), b.whenReady()]);
    expect(a.shared && b.shared).toBe(true);
    await a.observe(headersAt(60)); // one process sees 60%: both slow to its pace
    const minTime = paceFor(60).minTime;
    const starts: number[] = [];
    const job = async () => void starts.push(Date.now());
    await Promise.all([a.schedule(job), b.schedule(job), a.schedule(job), b.schedule(job)]);
    starts.sort((x, y) => x - y);
    // Bottleneck's cluster mode spaces calls by Redis's clock, ours reads Date.now(): allow 10% skew
    // (unshared limiters would start all four at once, far below this)
    expect(starts[3] - starts[0]).toBeGreaterThanOrEqual(3 * minTime * 0.9);
  });

  it("a pause set by one limiter holds the other's calls", async () => {
    const a = limiter({ accountId: `${accountId}1`, redisUrl });
    const slept: number[] = [];
    const b = limiter({ accountId: `${accountId}1`, redisUrl, sleep: async (ms) => void slept.push(ms) });
    await Promise.all([a.whenReady(), b.whenReady()]);
    await a.pauseFor(30_000);
    await b.schedule(async () => 'ran');
    expect(slept).toHaveLength(1);
    expect(slept[0]).toBeGreaterThan(25_000);
  });
});
