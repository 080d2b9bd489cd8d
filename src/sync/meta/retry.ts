// What to do when a Graph call fails. Throttle errors wait as long as Meta says (through the limiter,
// so every caller on the account waits with us) and then try again; a stated wait longer than our cap
// fails at once with the time to come back. Transient errors retry with exponential backoff and full
// jitter, a bounded number of times. Every other kind is final and thrown as it is.
import { MetaApiError } from './metaErrors.js';

/** Transient-error backoff base: full jitter up to base × 2^attempt. */
export const RETRY_BASE_DELAY_MS = 500;

export interface RetryPolicy {
  /** Transient retries after the first attempt. */
  maxRetries: number;
  /** Longest single wait Meta may ask of us before we give up. */
  maxThrottleWaitMs: number;
  /** Throttle waits per call before we give up (Meta keeps refusing). */
  maxThrottleWaits?: number;
  /** Backoff base and ceiling for transient errors. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Wait when a throttle error states no reset (e.g. code 4 without usage headers); doubles each time. */
  throttleFallbackMs?: number;
  sleep: (ms: number) => Promise<void>;
  /** Holds calls for the stated wait; the next attempt's scheduling sleeps it out. */
  pauseFor: (ms: number) => Promise<void>;
  onRetry?: (err: MetaApiError, attempt: number, delayMs: number) => void;
  random?: () => number;
}

/** Full jitter: a uniform delay between 0 and min(cap, base × 2^attempt). */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  capMs: number,
  random: () => number = Math.random,
) {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** attempt));
}

export function formatWait(ms: number): string {
  if (ms < 60_000) return `${Math.ceil(ms / 1000)} s`;
  return `${Math.ceil(ms / 60_000)} min`;
}

function amended(err: MetaApiError, message: string): MetaApiError {
  return new MetaApiError({
    kind: err.kind,
    message,
    metaCode: err.metaCode,
    subcode: err.subcode,
    fbtraceId: err.fbtraceId,
    retryAfterMs: err.retryAfterMs,
    upstreamStatus: err.upstreamStatus,
    metaMessage: err.metaMessage,
  });
}

export async function withRetry<T>(attempt: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  const random = policy.random ?? Math.random;
  const maxThrottleWaits = policy.maxThrottleWaits ?? 5;
  let transientRetries = 0;
  let throttleWaits = 0;
  for (;;) {
    try {
      return await attempt();
    } catch (err) {
      if (!(err instanceof MetaApiError)) throw err;
      if (err.kind === 'throttle') {
        const wait = throttleWait(err, throttleWaits, policy);
        throttleWaits++;
        if (throttleWaits > maxThrottleWaits) {
          throw amended(
            err,
            `${err.message} — still refused after ${maxThrottleWaits} waits; sync again later.`,
          );
        }
        policy.onRetry?.(err, throttleWaits, wait);
        await policy.pauseFor(wait);
        continue;
      }
      if (err.kind === 'transient') {
        if (transientRetries >= policy.maxRetries) {
          throw amended(err, `${err.message} — gave up after ${transientRetries + 1} attempts.`);
        }
        const delay = backoffDelay(
          transientRetries,
          policy.baseDelayMs ?? RETRY_BASE_DELAY_MS,
          policy.maxDelayMs ?? 30_000,
          random,
        );
        transientRetries++;
        policy.onRetry?.(err, transientRetries, delay);
        await policy.sleep(delay);
        continue;
      }
      throw err;
    }
  }
}

// Meta's stated wait, capped; without one, our own doubling guess (capped, never a reason to fail).
function throttleWait(err: MetaApiError, waitsSoFar: number, policy: RetryPolicy): number {
  if (err.retryAfterMs !== undefined) {
    if (err.retryAfterMs > policy.maxThrottleWaitMs) {
      const back = new Date(Date.now() + err.retryAfterMs).toISOString();
      throw amended(
        err,
        `${err.message} — Meta asks us to wait ${formatWait(err.retryAfterMs)}, longer than the ${formatWait(policy.maxThrottleWaitMs)} we wait; sync again after ${back}.`,
      );
    }
    return err.retryAfterMs;
  }
  const guess = (policy.throttleFallbackMs ?? 60_000) * 2 ** waitsSoFar;
  return Math.min(guess, policy.maxThrottleWaitMs);
}
