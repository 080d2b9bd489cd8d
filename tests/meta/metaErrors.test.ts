// Meta's error table (../shared/meta-graph-api.md, "Errors") → our kinds, and the retry arithmetic.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { classifyMetaError, MetaApiError, metaApiErrorFrom } from '../../src/sync/meta/metaErrors.js';
import { backoffDelay, withRetry } from '../../src/sync/meta/retry.js';

const body = (code: number, error_subcode?: number, extra: Record<string, unknown> = {}) => ({
  message: `(#${code}) something`,
  code,
  error_subcode,
  ...extra,
});

describe('classifyMetaError', () => {
  it.each([
    [body(190, 463), 400, 'auth'],
    [body(190, 460), 400, 'auth'],
    [body(190), 400, 'auth'],
    [body(1, 99), 500, 'tooMuchData'],
    [body(1), 500, 'transient'],
    [body(2), 500, 'transient'],
    [body(4), 400, 'throttle'],
    [body(17, 2446079), 400, 'throttle'],
    [body(32), 400, 'throttle'],
    [body(613, 1487742), 400, 'throttle'],
    [body(80000), 400, 'throttle'],
    [body(80004, 2446079), 400, 'throttle'],
    [body(80014), 400, 'throttle'],
    [body(10), 403, 'permission'],
    [body(200), 403, 'permission'],
    [body(294), 403, 'permission'],
    [body(368), 400, 'policy'],
    [body(100, 33), 400, 'invalid'],
    [body(999, undefined, { is_transient: true }), 400, 'transient'],
    [body(999), 503, 'transient'],
    [body(999), 400, 'unknown'],
  ] as const)('%o (HTTP %i) → %s', (b, status, kind) => {
    expect(classifyMetaError(b, status)).toBe(kind);
  });
});

describe('metaApiErrorFrom', () => {
  it('builds an AppError carrying code, subcode, trace id and the stated wait', () => {
    const err = metaApiErrorFrom({
      status: 400,
      body: { ...body(80004, 2446079), fbtrace_id: 'AbC' },
      headers: {
        'x-business-use-case-usage': JSON.stringify({
          42: [{ call_count: 100, estimated_time_to_regain_access: 3 }],
        }),
      },
      accountId: 'act_42',
    });
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({
      kind: 'throttle',
      metaCode: 80004,
      subcode: 2446079,
      fbtraceId: 'AbC',
      retryAfterMs: 180_000,
    });
    expect(err.httpStatus).toBe(429);
  });

  it('redacts tokens wherever a message quotes a URL', () => {
    const err = metaApiErrorFrom({
      status: 400,
      body: { message: 'bad call https://x/v24.0/act_1?access_token=SECRET123&fields=id', code: 100 },
      accountId: 'act_1',
    });
    expect(err.message).not.toContain('SECRET123');
    expect(err.message).toContain('access_token=[redacted]');
  });

  it('no answer at all is a transient network failure', () => {
    const err = metaApiErrorFrom({ accountId: 'act_1', networkReason: 'socket hang up' });
    expect(err.kind).toBe('transient');
    expect(err.message).toContain('socket hang up');
  });
});

describe('retry arithmetic', () => {
  it('full jitter stays within [0, min(cap, base·2^n))', () => {
    expect(backoffDelay(0, 500, 30_000, () => 0)).toBe(0);
    expect(backoffDelay(3, 500, 30_000, () => 0.999)).toBeLessThan(4000);
    expect(backoffDelay(3, 500, 30_000, () => 0.999)).toBeGreaterThan(3900);
    expect(backoffDelay(20, 500, 30_000, () => 0.999)).toBeLessThan(30_000);
  });

  it('does not retry final kinds, and retries transient ones a bounded number of times', async () => {
    const policy = {
      maxRetries: 3,
      maxThrottleWaitMs: 1000,
      sleep: async () => {},
      pauseFor: async () => {},
    };
    let calls = 0;
    const invalid = new MetaApiError({ kind: 'invalid', message: 'no' });
    await expect(
      withRetry(async () => {
        calls++;
        throw invalid;
      }, policy),
    ).rejects.toBe(invalid);
    expect(calls).toBe(1);
    calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw new MetaApiError({ kind: 'transient', message: 'blip' });
      }, policy),
    ).rejects.toThrow(/gave up after 4 attempts/);
    expect(calls).toBe(4);
  });
});
