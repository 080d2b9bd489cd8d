// `adnavi mcp`: the MCP server on stdio for the default workspace. stdout carries only the protocol;
// everything else (logs, the start-up line) goes to stderr.
import { loadConfig } from '../config.js';
import { openMigratedDb } from '../db/open.js';
import { DEFAULT_WORKSPACE_ID } from '../db/workspaces.js';
import { logger } from '../log.js';
import { serveStdio } from '../mcp/stdio.js';
import { untilStopped } from '../shutdown.js';
import { waitForBackgroundSyncs } from '../sync/syncService.js';

export async function run(_args: string[]): Promise<void> {
  const config = loadConfig();
  const db = await openMigratedDb(config);
  const log = logger.child({ surface: 'mcp-stdio' });
  try {
    const serving = await serveStdio({ db, config, workspaceId: DEFAULT_WORKSPACE_ID, log });
    // a client that stops us with a signal instead of closing stdin still gets a clean shutdown
    void untilStopped().then(() => serving.close());
    await serving.closed;
  } finally {
    // a sync started by trigger_sync finishes (and records its outcome) before the database closes
    await waitForBackgroundSyncs();
    await db.close();
  }
}
