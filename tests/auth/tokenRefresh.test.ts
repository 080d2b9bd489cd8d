// Long-lived tokens refreshed before they expire, against the simulator with its clock moved
// forward; an expired or revoked token marks the connection needs_reauth with a reconnect message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshExpiringTokens } from '../../src/auth/tokenRefresh.js';
import { getConnection } from '../../src/db/connections.js';
import { sql } from '../../src/db/sql.js';
import { loadToken, saveToken } from '../../src/db/tokens.js';
import type { Simulator } from '../../src/simulator/index.js';
import { connectMetaAccount } from '../../src/sync/connect.js';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';
import { makeWorkspace } from '../helpers/fixtures.js';
import { testConfig, testKeyring } from './harness.js';
import { type Clock, issueLongLivedToken, simulatorEnv, simulatorWithClock } from './simulatorOAuth.js';

const DAY = 86_400_000;

describe.each(backends)('token refresh (%s)', (kind) => {
  const t0 = new Date();
  const clock: Clock = { now: t0 };
  let t: TestDb;
  let sim: Simulator;
  const keyring = testKeyring();
  let deps: Parameters<typeof refreshExpiringTokens>[0];

  beforeAll(async () => {
    t = await createTestDb(kind);
    sim = await simulatorWithClock(clock);
    deps = { db: t.db, config: testConfig(simulatorEnv(sim)), keyring };
  });
  afterAll(async () => {
    await sim?.close();
    await t?.drop();
  });

  async function connectWithFreshToken() {
    clock.now = t0;
    const token = await issueLongLivedToken(sim);
    const workspaceId = await makeWorkspace(t.db);
    const expiresAt = new Date(t0.getTime() + 60 * DAY);
    const c = await connectMetaAccount(deps, {
      workspaceId,
      accountId: sim.accounts[0].id,
      token,
      expiresAt,
      scopes: ['ads_read'],
    });
    return { c, token, workspaceId };
  }

  it('leaves tokens alone until a week before expiry, then exchanges them for fresh ones', async () => {
    const { c, token, workspaceId } = await connectWithFreshToken();
    expect(await refreshExpiringTokens(deps, workspaceId, { now: new Date(t0.getTime() + DAY) })).toEqual({
      refreshed: [],
      needsReauth: [],
      skipped: [],
    });

    clock.now = new Date(t0.getTime() + 55 * DAY);
    const result = await refreshExpiringTokens(deps, workspaceId, { now: clock.now });
    expect(result.refreshed).toEqual([c.id]);
    const stored = await loadToken(t.db, keyring, c.id);
    expect(stored?.token).not.toBe(token);
    // the new token lives 60 days from the (moved) simulator clock, to the second
    expect(Math.abs(stored!.expiresAt!.getTime() - (clock.now.getTime() + 60 * DAY))).toBeLessThan(2000);
    expect(stored?.scopes).toContain('ads_read');
    const raw = await t.db.query<{ ciphertext: Uint8Array }>(
      sql`select ciphertext from tokens where connection_id = ${c.id}`,
    );
    expect(Buffer.from(raw[0].ciphertext).toString('latin1')).not.toContain(stored!.token);

    // the new token works where the old one has expired
    clock.now = new Date(t0.getTime() + 61 * DAY);
    const res = await fetch(`${sim.url}/${sim.version}/me?access_token=${encodeURIComponent(stored!.token)}`);
    expect(res.status).toBe(200);
    expect((await getConnection(t.db, workspaceId, c.id))?.status).toBe('active');
  });

  it('marks an expired token needs_reauth with a message asking to reconnect', async () => {
    const { c, workspaceId } = await connectWithFreshToken();
    clock.now = new Date(t0.getTime() + 61 * DAY);
    const result = await refreshExpiringTokens(deps, workspaceId, { now: clock.now });
    expect(result.needsReauth).toEqual([c.id]);
    const after = await getConnection(t.db, workspaceId, c.id);
    expect(after?.status).toBe('needs_reauth');
    expect(after?.status_reason).toMatch(/expired or was revoked.*Reconnect/);
    // not retried once marked
    expect((await refreshExpiringTokens(deps, workspaceId, { now: clock.now })).needsReauth).toEqual([]);
  });

  it('marks a token Meta no longer accepts (revoked) needs_reauth', async () => {
    const { c, workspaceId } = await connectWithFreshToken();
    const soon = new Date(t0.getTime() + 3 * DAY);
    await saveToken(t.db, keyring, { workspaceId, connectionId: c.id }, 'EAArevoked-by-the-person', {
      expiresAt: soon,
    });
    const result = await refreshExpiringTokens(deps, workspaceId, { now: t0 });
    expect(result.needsReauth).toEqual([c.id]);
    expect((await getConnection(t.db, workspaceId, c.id))?.status_reason).toMatch(/Reconnect/);
  });

  it('changes nothing when Meta cannot be reached, and scopes to the workspace asked for', async () => {
    const { c, token, workspaceId } = await connectWithFreshToken();
    const other = await connectWithFreshToken();
    const now = new Date(t0.getTime() + 55 * DAY);
    const offline = {
      ...deps,
      config: testConfig(simulatorEnv(sim, { META_GRAPH_URL: 'http://127.0.0.1:9' })),
    };
    expect(await refreshExpiringTokens(offline, workspaceId, { now })).toEqual({
      refreshed: [],
      needsReauth: [],
      skipped: [c.id],
    });
    expect((await loadToken(t.db, keyring, c.id))?.token).toBe(token);
    expect((await getConnection(t.db, workspaceId, c.id))?.status).toBe('active');
    expect((await loadToken(t.db, keyring, other.c.id))?.token).toBe(other.token);
  });
});
