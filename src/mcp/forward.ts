// `adnavi mcp` when another process (a running `adnavi serve` / `npm start`) owns the embedded data
// dir: the embedded database has one owner, so instead of refusing, this process relays the
// client's JSON-RPC between stdio and that server's MCP over HTTP on loopback, message by message.
// The server answers with the same registry, so the client sees the same tools, resources and prompts.
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../log.js';
import type { StdioServing } from './stdio.js';

/** `headers`: sent with every request (an API key for a server that requires sign-in). */
export async function relayStdioTo(
  serverUrl: string,
  headers: Record<string, string>,
  log: Logger,
): Promise<StdioServing> {
  const local = new StdioServerTransport();
  const remote = new StreamableHTTPClientTransport(new URL('/mcp', serverUrl), { requestInit: { headers } });
  const closed = new Promise<void>((resolve) => {
    local.onclose = () => resolve();
  });
  const close = async () => {
    await remote.close().catch(() => undefined);
    await local.close();
  };
  local.onmessage = (message) => {
    remote.send(message).catch((err: unknown) => {
      log.warn({ err: String(err) }, 'the AdNavi server did not take an MCP message');
      const id = 'id' in message ? message.id : undefined;
      if (id === undefined || !('method' in message)) return;
      const reply: JSONRPCMessage = {
        jsonrpc: '2.0',
        id,
        error: { code: -32603, message: `the AdNavi server at ${serverUrl} did not answer: ${String(err)}` },
      };
      void local.send(reply);
    });
  };
  remote.onmessage = (message) => void local.send(message);
  remote.onerror = (err) => log.warn({ err: String(err) }, 'MCP over HTTP to the AdNavi server');
  process.stdin.once('end', () => void close());
  await remote.start();
  await local.start();
  log.info({ server: serverUrl }, 'MCP server ready on stdio, relaying to the running AdNavi server');
  return { closed, close };
}
