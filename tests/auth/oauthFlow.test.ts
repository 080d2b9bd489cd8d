// "Connect Meta Ads" end to end over HTTP against the simulator: the happy path, and every way it can
// fail (tampered state, replayed state, denied consent, failed code exchange, token expiring during a
// sync), each with a clear message and no half-made connection or stray token.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exchangeForLongLived, OAuthError } from '../../src/auth/metaOAuth.js';
import { getConnection, listConnections } from '../../src/db/connections.js';
import { sql } from '../../src/db/sql.js';
import { loadToken } from '../../src/db/tokens.js';
import type { Simulator } from '../../src/simulator/index.js';
import { MetaApiError } from '../../src/sync/meta/metaErrors.js';
import { runSync } from '../../src/sync/syncService.js';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';
import { call, serveTest, sessionCookieOf, type TestServer, uniqueEmail } from './harness.js';
import { type Clock, simulatorEnv, simulatorWithClock } from './simulatorOAuth.js';

const DAY = 86_400_000;

describe.each(backends)('Meta OAuth connect over HTTP (%s)', (kind) => {
  const clock: Clock = { now: new Date() };
  let t: TestDb;
  let sim: Simulator;
  let server: TestServer;
  let badSecretServer: TestServer;
  let cookie: Record<string, string>;
  let workspaceId: string;

  beforeAll(async () => {
    t = await createTestDb(kind);
    sim = await simulatorWithClock(clock);
    server = await serveTest(t.db, { env: simulatorEnv(sim) });
    badSecretServer = await serveTest(t.db, {
      env: simulatorEnv(sim, { META_APP_SECRET: 'not-the-secret' }),
    });
  });
  afterAll(async () => {
    await server?.close();
    await badSecretServer?.close();
    await sim?.close();
    await t?.drop();
  });
  beforeEach(async () => {
    const signed = await call(server.url, '/api/auth/signup', {
      method: 'POST',
      body: { email: uniqueEmail(), password: 'correct horse battery' },
    });
    cookie = sessionCookieOf(signed);
    workspaceId = signed.json.workspace_id;
  });

  /** start → the simulator's dialog URL (not yet followed). */
  async function start(base = server.url): Promise<string> {
    const answer = await call(base, '/api/oauth/meta/start', { headers: cookie });
    expect(answer.status).toBe(302);
    const dialog = answer.headers.get('location')!;
    expect(dialog.startsWith(`${sim.url}/${sim.version}/dialog/oauth?`)).toBe(true);
    return dialog;
  }

  /** The dialog consents (or not) and sends the browser back to our callback: that URL. */
  async function consent(dialog: string): Promise<string> {
    const answer = dialog.includes('&deny=') ? dialog : `${dialog}&consent=allow`;
    const res = await fetch(answer, { redirect: 'manual' });
    expect(res.status).toBe(302);
    return res.headers.get('location')!;
  }

  /** Our callback's answer: where it sends the browser. */
  async function callback(url: string): Promise<URL> {
    const u = new URL(url);
    const answer = await call(u.origin, `${u.pathname}${u.search}`, { headers: cookie });
    expect(answer.status).toBe(302);
    return new URL(answer.headers.get('location')!, u.origin);
  }

  async function assertNothingConnected(): Promise<void> {
    expect(await listConnections(t.db, workspaceId)).toEqual([]);
    const tokens = await t.db.query<{ n: number }>(
      sql`select count(*)::int as n from tokens where workspace_id = ${workspaceId}`,
    );
    expect(tokens[0].n).toBe(0);
    const flows = await t.db.query<{ n: number }>(
      sql`select count(*)::int as n from oauth_flows where workspace_id = ${workspaceId} and ciphertext is not null`,
    );
    expect(flows[0].n).toBe(0);
  }

  async function connectHappyPath() {
    const dialog = await start();
    const state = new URL(dialog).searchParams.get('state')!;
    // the least the read path needs: ads_read alone (never ads_management or business_management)
    expect(new URL(dialog).searchParams.get('scope')).toBe('ads_read');
    // Meta's dialog first asks the person: a consent page naming what is asked, Continue or Cancel
    const page = await fetch(dialog, { redirect: 'manual' });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<strong>ads_read</strong>');
    expect(html).not.toContain('ads_management');
    expect(html).toContain('Continue as Demo User');
    expect(html).toContain('Cancel');
    const back = await consent(dialog);
    expect(back.startsWith(`${server.url}/api/oauth/meta/callback?`)).toBe(true);
    const settings = await callback(back);
    expect(settings.pathname).toBe('/settings');
    const flowId = settings.searchParams.get('connect')!;
    expect(flowId).toBeTruthy();
    expect(settings.search).not.toContain(state.split('.')[1]);

    const accounts = await call(server.url, `/api/oauth/meta/flows/${flowId}/accounts`, { headers: cookie });
    expect(accounts.status).toBe(200);
    expect(accounts.json.accounts.map((a: { id: string }) => a.id)).toContain(sim.accounts[0].id);
    expect(accounts.text).not.toMatch(/EAA[\w-]{20,}/);

    const connected = await call(server.url, `/api/oauth/meta/flows/${flowId}/connect`, {
      method: 'POST',
      headers: cookie,
      body: { account_ids: [sim.accounts[0].id] },
    });
    expect(connected.status).toBe(201);
    expect(connected.text).not.toMatch(/EAA[\w-]{20,}/);
    return { back, flowId, connection: connected.json.connections[0] };
  }

  it('connects: dialog → callback → pick accounts → a connection with a sealed, dated, scoped token', async () => {
    const { connection, flowId } = await connectHappyPath();
    expect(connection.account_id).toBe(sim.accounts[0].id);
    expect(connection.currency).toBe(sim.accounts[0].currency);
    const row = await getConnection(t.db, workspaceId, connection.id);
    expect(row?.status).toBe('active');
    const stored = await loadToken(t.db, server.deps.keyring!, connection.id);
    expect(stored?.token).toMatch(/^EAA/);
    expect(Math.abs(stored!.expiresAt!.getTime() - (clock.now.getTime() + 60 * DAY))).toBeLessThan(5000);
    expect(stored?.scopes).toEqual(['ads_read']);
    const raw = await t.db.query<{ ciphertext: Uint8Array }>(
      sql`select ciphertext from tokens where connection_id = ${connection.id}`,
    );
    expect(Buffer.from(raw[0].ciphertext).toString('latin1')).not.toContain(stored!.token);
    // the flow is spent: its token is wiped and it cannot connect again
    expect(
      (await call(server.url, `/api/oauth/meta/flows/${flowId}/accounts`, { headers: cookie })).status,
    ).toBe(404);
    const flows = await t.db.query<{ n: number }>(
      sql`select count(*)::int as n from oauth_flows where nonce = ${flowId}`,
    );
    expect(flows[0].n).toBe(0);
    // the connections API shows it, without the token
    const listed = await call(server.url, '/api/connections', { headers: cookie });
    expect(listed.text).toContain(connection.id);
    expect(listed.text).not.toContain(stored!.token);
  });

  it('refuses a tampered state', async () => {
    const back = new URL(await consent(await start()));
    const [nonce, sig] = back.searchParams.get('state')!.split('.');
    back.searchParams.set('state', `${nonce}.${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`);
    const settings = await callback(back.toString());
    expect(settings.searchParams.get('connect_error')).toMatch(
      /does not match a connect request.*Start again/,
    );
    await assertNothingConnected();
  });

  it('refuses a replayed state', async () => {
    const back = await consent(await start());
    const first = await callback(back);
    expect(first.searchParams.get('connect')).toBeTruthy();
    const second = await callback(back);
    expect(second.searchParams.get('connect_error')).toMatch(/expired or was already used/);
    expect(await listConnections(t.db, workspaceId)).toEqual([]);
  });

  it('refuses a state issued to another workspace', async () => {
    const back = await consent(await start());
    cookie = sessionCookieOf(
      await call(server.url, '/api/auth/signup', {
        method: 'POST',
        body: { email: uniqueEmail(), password: 'correct horse battery' },
      }),
    );
    const settings = await callback(back);
    expect(settings.searchParams.get('connect_error')).toMatch(/expired or was already used/);
  });

  it('reports denied consent and keeps nothing', async () => {
    const back = await consent(`${await start()}&deny=1`);
    expect(new URL(back).searchParams.get('error')).toBe('access_denied');
    const settings = await callback(back);
    expect(settings.searchParams.get('connect_error')).toMatch(
      /You cancelled on Meta’s consent page, so nothing was connected/,
    );
    await assertNothingConnected();
    const flows = await t.db.query<{ n: number }>(
      sql`select count(*)::int as n from oauth_flows where workspace_id = ${workspaceId}`,
    );
    expect(flows[0].n).toBe(0);
  });

  it('reports a failed code exchange (wrong app secret) and keeps nothing', async () => {
    const back = await consent(await start(badSecretServer.url));
    const settings = await callback(back);
    const message = settings.searchParams.get('connect_error')!;
    expect(message).toMatch(/Meta refused the request: Error validating client secret/);
    expect(message).not.toContain('not-the-secret');
    await assertNothingConnected();
  });

  it("surfaces Meta's refusal as the Graph client's typed error, with no secret in any message", async () => {
    const { config } = server.deps;
    const failed = await exchangeForLongLived({ config }, 'EAAnot-a-real-token').then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failed).toBeInstanceOf(OAuthError);
    const oauth = failed as OAuthError;
    expect(oauth.cause).toBeInstanceOf(MetaApiError);
    const meta = oauth.cause as MetaApiError;
    expect(meta).toMatchObject({ kind: 'auth', metaCode: 190 });
    expect(oauth.metaCode).toBe(190); // what token refresh reads to mark a connection needs_reauth
    for (const message of [oauth.message, meta.message]) {
      expect(message).not.toContain(config.META_APP_SECRET);
      expect(message).not.toContain('EAAnot-a-real-token');
    }
  });

  it('explains a missing app configuration instead of redirecting to Meta', async () => {
    const bare = await serveTest(t.db, { env: { META_GRAPH_URL: sim.url } });
    try {
      const answer = await call(bare.url, '/api/oauth/meta/start', { headers: cookie });
      expect(new URL(answer.headers.get('location')!, bare.url).searchParams.get('connect_error')).toMatch(
        /META_APP_ID/,
      );
    } finally {
      await bare.close();
    }
  });

  it('rejects bad account picks naming the field, and keeps the flow usable', async () => {
    const flowId = (await callback(await consent(await start()))).searchParams.get('connect')!;
    for (const body of [{ account_ids: [] }, { account_ids: ['123'] }, { account_ids: 'act_1' }, {}]) {
      const answer = await call(server.url, `/api/oauth/meta/flows/${flowId}/connect`, {
        method: 'POST',
        headers: cookie,
        body,
      });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json.error.issues[0].field).toBe('account_ids');
    }
    expect(await listConnections(t.db, workspaceId)).toEqual([]);
    expect(
      (await call(server.url, `/api/oauth/meta/flows/${flowId}/accounts`, { headers: cookie })).status,
    ).toBe(200);
  });

  it('marks the connection needs_reauth when the token expires during a sync', async () => {
    const { connection } = await connectHappyPath();
    sim.setFaults({ tokenExpired: true });
    try {
      const deps = { db: t.db, config: server.deps.config, keyring: server.deps.keyring! };
      await expect(runSync(deps, { workspaceId, connectionId: connection.id })).rejects.toThrow(
        /Meta refused access/,
      );
      const row = await getConnection(t.db, workspaceId, connection.id);
      expect(row?.status).toBe('needs_reauth');
      expect(row?.status_reason).toMatch(/expired/i);
      expect(row?.status_reason).toMatch(/[Rr]econnect/);
      const listed = await call(server.url, '/api/connections', { headers: cookie });
      expect(listed.text).toContain('needs_reauth');
    } finally {
      sim.setFaults({});
    }
  });
});
