// The account the eval asks about: the project's Graph API simulator on a pinned clock, its demo
// account connected and synced through the real code paths into a fresh embedded PGlite database,
// and the offline assistant with the tools' clock pinned to the same instant (what `adnavi ask
// --json` runs, in process).

import { createAssistant } from '../src/assistant/createAssistant.js';
import type { Assistant } from '../src/assistant/types.js';
import { addDays, todayIn } from '../src/calendar.js';
import { loadConfig } from '../src/config.js';
import type { Db } from '../src/db/db.js';
import { migrate } from '../src/db/migrate.js';
import { openPgliteDb } from '../src/db/pgliteDb.js';
import { DEFAULT_WORKSPACE_ID } from '../src/db/workspaces.js';
import { logger } from '../src/log.js';
import { type Simulator, startSimulator } from '../src/simulator/index.js';
import { runSync, waitForBackgroundSyncs } from '../src/sync/syncService.js';
import type { ToolContext } from '../src/tools/types.js';
import { connectAndSyncDemoAccount } from '../tests/helpers/simulatorAccount.js';

export interface EvalWorld {
  assistant: Assistant;
  ctx: ToolContext;
  /** Waits for syncs an answer started in the background. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function openWorld(now: Date, backfillDays: number, seed: number): Promise<EvalWorld> {
  const clock = () => now;
  const sim: Simulator = await startSimulator({ now: clock, seed });
  let db: Db | undefined;
  try {
    db = await openPgliteDb();
    await migrate(db);
    const { config, keyring, connection } = await connectAndSyncDemoAccount(db, sim, {
      now: clock,
      backfillDays,
    });
    // the intraday refresh: hourly facts for yesterday and today, as the scheduler's hourly job fetches
    const today = todayIn(sim.accounts[0].timeZone, now);
    await runSync(
      { db, config, keyring, now: clock },
      {
        workspaceId: DEFAULT_WORKSPACE_ID,
        connectionId: connection.id,
        from: addDays(today, -1),
        to: today,
        hourly: true,
      },
    );
    // no OPENAI_* in this config: always the offline planner, whatever the environment holds
    const assistant = createAssistant(loadConfig({ LOG_LEVEL: 'silent' }));
    const ctx: ToolContext = { db, config, workspaceId: DEFAULT_WORKSPACE_ID, log: logger, now: clock };
    const opened = db;
    return {
      assistant,
      ctx,
      settle: waitForBackgroundSyncs,
      close: async () => {
        // a question that wrongly started a sync leaves it running against the simulator
        await waitForBackgroundSyncs();
        await opened.close();
        await sim.close();
      },
    };
  } catch (err) {
    await db?.close();
    await sim.close();
    throw err;
  }
}
