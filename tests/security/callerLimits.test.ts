// Per-caller limits on the chat socket (issue 14, item 5): questions a minute (ADNAVI_ASK_RATE_LIMIT)
// answered past the limit with an error frame that names the limit and the wait, and sockets open at
// once (ADNAVI_SOCKETS_PER_CALLER) refused at the handshake with 429 and Retry-After. Limits are per
// caller: another API key is not slowed, and a second socket of the same caller does not get a fresh
// allowance. The server's clock is stepped, so the refill is exact and no test waits on real time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createAssistant } from '../../src/assistant/createAssistant.js';
import { bearer, serveTest, type TestServer, testKeyring } from '../auth/harness.js';
import { steppedClockAt } from '../helpers/clocks.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { type SeededWorkspace, seedWorkspace } from './twoWorkspaces.js';

interface Frame {
  type: string;
  id?: string;
  message?: string;
  code?: string;
  retryAfter?: number;
}

interface Chat {
  ws: WebSocket;
  /** Sends an ask and resolves with its answer or error frame. */
  ask(id: string): Promise<Frame>;
}

type Handshake = { status: number; retryAfter?: string; body: string };

function openChat(url: string, key: string): Promise<Chat | Handshake> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/ws`, { headers: bearer(key) });
    const waiting = new Map<string, (f: Frame) => void>();
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      if (frame.type === 'hello') {
        resolve({
          ws,
          ask: (id) =>
            new Promise((done) => {
              waiting.set(id, done);
              ws.send(JSON.stringify({ type: 'ask', id, question: 'how much did I spend last week?' }));
            }),
        });
      }
      if ((frame.type === 'answer' || frame.type === 'error') && frame.id) waiting.get(frame.id)?.(frame);
    });
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => {
        body += c.toString();
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], body }),
      );
    });
  });
}

/**
 * A chat socket; a 429 is retried for a second, because the server counts a socket out on its own
 * close event, which may trail the client's by a moment.
 */
async function chat(url: string, key: string): Promise<Chat> {
  let opened = await openChat(url, key);
  for (let i = 0; i < 20 && !('ws' in opened) && opened.status === 429; i += 1) {
    await new Promise((r) => setTimeout(r, 50));
    opened = await openChat(url, key);
  }
  if (!('ws' in opened)) throw new Error(`handshake refused: ${JSON.stringify(opened)}`);
  return opened;
}

async function closeAll(chats: Chat[]): Promise<void> {
  await Promise.all(
    chats.map(
      (c) =>
        new Promise((resolve) => {
          c.ws.once('close', resolve);
          c.ws.close();
        }),
    ),
  );
}

describe('per-caller limits on the chat socket', () => {
  let t: TestDb;
  let server: TestServer;
  let a: SeededWorkspace;
  let b: SeededWorkspace;
  const clock = steppedClockAt('2026-11-25T20:00:00Z');

  beforeAll(async () => {
    t = await createTestDb('pglite');
    const keyring = testKeyring();
    a = await seedWorkspace(t.db, keyring, 'Alpha', '1.00');
    b = await seedWorkspace(t.db, keyring, 'Bravo', '2.00');
    server = await serveTest(t.db, {
      keyring,
      env: { ADNAVI_ASK_RATE_LIMIT: '2', ADNAVI_SOCKETS_PER_CALLER: '2' },
      deps: { now: clock.now },
    });
    server.deps.assistant = createAssistant(server.deps.config);
  });
  afterAll(async () => {
    await server?.close();
    await t?.drop();
  });

  it('answers a caller’s asks up to the limit, then an error naming it and the wait, until the allowance refills', async () => {
    const first = await chat(server.url, a.apiKey);
    const second = await chat(server.url, a.apiKey);
    const other = await chat(server.url, b.apiKey);
    try {
      expect((await first.ask('1')).type).toBe('answer');
      expect((await first.ask('2')).type).toBe('answer');
      const refused = await first.ask('3');
      expect(refused).toMatchObject({ type: 'error', id: '3', code: 'rate_limited', retryAfter: 30 });
      expect(refused.message).toMatch(/at most 2 a minute \(ADNAVI_ASK_RATE_LIMIT\); ask again in 30 s/);
      // the same caller on another socket: the same allowance
      expect(await second.ask('4')).toMatchObject({ type: 'error', code: 'rate_limited' });
      // another caller is not slowed
      expect((await other.ask('5')).type).toBe('answer');
      clock.advance(29_000);
      expect(await first.ask('6')).toMatchObject({ type: 'error', retryAfter: 1 });
      clock.advance(1_000);
      expect((await first.ask('7')).type).toBe('answer');
    } finally {
      await closeAll([first, second, other]);
    }
  });

  it('refuses a caller’s socket past the limit with 429 and Retry-After, and lets it in once one closes', async () => {
    const open = [await chat(server.url, a.apiKey), await chat(server.url, a.apiKey)];
    const refused = await openChat(server.url, a.apiKey);
    expect(refused).toMatchObject({ status: 429, retryAfter: '30' });
    expect(JSON.parse((refused as Handshake).body).error.message).toMatch(
      /at most 2 per caller \(ADNAVI_SOCKETS_PER_CALLER\)/,
    );
    const other = await chat(server.url, b.apiKey); // another caller is not refused
    await closeAll([open[0]]);
    const again = await chat(server.url, a.apiKey);
    await closeAll([open[1], other, again]);
  });
});
