// Who gets in, and how the API protects itself: local mode on loopback, 401 everywhere in required
// mode (route list read from the app, so new routes are covered), security headers, per-key rate
// limit, body size limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/auth/accounts.js';
import { DEFAULT_WORKSPACE_ID } from '../../src/db/workspaces.js';
import { serveAuthMode } from '../../src/runtime.js';
import { createApp } from '../../src/server/app.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { makeWorkspace } from '../helpers/fixtures.js';
import { listRoutes } from '../security/routes.js';
import { bearer, call, serveTest, type TestServer } from './harness.js';

const PUBLIC = new Set([
  '/api/auth/signup',
  '/api/auth/login',
  '/api/auth/logout',
  '/api/auth/me',
  '/api/openapi.json',
]);
const SOME_ID = '00000000-0000-4000-8000-00000000abcd';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb('pglite');
});
afterAll(async () => {
  await t?.drop();
});

describe('auth mode', () => {
  it('is local only on loopback and not forced', () => {
    expect(serveAuthMode({ HOST: '127.0.0.1', ADNAVI_AUTH: 'auto' })).toBe('local');
    expect(serveAuthMode({ HOST: '::1', ADNAVI_AUTH: 'auto' })).toBe('local');
    expect(serveAuthMode({ HOST: '0.0.0.0', ADNAVI_AUTH: 'auto' })).toBe('required');
    expect(serveAuthMode({ HOST: '192.168.1.20', ADNAVI_AUTH: 'auto' })).toBe('required');
    expect(serveAuthMode({ HOST: '127.0.0.1', ADNAVI_AUTH: 'required' })).toBe('required');
  });

  it('local mode serves the default workspace without sign-in', async () => {
    const server = await serveTest(t.db, { authMode: 'local' });
    try {
      const me = await call(server.url, '/api/auth/me');
      expect(me.json).toEqual({ signed_in: true, via: 'local', workspace_id: DEFAULT_WORKSPACE_ID });
      expect((await call(server.url, '/api/connections')).status).toBe(200);
      // a wrong credential is still refused, not downgraded to the local workspace
      expect((await call(server.url, '/api/connections', { headers: bearer('adn_k_wrong') })).status).toBe(
        401,
      );
    } finally {
      await server.close();
    }
  });

  it('required mode answers 401 on every /api route but the public auth paths, and on /mcp', async () => {
    const server = await serveTest(t.db, { authMode: 'required' });
    try {
      const routes = listRoutes(createApp(server.deps)).filter((r) => r.path.startsWith('/api/'));
      expect(routes.length).toBeGreaterThan(8);
      for (const route of routes.filter((r) => !PUBLIC.has(r.path))) {
        const path = route.path.replace(/:[a-zA-Z]+/g, SOME_ID);
        const answer = await call(server.url, path, {
          method: route.method,
          body: route.method === 'GET' ? undefined : {},
        });
        expect(answer.status, `${route.method} ${route.path}`).toBe(401);
      }
      expect((await call(server.url, '/api/auth/me')).json.signed_in).toBe(false);
      const mcp = await call(server.url, '/mcp', {
        method: 'POST',
        headers: { accept: 'application/json, text/event-stream' },
        body: { jsonrpc: '2.0', id: 1, method: 'tools/list' },
      });
      expect(mcp.status).toBe(401);
    } finally {
      await server.close();
    }
  });
});

describe('protection', () => {
  let server: TestServer;
  let keyA: string;
  let keyB: string;
  beforeAll(async () => {
    server = await serveTest(t.db, { env: { ADNAVI_RATE_LIMIT: '5' } });
    const ws = await makeWorkspace(t.db);
    keyA = (await createApiKey(t.db, ws, 'a', null)).key;
    keyB = (await createApiKey(t.db, ws, 'b', null)).key;
  });
  afterAll(async () => {
    await server?.close();
  });

  it('puts security headers on pages and API answers', async () => {
    for (const path of ['/', '/settings', '/api/auth/me']) {
      const answer = await call(server.url, path);
      const csp = answer.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(answer.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(answer.headers.get('x-frame-options'), path).toBe('SAMEORIGIN');
      expect(answer.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(answer.headers.get('x-powered-by'), path).toBeNull();
    }
  });

  it('rate-limits per API key: one key exhausted, another unaffected', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await call(server.url, '/api/connections', { headers: bearer(keyA) })).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const limited = await call(server.url, '/api/connections', { headers: bearer(keyA) });
    expect(limited.json.error.code).toBe('rate_limited');
    expect((await call(server.url, '/api/connections', { headers: bearer(keyB) })).status).toBe(200);
  });

  it('refuses oversized bodies with 413 and keeps serving', async () => {
    const huge = JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(9 * 1024 * 1024) });
    const api = await call(server.url, '/api/auth/login', { method: 'POST', raw: huge });
    expect(api.status).toBe(413);
    const mcp = await call(server.url, '/mcp', {
      method: 'POST',
      headers: { ...bearer(keyB), accept: 'application/json, text/event-stream' },
      raw: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/list',
        params: { pad: 'x'.repeat(2 * 1024 * 1024) },
      }),
    });
    expect(mcp.status).toBe(413);
    expect((await call(server.url, '/healthz')).status).toBe(200);
  });
});
