// A server that requires sign-in (authMode 'required', as on any non-loopback address), with a real
// assistant, an empty PGlite database and an in-process simulator serving both the Graph API and the
// OAuth dialog, so the browser can run "Connect Meta Ads" end to end. The simulator's app id and
// secret are its defaults ('demo-app' / 'demo-secret').
import { randomBytes } from 'node:crypto';
import { createAssistant } from '../../src/assistant/createAssistant.js';
import { type Config, loadConfig } from '../../src/config.js';
import { loadKeyring } from '../../src/secrets/tokenVault.js';
import { type RunningServer, startServer } from '../../src/server/serve.js';
import { type Simulator, startSimulator } from '../../src/simulator/index.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

export interface AccountsServer {
  server: RunningServer;
  simulator: Simulator;
  config: Config;
  close(): Promise<void>;
}

export async function startAccountsServer(): Promise<AccountsServer> {
  const simulator = await startSimulator({ port: 0 });
  const config = loadConfig({
    META_GRAPH_URL: simulator.url,
    META_OAUTH_DIALOG_URL: simulator.url,
    META_API_VERSION: simulator.version,
    META_APP_ID: 'demo-app',
    META_APP_SECRET: 'demo-secret',
    ADNAVI_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    // a first sync of 7 days: these pages show that a sync ran and what it found (the campaigns
    // come from the entity sync, whatever the range), never how far back it reached, and a shorter
    // range is a shorter wait for the run to finish in the browser
    ADNAVI_SYNC_BACKFILL_DAYS: '7',
    LOG_LEVEL: 'silent',
  });
  const testDb: TestDb = await createTestDb('pglite');
  const server = await startServer(
    {
      db: testDb.db,
      config,
      keyring: loadKeyring(config, {}),
      authMode: 'required',
      assistant: createAssistant(config),
    },
    0,
    '127.0.0.1',
  );
  return {
    server,
    simulator,
    config,
    close: async () => {
      await server.close();
      await testDb.drop();
      await simulator.close();
    },
  };
}

/** A JSON API call from outside the browser (to check what a key can do). */
export async function apiStatus(base: string, path: string, headers: Record<string, string>) {
  const res = await fetch(`${base}${path}`, { headers });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
}
