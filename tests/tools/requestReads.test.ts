// A request reads the workspace's connections once: a tool call's no-account check and its scope share
// one read, and a planner question shares one between its own time zone and every tool it calls. On
// the embedded server each statement queues on the database's one thread. The read is per request: a
// connection added between two calls with the same caller's context is seen by the second.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/assistant/createAssistant.js';
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/db.js';
import { render, type SqlFragment } from '../../src/db/sql.js';
import { callTool } from '../../src/tools/registry.js';
import type { ToolContext } from '../../src/tools/types.js';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';
import {
  addFacts,
  makeCampaignTree,
  makeConnection,
  makeWorkspace,
  toolContext,
} from '../helpers/fixtures.js';

/** The Db, counting the statements that read the connections table. */
function counting(db: Db): { db: Db; reads: () => number } {
  let reads = 0;
  const counted: Db = Object.create(db);
  counted.query = <R>(query: SqlFragment) => {
    if (/\bfrom connections\b/.test(render(query).text)) reads++;
    return db.query<R>(query);
  };
  return { db: counted, reads: () => reads };
}

describe.each(backends)('per-request reads on %s', (kind) => {
  let t: TestDb;
  let workspaceId: string;

  beforeAll(async () => {
    t = await createTestDb(kind);
    workspaceId = await makeWorkspace(t.db);
    const connectionId = await makeConnection(t.db, workspaceId, { currency: 'USD', timeZone: 'UTC' });
    const { ad } = await makeCampaignTree(t.db, { workspaceId, connectionId }, { name: 'Spring' });
    await addFacts(t.db, ad, [{ date: '2026-11-20', spend: '12.34' }]);
  });

  afterAll(async () => {
    await t.drop();
  });

  it('a tool call reads the connections once, for its no-account check and its scope', async () => {
    const { db, reads } = counting(t.db);
    const out = await callTool(
      'get_metrics',
      { metrics: ['spend'], range: { preset: 'last_30d' } },
      toolContext(db, workspaceId),
    );
    expect(out).toMatchObject({ totals: { spend: 12.34 } });
    expect(reads()).toBe(1);
  });

  it('a planner question reads them once, whatever tools it calls', async () => {
    const { db, reads } = counting(t.db);
    const answer = await createAssistant(loadConfig({ LOG_LEVEL: 'silent' })).ask(
      'spend by campaign last 30 days',
      { ctx: toolContext(db, workspaceId), conversationId: randomUUID() },
    );
    expect(answer.answer).toContain('$12.34');
    expect(answer.toolCalls.length).toBeGreaterThan(0);
    expect(reads()).toBe(1);
  });

  it('the next call with the same context reads them again: a new connection shows', async () => {
    const empty = await makeWorkspace(t.db);
    const ctx: ToolContext = toolContext(t.db, empty);
    const input = { metrics: ['spend'], range: { preset: 'last_30d' } };
    await expect(callTool('get_metrics', input, ctx)).rejects.toThrow(/No ad account is connected/);
    await makeConnection(t.db, empty, { currency: 'EUR', timeZone: 'UTC' });
    expect(await callTool('get_metrics', input, ctx)).toMatchObject({ currency: 'EUR' });
  });
});
