// Builds an MCP server from the tool registry: the tools (validated by the registry), resources to
// browse and prompts. Transport-agnostic: stdio.ts and httpTransport.ts connect it to a wire.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { PRODUCT } from '../version.js';
import { registerPrompts } from './prompts.js';
import { registerResources } from './resources.js';
import type { McpSession } from './session.js';
import { installTools } from './tools.js';

export type { McpSession } from './session.js';

const SERVER_INFO = { name: PRODUCT.name, title: 'AdNavi', version: PRODUCT.version };

const INSTRUCTIONS =
  'AdNavi answers questions about Meta ad accounts from a synced copy of the data. Use list_connections ' +
  'to see the accounts, list_entities for campaigns/ad sets/ads with metrics, get_metrics for totals ' +
  'and trends, compare_periods for week-over-week style changes, trigger_sync and sync_status to ' +
  'refresh the data. Every answer carries its date range and data_as_of; repeat them to the user.';

export function createMcpServer(session: McpSession): McpServer {
  const server = new McpServer(SERVER_INFO, { instructions: INSTRUCTIONS });
  installTools(server.server, session);
  registerResources(server, session);
  registerPrompts(server, session);
  return server;
}
