// Resources a client can browse: the workspace's connections, one connection with its recent sync
// runs, and the campaign tree (campaigns → ad sets → ads with statuses). Everything is read through
// the tool registry, so resources see exactly what the tools see, scoped to the session's workspace.
import { type McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError, type ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import { AppError } from '../errors.js';
import { logger } from '../log.js';
import { callTool } from '../tools/registry.js';
import type { entityRowSchema, listConnectionsOutput, listEntitiesOutput } from '../tools/schemas.js';
import { type McpSession, toolContext } from './session.js';

type Connection = z.output<typeof listConnectionsOutput>['connections'][number];
type EntityRow = z.output<typeof entityRowSchema>;
type Entities = z.output<typeof listEntitiesOutput>;

/** list_entities' maximum page; a bigger account is marked truncated rather than paged silently. */
const TREE_LIMIT = 500;
/** Resource not found (the MCP spec's code for resources/read of an unknown URI). */
const RESOURCE_NOT_FOUND = -32002;

/** Reads the value and serves it as JSON; an internal failure (the database) is reported without its details. */
async function json(uri: URL, read: () => Promise<unknown>): Promise<ReadResourceResult> {
  try {
    const text = JSON.stringify(await read(), null, 2);
    return { contents: [{ uri: uri.href, mimeType: 'application/json', text }] };
  } catch (err) {
    if (err instanceof McpError || err instanceof AppError) throw err;
    logger.error({ err, uri: uri.href }, 'resource read failed');
    throw new McpError(ErrorCode.InternalError, `could not read ${uri.href}: internal error`);
  }
}

async function connections(session: McpSession): Promise<Connection[]> {
  const ctx = toolContext(session, { resource: 'connections' });
  const out = (await callTool('list_connections', {}, ctx)) as { connections: Connection[] };
  return out.connections;
}

async function entities(session: McpSession, level: 'campaign' | 'adset' | 'ad'): Promise<Entities> {
  const ctx = toolContext(session, { resource: 'campaigns', level });
  const input = {
    level,
    status: 'any',
    metrics: ['spend'],
    limit: TREE_LIMIT,
    sort: { by: 'name', direction: 'asc' },
  };
  return (await callTool('list_entities', input, ctx)) as Entities;
}

/** Rows grouped by their parent's id, in the order they came (by name). */
function childrenOf(rows: EntityRow[]): (parentId: string) => EntityRow[] {
  const byParent = new Map<string, EntityRow[]>();
  for (const r of rows) {
    const key = r.parent_id ?? '';
    const siblings = byParent.get(key);
    if (siblings) siblings.push(r);
    else byParent.set(key, [r]);
  }
  return (parentId) => byParent.get(parentId) ?? [];
}

function node(row: EntityRow) {
  return { id: row.id, name: row.name, status: row.status, effective_status: row.effective_status };
}

/** Campaigns → ad sets → ads, from three flat listings joined on parent_id. */
export async function campaignTree(session: McpSession) {
  const [campaigns, adsets, ads] = await Promise.all([
    entities(session, 'campaign'),
    entities(session, 'adset'),
    entities(session, 'ad'),
  ]);
  const adsOf = childrenOf(ads.rows);
  const adsetsOf = childrenOf(adsets.rows);
  const truncated = [campaigns, adsets, ads].some((e) => e.total_count > e.rows.length);
  return {
    data_as_of: campaigns.data_as_of,
    ...(truncated ? { truncated: true, note: `only the first ${TREE_LIMIT} of each level are shown` } : {}),
    campaigns: campaigns.rows.map((c) => ({
      ...node(c),
      adsets: adsetsOf(c.id).map((s) => ({ ...node(s), ads: adsOf(s.id).map(node) })),
    })),
  };
}

export function registerResources(server: McpServer, session: McpSession): void {
  server.registerResource(
    'connections',
    'adnavi://connections',
    {
      title: 'Connected ad accounts',
      description: 'Every ad account connected to this workspace: status, currency, time zone, last sync.',
      mimeType: 'application/json',
    },
    (uri) => json(uri, async () => ({ connections: await connections(session) })),
  );

  server.registerResource(
    'campaigns',
    'adnavi://campaigns',
    {
      title: 'Campaign tree',
      description: 'Campaigns → ad sets → ads with their status and effective (delivery) status.',
      mimeType: 'application/json',
    },
    (uri) => json(uri, () => campaignTree(session)),
  );

  const template = new ResourceTemplate('adnavi://connections/{connection_id}', {
    list: async () => ({
      resources: (await connections(session)).map((c) => ({
        uri: `adnavi://connections/${c.id}`,
        name: c.name ?? c.account_id,
        description: `${c.account_id} (${c.status})`,
        mimeType: 'application/json',
      })),
    }),
    complete: {
      connection_id: async (value) =>
        (await connections(session)).map((c) => c.id).filter((id) => id.startsWith(value)),
    },
  });
  server.registerResource(
    'connection',
    template,
    {
      title: 'One connection',
      description: 'One connected ad account with its five most recent sync runs.',
      mimeType: 'application/json',
    },
    (uri, variables) => json(uri, () => connectionDetail(session, String(variables.connection_id))),
  );
}

async function connectionDetail(session: McpSession, id: string) {
  const connection = (await connections(session)).find((c) => c.id === id);
  if (!connection) throw new McpError(RESOURCE_NOT_FOUND, `no connection ${id} in this workspace`);
  const ctx = toolContext(session, { resource: 'connection' });
  const runs = await callTool('sync_status', { connection_id: id, limit: 5 }, ctx);
  return { connection, ...(runs as object) };
}
