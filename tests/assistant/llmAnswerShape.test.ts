// A model-written answer has the planner's shape: tables and charts and the date range and freshness
// come from the tool outputs, whoever wrote the text; servers that ignore `stream: true` and answer
// one JSON body are read too; an empty answer falls back to the planner with the reason. A scripted
// OpenAI-compatible server over real HTTP, the real `openai` client and real tools on PGlite, and the
// real chat socket. Expected figures come from the fixture (cents), never from our tools.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/assistant/createAssistant.js';
import type { AssistantEvent } from '../../src/assistant/types.js';
import { loadConfig } from '../../src/config.js';
import { DEFAULT_WORKSPACE_ID } from '../../src/db/workspaces.js';
import { type RunningServer, startServer } from '../../src/server/serve.js';
import type { ToolContext } from '../../src/tools/types.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { addFacts, makeCampaignTree, makeConnection, toolContext } from '../helpers/fixtures.js';
import { type ScriptedOpenAi, type ScriptedReply, startScriptedOpenAi } from '../helpers/scriptedOpenAi.js';
import { ChatClient, ofType } from '../server/chatClient.js';

const RANGE = '{"since":"2026-11-20","until":"2026-11-24"}';
const DAYS = [
  { date: '2026-11-21', cents: 1234 },
  { date: '2026-11-22', cents: 566 },
];
const money = (cents: number) => cents / 100;
let t: TestDb;
let ctx: ToolContext;
let server: ScriptedOpenAi | undefined;

beforeAll(async () => {
  t = await createTestDb('pglite');
  const connectionId = await makeConnection(t.db, DEFAULT_WORKSPACE_ID, {
    currency: 'USD',
    timeZone: 'UTC',
    lastSyncedAt: '2026-11-25T11:55:00Z',
  });
  const sale = await makeCampaignTree(
    t.db,
    { workspaceId: DEFAULT_WORKSPACE_ID, connectionId },
    { name: 'Spring Sale' },
  );
  await addFacts(
    t.db,
    sale.ad,
    DAYS.map((d) => ({ date: d.date, spend: (d.cents / 100).toFixed(2), impressions: 1000, clicks: 10 })),
  );
  ctx = toolContext(t.db, DEFAULT_WORKSPACE_ID, '2026-11-25T12:00:00Z');
}, 120_000); // PGlite start-up is slow on a loaded machine

afterAll(async () => {
  await t.drop();
});

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function llmConfig(script: ScriptedReply[], ignoreStream = false) {
  server = await startScriptedOpenAi(script, { ignoreStream });
  return loadConfig({ OPENAI_BASE_URL: server.url, ADNAVI_MODEL: 'scripted', LOG_LEVEL: 'silent' });
}

async function ask(script: ScriptedReply[], question: string, ignoreStream = false) {
  const config = await llmConfig(script, ignoreStream);
  const events: AssistantEvent[] = [];
  const result = await createAssistant(config).ask(question, { ctx, onEvent: (e) => events.push(e) });
  const streamed = events.flatMap((e) => (e.type === 'text' ? [e.delta] : [])).join('');
  return { result, streamed, requests: server!.requests };
}

const byDay = {
  toolCalls: [
    {
      id: 'd1',
      name: 'get_metrics',
      arguments: `{"metrics":["spend"],"range":${RANGE},"group_by":"day"}`,
    },
  ],
};

describe('a server that ignores stream: true and answers one JSON body', () => {
  it('is read: tool calls run, the text is the answer, and it streams as one delta', async () => {
    const text = 'Spend peaked on Nov 21 at $12.34.';
    const { result, streamed, requests } = await ask([byDay, { content: text }], 'spend by day', true);
    expect(requests.every((r) => r.stream === true)).toBe(true);
    expect(result.source).toBe('llm');
    expect(result.toolCalls.map((c) => c.name)).toEqual(['get_metrics']);
    expect(result.answer.startsWith(text)).toBe(true);
    expect(streamed).toBe(result.answer);
  });

  it('falls back to the planner, saying so, when the model answers nothing', async () => {
    const { result } = await ask([{ content: '' }], 'spend between Nov 20 and Nov 24', true);
    expect(result.source).toBe('planner');
    expect(result.answer).toMatch(/^The model returned an empty answer, so I answered offline\./);
    const total = DAYS.reduce((a, d) => a + d.cents, 0);
    expect(result.answer).toContain(`$${money(total).toFixed(2)}`);
  });
});

