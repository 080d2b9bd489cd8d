// Who is calling: a workspace API key (Authorization: Bearer adn_k_…), a browser session cookie, or —
// only when the server runs in local mode (bound to loopback) — the local default workspace. Every
// surface (REST, WebSocket, MCP over HTTP) resolves its caller here, so scoping rules live in one place.
import type { IncomingHttpHeaders } from 'node:http';
import { useApiKey } from '../db/apiKeys.js';
import type { Db } from '../db/db.js';
import { findLiveSession } from '../db/sessions.js';
import { DEFAULT_WORKSPACE_ID } from '../db/workspaces.js';
import { sha256Hex } from './secretHashing.js';

export type AuthMode = 'local' | 'required';

export interface Caller {
  workspaceId: string;
  userId: string | null;
  apiKeyId: string | null;
  via: 'api_key' | 'session' | 'local';
}

export const SESSION_COOKIE = 'adnavi_session';
export const API_KEY_PREFIX = 'adn_k_';
export const SESSION_PREFIX = 'adn_s_';

/** The caller, or null when credentials are missing or wrong (a wrong credential never falls back to local). */
export async function authenticate(
  db: Db,
  headers: IncomingHttpHeaders,
  mode: AuthMode,
): Promise<Caller | null> {
  const bearer = bearerToken(headers.authorization);
  if (bearer !== undefined) {
    const key = bearer.startsWith(API_KEY_PREFIX) ? await useApiKey(db, sha256Hex(bearer)) : undefined;
    return key ? { workspaceId: key.workspace_id, userId: null, apiKeyId: key.id, via: 'api_key' } : null;
  }
  const cookie = readCookie(headers.cookie, SESSION_COOKIE);
  if (cookie !== undefined) {
    const session = cookie.startsWith(SESSION_PREFIX)
      ? await findLiveSession(db, sha256Hex(cookie))
      : undefined;
    if (session)
      return { workspaceId: session.workspace_id, userId: session.user_id, apiKeyId: null, via: 'session' };
    if (mode === 'required') return null;
  }
  return mode === 'local'
    ? { workspaceId: DEFAULT_WORKSPACE_ID, userId: null, apiKeyId: null, via: 'local' }
    : null;
}

function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match ? match[1] : '';
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodedCookieValue(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** A malformed escape (adnavi_session=%E0%A4%A) is a wrong credential, not a crash: keep it raw. */
function decodedCookieValue(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '::ffff:127.0.0.1']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host) || host.startsWith('127.');
}
