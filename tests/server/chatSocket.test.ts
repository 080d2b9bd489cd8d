// The chat socket over a real WebSocket against startServer on port 0, with the real assistant
// (offline planner) on a real database.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/assistant/createAssistant.js';
import { loadConfig } from '../../src/config.js';
import { appendTurn, ensureConversation } from '../../src/db/conversations.js';
import { DEFAULT_WORKSPACE_ID } from '../../src/db/workspaces.js';
import { type RunningServer, startServer } from '../../src/server/serve.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { ChatClient, type Msg, ofType } from './chatClient.js';
import { seedChatAccount } from './chatFixture.js';

const config = loadConfig({ LOG_LEVEL: 'silent' });
let testDb: TestDb;
let server: RunningServer;
let bare: RunningServer;
let spendText: string;

beforeAll(async () => {
  testDb = await createTestDb('pglite');
  ({ spendText } = await seedChatAccount(testDb.db));
  server = await startServer({ db: testDb.db, config, assistant: createAssistant(config) }, 0, '127.0.0.1');
  bare = await startServer({ db: testDb.db, config }, 0, '127.0.0.1');
});

afterAll(async () => {
  await server?.close();
  await bare?.close();
  await testDb?.drop();
});

describe('chat socket: handshake', () => {
  it('says hello with a new conversation id and no history', async () => {
    const client = await ChatClient.open(server.url);
    const hello = await client.next(ofType('hello'));
    expect(hello.conversationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(hello.history).toEqual([]);
    client.close();
  });

  it('refuses a cross-site page but accepts its own origin', async () => {
    await expect(ChatClient.open(server.url, '', { Origin: 'https://evil.example' })).rejects.toThrow(/403/);
    const own = await ChatClient.open(server.url, '', { Origin: server.url });
    await own.next(ofType('hello'));
    own.close();
  });
});

describe('chat socket: validation', () => {
  it('answers malformed messages with an error naming the field, and stays usable', async () => {
    const client = await ChatClient.open(server.url);
    await client.next(ofType('hello'));

    client.send('not json {');
    expect(await client.next(ofType('error'))).toMatchObject({
      field: '(root)',
      message: expect.stringMatching(/JSON/),
    });

    client.send({ type: 'ask', id: 'q1' });
    expect(await client.next(ofType('error'))).toMatchObject({ id: 'q1', field: 'question' });

    client.send({ type: 'ask', id: 'q2', question: 'x'.repeat(2001) });
    expect(await client.next(ofType('error'))).toMatchObject({
      id: 'q2',
      field: 'question',
      message: expect.stringMatching(/2000/),
    });

    client.send({ type: 'launch_rockets' });
    expect(await client.next(ofType('error'))).toMatchObject({ field: 'type' });

    client.send({ type: 'sync', connectionId: 'not-a-uuid' });
    expect(await client.next(ofType('error'))).toMatchObject({ field: 'connectionId' });

    client.send({ type: 'ping' });
    await client.next(ofType('pong'));
    client.close();
  });

  it('says the assistant is unavailable when the server has none', async () => {
    const client = await ChatClient.open(bare.url);
    await client.next(ofType('hello'));
    client.send({ type: 'ask', id: 'a1', question: 'what campaigns are live?' });
    const err = await client.next(ofType('error'));
    expect(err).toMatchObject({ id: 'a1', message: expect.stringMatching(/assistant is unavailable/i) });
    client.close();
  });
});

describe('chat socket: asking', () => {
  it('streams deltas, shows the tool call, then the answer with the right number', async () => {
    const client = await ChatClient.open(server.url);
    await client.next(ofType('hello'));
    client.send({ type: 'ask', id: 'spend', question: 'What was my spend in the last 30 days?' });
    const answer = await client.next(ofType('answer'), 20_000);
    const forThis = client.received.filter((m: Msg) => m.id === 'spend');
    const kinds = forThis.map((m) => m.type);
    expect(kinds.indexOf('tool_call')).toBeGreaterThanOrEqual(0);
    expect(kinds.indexOf('answer_delta')).toBeGreaterThanOrEqual(0);
    expect(kinds.indexOf('answer_delta')).toBeLessThan(kinds.indexOf('answer'));
    const streamed = forThis
      .filter((m) => m.type === 'answer_delta')
      .map((m) => m.delta)
      .join('');
    expect(streamed).toContain(spendText);
    expect(answer.answer).toContain(spendText);
    const calls = forThis
      .filter((m) => m.type === 'tool_call')
      .map((m) => m.call as { name: string; summary: string });
    const metrics = calls.find((c) => c.name === 'get_metrics');
    expect(metrics?.summary).toContain('spend');
    expect((answer.toolCalls as { name: string }[]).map((c) => c.name)).toContain('get_metrics');
    client.close();
  });

  it('resumes a conversation by id: hello replays the turns', async () => {
    const first = await ChatClient.open(server.url);
    const hello = await first.next(ofType('hello'));
    first.send({ type: 'ask', id: 'r1', question: 'how much did I spend in the last 30 days' });
    const answer = await first.next(ofType('answer'), 20_000);
    first.close();

    const again = await ChatClient.open(server.url, `?conversation=${hello.conversationId}`);
    const resumed = await again.next(ofType('hello'));
    expect(resumed.conversationId).toBe(hello.conversationId);
    expect(resumed.history).toMatchObject([
      { role: 'user', text: 'how much did I spend in the last 30 days' },
      { role: 'assistant', text: answer.answer },
    ]);
    again.close();
  });

  it("replays each answer's table and tool chips on hello exactly as the live answer carried them", async () => {
    const first = await ChatClient.open(server.url);
    const hello = await first.next(ofType('hello'));
    first.send({ type: 'ask', id: 't1', question: 'which campaigns spent the most in the last 30 days?' });
    const live = await first.next(ofType('answer'), 20_000);
    first.close();
    const tables = (live.payloads as { kind: string; rows: { name: string }[] }[]).filter(
      (p) => p.kind === 'table',
    );
    // the fixture's one campaign, in a table, reached by a tool whose chip shows its range
    expect(tables.flatMap((p) => p.rows.map((r) => r.name))).toContain('Chat Test Campaign');
    expect((live.toolCalls as { summary: string }[]).some((c) => c.summary.includes('last_30d'))).toBe(true);

    const again = await ChatClient.open(server.url, `?conversation=${hello.conversationId}`);
    const resumed = await again.next(ofType('hello'));
    // both halves carry the stored turn's number, the one the live answer named (a permalink's target)
    expect(live.turn).toBe(1);
    expect(resumed.history).toEqual([
      {
        role: 'user',
        turn: 1,
        text: 'which campaigns spent the most in the last 30 days?',
        payloads: [],
        toolCalls: [],
      },
      { role: 'assistant', turn: 1, text: live.answer, payloads: live.payloads, toolCalls: live.toolCalls },
    ]);
    // an opened chip shows the rows behind the answer, after a reload too
    const chips = (resumed.history as { toolCalls: unknown }[])[1].toolCalls as {
      name: string;
      output?: { rows?: { name: string }[] };
    }[];
    const listing = chips.find((c) => Array.isArray(c.output?.rows));
    expect(listing?.output?.rows?.map((r) => r.name)).toContain('Chat Test Campaign');
    again.close();
  });

  it('drops a stored payload or tool call that no longer parses, and sends the rest', async () => {
    const id = randomUUID();
    await ensureConversation(testDb.db, DEFAULT_WORKSPACE_ID, id);
    const table = { kind: 'table', columns: [{ key: 'n', label: 'N', format: 'number' }], rows: [{ n: 1 }] };
    await appendTurn(testDb.db, DEFAULT_WORKSPACE_ID, id, {
      question: 'old question',
      answer: 'old answer',
      state: undefined,
      payloads: [{ kind: 'pie', slices: [] }, table, { kind: 'table', columns: 'x', rows: [] }],
      toolCalls: [{ tool: 'renamed' }, { name: 'get_metrics', input: { metrics: ['spend'] } }],
    });
    const client = await ChatClient.open(server.url, `?conversation=${id}`);
    const hello = await client.next(ofType('hello'));
    expect(hello.history).toEqual([
      { role: 'user', turn: 1, text: 'old question', payloads: [], toolCalls: [] },
      {
        role: 'assistant',
        turn: 1,
        text: 'old answer',
        payloads: [table],
        toolCalls: [
          { id: '1', name: 'get_metrics', summary: 'get_metrics · spend', input: { metrics: ['spend'] } },
        ],
      },
    ]);
    client.close();
  });

  it('refuses a pile of questions beyond the queue limit but answers the ones it took', async () => {
    const client = await ChatClient.open(server.url);
    await client.next(ofType('hello'));
    for (let i = 0; i < 8; i++)
      client.send({ type: 'ask', id: `burst${i}`, question: 'how many campaigns are there?' });
    const refused = await client.next((m) => m.type === 'error' && /too many/i.test(String(m.message)));
    expect(String(refused.id)).toMatch(/^burst[4-7]$/);
    await client.next((m) => m.type === 'answer' && m.id === 'burst3', 20_000);
    const answered = client.received.filter((m) => m.type === 'answer').map((m) => m.id);
    expect(answered).toEqual(['burst0', 'burst1', 'burst2', 'burst3']);
    client.close();
  });

  it('starts a new conversation for an unknown-shaped id instead of failing', async () => {
    const client = await ChatClient.open(server.url, '?conversation=nope');
    const hello = await client.next(ofType('hello'));
    expect(hello.conversationId).not.toBe('nope');
    expect(hello.history).toEqual([]);
    const fresh = randomUUID();
    const other = await ChatClient.open(server.url, `?conversation=${fresh}`);
    expect((await other.next(ofType('hello'))).conversationId).toBe(fresh);
    client.close();
    other.close();
  });
});
