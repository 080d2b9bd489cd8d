// trigger_sync: asks the sync engine to start a run per connection; returns at once with run ids.
// The one tool that changes something (it writes sync runs and, in the background, facts).
import { listConnections } from '../db/connections.js';
import { NotFoundError } from '../errors.js';
import { loadKeyring } from '../secrets/tokenVault.js';
import { triggerSyncInput, triggerSyncOutput } from './schemas.js';
import type { ToolDefinition } from './types.js';

export const triggerSync: ToolDefinition<typeof triggerSyncInput, typeof triggerSyncOutput> = {
  name: 'trigger_sync',
  title: 'Start a sync',
  description: [
    'Starts syncing ad data from Meta for one connection (`connection_id`, a uuid from list_connections)',
    "or, without it, for every connected account. Optional `from`/`to` (dates in the account's time zone)",
    'sync just that range; `full: true` re-fetches everything. Not read-only: it writes fresh data. Use it',
    'when the person asks to refresh or when data_as_of is stale. Returns at once with one run per',
    'connection {run_id, connection_id, already_running}; poll sync_status with the run_id for progress.',
  ].join(' '),
  input: triggerSyncInput,
  output: triggerSyncOutput,
  readOnly: false,
  async handler(input, ctx) {
    const connections = await listConnections(ctx.db, ctx.workspaceId);
    const targets = input.connection_id
      ? connections.filter((c) => c.id === input.connection_id)
      : connections;
    if (input.connection_id && targets.length === 0) {
      throw new NotFoundError(
        `connection ${input.connection_id} not found; list_connections shows the connected accounts`,
      );
    }
    const deps = {
      db: ctx.db,
      config: ctx.config,
      keyring: ctx.keyring ?? loadKeyring(ctx.config),
      log: ctx.log,
      now: ctx.now,
    };
    // loaded here, not at the top: the sync engine pulls in the Meta SDK and the rate limiter, which
    // every read-only question (and a one-shot `adnavi ask`) would otherwise pay for at start-up
    const { requestSync } = await import('../sync/syncService.js');
    const runs = [];
    for (const c of targets) {
      const run = await requestSync(deps, {
        workspaceId: ctx.workspaceId,
        connectionId: c.id,
        from: input.from,
        to: input.to,
        full: input.full,
      });
      runs.push({ run_id: run.runId, connection_id: c.id, already_running: run.alreadyRunning });
    }
    return { runs };
  },
};
