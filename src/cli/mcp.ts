// `adnavi mcp`: the MCP server on stdio for the default workspace. stdout carries only the protocol;
// everything else (logs, the start-up line) goes to stderr. The protocol is up before the database:
// initialize and tools/list need no data, so a client sees the tools while PGlite still starts. When a
// running server owns the embedded data dir, this process relays to that server's MCP over HTTP
// (with ADNAVI_API_KEY when that server requires sign-in).
import { loadConfig } from '../config.js';
import { deferredDb } from '../db/deferredDb.js';
import { openMigratedDb } from '../db/open.js';
import { DEFAULT_WORKSPACE_ID } from '../db/workspaces.js';
import { logger } from '../log.js';
import { serveStdio } from '../mcp/stdio.js';
import { tuneForQuickStart } from '../processTuning.js';
import { untilStopped } from '../shutdown.js';
import { waitForBackgroundSyncs } from '../sync/backgroundRuns.js';
import { authHeaders, type ForwardTarget, forwardTarget } from './forwardTarget.js';

export async function run(_args: string[]): Promise<void> {
  const config = loadConfig();
  const target = forwardTarget(config);
  if (target) return relay(target);
  // a quick start: MCP clients spawn this server per session, and its tools run small queries
  tuneForQuickStart();
  const opening = openMigratedDb(config, { quickStart: true });
  const db = deferredDb(config.DATABASE_URL ? 'pg' : 'pglite', opening);
  const log = logger.child({ surface: 'mcp-stdio' });
  try {
    const serving = await serveStdio({ db, config, workspaceId: DEFAULT_WORKSPACE_ID, log });
    void untilStopped().then(() => serving.close());
    // a database that cannot open (DATABASE_URL, a data dir owned by another process) is still a
    // start-up failure: one line, exit 1
    await opening;
    await serving.closed;
  } finally {
    // a sync started by trigger_sync finishes (and records its outcome) before the database closes
    await waitForBackgroundSyncs();
    await db.close();
  }
}

/** The data dir belongs to a running server: relay to its MCP over HTTP (see src/mcp/forward.ts). */
async function relay(target: ForwardTarget): Promise<void> {
  const { relayStdioTo } = await import('../mcp/forward.js');
  const log = logger.child({ surface: 'mcp-stdio', forwardTo: target.url });
  const serving = await relayStdioTo(target.url, authHeaders(target), log);
  void untilStopped().then(() => serving.close());
  await serving.closed;
}
