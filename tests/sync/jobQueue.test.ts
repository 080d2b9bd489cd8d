// The job queue on both backends: a failing account retries with backoff and does not hold up the
// others, and two workers never sync one connection at once. Expected numbers come from the
// simulator's own insights, never from our database.
import { afterEach, describe, expect, it } from 'vitest';
import { todayIn } from '../../src/calendar.js';
import type { ConnectionRow } from '../../src/db/connections.js';
import { listJobs } from '../../src/db/syncJobs.js';
import { listSyncRuns } from '../../src/db/syncRuns.js';
import { saveToken } from '../../src/db/tokens.js';
import { logger } from '../../src/log.js';
import { startServer } from '../../src/server/serve.js';
import { type Background, startBackgroundSync } from '../../src/sync/background.js';
import { connectMetaAccount } from '../../src/sync/connect.js';
import { listConnections } from '../../src/tools/listConnections.js';
import { syncStatus } from '../../src/tools/syncStatus.js';
import { backends } from '../helpers/db.js';
import { factTotals, RUNNING_SYNC_CLOCK, type SyncFixture, setUpSync, simulatorTotals } from './fixture.js';
import { waitFor } from './waitFor.js';

const quick = {
  retryLimit: 2,
  retryDelaySeconds: 1,
  pollingIntervalSeconds: 0.5,
  maintenanceIntervalSeconds: 1,
};

describe.each(backends)('job queue on %s', { timeout: 120_000 }, (kind) => {
  let f: SyncFixture | undefined;
  const started: Background[] = [];
  afterEach(async () => {
    for (const b of started.splice(0)) await b.stop();
    await f?.close();
    f = undefined;
  });

  async function background(concurrency: number): Promise<Background> {
    const b = await startBackgroundSync(
      { ...f!.deps, log: logger },
      { concurrency, scheduler: false, queue: quick, busyRetrySeconds: 0.25 },
    );
    started.push(b);
    return b;
  }

  it('a failing account retries with backoff, ends dead and retryable, and never blocks the other', async () => {
    f = await setUpSync(kind, { secondAccount: true }, RUNNING_SYNC_CLOCK); // the backoff is read from run stamps
    const broken: ConnectionRow = await connectMetaAccount(f.deps, {
      workspaceId: f.req.workspaceId,
      accountId: f.sim.accounts[1].id,
      token: f.sim.accessToken,
    });
    // the second account's token goes bad after connecting (revoked): every sync of it fails
    await saveToken(
      f.t.db,
      f.deps.keyring,
      { workspaceId: f.req.workspaceId, connectionId: broken.id },
      'revoked',
    );
    const b = await background(1);
    await b.queue.enqueueSync({ ...f.req, connectionId: broken.id, kind: 'initial' });
    await b.queue.enqueueSync({ ...f.req, kind: 'initial' });

    const dead = await waitFor(async () => {
      const jobs = await listJobs(f!.t.db, f!.req.workspaceId, ['failed'], { connectionId: broken.id });
      return jobs[0];
    }, 60_000);
    expect(dead.retry_count).toBe(quick.retryLimit);
    expect(dead.error).toMatch(/Meta refused access/);
    // the healthy account finished meanwhile, exactly
    const [healthyRun] = await listSyncRuns(f.t.db, f.req.workspaceId, { connectionId: f.connection.id });
    expect(healthyRun.status).toBe('succeeded');
    expect(await factTotals(f, healthyRun.range_since!, healthyRun.range_until!)).toEqual(
      await simulatorTotals(f.sim, healthyRun.range_since!, healthyRun.range_until!),
    );
    // three attempts, each run recorded, spaced by a growing backoff
    const brokenRuns = (await listSyncRuns(f.t.db, f.req.workspaceId, { connectionId: broken.id })).reverse();
    expect(brokenRuns.map((r) => r.status)).toEqual(['failed', 'failed', 'failed']);
    const gaps = brokenRuns
      .slice(1)
      .map((r, i) => r.started_at!.getTime() - brokenRuns[i].finished_at!.getTime());
    expect(gaps[0]).toBeGreaterThanOrEqual(1000); // retryDelay × 2^1 / 2 at least
    expect(gaps[1]).toBeGreaterThanOrEqual(2000); // retryDelay × 2^2 / 2 at least

    // chat and MCP see the failure with its reason and the dead job
    const ctx = { db: f.t.db, config: f.deps.config, workspaceId: f.req.workspaceId, log: logger };
    const status = await syncStatus.handler({ limit: 5 }, ctx);
    expect(status.dead_jobs).toEqual([
      expect.objectContaining({ id: dead.id, connection_id: broken.id, attempts: 3 }),
    ]);
    const { connections } = await listConnections.handler({}, ctx);
    const brokenRow = connections.find((c) => c.id === broken.id);
    expect(brokenRow?.sync).toMatchObject({
      dead_jobs: 1,
      failure: { reason: expect.stringMatching(/Meta refused/) },
    });
    expect(connections.find((c) => c.id === f!.connection.id)?.sync?.failure ?? null).toBeNull();

    // a person retries the dead job over REST (the token fixed first): it runs again and succeeds
    await saveToken(
      f.t.db,
      f.deps.keyring,
      { workspaceId: f.req.workspaceId, connectionId: broken.id },
      f.sim.accessToken,
    );
    const server = await startServer(
      { db: f.t.db, config: f.deps.config, jobs: async () => b.queue },
      0,
      '127.0.0.1',
    );
    try {
      const health = (await (await fetch(`${server.url}/api/sync-health`)).json()) as {
        connections: { connection_id: string; dead_jobs: { id: string }[] }[];
      };
      expect(health.connections.find((c) => c.connection_id === broken.id)?.dead_jobs[0].id).toBe(dead.id);
      const retry = await fetch(`${server.url}/api/sync-jobs/${dead.id}/retry`, { method: 'POST' });
      expect(retry.status).toBe(202);
      const again = await fetch(`${server.url}/api/sync-jobs/${dead.id}/retry`, { method: 'POST' });
      expect(again.status).toBe(409); // no longer dead
    } finally {
      await server.close();
    }
    await waitFor(async () => {
      const [run] = await listSyncRuns(f!.t.db, f!.req.workspaceId, { connectionId: broken.id });
      return run.status === 'succeeded' ? run : undefined;
    }, 60_000);
  });

  it('two workers never sync one connection at once, and every job ends', async () => {
    f = await setUpSync(kind, { faults: { latencyMs: 20 } });
    const [one, two] = [await background(2), await background(2)];
    for (const k of ['initial', 'intraday', 'lookback'] as const)
      await one.queue.enqueueSync({ ...f.req, kind: k });
    await two.queue.enqueueSync({
      ...f.req,
      kind: 'manual',
      from: todayIn(f.sim.accounts[0].timeZone, f.deps.now!()),
    });
    await waitFor(async () => {
      const open = await listJobs(f!.t.db, f!.req.workspaceId, ['created', 'retry', 'active']);
      const backfill = open.filter((j) => j.kind !== 'backfill');
      return backfill.length === 0 ? true : undefined;
    }, 90_000);
    const runs = await listSyncRuns(f.t.db, f.req.workspaceId, { limit: 100 });
    expect(runs.filter((r) => r.status === 'succeeded').length).toBeGreaterThanOrEqual(4);
    const spans = runs
      .map((r) => [r.started_at!.getTime(), r.finished_at!.getTime()] as const)
      .sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < spans.length; i++) expect(spans[i][0]).toBeGreaterThanOrEqual(spans[i - 1][1]);
  });
});
