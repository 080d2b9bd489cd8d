// Sign-up, sign-in, sign-out, session cookies and workspace API keys over real HTTP, on both backends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/db/sql.js';
import { DEFAULT_WORKSPACE_ID } from '../../src/db/workspaces.js';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';
import { bearer, call, serveTest, sessionCookieOf, type TestServer, uniqueEmail } from './harness.js';

const PASSWORD = 'correct horse battery';

describe.each(backends)('accounts over HTTP (%s)', (kind) => {
  let t: TestDb;
  let server: TestServer;
  beforeAll(async () => {
    t = await createTestDb(kind);
    server = await serveTest(t.db);
  });
  afterAll(async () => {
    await server?.close();
    await t?.drop();
  });

  const signUp = (email: string, password = PASSWORD) =>
    call(server.url, '/api/auth/signup', { method: 'POST', body: { email, password } });

  it('signs up (first person owns the default workspace, the next gets their own), in and out', async () => {
    const first = await signUp(uniqueEmail());
    expect(first.status).toBe(201);
    expect(first.json.workspace_id).toBe(DEFAULT_WORKSPACE_ID);
    const email = uniqueEmail();
    const second = await signUp(email);
    expect(second.status).toBe(201);
    expect(second.json.workspace_id).not.toBe(DEFAULT_WORKSPACE_ID);
    expect(second.text).not.toContain('password');

    const again = await signUp(email.toUpperCase());
    expect(again.status).toBe(409);

    const wrong = await call(server.url, '/api/auth/login', {
      method: 'POST',
      body: { email, password: 'wrong password!' },
    });
    expect(wrong.status).toBe(401);
    const unknown = await call(server.url, '/api/auth/login', {
      method: 'POST',
      body: { email: uniqueEmail(), password: PASSWORD },
    });
    expect(unknown.status).toBe(401);
    expect(unknown.json.error.message).toBe(wrong.json.error.message); // no hint which emails exist

    const login = await call(server.url, '/api/auth/login', {
      method: 'POST',
      body: { email, password: PASSWORD },
    });
    expect(login.status).toBe(200);
    const cookie = sessionCookieOf(login);
    const me = await call(server.url, '/api/auth/me', { headers: cookie });
    expect(me.json).toEqual({ signed_in: true, via: 'session', workspace_id: second.json.workspace_id });
    expect((await call(server.url, '/api/api-keys', { headers: cookie })).status).toBe(200);

    const out = await call(server.url, '/api/auth/logout', { method: 'POST', headers: cookie });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join(';')).toMatch(/adnavi_session=;/);
    expect((await call(server.url, '/api/api-keys', { headers: cookie })).status).toBe(401);
    expect((await call(server.url, '/api/auth/me', { headers: cookie })).json.signed_in).toBe(false);
  });

  it('stores the session as a hash only, with an HttpOnly, SameSite=Lax cookie', async () => {
    const answer = await signUp(uniqueEmail());
    const setCookie = answer.headers.getSetCookie().find((c) => c.startsWith('adnavi_session='))!;
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; SameSite=Lax/i);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).not.toMatch(/; Secure/i); // plain http
    const token = sessionCookieOf(answer).cookie.split('=')[1];
    const rows = await t.db.query<{ n: number }>(
      sql`select count(*)::int as n from sessions where token_hash = ${token} or token_hash like ${`%${token.slice(6, 20)}%`}`,
    );
    expect(rows[0].n).toBe(0);
  });

  it('marks the cookie Secure over https behind a configured proxy, and believes no one else', async () => {
    const signUpVia = (url: string) =>
      call(url, '/api/auth/signup', {
        method: 'POST',
        headers: { 'x-forwarded-proto': 'https' },
        body: { email: uniqueEmail(), password: PASSWORD },
      });
    const secureOf = (answer: Awaited<ReturnType<typeof call>>) =>
      answer.headers.getSetCookie().find((c) => c.startsWith('adnavi_session='))!;
    // no ADNAVI_TRUST_PROXY: X-Forwarded-Proto from anyone is ignored
    const direct = await signUpVia(server.url);
    expect(direct.status).toBe(201);
    expect(secureOf(direct)).not.toMatch(/; Secure/i);
    const proxied = await serveTest(t.db, { env: { ADNAVI_TRUST_PROXY: 'loopback' } });
    try {
      const answer = await signUpVia(proxied.url);
      expect(answer.status).toBe(201);
      expect(secureOf(answer)).toMatch(/; Secure/i);
    } finally {
      await proxied.close();
    }
  });

  it('rejects weak or malformed credentials naming the field', async () => {
    const short = await signUp(uniqueEmail(), 'short');
    expect(short.status).toBe(400);
    expect(short.json.error.issues[0].field).toBe('password');
    const bad = await signUp('not-an-email');
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues[0].field).toBe('email');
  });

  it('shows an API key once, stores it hashed, records its use and honours revocation', async () => {
    const cookie = sessionCookieOf(await signUp(uniqueEmail()));
    const created = await call(server.url, '/api/api-keys', {
      method: 'POST',
      headers: cookie,
      body: { name: 'ci' },
    });
    expect(created.status).toBe(201);
    const key: string = created.json.key;
    expect(key).toMatch(/^adn_k_/);
    expect(created.json.last_used_at).toBeNull();

    const listed = await call(server.url, '/api/api-keys', { headers: cookie });
    expect(listed.text).not.toContain(key);
    expect(listed.json.api_keys).toHaveLength(1);
    expect(key.startsWith(listed.json.api_keys[0].prefix)).toBe(true);

    const stored = await t.db.query<Record<string, unknown>>(
      sql`select * from api_keys where id = ${created.json.id}`,
    );
    expect(JSON.stringify(stored)).not.toContain(key.slice(6));

    const used = await call(server.url, '/api/auth/me', { headers: bearer(key) });
    expect(used.json).toMatchObject({ signed_in: true, via: 'api_key' });
    const afterUse = (await call(server.url, '/api/api-keys', { headers: cookie })).json.api_keys[0];
    expect(afterUse.last_used_at).not.toBeNull();

    // a use more than a minute after the last one moves last_used_at forward
    await t.db.query(
      sql`update api_keys set last_used_at = now() - interval '2 hours' where id = ${created.json.id}`,
    );
    await call(server.url, '/api/connections', { headers: bearer(key) });
    const later = (await call(server.url, '/api/api-keys', { headers: cookie })).json.api_keys[0];
    // against the database's clock, which stamps it (under faketime the test's clock is not the server's)
    const [{ now }] = await t.db.query<{ now: Date }>(sql`select now() as now`);
    expect(now.getTime() - Date.parse(later.last_used_at)).toBeLessThan(60_000);
    expect(now.getTime() - Date.parse(later.last_used_at)).toBeGreaterThanOrEqual(0);

    expect(
      (await call(server.url, '/api/api-keys', { method: 'POST', headers: bearer(key), body: { name: 'x' } }))
        .status,
    ).toBe(403);

    const revoked = await call(server.url, `/api/api-keys/${created.json.id}`, {
      method: 'DELETE',
      headers: cookie,
    });
    expect(revoked.status).toBe(204);
    expect((await call(server.url, '/api/connections', { headers: bearer(key) })).status).toBe(401);
    expect(
      (await call(server.url, `/api/api-keys/${created.json.id}`, { method: 'DELETE', headers: cookie }))
        .status,
    ).toBe(404);
  });

  it('never falls back to another identity on a wrong credential', async () => {
    expect(
      (await call(server.url, '/api/connections', { headers: bearer('adn_k_not-a-real-key') })).status,
    ).toBe(401);
    expect(
      (await call(server.url, '/api/connections', { headers: { authorization: 'Basic abc' } })).status,
    ).toBe(401);
    expect(
      (await call(server.url, '/api/connections', { headers: { cookie: 'adnavi_session=adn_s_forged' } }))
        .status,
    ).toBe(401);
  });
});
