// `adnavi demo`: start the loopback simulator, connect its demo account to the default workspace and
// sync it into the configured database. `adnavi start` does the same, then serves.
import { type Config, loadConfig } from '../config.js';
import { DEFAULT_WORKSPACE_ID } from '../db/workspaces.js';
import { logger } from '../log.js';
import { type AppRuntime, openRuntime } from '../runtime.js';
import { startSimulator } from '../simulator/index.js';
import { connectMetaAccount } from '../sync/connect.js';
import { runSync } from '../sync/syncService.js';

const DEMO_BACKFILL_DAYS = 395;

export async function run(_args: string[]): Promise<void> {
  const runtime = await openDemoRuntime(loadConfig());
  await runtime.close();
}

/** Simulator on loopback + runtime pointed at it + the demo account connected and synced. */
export async function openDemoRuntime(base: Config): Promise<AppRuntime> {
  const simulator = await startSimulator({ port: 0 });
  // the simulator also plays Meta's login dialog and app, so "Connect Meta Ads" works in the demo
  const config = {
    ...base,
    META_GRAPH_URL: simulator.url,
    META_API_VERSION: simulator.version,
    META_OAUTH_DIALOG_URL: simulator.url,
    // the simulated account has 13 months of history: sync it all, so "last year" or "in March" answer
    ADNAVI_SYNC_BACKFILL_DAYS: base.ADNAVI_SYNC_BACKFILL_DAYS ?? DEMO_BACKFILL_DAYS,
    META_APP_ID: 'demo-app',
    META_APP_SECRET: 'demo-secret',
  };
  console.error(`Demo mode: simulated Meta account ${simulator.accounts[0].id} at ${simulator.url}`);
  const runtime = await openRuntime(config, { demo: true, onClose: () => simulator.close() });
  await connectAndSync(runtime, simulator.accounts[0].id, simulator.accessToken);
  return runtime;
}

/** Registers the account in the default workspace and runs a sync to completion, printing a summary. */
export async function connectAndSync(runtime: AppRuntime, accountId: string, token: string): Promise<void> {
  const deps = { db: runtime.db, config: runtime.config, keyring: runtime.keyring, log: logger };
  const account = accountId.startsWith('act_') ? accountId : `act_${accountId}`;
  const connection = await connectMetaAccount(deps, {
    workspaceId: DEFAULT_WORKSPACE_ID,
    accountId: account,
    token,
  });
  console.error(`Syncing ${connection.name ?? account}…`);
  const started = Date.now();
  const result = await runSync(deps, { workspaceId: DEFAULT_WORKSPACE_ID, connectionId: connection.id });
  const rows = (result.progress as { rows?: number }).rows ?? 0;
  console.error(`Synced ${rows} rows in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
