// MCP over stdio: stdout carries JSON-RPC and nothing else (logs go to stderr through src/log.ts).
// `closed` resolves when the client ends stdin or close() is called, so the caller can release the
// database; closing pauses stdin, so nothing keeps the process alive afterwards.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createMcpServer, type McpSession } from './mcpServer.js';

export interface StdioServing {
  closed: Promise<void>;
  close(): Promise<void>;
}

export async function serveStdio(session: McpSession): Promise<StdioServing> {
  const server = createMcpServer(session);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
  });
  // the transport does not watch for end-of-input itself; a client that closes stdin is gone
  process.stdin.once('end', () => void server.close());
  await server.connect(transport);
  session.log.info('MCP server ready on stdio');
  return { closed, close: () => server.close() };
}
