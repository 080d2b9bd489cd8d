// "Black Friday" is a campaign's name whatever day it is asked on: its "friday" is never read as the
// weekday (on a Monday "black friday spend yesterday" was Friday against yesterday), and "friday" alone
// is the day, never the campaign. Asked through the public assistant at pinned instants, with the
// expected dates worked out by hand for Los Angeles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/assistant/createAssistant.js';
import type { AssistantAnswer } from '../../src/assistant/types.js';
import { loadConfig } from '../../src/config.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { type Entity, makeCampaignTree, makeScope } from '../helpers/fixtures.js';

interface Instant {
  label: string;
  at: string;
  yesterday: string;
  lastWeek: [string, string];
  last7Days: [string, string];
  /** The latest Friday that has begun (today, on a Friday). */
  friday: string;
}

const INSTANTS: Instant[] = [
  {
    label: 'a Monday (Nov 30, 2026)',
    at: '2026-11-30T17:00:00Z',
    yesterday: '2026-11-29',
    lastWeek: ['2026-11-23', '2026-11-29'],
    last7Days: ['2026-11-23', '2026-11-29'],
    friday: '2026-11-27',
  },
  {
    label: 'Black Friday itself (Nov 27, 2026)',
    at: '2026-11-27T20:00:00Z',
    yesterday: '2026-11-26',
    lastWeek: ['2026-11-16', '2026-11-22'],
    last7Days: ['2026-11-20', '2026-11-26'],
    friday: '2026-11-27',
  },
  {
    label: 'another Friday (Jan 1, 2027)',
    at: '2027-01-01T18:00:00Z',
    yesterday: '2026-12-31',
    lastWeek: ['2026-12-21', '2026-12-27'],
    last7Days: ['2026-12-25', '2026-12-31'],
    friday: '2027-01-01',
  },
  {
    label: 'a Tuesday (Dec 1, 2026)',
    at: '2026-12-01T18:00:00Z',
    yesterday: '2026-11-30',
    lastWeek: ['2026-11-23', '2026-11-29'],
    last7Days: ['2026-11-24', '2026-11-30'],
    friday: '2026-11-27',
  },
];

/** Every tool call's resolved range and the entities it was filtered to. */
function calls(r: AssistantAnswer) {
  return r.toolCalls.map((c) => {
    const input = c.input as { filters?: { entity_ids?: string[] } };
    const output = c.output as { range?: { since: string; until: string } } | undefined;
    return { ids: input.filters?.entity_ids ?? [], since: output?.range?.since, until: output?.range?.until };
  });
}

describe('a weekday that is a word of a name, at any instant', () => {
  let t: TestDb;
  let scope: Awaited<ReturnType<typeof makeScope>>;
  let blackFriday: Entity;
  let alwaysOn: Entity;
  const assistant = createAssistant(loadConfig({ LOG_LEVEL: 'silent' }));
  beforeAll(async () => {
    t = await createTestDb('pglite');
    scope = await makeScope(t.db, { timeZone: 'America/Los_Angeles', currency: 'USD' });
    blackFriday = (await makeCampaignTree(t.db, scope, { name: 'Black Friday – 50% Off! 🛍️' })).campaign;
    alwaysOn = (await makeCampaignTree(t.db, scope, { name: 'Always-On Prospecting | US' })).campaign;
  });
  afterAll(async () => t?.drop());

  const ask = (question: string, at: string) =>
    assistant.ask(question, { ctx: { ...scope.ctx, now: () => new Date(at) } });

  describe.each(INSTANTS)('$label', (instant) => {
    it.each([
      ['black friday spend yesterday', () => [instant.yesterday, instant.yesterday]],
      ['how did black friday do yesterday', () => [instant.yesterday, instant.yesterday]],
      ['black friday spend last week', () => instant.lastWeek],
      ['spend for the Black Friday campaign last 7 days', () => instant.last7Days],
    ])('"%s" keeps the campaign and its range', async (question, range) => {
      const r = await ask(question, instant.at);
      const [since, until] = range();
      expect(calls(r).length, r.answer).toBeGreaterThan(0);
      for (const call of calls(r))
        expect(call, r.answer).toEqual({ ids: [blackFriday.externalId], since, until });
    });

    it('"compare black friday and always-on roas last 7 days" compares the two campaigns', async () => {
      const r = await ask('compare black friday and always-on roas last 7 days', instant.at);
      const [since, until] = instant.last7Days;
      for (const call of calls(r)) expect(call, r.answer).toMatchObject({ since, until });
      const ids = calls(r).flatMap((c) => c.ids);
      expect(ids.sort(), r.answer).toEqual([blackFriday.externalId, alwaysOn.externalId].sort());
    });

    it('"spend on friday" is the latest Friday, never the campaign', async () => {
      const r = await ask('spend on friday', instant.at);
      expect(calls(r), r.answer).toEqual([{ ids: [], since: instant.friday, until: instant.friday }]);
    });
  });
});
