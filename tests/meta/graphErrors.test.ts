// Each fault the simulator injects, seen through the client: the error kind, whether it retried, how
// long it waited, and what the message tells a person.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../src/calendar.js';
import { type Simulator, startSimulator } from '../../src/simulator/index.js';
import { GraphClient, type GraphClientOptions } from '../../src/sync/meta/graphClient.js';
import { MetaApiError } from '../../src/sync/meta/metaErrors.js';

let sim: Simulator;
const clients: GraphClient[] = [];
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function newClient(extra: Partial<GraphClientOptions> = {}): GraphClient {
  const c = new GraphClient({
    baseUrl: sim.url,
    version: sim.version,
    accessToken: sim.accessToken,
    accountId: sim.accounts[0].id,
    // Transient backoff shortened; throttle waits stay real unless a test says otherwise.
    sleep: (ms) => realSleep(Math.min(ms, 20)),
    ...extra,
  });
  clients.push(c);
  return c;
}

async function failure(p: Promise<unknown>): Promise<MetaApiError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MetaApiError);
  return err as MetaApiError;
}

beforeAll(async () => {
  sim = await startSimulator();
});

beforeEach(() => {
  sim.setFaults({});
  sim.resetCalls();
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await sim.close();
});

describe('Meta errors through the client', () => {
  it('token expired → kind auth at once, no retry, a message saying to reconnect, no token in it', async () => {
    sim.setFaults({ tokenExpired: true });
    const c = newClient();
    const err = await failure(c.listCampaigns());
    expect(err.kind).toBe('auth');
    expect([err.metaCode, err.subcode]).toEqual([190, 463]);
    expect(err.message).toMatch(/expired.*190\/463.*Reconnect/);
    expect(err.message).not.toContain(sim.accessToken);
    expect(err.fbtraceId).toBeTruthy();
    expect(sim.calls().total).toBe(1);
    expect(c.stats.retries).toBe(0);
  });

  it('transient failures on calls 1 and 2 → retried, then succeeds', async () => {
    sim.setFaults({ failCalls: [1, 2] });
    const c = newClient();
    const account = await c.getAdAccount();
    expect(account.id).toBe(sim.accounts[0].id);
    expect(sim.calls().total).toBe(3);
    expect(c.stats).toMatchObject({ calls: 3, retries: 2 });
  });

  it('transient failures beyond maxRetries → kind transient after maxRetries + 1 attempts', async () => {
    sim.setFaults({ failCalls: [1, 2, 3, 4, 5] });
    const c = newClient({ maxRetries: 2 });
    const err = await failure(c.getAdAccount());
    expect(err.kind).toBe('transient');
    expect(err.message).toMatch(/gave up after 3 attempts/);
    expect(sim.calls().total).toBe(3);
  });

  it('ad-account throttle → waits at least the stated reset, then succeeds', async () => {
    // a 0.3 s reset (the simulator states it to the tenth): the subject is waiting what Meta states
    sim.setFaults({ throttle: { kind: 'ad_account', afterCalls: 2, resetSeconds: 0.3 } });
    const c = newClient({ sleep: realSleep });
    await c.getAdAccount();
    await c.getAdAccount();
    const started = Date.now();
    const account = await c.getAdAccount(); // refused once (17), waits out reset_time_duration
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(account.id).toBe(sim.accounts[0].id);
    expect(sim.calls().total).toBe(4);
    expect(c.stats.throttledMs).toBeGreaterThanOrEqual(300);
  });

  it('BUC throttle on insights → waits estimated_time_to_regain_access, then succeeds', async () => {
    sim.setFaults({ throttle: { kind: 'buc', afterCalls: 1, resetSeconds: 0.3 } }); // stated as 0.01 min (0.6 s)
    const c = newClient({ sleep: realSleep });
    await c.getAdAccount();
    const started = Date.now();
    const pages = [];
    // days well before the account's today, whatever the clock says (a fixed date is in the future
    // at some instants, and the simulator rightly answers no rows for days that have not happened)
    const monthAgo = addDays(todayIn(sim.accounts[0].timeZone, new Date()), -30);
    for await (const rows of c.insights({
      since: monthAgo,
      until: addDays(monthAgo, 1),
      level: 'account',
      fields: ['spend'],
    })) {
      pages.push(rows);
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(600); // the stated 0.01 min
    expect(pages.flat().length).toBeGreaterThan(0);
    expect(c.stats.retries).toBe(1);
  });

  it('app throttle (code 4, no stated reset) → backs off with its own guess and recovers', async () => {
    // cleared after 0.3 s: the first 0.6 s wait (the guess, cut short below) outlasts it
    sim.setFaults({ throttle: { kind: 'app', afterCalls: 1, resetSeconds: 0.3 } });
    const waits: number[] = [];
    const c = newClient({
      sleep: (ms) => {
        waits.push(ms);
        return realSleep(Math.min(ms, 600));
      },
    });
    await c.getAdAccount();
    await c.getAdAccount();
    expect(c.stats.retries).toBeGreaterThanOrEqual(1);
    expect(Math.max(...waits)).toBeGreaterThanOrEqual(30_000); // the guess, not zero
  });

  it('a stated wait longer than maxThrottleWaitMs fails at once, saying when to come back', async () => {
    sim.setFaults({ throttle: { kind: 'ad_account', afterCalls: 0, resetSeconds: 120 } });
    const c = newClient({ maxThrottleWaitMs: 60_000 });
    const err = await failure(c.getAdAccount());
    expect(err.kind).toBe('throttle');
    expect(err.retryAfterMs).toBeGreaterThan(60_000);
    expect(err.message).toMatch(/wait 2 min, longer than the 1 min we wait; sync again after \d{4}-/);
    expect(sim.calls().total).toBe(1);
  });

  it('too much data (1/99) → kind tooMuchData at once, no retry', async () => {
    sim.setFaults({ maxSyncInsightsDays: 7 });
    const c = newClient();
    const ask = c.insights({
      since: '2026-10-01',
      until: '2026-10-31',
      level: 'ad',
      fields: ['spend'],
      timeIncrement: 1,
    });
    const err = await failure(ask.next());
    expect(err.kind).toBe('tooMuchData');
    expect([err.metaCode, err.subcode]).toEqual([1, 99]);
    expect(sim.calls().total).toBe(1);
  });

  it("invalid parameter (100) → kind invalid carrying Meta's message", async () => {
    const c = newClient();
    const ask = c.insights({
      since: '2026-11-01',
      until: '2026-11-02',
      level: 'ad',
      fields: ['spend'],
      breakdowns: ['age'],
    });
    const err = await failure(ask.next());
    expect(err.kind).toBe('invalid');
    expect(err.metaCode).toBe(100);
    expect(err.message).toContain('Param breakdowns[0] must be one of');
    expect(sim.calls().total).toBe(1);
  });

  it('sends a correct appsecret_proof: the right secret passes, a wrong one is refused', async () => {
    const good = newClient({ appSecret: 'demo-secret' });
    expect((await good.getAdAccount()).id).toBe(sim.accounts[0].id);
    const bad = newClient({ appSecret: 'not-the-secret' });
    const err = await failure(bad.getAdAccount());
    expect(err.kind).toBe('invalid');
    expect(err.message).toContain('appsecret_proof');
  });
});
