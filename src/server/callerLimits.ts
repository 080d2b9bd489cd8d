// Per-caller limits on the chat socket: questions a minute, and sockets open at once. A caller is an
// API key, a signed-in user, or (local mode, where everyone is the default workspace) the address it
// calls from, so one caller's flood never slows another. Questions use a token bucket: a burst of the
// whole minute's allowance, refilled evenly, so the wait it reports (Retry-After) is exact. In memory,
// per process, like the REST limiter (protection.ts); the clock is injected so tests can step it.
import type { Caller } from '../auth/authenticate.js';

export function callerKey(caller: Caller, address: string | undefined): string {
  if (caller.apiKeyId) return `key:${caller.apiKeyId}`;
  if (caller.userId) return `user:${caller.userId}`;
  return `local:${address ?? 'unknown'}`;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets kept before full ones (callers idle a minute or more) are dropped. */
const MAX_BUCKETS = 10_000;

export class AskRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one question from the caller's allowance: 0 when it may go now, else whole seconds to wait. */
  take(key: string): number {
    const now = this.now();
    const perMs = this.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    this.remember(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
  }

  private remember(key: string, bucket: Bucket): void {
    this.buckets.set(key, bucket);
    if (this.buckets.size <= MAX_BUCKETS) return;
    for (const [k, b] of this.buckets) if (b.tokens >= this.perMinute) this.buckets.delete(k);
  }
}

export class SocketCounter {
  private readonly open = new Map<string, number>();
  constructor(readonly max: number) {}

  /** Counts a new socket in; false (nothing counted) when the caller already has `max` open. */
  acquire(key: string): boolean {
    const n = this.open.get(key) ?? 0;
    if (n >= this.max) return false;
    this.open.set(key, n + 1);
    return true;
  }

  release(key: string): void {
    const n = (this.open.get(key) ?? 1) - 1;
    if (n <= 0) this.open.delete(key);
    else this.open.set(key, n);
  }
}
