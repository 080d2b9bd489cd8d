// The backfill window comes from the environment (ADNAVI_SYNC_BACKFILL_DAYS) when it is set, and ends
// on the ad account's today: on the wall clock, and at every pinned instant (the hours where UTC's
// date is not Los Angeles', both DST changes), checked against the simulator's own totals.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../src/calendar.js';
import { loadConfig } from '../../src/config.js';
import { keyringFrom } from '../../src/secrets/tokenVault.js';
import { startSimulator } from '../../src/simulator/index.js';
import { connectMetaAccount } from '../../src/sync/connect.js';
import { runSync, type SyncDeps } from '../../src/sync/syncService.js';
import { PINNED_INSTANTS } from '../helpers/clocks.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { makeWorkspace } from '../helpers/fixtures.js';
import { factTotals, type SyncFixture, setUpSync, simulatorTotals } from './fixture.js';

describe('configured backfill', () => {
  let f: SyncFixture;
  beforeAll(async () => {
    f = await setUpSync('pglite');
  });
  afterAll(async () => f?.close());

  it('a first sync fetches the ADNAVI_SYNC_BACKFILL_DAYS whole days before today, and today', async () => {
    const deps = { ...f.deps, config: { ...f.deps.config, ADNAVI_SYNC_BACKFILL_DAYS: 10 } };
    const run = await runSync(deps, f.req);
    const today = todayIn(f.sim.accounts[0].timeZone, f.deps.now!());
    expect(run.range_since).toBe(addDays(today, -10));
    expect(run.range_until).toBe(today);
  });
});

// One database for all instants (a workspace each): a database per instant would cost more than the syncs.
describe('a first sync at pinned instants', { timeout: 120_000 }, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb('pglite');
  });
  afterAll(async () => t?.drop());

  it.each(PINNED_INSTANTS)('$label: 10 whole days and the account’s today, to the cent', async ({ at }) => {
    const now = () => new Date(at);
    const sim = await startSimulator({ seed: 11, now });
    try {
      const config = loadConfig({
        META_GRAPH_URL: sim.url,
        META_API_VERSION: sim.version,
        LOG_LEVEL: 'silent',
      });
      const deps: SyncDeps = {
        db: t.db,
        config: { ...config, ADNAVI_SYNC_BACKFILL_DAYS: 10 },
        keyring: keyringFrom(randomBytes(32)),
        now,
      };
      const workspaceId = await makeWorkspace(t.db);
      const connection = await connectMetaAccount(deps, {
        workspaceId,
        accountId: sim.accounts[0].id,
        token: sim.accessToken,
      });
      const run = await runSync(deps, { workspaceId, connectionId: connection.id });
      const today = todayIn(sim.accounts[0].timeZone, now());
      expect(run.status).toBe('succeeded');
      expect(run.range_since).toBe(addDays(today, -10));
      expect(run.range_until).toBe(today);
      const ours = await factTotals({ t, connection } as SyncFixture, run.range_since!, today);
      expect(ours.spend).not.toBe('0');
      expect(ours).toEqual(await simulatorTotals(sim, run.range_since!, today));
    } finally {
      await sim.close();
    }
  });
});
