// "Yesterday" and "today" in a question are the ad account's days at the instant it is asked: the
// public assistant (offline planner) at every pinned instant (tests/helpers/clocks.ts), with the
// expected dates worked out by hand for Los Angeles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/assistant/createAssistant.js';
import { loadConfig } from '../../src/config.js';
import { PINNED_INSTANTS } from '../helpers/clocks.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { makeScope } from '../helpers/fixtures.js';

const dayBefore = (iso: string) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

describe('the planner reads the account’s day from the clock it is given', () => {
  let t: TestDb;
  let scope: Awaited<ReturnType<typeof makeScope>>;
  const assistant = createAssistant(loadConfig({}));
  beforeAll(async () => {
    t = await createTestDb('pglite');
    scope = await makeScope(t.db, { timeZone: 'America/Los_Angeles' });
  });
  afterAll(async () => t?.drop());

  it.each(PINNED_INSTANTS)('$label', async ({ at, laDate }) => {
    const ctx = { ...scope.ctx, now: () => new Date(at) };
    for (const [question, day] of [
      ['what did I spend yesterday?', dayBefore(laDate)],
      ['spend today', laDate],
    ] as const) {
      const r = await assistant.ask(question, { ctx });
      const call = r.toolCalls.find((c) => c.name === 'get_metrics');
      expect(call, question).toBeDefined();
      expect((call?.output as { range?: unknown } | undefined)?.range, question).toMatchObject({
        since: day,
        until: day,
      });
    }
  });
});
