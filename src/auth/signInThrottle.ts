// Password guessing is slowed per account and per address: a few free failures, then each further
// failure blocks that key for twice as long as the last (1 s, 2 s, 4 s … up to 15 minutes), and a
// blocked key is refused before the password is even hashed. A success clears the account's count.
// The address is req.ip, which believes X-Forwarded-For only from ADNAVI_TRUST_PROXY (app.ts), so a
// caller cannot get a fresh bucket per header. In-process: each server process keeps its own counts.
import { TooManyRequestsError } from '../errors.js';

export interface ThrottleOptions {
  /** Failures allowed before backoff starts, per account and per address. */
  accountFreeFailures?: number;
  addressFreeFailures?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  now?: () => number;
}

interface Entry {
  failures: number;
  blockedUntil: number;
  lastFailure: number;
}

const FORGET_AFTER_MS = 60 * 60 * 1000;
const MAX_ENTRIES = 50_000;

export class SignInThrottle {
  private readonly entries = new Map<string, Entry>();
  private readonly accountFree: number;
  private readonly addressFree: number;
  private readonly base: number;
  private readonly max: number;
  private readonly now: () => number;

  constructor(options: ThrottleOptions = {}) {
    this.accountFree = options.accountFreeFailures ?? 5;
    this.addressFree = options.addressFreeFailures ?? 20;
    this.base = options.baseDelayMs ?? 1000;
    this.max = options.maxDelayMs ?? 15 * 60 * 1000;
    this.now = options.now ?? Date.now;
  }

  /** Throws TooManyRequestsError while the account or the address is blocked. */
  check(account: string | undefined, address: string): void {
    const now = this.now();
    const waits = [this.key('account', account), this.key('address', address)]
      .map((k) => (k ? this.entries.get(k) : undefined))
      .map((e) => (e && e.blockedUntil > now ? e.blockedUntil - now : 0));
    const wait = Math.max(...waits);
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      throw new TooManyRequestsError(`too many failed attempts; try again in ${seconds} s`, seconds);
    }
  }

  failed(account: string | undefined, address: string): void {
    const now = this.now();
    this.prune(now);
    const keys: [string | undefined, number][] = [
      [this.key('account', account), this.accountFree],
      [this.key('address', address), this.addressFree],
    ];
    for (const [key, free] of keys) {
      if (!key) continue;
      const entry = this.entries.get(key) ?? { failures: 0, blockedUntil: 0, lastFailure: now };
      entry.failures += 1;
      entry.lastFailure = now;
      const over = entry.failures - free;
      if (over > 0) entry.blockedUntil = now + Math.min(this.max, this.base * 2 ** Math.min(over - 1, 30));
      this.entries.set(key, entry);
    }
  }

  succeeded(account: string): void {
    this.entries.delete(`account:${account.toLowerCase()}`);
  }

  private key(kind: 'account' | 'address', value: string | undefined): string | undefined {
    return value === undefined || value === '' ? undefined : `${kind}:${value.toLowerCase()}`;
  }

  /** Keys quiet for an hour are forgotten; the map never grows past MAX_ENTRIES. */
  private prune(now: number): void {
    if (this.entries.size < MAX_ENTRIES) return;
    for (const [key, entry] of this.entries) {
      if (now - entry.lastFailure > FORGET_AFTER_MS && entry.blockedUntil < now) this.entries.delete(key);
    }
    while (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
