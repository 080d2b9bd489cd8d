// Starts the HTTP server (express app; later the WebSocket chat and MCP over HTTP on the same port).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { portError } from '../startupChecks.js';
import { createApp } from './app.js';
import { attachChatSocket } from './chatSocket.js';
import type { ServerDeps } from './deps.js';

export interface RunningServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

export async function startServer(deps: ServerDeps, port: number, host: string): Promise<RunningServer> {
  const app = createApp(deps);
  // Idle keep-alive sockets stay open longer than Node's 5 s default: a client reusing a socket in the
  // instant the server closes it gets ECONNRESET (seen when a busy event loop fired the timer late), and
  // proxies in front of us commonly keep 60 s. headersTimeout must exceed keepAliveTimeout.
  const server = createServer({ keepAliveTimeout: 65_000, headersTimeout: 66_000 }, app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) => reject(portError(err, port, host)));
    server.listen(port, host, resolve);
  });
  const chat = attachChatSocket(server, deps);
  const address = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return {
    server,
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        void chat.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
