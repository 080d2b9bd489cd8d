// A data dir synced from an in-process simulator the way a user gets one (connect, then sync), and
// direct Graph reads from the simulator: the independent source the tests check tool answers against.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { type Config, loadConfig } from '../../src/config.js';
import { type Simulator, startSimulator } from '../../src/simulator/index.js';
import { openNewDataDir } from '../helpers/dataDir.js';
import { connectAndSyncDemoAccount, graphList } from '../helpers/simulatorAccount.js';

export interface SyncedDir {
  simulator: Simulator;
  accountId: string;
  connectionId: string;
  /** The environment `adnavi mcp` needs to open this data and reach the simulator. */
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

export async function syncedDataDir(): Promise<SyncedDir> {
  const simulator = await startSimulator({ port: 0 });
  const { dir, db } = await openNewDataDir('adnavi-mcp-');
  const env = {
    ADNAVI_DATA_DIR: dir,
    META_GRAPH_URL: simulator.url,
    META_API_VERSION: simulator.version,
    ADNAVI_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  };
  const config: Config = loadConfig({ ...env, LOG_LEVEL: 'silent' });
  try {
    const { connection } = await connectAndSyncDemoAccount(db, simulator, { config });
    return {
      simulator,
      accountId: connection.external_account_id,
      connectionId: connection.id,
      env,
      cleanup: async () => {
        await simulator.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } finally {
    await db.close(); // the child process opens the same embedded database next
  }
}

/** Account spend over an inclusive range, as Meta reports it. */
export async function graphSpend(
  sim: Simulator,
  accountId: string,
  since: string,
  until: string,
): Promise<number> {
  const rows = await graphList<{ spend?: string }>(sim, `${accountId}/insights`, {
    level: 'account',
    fields: 'spend',
    time_range: JSON.stringify({ since, until }),
  });
  return rows.reduce((sum, r) => sum + Number(r.spend ?? 0), 0);
}
