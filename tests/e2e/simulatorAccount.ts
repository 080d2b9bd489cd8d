// A database synced from an in-process simulator the way a person gets one (connect, then sync), and
// what the simulator itself says about the account (read over its Graph API), which is the
// independent source the browser test checks the pages against.
import { createAssistant } from '../../src/assistant/createAssistant.js';
import type { Config } from '../../src/config.js';
import type { Keyring } from '../../src/secrets/tokenVault.js';
import { type RunningServer, startServer } from '../../src/server/serve.js';
import { type Simulator, startSimulator } from '../../src/simulator/index.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { connectAndSyncDemoAccount, graphList } from '../helpers/simulatorAccount.js';

export interface SyncedAccount {
  simulator: Simulator;
  testDb: TestDb;
  config: Config;
  keyring: Keyring;
  connectionId: string;
  accountId: string;
  close(): Promise<void>;
}

export async function syncedSimulatorAccount(): Promise<SyncedAccount> {
  const simulator = await startSimulator({ port: 0 });
  const testDb = await createTestDb('pglite');
  const { config, keyring, connection } = await connectAndSyncDemoAccount(testDb.db, simulator);
  return {
    simulator,
    testDb,
    config,
    keyring,
    connectionId: connection.id,
    accountId: connection.external_account_id,
    close: async () => {
      await testDb.drop();
      await simulator.close();
    },
  };
}

/** The real server (with the real assistant) over the synced account, on loopback. */
export function serveAccount(account: SyncedAccount, port = 0): Promise<RunningServer> {
  const { testDb, config, keyring } = account;
  return startServer(
    { db: testDb.db, config, keyring, assistant: createAssistant(config) },
    port,
    '127.0.0.1',
  );
}

/** Live campaigns (effective status ACTIVE) per the simulator, and those of them with no delivery in the last 30 days. */
export async function liveCampaigns(
  sim: Simulator,
  accountId: string,
): Promise<{ live: string[]; undelivered: string[] }> {
  const campaigns = await graphList<{ id: string; name: string; effective_status: string }>(
    sim,
    `${accountId}/campaigns`,
    {
      fields: 'id,name,effective_status',
      limit: '100',
    },
  );
  const delivered = await graphList<{ campaign_id: string; spend: string }>(sim, `${accountId}/insights`, {
    level: 'campaign',
    fields: 'campaign_id,spend',
    date_preset: 'last_30d',
    limit: '100',
  });
  const spent = new Set(delivered.filter((r) => Number(r.spend) > 0).map((r) => r.campaign_id));
  const live = campaigns.filter((c) => c.effective_status === 'ACTIVE');
  return {
    live: live.map((c) => c.name),
    undelivered: live.filter((c) => !spent.has(c.id)).map((c) => c.name),
  };
}
