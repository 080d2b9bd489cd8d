// Sign-up races and password guessing: simultaneous first sign-ups make exactly one owner of the
// default workspace, a taken email is 409 (never 500) even when both sign-ups race, and wrong
// passwords meet a per-account and per-address backoff that X-Forwarded-For cannot dodge.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../../src/auth/accounts.js';
import { SignInThrottle } from '../../src/auth/signInThrottle.js';
import { sql } from '../../src/db/sql.js';
import { DEFAULT_WORKSPACE_ID } from '../../src/db/workspaces.js';
import { TooManyRequestsError } from '../../src/errors.js';
import { call, serveTest, type TestServer, uniqueEmail } from '../auth/harness.js';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';

const PASSWORD = 'correct horse battery';

async function defaultOwners(t: TestDb): Promise<number> {
  const rows = await t.db.query<{ n: number }>(
    sql`select count(*)::int as n from memberships where workspace_id = ${DEFAULT_WORKSPACE_ID} and role = 'owner'`,
  );
  return rows[0].n;
}

describe('the sign-in throttle', () => {
  it('allows the free failures, then backs off doubling, and a success clears the account', () => {
    let now = 0;
    const throttle = new SignInThrottle({ accountFreeFailures: 2, addressFreeFailures: 100, now: () => now });
    const fail = () => throttle.failed('a@example.com', '10.0.0.1');
    fail();
    fail();
    expect(() => throttle.check('a@example.com', '10.0.0.1')).not.toThrow();
    fail(); // third: blocked 1 s
    expect(() => throttle.check('A@example.com', '10.0.0.9')).toThrow(TooManyRequestsError);
    now += 1001;
    expect(() => throttle.check('a@example.com', '10.0.0.1')).not.toThrow();
    fail(); // fourth: 2 s
    now += 1500;
    expect(() => throttle.check('a@example.com', '10.0.0.1')).toThrow(/try again in 1 s/);
    expect(() => throttle.check('b@example.com', '10.0.0.1')).not.toThrow(); // other accounts unaffected
    throttle.succeeded('a@example.com');
    expect(() => throttle.check('a@example.com', '10.0.0.1')).not.toThrow();
  });

  it('blocks an address that sprays many accounts', () => {
    const throttle = new SignInThrottle({ addressFreeFailures: 3, now: () => 0 });
    for (let i = 0; i < 4; i++) throttle.failed(`user${i}@example.com`, '10.0.0.2');
    expect(() => throttle.check('fresh@example.com', '10.0.0.2')).toThrow(TooManyRequestsError);
    expect(() => throttle.check('fresh@example.com', '10.0.0.3')).not.toThrow();
  });
});

describe.each(backends)('sign-up races and guessing (%s)', (kind) => {
  let t: TestDb;
  let server: TestServer;
  beforeAll(async () => {
    t = await createTestDb(kind);
    server = await serveTest(t.db);
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    await t?.drop();
  });

  // Proven able to fail: with the lock in src/auth/accounts.ts removed, 4 runs of 4 on PostgreSQL
  // made 2 or 3 owners (one round of 6 sign-ups had caught it in only 2 runs of 3). PGlite runs one
  // transaction at a time, so there the lock is never what decides.
  it('makes exactly one owner of the default workspace from simultaneous first sign-ups', async () => {
    for (let round = 0; round < 5; round += 1) {
      await t.db.query(sql`delete from users`); // memberships and sessions go with them
      expect(await defaultOwners(t)).toBe(0);
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, () => signUp(t.db, { email: uniqueEmail(), password: PASSWORD })),
      );
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      expect(await defaultOwners(t), `round ${round}`).toBe(1);
      const inDefault = results.filter(
        (r) => r.status === 'fulfilled' && r.value.workspaceId === DEFAULT_WORKSPACE_ID,
      );
      expect(inDefault).toHaveLength(1);
    }
  });

  it('answers a taken email with 409, also when two sign-ups race for it', async () => {
    const email = uniqueEmail();
    const both = await Promise.all(
      [email, email.toUpperCase()].map((e) =>
        call(server.url, '/api/auth/signup', { method: 'POST', body: { email: e, password: PASSWORD } }),
      ),
    );
    expect(both.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(both.find((a) => a.status === 409)?.json.error.message).toMatch(/already exists/);
  });

  it('backs off wrong passwords per account, and a forged X-Forwarded-For gets no fresh bucket', async () => {
    const email = uniqueEmail();
    expect(
      (await call(server.url, '/api/auth/signup', { method: 'POST', body: { email, password: PASSWORD } }))
        .status,
    ).toBe(201);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 7; i++) {
      const answer = await call(server.url, '/api/auth/login', {
        method: 'POST',
        headers: { 'x-forwarded-for': `203.0.113.${i}` },
        body: { email, password: 'wrong password!' },
      });
      statuses.push(answer.status);
      retryAfter ??= answer.headers.get('retry-after');
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // while blocked even the right password waits (the guesser cannot tell it found it)
    const right = await call(server.url, '/api/auth/login', {
      method: 'POST',
      body: { email, password: PASSWORD },
    });
    expect(right.status).toBe(429);
  });
});
