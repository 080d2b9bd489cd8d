// `npm start`: demo mode unless a real account is configured (META_ACCESS_TOKEN and
// META_AD_ACCOUNT_ID), in which case that account is connected and synced instead. Then serves.
import { hasRealMetaAccount, loadConfig } from '../config.js';
import { openRuntime } from '../runtime.js';
import { connectAndSync, openDemoRuntime } from './demo.js';
import { serveUntilStopped } from './serve.js';

export async function run(_args: string[]): Promise<void> {
  const config = loadConfig();
  if (!hasRealMetaAccount(config)) {
    await serveUntilStopped(await openDemoRuntime(config));
    return;
  }
  const runtime = await openRuntime(config, { demo: false });
  await connectAndSync(runtime, config.META_AD_ACCOUNT_ID!, config.META_ACCESS_TOKEN!);
  await serveUntilStopped(runtime);
}
