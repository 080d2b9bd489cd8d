// list_connections: the workspace's connected ad accounts and how fresh their data is.
import { listConnections as listConnectionRows } from '../db/connections.js';
import { type SyncHealth, syncHealth } from '../db/syncHealth.js';
import { listConnectionsInput, listConnectionsOutput } from './schemas.js';
import type { ToolDefinition } from './types.js';

export const listConnections: ToolDefinition<typeof listConnectionsInput, typeof listConnectionsOutput> = {
  name: 'list_connections',
  title: 'List connected ad accounts',
  description: [
    'Lists the connected ad accounts: id (a uuid, used by trigger_sync, sync_status and the',
    'filters.connection_id of other tools), provider, Meta account id (act_…), name, status (active,',
    'needs_reauth, disabled, error) with its reason, currency, time zone (dates in other tools resolve in',
    'it), last_synced_at (ISO time of the last successful sync; null = never synced), and when the',
    'access token expires (token_expires_at; null = does not expire) with its scopes. Use it for',
    '"which accounts are connected?" or "how fresh is my data?". `sync` tells the automatic sync: its',
    "schedule (in the account's clock), next_run, an unresolved failure with its reason, and dead_jobs",
    '(syncs that used up their retries; sync_status lists them).',
  ].join(' '),
  input: listConnectionsInput,
  output: listConnectionsOutput,
  readOnly: true,
  async handler(_input, ctx) {
    const rows = await listConnectionRows(ctx.db, ctx.workspaceId);
    const health = await syncHealth(ctx.db, ctx.workspaceId);
    return {
      connections: rows.map((c) => ({
        id: c.id,
        provider: c.provider,
        account_id: c.external_account_id,
        name: c.name,
        status: c.status,
        status_reason: c.status_reason,
        currency: c.currency,
        time_zone: c.time_zone,
        last_synced_at: c.last_synced_at ? new Date(c.last_synced_at).toISOString() : null,
        token_expires_at: c.token_expires_at ? new Date(c.token_expires_at).toISOString() : null,
        token_scopes: c.token_scopes ?? [],
        ...withHealth(health.get(c.id)),
      })),
    };
  },
};

function withHealth(h: SyncHealth | undefined) {
  if (!h) return {};
  return {
    sync: { schedule: h.schedule, next_run: h.next_run, failure: h.failure, dead_jobs: h.dead_jobs.length },
  };
}
