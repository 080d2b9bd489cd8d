// A database synced from an in-process simulator the way a person gets one (connect, then sync), and
// what the simulator itself says about the account (read over its Graph API), which is the
// independent source the browser test checks the pages against.
import { randomBytes } from 'node:crypto';
import { type Config, loadConfig } from '../../src/config.js';
import type { Keyring } from '../../src/secrets/tokenVault.js';
import { loadKeyring } from '../../src/secrets/tokenVault.js';
import { DEFAULT_WORKSPACE_ID } from '../../src/server/deps.js';
import { connectMetaAccount } from '../../src/sync/connect.js';
import { type Simulator, startSimulator } from '../../src/sync/meta/simulator/index.js';
import { runSync } from '../../src/sync/syncService.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

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
  const config = loadConfig({
    META_GRAPH_URL: simulator.url,
    META_API_VERSION: simulator.version,
    ADNAVI_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'silent',
  });
  const keyring = loadKeyring(config, {});
  const testDb = await createTestDb('pglite');
  const deps = { db: testDb.db, config, keyring, tuning: { backfillDays: 30 } };
  const accountId = simulator.accounts[0].id;
  const connection = await connectMetaAccount(deps, {
    workspaceId: DEFAULT_WORKSPACE_ID,
    accountId,
    token: simulator.accessToken,
  });
  await runSync(deps, { workspaceId: DEFAULT_WORKSPACE_ID, connectionId: connection.id });
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

async function graph<T>(sim: Simulator, path: string, params: Record<string, string>): Promise<T[]> {
  const url = new URL(`${sim.url}/${sim.version}/${path}`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  url.searchParams.set('access_token', sim.accessToken);
  const rows: T[] = [];
  let next: string | undefined = url.toString();
  while (next) {
    const res = await fetch(next);
    if (!res.ok) throw new Error(`simulator ${path}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { data: T[]; paging?: { next?: string } };
    rows.push(...body.data);
    next = body.paging?.next;
  }
  return rows;
}

/** Live campaigns (effective status ACTIVE) per the simulator, and those of them with no delivery in the last 30 days. */
export async function liveCampaigns(
  sim: Simulator,
  accountId: string,
): Promise<{ live: string[]; undelivered: string[] }> {
  const campaigns = await graph<{ id: string; name: string; effective_status: string }>(
    sim,
    `${accountId}/campaigns`,
    {
      fields: 'id,name,effective_status',
      limit: '100',
    },
  );
  const delivered = await graph<{ campaign_id: string; spend: string }>(sim, `${accountId}/insights`, {
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
