// Conversation memory in the database: a follow-up in a new Assistant (a reconnect) continues the
// conversation; another workspace can neither read nor write it. Both backends.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConversationMemory,
  capToolOutput,
  MAX_CHIP_ROWS,
  MAX_STORED_ROWS,
} from '../../src/assistant/conversationMemory.js';
import { createAssistant } from '../../src/assistant/createAssistant.js';
import { loadConfig } from '../../src/config.js';
import { recentTurns } from '../../src/db/conversations.js';
import type { ToolContext } from '../../src/tools/types.js';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';
import {
  addFacts,
  makeCampaignTree,
  makeConnection,
  makeWorkspace,
  toolContext,
} from '../helpers/fixtures.js';

const config = loadConfig({ LOG_LEVEL: 'silent' });

describe.each(backends)('conversation memory (%s)', (kind) => {
  let t: TestDb;
  let ctx: ToolContext;
  let other: ToolContext;

  beforeAll(async () => {
    t = await createTestDb(kind);
    const workspaceId = await makeWorkspace(t.db);
    const connectionId = await makeConnection(t.db, workspaceId, {
      currency: 'EUR',
      timeZone: 'UTC',
      lastSyncedAt: '2026-11-25T11:55:00Z',
    });
    const { ad } = await makeCampaignTree(t.db, { workspaceId, connectionId }, { name: 'Winter Sale' });
    // last week (Mon Nov 16 – Sun Nov 22) and the week before (Nov 9 – 15)
    await addFacts(t.db, ad, [
      { date: '2026-11-10', spend: '100.25', revenue: '300.00' },
      { date: '2026-11-17', spend: '40.50', revenue: '81.00' },
    ]);
    ctx = toolContext(t.db, workspaceId, '2026-11-25T12:00:00Z');
    other = toolContext(t.db, await makeWorkspace(t.db), '2026-11-25T12:00:00Z');
  });

  afterAll(async () => {
    await t.drop();
  });

  it('continues a conversation across assistant instances (a reconnect)', async () => {
    const id = randomUUID();
    const first = await createAssistant(config).ask('spend last week', { ctx, conversationId: id });
    expect(first.answer).toContain('€40.50');
    const second = await createAssistant(config).ask('and the week before?', { ctx, conversationId: id });
    expect(second.answer).toContain('€100.25');
    const third = await createAssistant(config).ask('what about revenue?', { ctx, conversationId: id });
    expect(third.answer).toContain('€300.00');
    const turns = await recentTurns(t.db, ctx.workspaceId, id, 10);
    expect(turns.map((x) => x.question)).toEqual([
      'spend last week',
      'and the week before?',
      'what about revenue?',
    ]);
    expect(turns[1].state).toMatchObject({
      kind: 'total',
      range: { since: '2026-11-09', until: '2026-11-15' },
    });
  });

  it('keeps conversations to their workspace', async () => {
    const id = randomUUID();
    await createAssistant(config).ask('spend last week', { ctx, conversationId: id });
    await expect(
      createAssistant(config).ask('and the week before?', { ctx: other, conversationId: id }),
    ).rejects.toThrow(/conversationId/);
    expect(await recentTurns(t.db, other.workspaceId, id, 10)).toEqual([]);
    expect(await recentTurns(t.db, ctx.workspaceId, id, 10)).toHaveLength(1);
  });

  it("keeps each answer's tables, series and tool calls (name, input and output) with the turn", async () => {
    const id = randomUUID();
    const byCampaign = await createAssistant(config).ask('spend by campaign last week', {
      ctx,
      conversationId: id,
    });
    const byDay = await createAssistant(config).ask('spend by day last 14 days', { ctx, conversationId: id });
    expect(byCampaign.payloads.some((p) => p.kind === 'table' || p.kind === 'series')).toBe(true);
    expect(byDay.payloads.some((p) => p.kind === 'series' && p.chart === 'line')).toBe(true);

    const turns = await recentTurns(t.db, ctx.workspaceId, id, 10);
    expect(turns.map((x) => x.payloads)).toEqual([byCampaign.payloads, byDay.payloads]);
    const live = [byCampaign, byDay].map((a) =>
      a.toolCalls.map((c) => ({
        name: c.name,
        input: c.input,
        // as JSON: what jsonb keeps of the tool's output
        ...(c.output === undefined ? {} : { output: JSON.parse(JSON.stringify(capToolOutput(c.output))) }),
        ...(c.error ? { error: c.error } : {}),
      })),
    );
    expect(turns.map((x) => x.tool_calls)).toEqual(live);
    expect(live[0].length).toBeGreaterThan(0);
    // the fixture's numbers are in the stored payload, and the rows behind it in the tool's output
    expect(JSON.stringify(turns[0].payloads)).toContain('Winter Sale');
    expect(JSON.stringify(turns[0].tool_calls)).toContain('Winter Sale');

    const recalled = await new ConversationMemory(t.db, ctx.workspaceId).recent(id);
    expect(recalled.map((x) => x.payloads)).toEqual([byCampaign.payloads, byDay.payloads]);
    expect(recalled.map((x) => x.toolCalls)).toEqual(live);
    expect(await new ConversationMemory(t.db, other.workspaceId).recent(id)).toEqual([]);

    // what the next question reads: the same turns' words and states, without what they showed
    const exchanges = await new ConversationMemory(t.db, ctx.workspaceId).continue(id);
    expect(exchanges).toEqual(recalled.map(({ question, answer, state }) => ({ question, answer, state })));
    expect(exchanges[1].state).toMatchObject({
      kind: 'breakdown',
      range: { preset: 'last_14d' },
    });
    await expect(new ConversationMemory(t.db, other.workspaceId).continue(id)).rejects.toThrow(
      /conversationId/,
    );
    // a new conversation starts with none
    expect(await new ConversationMemory(t.db, ctx.workspaceId).continue(randomUUID())).toEqual([]);
  });

  it('caps the rows it stores and says so in the title; a turn without payloads reads as none', async () => {
    const id = randomUUID();
    const memory = new ConversationMemory(t.db, ctx.workspaceId);
    await memory.open(id);
    const rows = Array.from({ length: MAX_STORED_ROWS + 100 }, (_, i) => ({ name: `row ${i}`, spend: i }));
    await memory.append(id, {
      question: 'big table',
      answer: 'here',
      payloads: [{ kind: 'table', title: 'Ads', columns: [{ key: 'name', label: 'Name' }], rows }],
      toolCalls: [
        {
          name: 'list_entities',
          input: { level: 'ad' },
          output: { total_count: rows.length, rows },
        },
      ],
    });
    await memory.append(id, { question: 'plain', answer: 'text only' });
    const [big, plain] = await memory.recent(id);
    const table = big.payloads[0] as { title: string; rows: unknown[] };
    expect(table.rows).toEqual(rows.slice(0, MAX_STORED_ROWS));
    expect(table.title).toBe(`Ads (first ${MAX_STORED_ROWS} of ${rows.length})`);
    // a chip keeps the first MAX_CHIP_ROWS rows of the output and says how many there were
    expect(big.toolCalls).toEqual([
      {
        name: 'list_entities',
        input: { level: 'ad' },
        output: { total_count: rows.length, rows: rows.slice(0, MAX_CHIP_ROWS), rows_total: rows.length },
      },
    ]);
    expect(plain).toMatchObject({ payloads: [], toolCalls: [] });
  });

  it('numbers turns stored at the same moment (two tabs) one after the other', async () => {
    const id = randomUUID();
    const memory = new ConversationMemory(t.db, ctx.workspaceId);
    await memory.open(id);
    const seqs = await Promise.all(
      Array.from({ length: 8 }, (_, i) => memory.append(id, { question: `q${i}`, answer: `a${i}` })),
    );
    expect([...seqs].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const turns = await recentTurns(t.db, ctx.workspaceId, id, 10);
    expect(turns.map((x) => x.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await new ConversationMemory(t.db, other.workspaceId).exists(id)).toBe(false);
    await expect(
      new ConversationMemory(t.db, other.workspaceId).append(id, { question: 'x', answer: 'y' }),
    ).resolves.toBe(0);
  });

  it('refuses a conversation id that is not a uuid, and an empty question', async () => {
    await expect(createAssistant(config).ask('spend', { ctx, conversationId: 'abc' })).rejects.toThrow(
      /conversationId/,
    );
    await expect(createAssistant(config).ask('   ', { ctx })).rejects.toThrow(/question/);
  });
});