describe('an empty streamed answer', () => {
  it('falls back to the planner with the reason, and keeps the model calls on record', async () => {
    const { result } = await ask([byDay, { content: '  ' }], 'spend between Nov 20 and Nov 24');
    expect(result.source).toBe('planner');
    expect(result.answer).toMatch(/empty answer/);
    expect(result.toolCalls[0]).toMatchObject({ name: 'get_metrics', input: { group_by: 'day' } });
  });
});

describe('the shape of a model answer comes from the tool outputs', () => {
  it('a breakdown by day draws the chart, with the date range and freshness line', async () => {
    const { result } = await ask([byDay, { content: 'Here is your spend by day.' }], 'spend by day');
    expect(result.payloads).toHaveLength(1);
    const [chart] = result.payloads;
    expect(chart).toMatchObject({ kind: 'series', chart: 'line', metrics: ['spend'], currency: 'USD' });
    const points = chart.kind === 'series' ? chart.points : [];
    for (const d of DAYS) {
      expect(points.find((p) => p.x === d.date)?.values.spend).toBe(money(d.cents));
    }
    expect(result.answer).toMatch(
      /\n\nDate range: Nov 20 – Nov 24, 2026 \(UTC\); data synced 5 minutes ago\.$/,
    );
  });

  it('a listing shows the table; a comparison shows both periods', async () => {
    const { result } = await ask(
      [
        {
          toolCalls: [
            { id: 'l', name: 'list_entities', arguments: `{"metrics":["spend"],"range":${RANGE}}` },
            { id: 'c', name: 'compare_periods', arguments: `{"metrics":["spend"],"range":${RANGE}}` },
          ],
        },
        { content: 'Spring Sale is your only campaign.' },
      ],
      'campaigns, and how spend moved',
    );
    const table = result.payloads.find((p) => p.kind === 'table' && p.title === 'Campaigns');
    expect(table?.kind === 'table' && table.rows.map((r) => [r.name, r.spend])).toEqual([
      ['Spring Sale', money(DAYS[0].cents + DAYS[1].cents)],
    ]);
    const comparison = result.payloads.find((p) => p.title === 'Comparison');
    expect(comparison?.kind === 'table' && comparison.rows[0]).toMatchObject({
      current: money(DAYS[0].cents + DAYS[1].cents),
      previous: 0,
    });
    expect(result.answer).toMatch(
      /Date ranges: Nov 20 – Nov 24, 2026 \(UTC\); Nov 20 – Nov 24, 2026 vs Nov 15 – Nov 19, 2026 \(UTC\); data synced 5 minutes ago\./,
    );
  });

  it('text alone (no tool) gets no invented range, table or chart', async () => {
    const { result } = await ask([{ content: 'Hello! Ask me about your ads.' }], 'hello');
    expect(result.payloads).toEqual([]);
    expect(result.answer).toBe('Hello! Ask me about your ads.');
  });
});

describe('in the web chat', () => {
  let web: RunningServer | undefined;
  afterEach(async () => {
    await web?.close();
    web = undefined;
  });

  it('a model answer carries the chart, and a reload replays it', async () => {
    const config = await llmConfig([byDay, { content: 'Here is your spend by day.' }], true);
    // the same pinned clock as the tool calls above: the answer's range is dated from it
    web = await startServer(
      { db: t.db, config, assistant: createAssistant(config), now: ctx.now },
      0,
      '127.0.0.1',
    );
    const client = await ChatClient.open(web.url);
    const hello = await client.next(ofType('hello'));
    client.send({ type: 'ask', id: 'q1', question: 'spend by day between Nov 20 and Nov 24' });
    const answer = await client.next(ofType('answer'));
    expect(answer).toMatchObject({ source: 'llm', payloads: [{ kind: 'series', metrics: ['spend'] }] });
    expect(answer.answer).toMatch(/Date range: Nov 20 – Nov 24, 2026 \(UTC\)/);
    client.close();
    const again = await ChatClient.open(web.url, `?conversation=${hello.conversationId}`);
    const resumed = await again.next(ofType('hello'));
    expect(resumed.history).toMatchObject([
      { role: 'user' },
      { role: 'assistant', payloads: [{ kind: 'series', metrics: ['spend'] }] },
    ]);
    again.close();
  });
});
