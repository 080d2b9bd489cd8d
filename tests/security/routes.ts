// Every route the express app serves, read from its router stack, so a table of routes in a test
// can be checked for completeness: a route added later and not covered fails the test.
import type express from 'express';

export interface RouteInfo {
  method: string;
  path: string;
}

interface Layer {
  rawPath?: string | RegExp | (string | RegExp)[];
  route?: { path: string | RegExp; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

function joinPath(prefix: string, path: string | RegExp): string {
  const p = typeof path === 'string' ? path : path.toString();
  if (prefix === '' || prefix === '/') return p;
  return p === '/' ? prefix : `${prefix}${p}`;
}

function walk(stack: Layer[], prefix: string, out: RouteInfo[]): void {
  for (const layer of stack) {
    if (layer.route) {
      for (const method of Object.keys(layer.route.methods)) {
        if (method === '_all') out.push({ method: 'ALL', path: joinPath(prefix, layer.route.path) });
        else out.push({ method: method.toUpperCase(), path: joinPath(prefix, layer.route.path) });
      }
    } else if (layer.handle?.stack) {
      const raw = Array.isArray(layer.rawPath) ? layer.rawPath[0] : layer.rawPath;
      walk(layer.handle.stack, joinPath(prefix, raw ?? '/'), out);
    }
  }
}

export function listRoutes(app: express.Express): RouteInfo[] {
  const out: RouteInfo[] = [];
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '', out);
  return out;
}

export const routeKey = (r: RouteInfo) => `${r.method} ${r.path}`;
