// DNS rebinding and cross-site requests on every surface: a foreign Host or Origin on every route
// (read from the app's router, so a new route is covered without editing this file), the WebSocket
// handshake and MCP; a cross-site POST carrying the session cookie (text/plain, the form trick);
// a malformed session cookie everywhere; the OAuth redirect_uri never built from a foreign Host.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/db/sql.js';
import { DEFAULT_WORKSPACE_ID } from '../../src/db/workspaces.js';
import { createApp } from '../../src/server/app.js';
import { call, serveTest, sessionCookieOf, type TestServer, uniqueEmail } from '../auth/harness.js';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';
import { makeConnection } from '../helpers/fixtures.js';
import { concrete, rawRequest, wsHandshake } from './rawHttp.js';
import { listRoutes } from './routes.js';

const FOREIGN = 'evil.example:8787';

async function count(t: TestDb, table: 'sync_runs' | 'api_keys'): Promise<number> {
  const rows = await t.db.query<{ n: number }>(
    table === 'sync_runs'
      ? sql`select count(*)::int as n from sync_runs`
      : sql`select count(*)::int as n from api_keys`,
  );
  return rows[0].n;
}

describe.each(backends)('Host allow-list, CSRF and malformed cookies (%s)', (kind) => {
  let t: TestDb;
  let server: TestServer;
  let port: string;
  let connectionId: string;
  beforeAll(async () => {
    t = await createTestDb(kind);
    connectionId = await makeConnection(t.db, DEFAULT_WORKSPACE_ID);
    // local mode: the default workspace needs no sign-in, which is what made rebinding dangerous
    server = await serveTest(t.db, { authMode: 'local', env: { META_APP_ID: '1', META_APP_SECRET: 's' } });
    port = new URL(server.url).port;
  }, 180_000); // a fresh PGlite can take a minute on a loaded machine
  afterAll(async () => {
    await server?.close();
    await t?.drop();
  });

  it('refuses a foreign Host and a foreign Origin on every route, and writes nothing', async () => {
    const routes = listRoutes(createApp(server.deps));
    const [runs, keys] = [await count(t, 'sync_runs'), await count(t, 'api_keys')];
    for (const route of routes) {
      const { method, path } = concrete(route);
      const what = `${method} ${path}`;
      const foreignHost = await rawRequest(server.url, path, { method, headers: { host: FOREIGN } });
      const foreignOrigin = await rawRequest(server.url, path, {
        method,
        headers: { origin: `http://${FOREIGN}` },
      });
      if (path === '/healthz') {
        expect(foreignHost.status, what).toBe(200); // probes ask by address; it reveals nothing
        continue;
      }
      expect(foreignHost.status, `${what} with Host ${FOREIGN}: ${foreignHost.body}`).toBe(403);
      expect(foreignOrigin.status, `${what} with a foreign Origin: ${foreignOrigin.body}`).toBe(403);
    }
    const sync = await rawRequest(server.url, `/api/connections/${connectionId}/sync`, {
      method: 'POST',
      headers: { host: FOREIGN },
    });
    expect(sync.status).toBe(403);
    const key = await rawRequest(server.url, '/api/api-keys', {
      method: 'POST',
      headers: { host: `localhost:${port}`, origin: `http://${FOREIGN}` },
      body: JSON.stringify({ name: 'rebound' }),
    });
    expect(key.status).toBe(403);
    expect([await count(t, 'sync_runs'), await count(t, 'api_keys')]).toEqual([runs, keys]);
  });

  it('accepts loopback names and ADNAVI_ALLOWED_HOSTS', async () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
      expect((await rawRequest(server.url, '/api/auth/me', { headers: { host } })).status, host).toBe(200);
    }
    expect((await rawRequest(server.url, '/api/auth/me', { headers: { host: 'ads.internal' } })).status).toBe(
      403,
    );
    const named = await serveTest(t.db, { authMode: 'local', env: { ADNAVI_ALLOWED_HOSTS: 'ads.internal' } });
    try {
      expect(
        (await rawRequest(named.url, '/api/auth/me', { headers: { host: 'ads.internal:80' } })).status,
      ).toBe(200);
    } finally {
      await named.close();
    }
  });

  it('checks the WebSocket handshake against the same allow-list (not Origin against Host)', async () => {
    expect(await wsHandshake(server.url, {})).toBe(101);
    expect(await wsHandshake(server.url, { origin: `http://localhost:${port}` })).toBe(101);
    expect(await wsHandshake(server.url, { host: FOREIGN })).toBe(403);
    // the rebinding case: Origin and Host agree, both name the attacker
    expect(await wsHandshake(server.url, { host: FOREIGN, origin: `http://${FOREIGN}` })).toBe(403);
    expect(await wsHandshake(server.url, { origin: 'https://attacker.example' })).toBe(403);
    expect(await wsHandshake(server.url, { origin: 'null' })).toBe(403);
  });

  it('refuses MCP with a foreign Host or Origin', async () => {
    const ping = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' });
    const headers = { accept: 'application/json, text/event-stream' };
    expect((await rawRequest(server.url, '/mcp', { method: 'POST', headers, body: ping })).status).toBe(200);
    for (const extra of [{ host: FOREIGN }, { origin: `http://${FOREIGN}` }] as Record<string, string>[]) {
      const answer = await rawRequest(server.url, '/mcp', {
        method: 'POST',
        headers: { ...headers, ...extra },
        body: ping,
      });
      expect(answer.status, JSON.stringify(extra)).toBe(403);
    }
  });

  it('refuses cross-site state changes a cookie (or local mode) would authorise', async () => {
    const signUp = await call(server.url, '/api/auth/signup', {
      method: 'POST',
      body: { email: uniqueEmail(), password: 'long enough password' },
    });
    expect(signUp.status).toBe(201);
    const cookie = sessionCookieOf(signUp);
    const runs = await count(t, 'sync_runs');
    const syncPath = `/api/connections/${connectionId}/sync`;
    // a form on attacker.example posting text/plain with the victim's cookie
    const forged = await call(server.url, syncPath, {
      method: 'POST',
      headers: { ...cookie, origin: 'https://attacker.example', 'content-type': 'text/plain' },
      raw: '{}',
    });
    expect(forged.status).toBe(403);
    expect(forged.json.error.message).toMatch(/Origin "https:\/\/attacker.example"/);
    // the cookie but neither Origin nor Referer: refused; a Referer of ours stands in for Origin
    const bare = await call(server.url, '/api/api-keys', {
      method: 'POST',
      headers: { ...cookie, origin: '' },
      body: { name: 'x' },
    });
    expect(bare.status).toBe(403);
    const foreignReferer = await call(server.url, '/api/api-keys', {
      method: 'POST',
      headers: { ...cookie, origin: '', referer: 'https://attacker.example/page' },
      body: { name: 'x' },
    });
    expect(foreignReferer.status).toBe(403);
    const ownReferer = await call(server.url, '/api/api-keys', {
      method: 'POST',
      headers: { ...cookie, origin: '', referer: `${server.url}/settings` },
      body: { name: 'from settings' },
    });
    expect(ownReferer.status).toBe(201);
    // local mode, no cookie at all, a foreign page: still refused
    const anonymous = await call(server.url, syncPath, {
      method: 'POST',
      headers: { origin: 'https://attacker.example' },
      body: {},
    });
    expect(anonymous.status).toBe(403);
    expect(await count(t, 'sync_runs')).toBe(runs);
    // an API key is not ambient: no Origin needed (and a cross-site page cannot set Authorization)
    const withKey = await call(server.url, '/api/auth/logout', {
      method: 'POST',
      headers: { authorization: `Bearer ${ownReferer.json.key}`, origin: '' },
    });
    expect(withKey.status).toBe(204);
  });

  it('treats a malformed session cookie as a wrong credential on every route, /healthz and /ws', async () => {
    const cookie = { cookie: 'adnavi_session=%E0%A4%A' };
    for (const route of listRoutes(createApp(server.deps))) {
      const { method, path } = concrete(route);
      const answer = await rawRequest(server.url, path, {
        method,
        headers: { ...cookie, origin: server.url },
      });
      expect(answer.status, `${method} ${path}: ${answer.body}`).toBeLessThan(500);
    }
    expect(await wsHandshake(server.url, cookie)).toBe(101); // local mode: falls back to the default workspace
    const required = await serveTest(t.db, { authMode: 'required' });
    try {
      expect(await wsHandshake(required.url, cookie)).toBe(401);
      expect((await rawRequest(required.url, '/api/campaigns', { headers: cookie })).status).toBe(401);
    } finally {
      await required.close();
    }
  });

  it('builds the OAuth redirect_uri from ADNAVI_PUBLIC_URL or the allowed Host, never a foreign one', async () => {
    const start = await rawRequest(server.url, '/api/oauth/meta/start', { headers: { host: FOREIGN } });
    expect(start.status).toBe(403);
    const local = await call(server.url, '/api/oauth/meta/start');
    const redirect = new URL(local.headers.get('location') ?? '').searchParams.get('redirect_uri');
    expect(redirect).toBe(`${server.url}/api/oauth/meta/callback`);
    const proxied = await serveTest(t.db, {
      authMode: 'local',
      env: { META_APP_ID: '1', META_APP_SECRET: 's', ADNAVI_PUBLIC_URL: 'https://ads.example.com' },
    });
    try {
      const answer = await call(proxied.url, '/api/oauth/meta/start');
      expect(new URL(answer.headers.get('location') ?? '').searchParams.get('redirect_uri')).toBe(
        'https://ads.example.com/api/oauth/meta/callback',
      );
    } finally {
      await proxied.close();
    }
  });
});
