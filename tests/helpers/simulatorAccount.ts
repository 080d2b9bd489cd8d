// The demo account as a person gets it (connect, then sync, through the real code paths), and reads
// of the simulator's own Graph API: the independent source tests check our answers against.
import { randomBytes } from 'node:crypto';
import { type Config, loadConfig } from '../../src/config.js';
import type { ConnectionRow } from '../../src/db/connections.js';
import type { Db } from '../../src/db/db.js';
import { DEFAULT_WORKSPACE_ID } from '../../src/db/workspaces.js';
import { type Keyring, loadKeyring } from '../../src/secrets/tokenVault.js';
import type { Simulator } from '../../src/simulator/index.js';
import { connectMetaAccount } from '../../src/sync/connect.js';
import { runSync } from '../../src/sync/syncService.js';

/** Config pointed at the simulator, with an encryption key in it (so tools can load the keyring). */
export function simulatorConfig(sim: Simulator, extra: Record<string, string> = {}): Config {
  return loadConfig({
    META_GRAPH_URL: sim.url,
    META_API_VERSION: sim.version,
    ADNAVI_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'silent',
    ...extra,
  });
}

export interface ConnectedAccount {
  config: Config;
  keyring: Keyring;
  connection: ConnectionRow;
}

/** Connects the simulator's main account to the default workspace and syncs it to completion. */
export async function connectAndSyncDemoAccount(
  db: Db,
  sim: Simulator,
  opts: { config?: Config; now?: () => Date; backfillDays?: number } = {},
): Promise<ConnectedAccount> {
  const config = opts.config ?? simulatorConfig(sim);
  const keyring = loadKeyring(config, {});
  const deps = { db, config, keyring, now: opts.now, tuning: { backfillDays: opts.backfillDays ?? 30 } };
  const connection = await connectMetaAccount(deps, {
    workspaceId: DEFAULT_WORKSPACE_ID,
    accountId: sim.accounts[0].id,
    token: sim.accessToken,
  });
  await runSync(deps, { workspaceId: DEFAULT_WORKSPACE_ID, connectionId: connection.id });
  return { config, keyring, connection };
}

/** GET from the simulator's Graph API, following paging. */
export async function graphList<T>(
  sim: Simulator,
  path: string,
  params: Record<string, string>,
): Promise<T[]> {
  const url = new URL(`${sim.url}/${sim.version}/${path}`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  url.searchParams.set('access_token', sim.accessToken);
  if (!url.searchParams.has('limit')) url.searchParams.set('limit', '500');
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
