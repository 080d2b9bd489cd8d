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

/** Hostnames a loopback-bound server answers to; anything else is a DNS-rebinding attempt. */
export const LOOPBACK_HOSTNAMES = ['localhost', '127.0.0.1', '[::1]'];

function hostnameOf(value: string, scheme: 'http://' | ''): string | undefined {
  try {
    return new URL(`${scheme}${value}`).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * DNS-rebinding check: the Host header must name an allowed hostname, and a browser's Origin (when
 * sent) must be one too. Returns the reason to refuse, or null to let the request through.
 */
export function rebindingRefusal(
  headers: IncomingMessage['headers'],
  allowedHostnames: readonly string[],
): string | null {
  const host = headers.host ? hostnameOf(headers.host, 'http://') : undefined;
  if (!host || !allowedHostnames.includes(host)) return `Host "${headers.host ?? ''}" is not allowed`;
  const origin = headers.origin;
  if (origin === undefined || origin === 'null')
    return origin === 'null' ? 'Origin "null" is not allowed' : null;
  const originHost = hostnameOf(origin, '');
  if (!originHost || !allowedHostnames.includes(originHost)) return `Origin "${origin}" is not allowed`;
  return null;
}
