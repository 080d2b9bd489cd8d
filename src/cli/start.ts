// `npm start`: demo mode unless a real account is configured (META_ACCESS_TOKEN and
// META_AD_ACCOUNT_ID), in which case that account is connected and synced instead. Then serves.
import { type Config, hasRealMetaAccount, loadConfig } from '../config.js';
import { logger } from '../log.js';
import { tuneForServerSync } from '../processTuning.js';
import { type AppRuntime, openRuntime } from '../runtime.js';
import { ensureMetaAccountReadable, ensurePortFree } from '../startupChecks.js';
import { startBackgroundSync } from '../sync/background.js';
import { connectAndSync, openDemoRuntime } from './demo.js';
import { serveUntilStopped } from './serve.js';

export async function run(_args: string[]): Promise<void> {
  const config = loadConfig();
  await ensurePortFree(config.PORT, config.HOST); // before the demo sync: a taken port fails in a second
  if (!hasRealMetaAccount(config)) {
    await serveKeepingFresh(await openDemoRuntime(config));
    return;
  }
  const account = config.META_AD_ACCOUNT_ID!.startsWith('act_')
    ? config.META_AD_ACCOUNT_ID!
    : `act_${config.META_AD_ACCOUNT_ID}`;
  await ensureMetaAccountReadable(config, config.META_ACCESS_TOKEN!, account); // before the database opens
  await syncBeforeServing(config, account);
  await serveKeepingFresh(await openRuntime(config, { demo: false }));
}

/**
 * The account's sync on a runtime of its own, closed before the server's opens: its database thread
 * runs with a sync's V8 settings (src/processTuning.ts) and the quick start's 8 MB buffer pool
 * (pgliteDb.ts), and the thread that then serves starts with V8's defaults, the full pool and none of
 * the memory the sync's WebAssembly touched (which it never gives back). A 5,000-ad first sync: the
 * small pool took ~25 MB off the peak in the same time (paired runs), as the data dir's files are in
 * the OS's cache anyway.
 */
async function syncBeforeServing(config: Config, account: string): Promise<void> {
  const restoreDefaults = tuneForServerSync();
  try {
    const runtime = await openRuntime(config, { demo: false, smallPool: true });
    try {
      await connectAndSync(runtime, account, config.META_ACCESS_TOKEN!);
    } finally {
      await runtime.close();
    }
  } finally {
    restoreDefaults();
  }
}

/**
 * Serves with the scheduler and one worker inside the process (on the embedded database too: the
 * queue runs on PGlite through the same Db seam), so the data keeps itself fresh with no setup.
 */
async function serveKeepingFresh(runtime: AppRuntime): Promise<void> {
  const background = await startBackgroundSync(
    { db: runtime.db, config: runtime.config, keyring: runtime.keyring, log: logger },
    { concurrency: 1, scheduler: true, openQueue: await runtime.jobs() },
  );
  await serveUntilStopped(runtime, () => background.stop());
}
