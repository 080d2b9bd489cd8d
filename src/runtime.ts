// What a long-running command opens once: config, database, keyring, assistant — and closes on exit.
import { createAssistant } from './assistant/createAssistant.js';
import type { Assistant } from './assistant/types.js';
import type { Config } from './config.js';
import type { Db } from './db/db.js';
import { openMigratedDb } from './db/open.js';
import { type Keyring, loadKeyring } from './secrets/tokenVault.js';
import type { ServerDeps } from './server/deps.js';
import { waitForBackgroundSyncs } from './sync/syncService.js';

export interface AppRuntime {
  config: Config;
  db: Db;
  keyring: Keyring;
  assistant: Assistant;
  demo: boolean;
  serverDeps(): ServerDeps;
  close(): Promise<void>;
}

export async function openRuntime(config: Config, opts: { demo: boolean; onClose?: () => Promise<void> }): Promise<AppRuntime> {
  const db = await openMigratedDb(config);
  const keyring = loadKeyring(config);
  const assistant = createAssistant(config);
  return {
    config,
    db,
    keyring,
    assistant,
    demo: opts.demo,
    serverDeps: () => ({ db, config, keyring, assistant, demo: opts.demo }),
    close: async () => {
      await waitForBackgroundSyncs();
      await opts.onClose?.();
      await db.close();
    },
  };
}
