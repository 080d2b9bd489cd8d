// What a long-running command opens once: config, database, keyring, assistant — and closes on exit.
import { createAssistant } from './assistant/createAssistant.js';
import type { Assistant } from './assistant/types.js';
import { type AuthMode, isLoopbackHost } from './auth/authenticate.js';
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

export async function openRuntime(
  config: Config,
  opts: { demo: boolean; onClose?: () => Promise<void> },
): Promise<AppRuntime> {
  const db = await openMigratedDb(config);
  const keyring = loadKeyring(config);
  const assistant = createAssistant(config);
  return {
    config,
    db,
    keyring,
    assistant,
    demo: opts.demo,
    serverDeps: () => ({ db, config, keyring, assistant, authMode: serveAuthMode(config) }),
    close: async () => {
      await waitForBackgroundSyncs();
      await opts.onClose?.();
      await db.close();
    },
  };
}

/** No sign-in only when bound to loopback (a person's own machine) and not forced; otherwise always. */
export function serveAuthMode(config: Pick<Config, 'HOST' | 'ADNAVI_AUTH'>): AuthMode {
  return isLoopbackHost(config.HOST) && config.ADNAVI_AUTH !== 'required' ? 'local' : 'required';
}
