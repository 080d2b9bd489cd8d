// Who may call MCP over HTTP. The server passes an McpAuthenticate in; the default resolves a workspace
// API key (Authorization: Bearer adn_k_…) through src/auth, and in local mode (bound to loopback, no
// credentials sent) the default workspace. Cookies are deliberately ignored: MCP clients send bearer
// tokens, and a browser's ambient cookie must never authorise a tool call.
import type { IncomingMessage } from 'node:http';
import { authenticate } from '../auth/authenticate.js';
import type { ServerDeps } from '../server/deps.js';

export type McpAuthenticate = (req: IncomingMessage) => Promise<{ workspaceId: string } | null>;

export function workspaceKeyAuthenticate(deps: Pick<ServerDeps, 'db' | 'authMode'>): McpAuthenticate {
  return (req) =>
    authenticate(deps.db, { authorization: req.headers.authorization }, deps.authMode ?? 'local'); // same default as the REST API (deps.ts)
}
