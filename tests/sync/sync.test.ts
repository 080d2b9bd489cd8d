import { afterEach, describe, expect, it } from 'vitest';
import { addDays, daysIn } from '../../src/calendar.js';
import { getConnection } from '../../src/db/connections.js';
import { sql } from '../../src/db/sql.js';
import { getSyncRun, listSyncRuns } from '../../src/db/syncRuns.js';
import { requestSync, runSync, type SyncDeps, waitForBackgroundSyncs } from '../../src/sync/syncService.js';
import { backends } from '../helpers/db.js';
import { countFacts, factTotals, type SyncFixture, setUpSync, simulatorTotals } from './fixture.js';

/**
 * A first sync of 35 days where how far back it reaches is not the subject (the 91-day backfill is
 * checked in the first test, the window splitting over it in the third): 35 still reaches past the
 * 28-day lookback, so an incremental sync's range is never the one cut short at the backfill's start.
 */
const shortBackfill = (f: SyncFixture): SyncDeps => ({
  ...f.deps,
  tuning: { ...f.deps.tuning, backfillDays: 35 },
});

describe.each(backends)('sync from the simulator on %s', { timeout: 90_000 }, (kind) => {
  let f: SyncFixture;
  afterEach(async () => {
    await waitForBackgroundSyncs();
    await f?.close();
    f = undefined as unknown as SyncFixture;
  });

  it('backfills the 90 whole days before today plus today exactly, in few calls, and a re-sync changes nothing', async () => {
    f = await setUpSync(kind);
    const first = await runSync(f.deps, f.req);
    expect(first.status).toBe('succeeded');
    expect(first.kind).toBe('initial');
    expect(daysIn({ since: first.range_since!, until: first.range_until! })).toBe(91);
    const calls = f.sim.calls();
    expect(calls.byPath['/:id/insights'] ?? 0).toBe(0); // never one ask per object
    expect(calls.total).toBeLessThanOrEqual(25);
    const facts = await countFacts(f);
    expect(facts).toBeGreaterThan(0);
    expect(first.stats.facts).toEqual({ inserted: facts, updated: 0, unchanged: 0 });
    expect(await factTotals(f, first.range_since!, first.range_until!)).toEqual(
      await simulatorTotals(f.sim, first.range_since!, first.range_until!),
    );
    const conn = await getConnection(f.t.db, f.req.workspaceId, f.connection.id);
    expect(conn?.last_synced_at).toBeInstanceOf(Date);
    expect(first.stats.entities?.campaign.created).toBeGreaterThan(0);

    const again = await runSync(f.deps, { ...f.req, full: true });
    expect(again.stats.facts).toEqual({ inserted: 0, updated: 0, unchanged: facts });
    for (const level of ['account', 'campaign', 'adset', 'ad']) {
      expect(again.stats.entities?.[level]).toMatchObject({ created: 0, updated: 0 });
    }
  });

  it('re-fetches the lookback window incrementally and picks up restated days', async () => {
    f = await setUpSync(kind);
    const deps = shortBackfill(f);
    const first = await runSync(deps, f.req);
    f.sim.setFaults({ restate: { days: 5, version: 2 } });
    f.sim.resetCalls();
    const next = await runSync(deps, f.req);
    expect(next.kind).toBe('incremental');
    expect(next.range_until).toBe(first.range_until);
    expect(next.range_since).toBe(addDays(first.range_until!, -29)); // yesterday minus 28 days
    expect(next.stats.facts?.updated).toBeGreaterThan(0);
    expect(await factTotals(f, first.range_since!, first.range_until!)).toEqual(
      await simulatorTotals(f.sim, first.range_since!, first.range_until!),
    );
  });

  it('splits windows when Meta says "reduce the amount of data", and falls back to an async report', async () => {
    f = await setUpSync(kind, { faults: { maxSyncInsightsDays: 20 } });
    const run = await runSync(f.deps, f.req);
    expect(run.stats.windows_split).toBeGreaterThanOrEqual(2); // 90 → 45 → 23 → 12
    const insightsCalls = f.sim.calls().byPath['/act_:id/insights'];
    expect(insightsCalls).toBeGreaterThan(run.progress.windows_total!);
    f.sim.setFaults({});
    expect(await factTotals(f, run.range_since!, run.range_until!)).toEqual(
      await simulatorTotals(f.sim, run.range_since!, run.range_until!),
    );

    f.sim.setFaults({ maxSyncInsightsDays: 0 });
    // the report is polled as Meta's would be, only sooner: the simulator finishes it on the 2nd poll
    const deps = { ...f.deps, tuning: { minWindowDays: 3, reportPollStartMs: 20 } };
    const range = { from: addDays(run.range_until!, -6), to: addDays(run.range_until!, -4) };
    const viaReport = await runSync(deps, { ...f.req, ...range });
    expect(viaReport.stats.async_reports).toBe(1);
    expect(viaReport.stats.facts?.unchanged).toBeGreaterThan(0);
  });

  it('retries transient errors and waits out throttling', async () => {
    f = await setUpSync(kind, { faults: { failCalls: [2, 5] } });
    // a short backoff base: the retries are the subject, not how long their jittered waits last
    const deps = shortBackfill(f);
    const run = await runSync({ ...deps, tuning: { ...deps.tuning, retryBaseDelayMs: 20 } }, f.req);
    expect(run.stats.retries).toBeGreaterThanOrEqual(2);
    f.sim.setFaults({});
    expect(await factTotals(f, run.range_since!, run.range_until!)).toEqual(
      await simulatorTotals(f.sim, run.range_since!, run.range_until!),
    );
    // refused once in the re-sync's 5 calls (the budget resets after the wait), so one wait. Its
    // length and the pacing of the climb to 100% before it are not the subject (usageLimiter.test and
    // graphErrors.test time them): a 0.2 s reset instead of 1 s, 10 ms pace steps instead of 250 ms
    f.sim.setFaults({ throttle: { kind: 'ad_account', afterCalls: 4, resetSeconds: 0.2 } });
    f.sim.resetCalls();
    const throttled = await runSync(
      { ...deps, tuning: { ...deps.tuning, paceStepMs: 10 } },
      { ...f.req, full: true },
    );
    expect(throttled.status).toBe('succeeded');
    expect(throttled.stats.throttled_ms).toBeGreaterThanOrEqual(200); // the wait Meta stated
  });

  it('marks the connection needs_reauth when the token expired, and fails the run with what to do', async () => {
    f = await setUpSync(kind);
    f.sim.setFaults({ tokenExpired: true });
    await expect(runSync(f.deps, f.req)).rejects.toThrow(/adnavi connect meta --account act_1234567890/);
    const conn = await getConnection(f.t.db, f.req.workspaceId, f.connection.id);
    expect(conn?.status).toBe('needs_reauth');
    expect(conn?.status_reason).toMatch(/expired/);
    const [run] = await listSyncRuns(f.t.db, f.req.workspaceId);
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/Reconnect.*adnavi connect meta/);
  });

  it('runs one sync per connection at a time', async () => {
    f = await setUpSync(kind, { faults: { latencyMs: 20 } });
    const deps = shortBackfill(f);
    const [a, b] = await Promise.all([requestSync(deps, f.req), requestSync(deps, f.req)]);
    expect(b.runId).toBe(a.runId);
    expect([a.alreadyRunning, b.alreadyRunning].sort()).toEqual([false, true]);
    await waitForBackgroundSyncs();
    expect((await getSyncRun(f.t.db, f.req.workspaceId, a.runId))?.status).toBe('succeeded');
    expect(await listSyncRuns(f.t.db, f.req.workspaceId)).toHaveLength(1);
    expect(await getSyncRun(f.t.db, '00000000-0000-4000-8000-00000000dead', a.runId)).toBeUndefined();
  });

  it('keeps facts of ads Meta does not list under placeholders, and makes placeholders real when listed', async () => {
    f = await setUpSync(kind);
    const deps = shortBackfill(f);
    const run = await runSync(deps, f.req);
    const [ad] = await f.t.db.query<{ external_id: string; campaign: string; adset: string }>(sql`
      select a.external_id, c.external_id as campaign, s.external_id as adset from entities a
      join entities c on c.id = a.campaign_id join entities s on s.id = a.adset_id
      where a.connection_id = ${f.connection.id} and a.level = 'ad' order by a.external_id limit 1`);
    // an ad Meta no longer lists (deleted long ago) but whose old facts arrive: lands under a placeholder
    const { ingestFacts } = await import('../../src/sync/ingest.js');
    const scope = { workspaceId: f.req.workspaceId, connectionId: f.connection.id };
    await ingestFacts(f.t.db, scope, [
      {
        ad_id: '999000111',
        adset_id: ad.adset,
        campaign_id: ad.campaign,
        date: run.range_since!,
        spend: '1.00',
      },
    ]);
    // a real ad turned into a placeholder (as if its facts had arrived before the entity sync)
    await f.t.db.query(
      sql`update entities set is_placeholder = true, name = null where external_id = ${ad.external_id}`,
    );
    const next = await runSync(deps, f.req);
    expect(next.stats.entities?.ad.updated).toBe(1);
    const rows = await f.t.db.query<{
      external_id: string;
      is_placeholder: boolean;
      name: string | null;
      campaign: string;
    }>(sql`
      select a.external_id, a.is_placeholder, a.name, c.external_id as campaign from entities a
      left join entities c on c.id = a.campaign_id
      where a.external_id in (${ad.external_id}, '999000111') order by a.external_id`);
    expect(rows[0]).toMatchObject({
      external_id: ad.external_id,
      is_placeholder: false,
      campaign: ad.campaign,
    });
    expect(rows[0].name).not.toBeNull();
    expect(rows[1]).toMatchObject({ external_id: '999000111', is_placeholder: true, campaign: ad.campaign });
  });
});
