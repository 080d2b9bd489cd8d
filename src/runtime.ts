// What a long-running command opens once: config, database, keyring, assistant — and closes on exit.
import { createAssistant } from './assistant/createAssistant.js';
import type { Assistant } from './assistant/types.js';
import { type AuthMode, isLoopbackHost } from './auth/authenticate.js';
import type { Config } from './config.js';
import type { Db } from './db/db.js';
import { openMigratedDb } from './db/open.js';
import { logger } from './log.js';
import { type Keyring, loadKeyring } from './secrets/tokenVault.js';
import type { ServerDeps } from './server/deps.js';
import { type JobQueue, openJobQueue } from './sync/jobQueue.js';
import { waitForBackgroundSyncs } from './sync/syncService.js';

export interface AppRuntime {
  config: Config;
  db: Db;
  keyring: Keyring;
  assistant: Assistant;
  demo: boolean;
  /** The job queue on this database, opened on first use and stopped by close(). */
  jobs(): Promise<JobQueue>;
  serverDeps(): ServerDeps;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  demo: boolean;
  onClose?: () => Promise<void>;
  /** The embedded database with OpenOptions.quickStart's small buffer pool: a runtime opened for one sync. */
  smallPool?: boolean;
}

export async function openRuntime(config: Config, opts: RuntimeOptions): Promise<AppRuntime> {
  // a server answers requests while the embedded database works (see OpenOptions.ownThread)
  const db = await openMigratedDb(config, { ownThread: true, quickStart: opts.smallPool });
  const keyring = loadKeyring(config);
  const assistant = createAssistant(config);
  let queue: Promise<JobQueue> | undefined;
  const jobs = () => {
    queue ??= openJobQueue(db, { log: logger });
    return queue;
  };
  return {
    config,
    db,
    keyring,
    assistant,
    demo: opts.demo,
    jobs,
    serverDeps: () => ({ db, config, keyring, assistant, jobs, authMode: serveAuthMode(config) }),
    close: async () => {
      await waitForBackgroundSyncs();
      if (queue) await (await queue).stop();
      await opts.onClose?.();
      await db.close();
    },
  };
}

/** No sign-in only when bound to loopback (a person's own machine) and not forced; otherwise always. */
export function serveAuthMode(config: Pick<Config, 'HOST' | 'ADNAVI_AUTH'>): AuthMode {
  return isLoopbackHost(config.HOST) && config.ADNAVI_AUTH !== 'required' ? 'local' : 'required';
}
