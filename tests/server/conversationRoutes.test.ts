// The chat's history over real HTTP (startServer on loopback, the default workspace) on both backends:
// list with titles from the first question, rename, delete, 404 for another workspace's
// conversation, 400 naming the field.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationMemory } from '../../src/assistant/conversationMemory.js';
import { loadConfig } from '../../src/config.js';
import { createWorkspace, DEFAULT_WORKSPACE_ID } from '../../src/db/workspaces.js';
import { type RunningServer, startServer } from '../../src/server/serve.js';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';

const config = loadConfig({ LOG_LEVEL: 'silent' });

describe.each(backends)('conversation history routes (%s)', (kind) => {
  let testDb: TestDb;
  let server: RunningServer;
  const first = randomUUID();
  const second = randomUUID();
  const empty = randomUUID();
  const foreign = randomUUID();

  beforeAll(async () => {
    testDb = await createTestDb(kind);
    const memory = new ConversationMemory(testDb.db, DEFAULT_WORKSPACE_ID);
    await memory.open(first);
    await memory.append(first, { question: 'what campaigns are live?', answer: 'Two.' });
    await memory.append(first, { question: 'and paused?', answer: 'One.' });
    await memory.open(empty); // opened, never asked in: not history
    await memory.open(second);
    await memory.append(second, { question: 'spend last week', answer: '$10.00' });
    const other = await createWorkspace(testDb.db, 'other', 'Other');
    const otherMemory = new ConversationMemory(testDb.db, other.id);
    await otherMemory.open(foreign);
    await otherMemory.append(foreign, { question: 'secret question', answer: 'x' });
    server = await startServer({ db: testDb.db, config }, 0, '127.0.0.1');
  });

  afterAll(async () => {
    await server?.close();
    await testDb?.drop();
  });

  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };

  it('lists the workspace’s conversations, newest first, titled by their first question', async () => {
    const { status, body } = await call('GET', '/api/conversations');
    expect(status).toBe(200);
    const list = body.conversations as { id: string; title: string; turns: number; renamed: boolean }[];
    expect(list.map((c) => [c.id, c.title, c.turns, c.renamed])).toEqual([
      [second, 'spend last week', 1, false],
      [first, 'what campaigns are live?', 2, false],
    ]);
  });

  it('reads one answer by its turn number (what a permalink shows), and only in its workspace', async () => {
    const { status, body } = await call('GET', `/api/conversations/${first}/turns/2`);
    expect(status).toBe(200);
    expect(body).toEqual({
      conversation_id: first,
      turn: 2,
      question: 'and paused?',
      answer: 'One.',
      payloads: [],
      toolCalls: [],
    });
    expect((await call('GET', `/api/conversations/${first}/turns/3`)).status).toBe(404);
    expect((await call('GET', `/api/conversations/${foreign}/turns/1`)).status).toBe(404);
    const bad = await call('GET', `/api/conversations/${first}/turns/x`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/turn/);
  });

  it('renames one (the turns keep what was asked) and deletes one', async () => {
    const renamed = await call('PATCH', `/api/conversations/${first}`, { title: '  Live check  ' });
    expect(renamed).toEqual({ status: 200, body: { id: first, title: 'Live check' } });
    const memory = new ConversationMemory(testDb.db, DEFAULT_WORKSPACE_ID);
    expect((await memory.recent(first))[0].question).toBe('what campaigns are live?');
    const deleted = await call('DELETE', `/api/conversations/${second}`);
    expect(deleted.status).toBe(204);
    const list = (await call('GET', '/api/conversations')).body.conversations as {
      id: string;
      title: string;
    }[];
    expect(list.map((c) => [c.id, c.title])).toEqual([[first, 'Live check']]);
    expect(await memory.recent(second)).toEqual([]);
  });

  it('does not find another workspace’s conversation, and names a bad field', async () => {
    expect((await call('PATCH', `/api/conversations/${foreign}`, { title: 'mine now' })).status).toBe(404);
    expect((await call('DELETE', `/api/conversations/${foreign}`)).status).toBe(404);
    const blank = await call('PATCH', `/api/conversations/${first}`, { title: '   ' });
    expect(blank.status).toBe(400);
    expect(JSON.stringify(blank.body)).toMatch(/title/);
    expect((await call('DELETE', '/api/conversations/not-a-uuid')).status).toBe(400);
    // writes go through the CSRF guard like every other route: a foreign page's Origin is refused
    const crossSite = await fetch(`${server.url}/api/conversations/${first}`, {
      method: 'DELETE',
      headers: { origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);
    const otherList = (await call('GET', '/api/conversations')).body.conversations as { title: string }[];
    expect(otherList.map((c) => c.title)).not.toContain('secret question');
  });
});
