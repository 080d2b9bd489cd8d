// Raw HTTP and WebSocket handshakes with any headers (node:http lets us set Host, which fetch does
// not), and the app's routes as concrete requests, for the probes in this folder.
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import WebSocket from 'ws';
import { DEFAULT_WORKSPACE_ID } from '../../src/db/workspaces.js';
import type { RouteInfo } from './routes.js';

export interface RawAnswer {
  status: number;
  body: string;
}

export function rawRequest(
  base: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const body = init.body ?? (init.method && init.method !== 'GET' ? '{}' : undefined);
    const req = request(
      new URL(path, base),
      {
        method: init.method ?? 'GET',
        headers: {
          ...(body !== undefined
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
            : {}),
          ...init.headers,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The HTTP status a WebSocket handshake on /ws gets (101 when it opens; the socket is then closed). */
export function wsHandshake(base: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${base.replace('http', 'ws')}/ws`, { headers });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
    ws.on('error', () => resolve(0));
  });
}

/** A concrete request for a route from listRoutes: params filled, regex routes at "/settings". */
export function concrete(route: RouteInfo): { method: string; path: string } {
  const method = route.method === 'ALL' ? 'GET' : route.method;
  if (route.path.includes('*')) return { method, path: '/settings' }; // the web app's catch-all
  const path = route.path
    .replace(':workspaceId', DEFAULT_WORKSPACE_ID)
    .replace(/:[a-zA-Z]+/g, () => randomUUID());
  return { method, path };
}
