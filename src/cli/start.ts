// `npm start`: demo mode unless a real account is configured (META_ACCESS_TOKEN and
// META_AD_ACCOUNT_ID), in which case that account is connected and synced instead. Then serves.
import { hasRealMetaAccount, loadConfig } from '../config.js';
import { logger } from '../log.js';
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
  const runtime = await openRuntime(config, { demo: false });
  await connectAndSync(runtime, account, config.META_ACCESS_TOKEN!);
  await serveKeepingFresh(runtime);
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
