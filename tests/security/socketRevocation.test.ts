// Open WebSockets do not outlive sign-out or key revocation: the next message is refused and the
// socket closes with 4401.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { call, serveTest, sessionCookieOf, type TestServer, uniqueEmail } from '../auth/harness.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

const PASSWORD = 'long enough password';

function open(url: string, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/ws`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** 0 when the socket answers a ping, else the close code it ends with. */
function closeCodeAfterPing(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      if (JSON.parse(String(data)).type !== 'pong') return;
      ws.off('message', onMessage);
      resolve(0);
    };
    ws.once('close', (code) => resolve(code));
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ type: 'ping' }));
  });
}

describe('sockets after sign-out and revocation', () => {
  let t: TestDb;
  let server: TestServer;
  beforeAll(async () => {
    t = await createTestDb('pglite');
    server = await serveTest(t.db);
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    await t?.drop();
  });

  it('closes a signed-out session socket and a revoked key socket on their next message', async () => {
    const email = uniqueEmail();
    const signUp = await call(server.url, '/api/auth/signup', {
      method: 'POST',
      body: { email, password: PASSWORD },
    });
    const cookie = sessionCookieOf(signUp);
    const key = await call(server.url, '/api/api-keys', {
      method: 'POST',
      headers: cookie,
      body: { name: 'k' },
    });
    const bySession = await open(server.url, cookie);
    const byKey = await open(server.url, { authorization: `Bearer ${key.json.key}` });
    expect(await closeCodeAfterPing(bySession)).toBe(0);
    await call(server.url, '/api/auth/logout', { method: 'POST', headers: cookie });
    expect(await closeCodeAfterPing(bySession)).toBe(4401);
    expect(await closeCodeAfterPing(byKey)).toBe(0);
    const again = sessionCookieOf(
      await call(server.url, '/api/auth/login', { method: 'POST', body: { email, password: PASSWORD } }),
    );
    const revoked = await call(server.url, `/api/api-keys/${key.json.id}`, {
      method: 'DELETE',
      headers: again,
    });
    expect(revoked.status).toBe(204);
    expect(await closeCodeAfterPing(byKey)).toBe(4401);
  }, 120_000);
});
