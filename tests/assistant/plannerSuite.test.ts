// The offline planner over the simulator's demo account, synced into PGlite on a pinned clock
// (Wednesday Nov 25, 2026, America/Los_Angeles). Each phrasing's expected number or names come from
// the simulator's own insights and edges for the range written out here by hand.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/assistant/createAssistant.js';
import type { AssistantAnswer } from '../../src/assistant/types.js';
import { loadConfig } from '../../src/config.js';
import { waitForBackgroundSyncs } from '../../src/sync/syncService.js';
import {
  expectedTotal,
  hasStatus,
  lastCall,
  type Measure,
  namesWith,
  numberAfter,
  perEntity,
  usd,
} from './expectations.js';
import { entities, insights, measures, syncedWorld, type World } from './fixture.js';

let w: World;
const assistant = createAssistant(loadConfig({ LOG_LEVEL: 'silent' }));

beforeAll(async () => {
  w = await syncedWorld('pglite', 335);
}, 180_000);

afterAll(async () => {
  await waitForBackgroundSyncs(); // "sync my meta account" starts a real run
  await w?.close();
});

const ask = (q: string, conversationId?: string): Promise<AssistantAnswer> =>
  assistant.ask(q, { ctx: w.ctx, conversationId });

const campaignId = async (name: string) => (await entities(w, 'campaigns')).find((c) => c.name === name)!.id;

// [question, measure, since, until]
const totals: [string, Measure, string, string][] = [
  ['what was my Meta spend in the last 30 days?', 'spend', '2026-10-26', '2026-11-24'],
  ['How much did I spend in the past 30 days', 'spend', '2026-10-26', '2026-11-24'],
  ['spend last 30 days', 'spend', '2026-10-26', '2026-11-24'],
  ['total spend yesterday', 'spend', '2026-11-24', '2026-11-24'],
  ['how much did I spend this month', 'spend', '2026-11-01', '2026-11-25'],
  ['What did we spend today?', 'spend', '2026-11-25', '2026-11-25'],
  ['spend last 7 days', 'spend', '2026-11-18', '2026-11-24'],
  ['SPEND LAST WEEK', 'spend', '2026-11-16', '2026-11-22'],
  ['spend this week', 'spend', '2026-11-23', '2026-11-25'],
  ['spend in October', 'spend', '2026-10-01', '2026-10-31'],
  ['spend between Oct 1 and Oct 15', 'spend', '2026-10-01', '2026-10-15'],
  ['spend from 2026-11-01 to 2026-11-10', 'spend', '2026-11-01', '2026-11-10'],
  ['spend on 2026-11-03', 'spend', '2026-11-03', '2026-11-03'],
  ['spend since Nov 1', 'spend', '2026-11-01', '2026-11-25'],
  ['spend last 14 days', 'spend', '2026-11-11', '2026-11-24'],
  ['spend in the last 3 days', 'spend', '2026-11-22', '2026-11-24'],
  ['spend last 90 days', 'spend', '2026-08-27', '2026-11-24'],
  ['spend this quarter', 'spend', '2026-10-01', '2026-11-25'],
  ['what did I spend last quarter?', 'spend', '2026-07-01', '2026-09-30'],
  ['spend this year', 'spend', '2026-01-01', '2026-11-25'],
  ['spend last month', 'spend', '2026-10-01', '2026-10-31'],
  ['ad spend last 10 days', 'spend', '2026-11-15', '2026-11-24'],
  ['spend in the last 2 weeks', 'spend', '2026-11-11', '2026-11-24'],
  ['spend over the last 2 months', 'spend', '2026-09-25', '2026-11-24'],
  ['spend since 2026-11-10', 'spend', '2026-11-10', '2026-11-25'],
  ['cost over the past week', 'spend', '2026-11-18', '2026-11-24'],
  ['how much have I spent month to date', 'spend', '2026-11-01', '2026-11-25'],
  ['spend the day before yesterday', 'spend', '2026-11-23', '2026-11-23'],
  ['spend on Nov 20', 'spend', '2026-11-20', '2026-11-20'],
  ['spend from November 2nd to November 8th', 'spend', '2026-11-02', '2026-11-08'],
  ['revenue yesterday', 'revenue', '2026-11-24', '2026-11-24'],
  ['Revenue in the last 30 days?', 'revenue', '2026-10-26', '2026-11-24'],
  ['conversion value last week', 'revenue', '2026-11-16', '2026-11-22'],
  ['sales this month', 'revenue', '2026-11-01', '2026-11-25'],
  ['impressions yesterday', 'impressions', '2026-11-24', '2026-11-24'],
  ['clicks last 7 days', 'clicks', '2026-11-18', '2026-11-24'],
  ['purchases this month', 'purchases', '2026-11-01', '2026-11-25'],
  ['how many leads did we get last month', 'leads', '2026-10-01', '2026-10-31'],
  ['link clicks yesterday', 'link_clicks', '2026-11-24', '2026-11-24'],
];

const ratios: [string, Measure, string, string, string][] = [
  ['ROAS since Nov 1', 'roas', 'ROAS', '2026-11-01', '2026-11-25'],
  ['cpc last 7 days', 'cpc', 'CPC', '2026-11-18', '2026-11-24'],
  ['What is my CTR this month?', 'ctr', 'CTR', '2026-11-01', '2026-11-25'],
  ['cpm last week', 'cpm', 'CPM', '2026-11-16', '2026-11-22'],
  ['cost per purchase in the last 30 days', 'cpa', 'CPA', '2026-10-26', '2026-11-24'],
  ['return on ad spend in October', 'roas', 'ROAS', '2026-10-01', '2026-10-31'],
  ['cost per click yesterday', 'cpc', 'CPC', '2026-11-24', '2026-11-24'],
  // we know no margins: "made money" is what came back per dollar spent
  ['did we make money last week', 'roas', 'ROAS', '2026-11-16', '2026-11-22'],
];

function money(n: number | null): string {
  return usd(n ?? 0);
}

function count(n: number | null): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(n ?? 0);
}

describe('planner: totals of a measure over a range', () => {
  for (const [q, measure, since, until] of totals) {
    it(q, async () => {
      const r = await ask(q);
      const call = lastCall(r, 'get_metrics');
      expect(call.output.range).toMatchObject({ since, until, time_zone: 'America/Los_Angeles' });
      const expected = await expectedTotal(w, measure, since, until);
      expect(r.answer).toContain(
        measure === 'spend' || measure === 'revenue' ? money(expected) : count(expected),
      );
      expect(r.answer).toMatch(/synced|not synced/);
    });
  }
  it('says the last 30 days when no range is given', async () => {
    const r = await ask('what was my spend?');
    expect(r.answer).toContain(money(await expectedTotal(w, 'spend', '2026-10-26', '2026-11-24')));
    expect(r.answer).toMatch(/no date range was given/);
  });
  it('records only the tools that answered: the accounts and names read first are no tool calls', async () => {
    const r = await ask('spend for black friday last week');
    expect(r.answer).toContain('Black Friday');
    expect(r.toolCalls.map((c) => c.name)).toEqual(['get_metrics']);
  });
  it('answers two measures at once', async () => {
    const r = await ask('spend and revenue last 7 days');
    expect(r.answer).toContain(money(await expectedTotal(w, 'spend', '2026-11-18', '2026-11-24')));
    expect(r.answer).toContain(money(await expectedTotal(w, 'revenue', '2026-11-18', '2026-11-24')));
  });
});

describe('planner: ratios', () => {
  for (const [q, measure, label, since, until] of ratios) {
    it(q, async () => {
      const r = await ask(q);
      expect(lastCall(r, 'get_metrics').output.range).toMatchObject({ since, until });
      const expected = (await expectedTotal(w, measure, since, until))!;
      expect(Math.abs(numberAfter(r.answer, label) - expected)).toBeLessThan(0.0051);
    });
  }
});

describe('planner: a named campaign, ad set or ad', () => {
  const named: [string, string, 'campaign' | 'adset', Measure, string, string][] = [
    [
      'spend for black friday last week',
      'Black Friday – 50% Off! 🛍️',
      'campaign',
      'spend',
      '2026-11-16',
      '2026-11-22',
    ],
    [
      'revenue of ete 2026 retargeting this month',
      'Été 2026 · Retargeting',
      'campaign',
      'revenue',
      '2026-11-01',
      '2026-11-25',
    ],
    [
      'How much did "Holiday Gift Guide 🎁 (Catalog)" spend yesterday',
      'Holiday Gift Guide 🎁 (Catalog)',
      'campaign',
      'spend',
      '2026-11-24',
      '2026-11-24',
    ],
    [
      'spend for LEADS: B2B WHITEPAPER (DE) last 7 days',
      'Leads: B2B "Whitepaper" (DE)',
      'campaign',
      'spend',
      '2026-11-18',
      '2026-11-24',
    ],
    [
      'spend for webinar ai & ads this month',
      'Webinar “AI & Ads” – Lead Gen',
      'campaign',
      'spend',
      '2026-11-01',
      '2026-11-25',
    ],
    [
      'spend for Always-On Prospecting | US in the last 30 days',
      'Always-On Prospecting | US',
      'campaign',
      'spend',
      '2026-10-26',
      '2026-11-24',
    ],
    [
      'spend for the ad set Interests – Home & Garden last 14 days',
      'Interests – Home & Garden',
      'adset',
      'spend',
      '2026-11-11',
      '2026-11-24',
    ],
  ];
  for (const [q, name, level, measure, since, until] of named) {
    it(q, async () => {
      const r = await ask(q);
      const edge = level === 'campaign' ? 'campaigns' : 'adsets';
      const ids = (await entities(w, edge)).filter((e) => e.name === name).map((e) => e.id);
      expect(lastCall(r, 'get_metrics').input.filters).toEqual({ level, entity_ids: ids });
      const expected = await expectedTotal(w, measure, since, until, { field: `${level}.id`, ids });
      expect(r.answer).toContain(money(expected));
    });
  }
  it('says so, without a number, when the name matches nothing', async () => {
    const r = await ask('spend for the campaign Zebra Unicorn Launch last week');
    expect(r.answer).toMatch(/couldn't find/);
    expect(r.answer).not.toMatch(/\$/);
    expect(r.toolCalls.some((c) => c.name === 'get_metrics')).toBe(false);
  });
});

describe('planner: "how is X doing?" overviews', () => {
  it('answers spend, revenue, ROAS and CTR for a named campaign', async () => {
    const r = await ask('how is the Holiday Gift Guide doing this month?');
    const ids = (await entities(w, 'campaigns'))
      .filter((e) => e.name === 'Holiday Gift Guide 🎁 (Catalog)')
      .map((e) => e.id);
    const call = lastCall(r, 'get_metrics');
    expect(call.input.filters).toEqual({ level: 'campaign', entity_ids: ids });
    // leads and CPL are asked too: they replace revenue and ROAS for a campaign that only brought leads
    expect(call.input.metrics).toEqual(['spend', 'revenue', 'roas', 'ctr', 'leads', 'cpl']);
    const only = { field: 'campaign.id' as const, ids };
    expect(r.answer).toContain(money(await expectedTotal(w, 'spend', '2026-11-01', '2026-11-25', only)));
    expect(r.answer).toContain(money(await expectedTotal(w, 'revenue', '2026-11-01', '2026-11-25', only)));
    const roas = (await expectedTotal(w, 'roas', '2026-11-01', '2026-11-25', only))!;
    expect(Math.abs(numberAfter(r.answer, 'ROAS') - roas)).toBeLessThan(0.0051);
  });
  it('answers spend, leads and CPL, not revenue and ROAS, for a lead campaign', async () => {
    const r = await ask('how is the webinar campaign doing this month?');
    expect(r.answer).toMatch(/\bleads \d/i);
    expect(r.answer).toMatch(/\bCPL\b/);
    expect(r.answer).not.toMatch(/\bROAS\b/);
  });
  it('answers for the whole account when no name is given', async () => {
    const r = await ask('how are we doing last week?');
    expect(lastCall(r, 'get_metrics').input.filters).toBeUndefined();
    expect(r.answer).toContain(money(await expectedTotal(w, 'spend', '2026-11-16', '2026-11-22')));
  });
  it('says so, without a number, when the campaign it asks about does not exist', async () => {
    const r = await ask('how is the Zebra Unicorn campaign doing?');
    expect(r.answer).toMatch(/couldn't find/);
    expect(r.answer).not.toMatch(/\$/);
  });
});

describe('planner: listings and counts by status', () => {
  const lists: [string, 'campaign' | 'adset' | 'ad', Parameters<typeof namesWith>[2]][] = [
    ['what campaigns are live?', 'campaign', 'live'],
    ['Which campaigns are running right now?', 'campaign', 'live'],
    ['show paused ad sets', 'adset', 'paused'],
    ['list paused campaigns', 'campaign', 'paused'],
    ['list archived campaigns', 'campaign', 'archived'],
    ['show me the live ad sets', 'adset', 'live'],
    ['which ads are live', 'ad', 'live'],
    ['list campaigns', 'campaign', 'default'],
    ['show deleted campaigns', 'campaign', 'deleted'],
    ['What ad sets are active?', 'adset', 'active'],
  ];
  for (const [q, level, status] of lists) {
    it(q, async () => {
      const r = await ask(q);
      const call = lastCall(r, 'list_entities');
      const names = call.output.rows.map((x: { name: string }) => x.name).sort();
      expect(names).toEqual(await namesWith(w, level, status));
      expect(r.payloads[0]?.kind ?? 'table').toBe('table');
    });
  }
  it('list all ads in Black Friday', async () => {
    const r = await ask('list all ads in Black Friday');
    const names = lastCall(r, 'list_entities')
      .output.rows.map((x: { name: string }) => x.name)
      .sort();
    expect(names).toEqual(await namesWith(w, 'ad', 'default', await campaignId('Black Friday – 50% Off! 🛍️')));
  });
  const counts: [string, 'campaign' | 'adset' | 'ad', Parameters<typeof namesWith>[2]][] = [
    ['how many ads are active?', 'ad', 'active'],
    ['How many campaigns are live', 'campaign', 'live'],
    ['number of paused ad sets', 'adset', 'paused'],
    ['How many campaigns do I have?', 'campaign', 'default'],
    ['count the live ads', 'ad', 'live'],
  ];
  for (const [q, level, status] of counts) {
    it(q, async () => {
      const r = await ask(q);
      const n = (await namesWith(w, level, status)).length;
      expect(r.answer).toMatch(new RegExp(`There (is|are) ${n} `));
    });
  }
});

/** The minimum volume the planner states for ratio rankings: [the base measure, the minimum]. */
const MIN_VOLUME: Partial<Record<Measure, [Measure, number]>> = {
  roas: ['spend', 10],
  cpa: ['purchases', 3],
  cpc: ['clicks', 20],
  cpm: ['impressions', 1000],
  ctr: ['impressions', 1000],
};

describe('planner: rankings', () => {
  const ranks: [
    string,
    'campaign' | 'adset' | 'ad',
    Measure,
    'asc' | 'desc',
    number,
    string,
    string,
    Parameters<typeof namesWith>[2],
  ][] = [
    [
      'which campaign spent the most last week',
      'campaign',
      'spend',
      'desc',
      1,
      '2026-11-16',
      '2026-11-22',
      'any',
    ],
    ['top 3 campaigns by revenue', 'campaign', 'revenue', 'desc', 3, '2026-10-26', '2026-11-24', 'any'],
    ['worst CTR ads', 'ad', 'ctr', 'asc', 5, '2026-10-26', '2026-11-24', 'default'],
    ['top 5 ad sets by spend this month', 'adset', 'spend', 'desc', 5, '2026-11-01', '2026-11-25', 'any'],
    [
      'which ad had the highest ROAS in the last 7 days',
      'ad',
      'roas',
      'desc',
      1,
      '2026-11-18',
      '2026-11-24',
      'any',
    ],
    [
      'campaigns with the lowest CPC last 30 days',
      'campaign',
      'cpc',
      'asc',
      5,
      '2026-10-26',
      '2026-11-24',
      'default',
    ],
    ['best ROAS campaigns this month', 'campaign', 'roas', 'desc', 5, '2026-11-01', '2026-11-25', 'any'],
    ['worst CPA campaigns last month', 'campaign', 'cpa', 'desc', 5, '2026-10-01', '2026-10-31', 'any'],
    [
      'bottom 2 campaigns by spend last 7 days',
      'campaign',
      'spend',
      'asc',
      2,
      '2026-11-18',
      '2026-11-24',
      'default',
    ],
    // the least-X end counts a campaign archived since when it delivered in the range
    ['campaigns with the cheapest CPM in Q3', 'campaign', 'cpm', 'asc', 5, '2026-07-01', '2026-09-30', 'any'],
  ];
  for (const [q, level, measure, direction, n, since, until, status] of ranks) {
    it(q, async () => {
      const r = await ask(q);
      const all = await perEntity(w, level, measure, since, until);
      // the answer's stated rules: ratios rank only entities with the minimum volume it names, and
      // entities tied at zero are named, not ranked
      const volume = MIN_VOLUME[measure];
      const base = volume ? await perEntity(w, level, volume[0], since, until) : [];
      const enough = (id: string) => !volume || (base.find((b) => b.id === id)?.value ?? 0) >= volume[1];
      const valued = all.filter((e) => e.value !== null && hasStatus(e, status) && enough(e.id));
      const zeros = valued.filter((e) => e.value === 0).length;
      const expected = valued
        .filter((e) => zeros < 2 || e.value !== 0)
        .map((e) => e.value as number)
        .sort((a, b) => (direction === 'desc' ? b - a : a - b))
        .slice(0, n);
      if (volume) expect(r.answer).toMatch(/Only \w+( \w+)? with at least/);
      const table = r.payloads[0] as unknown as { rows: Record<string, number>[] };
      const got = table.rows.map((row) => row[measure]);
      expect(got).toHaveLength(expected.length);
      for (const [i, v] of got.entries()) expect(Math.abs(v - expected[i])).toBeLessThan(0.0051);
    });
  }
});

describe('planner: no spend', () => {
  const idle: [string, 'campaign' | 'adset' | 'ad', string, string][] = [
    ['which campaigns had no spend last 7 days', 'campaign', '2026-11-18', '2026-11-24'],
    ["campaigns that didn't spend yesterday", 'campaign', '2026-11-24', '2026-11-24'],
    ['which ad sets had zero spend this week', 'adset', '2026-11-23', '2026-11-25'],
    ['which ads did not deliver in the last 30 days?', 'ad', '2026-10-26', '2026-11-24'],
  ];
  for (const [q, level, since, until] of idle) {
    it(q, async () => {
      const r = await ask(q);
      const expected = (await perEntity(w, level, 'spend', since, until))
        .filter((e) => hasStatus(e, 'default') && e.value === 0)
        .map((e) => e.name)
        .sort();
      const table = r.payloads[0] as unknown as { rows: { name: string }[] } | undefined;
      expect((table?.rows ?? []).map((x) => x.name).sort()).toEqual(expected);
    });
  }
});

describe('planner: comparisons', () => {
  const cmp: [string, Measure, [string, string], [string, string]][] = [
    [
      'compare spend this week vs last week',
      'spend',
      ['2026-11-23', '2026-11-25'],
      ['2026-11-16', '2026-11-22'],
    ],
    [
      'how did ROAS change from last month',
      'roas',
      ['2026-11-01', '2026-11-25'],
      ['2026-10-01', '2026-10-31'],
    ],
    [
      'how did spend change in the last 7 days',
      'spend',
      ['2026-11-18', '2026-11-24'],
      ['2026-11-11', '2026-11-17'],
    ],
    [
      'compare revenue October vs September',
      'revenue',
      ['2026-10-01', '2026-10-31'],
      ['2026-09-01', '2026-09-30'],
    ],
    ['compare spend today vs yesterday', 'spend', ['2026-11-25', '2026-11-25'], ['2026-11-24', '2026-11-24']],
  ];
  for (const [q, measure, cur, prev] of cmp) {
    it(q, async () => {
      const r = await ask(q);
      const out = lastCall(r, 'compare_periods').output;
      expect(out.current.range).toMatchObject({ since: cur[0], until: cur[1] });
      expect(out.previous.range).toMatchObject({ since: prev[0], until: prev[1] });
      const a = (await expectedTotal(w, measure, cur[0], cur[1]))!;
      const b = (await expectedTotal(w, measure, prev[0], prev[1]))!;
      if (measure === 'roas') {
        expect(Math.abs(out.current.totals.roas - a)).toBeLessThan(0.0001);
        expect(r.answer).toContain(a.toFixed(2));
      } else {
        expect(r.answer).toContain(money(a));
        expect(r.answer).toContain(money(b));
      }
    });
  }

  it('says a single day against the same day a week earlier as such', async () => {
    const r = await ask('what was revenue yesterday compared to the same day last week');
    const out = lastCall(r, 'compare_periods').output;
    expect(out.current.range).toMatchObject({ since: '2026-11-24', until: '2026-11-24' });
    expect(out.previous.range).toMatchObject({ since: '2026-11-17', until: '2026-11-17' });
    expect(r.answer).toMatch(
      / yesterday \(Nov 24, 2026\) vs .* on the same day a week earlier \(Nov 17, 2026\)/,
    );
    expect(r.answer).not.toContain('in yesterday');
  });

  it('"roas for bf, the gift guide and always-on last week": three campaigns side by side, the highest said', async () => {
    const r = await ask('roas for bf, the gift guide and always-on last week');
    const names = [
      'Black Friday – 50% Off! 🛍️',
      'Holiday Gift Guide 🎁 (Catalog)',
      'Always-On Prospecting | US',
    ];
    const values: number[] = [];
    for (const name of names) {
      const ids = [await campaignId(name)];
      const roas = (await expectedTotal(w, 'roas', '2026-11-16', '2026-11-22', {
        field: 'campaign.id',
        ids,
      }))!;
      expect(r.answer).toContain(`"${name}" ${roas.toFixed(2)}`);
      values.push(roas);
    }
    const top = names[values.indexOf(Math.max(...values))];
    expect(r.answer).toContain(`("${top}" is highest)`);
    expect(r.toolCalls.filter((c) => c.name === 'get_metrics')).toHaveLength(3);
  });
});

describe('planner: breakdowns', () => {
  it('spend by day last 14 days', async () => {
    const r = await ask('spend by day last 14 days');
    const series = r.payloads[0] as unknown as {
      chart: string;
      points: { x: string; values: { spend: number } }[];
    };
    expect(series.chart).toBe('line');
    const daily = await insights(w, 'account', '2026-11-11', '2026-11-24', { daily: true });
    expect(series.points.map((p) => [p.x, p.values.spend])).toEqual(
      daily.map((d) => [d.date_start, Number(d.spend)]),
    );
  });
  it('daily revenue this week', async () => {
    const r = await ask('daily revenue this week');
    const series = r.payloads[0] as unknown as { points: { x: string }[] };
    expect(series.points.map((p) => p.x)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25']);
  });
  it('"which day had the most revenue last month?" leads with the days in that order', async () => {
    const r = await ask('which day had the most revenue last month?');
    const daily = await insights(w, 'account', '2026-10-01', '2026-10-31', { daily: true });
    const label = (day: string) =>
      new Date(`${day}T00:00:00Z`).toLocaleDateString('en-US', {
        month: 'short',
        day: 'numeric',
        year: 'numeric',
        timeZone: 'UTC',
      });
    const top = daily
      .map((d) => ({ day: d.date_start, revenue: measures(d).revenue }))
      .sort((a, b) => b.revenue - a.revenue || a.day.localeCompare(b.day))
      .slice(0, 5)
      .map((d) => `${label(d.day)} (${usd(d.revenue)})`);
    expect(r.answer.split('\n')[0]).toBe(`Days by revenue, highest first: ${top.join(', ')}.`);
    expect(lastCall(r, 'get_metrics').input).toMatchObject({
      group_by: 'day',
      range: { preset: 'last_month' },
    });
  });
  for (const [q, level, since, until] of [
    ['spend by campaign', 'campaign', '2026-10-26', '2026-11-24'],
    ['spend per ad set last 7 days', 'adset', '2026-11-18', '2026-11-24'],
  ] as const) {
    it(q, async () => {
      const r = await ask(q);
      const series = r.payloads[0] as unknown as {
        chart: string;
        points: { x: string; values: { spend: number } }[];
      };
      expect(series.chart).toBe('bar');
      const expected = (await perEntity(w, level, 'spend', since, until)).filter((e) => (e.value ?? 0) > 0);
      for (const e of expected) {
        const point = series.points.filter((p) => p.x === e.name);
        expect(point.map((p) => p.values.spend)).toContain(e.value);
      }
    });
  }
});

describe('planner: follow-ups in one conversation', () => {
  it('spend last week → and the week before? → what about revenue?', async () => {
    const id = randomUUID();
    await ask('spend last week', id);
    const before = await ask('and the week before?', id);
    expect(lastCall(before, 'get_metrics').output.range).toMatchObject({
      since: '2026-11-09',
      until: '2026-11-15',
    });
    expect(before.answer).toContain(money(await expectedTotal(w, 'spend', '2026-11-09', '2026-11-15')));
    const revenue = await ask('what about revenue?', id);
    expect(revenue.answer).toContain(money(await expectedTotal(w, 'revenue', '2026-11-09', '2026-11-15')));
  });
  it('clicks last weekend → and the weekend before? (the Saturday and Sunday a week earlier)', async () => {
    const id = randomUUID();
    await ask('clicks last weekend', id);
    const r = await ask('and the weekend before?', id);
    expect(lastCall(r, 'get_metrics').input.range).toEqual({ since: '2026-11-14', until: '2026-11-15' });
    expect(r.answer).toContain(count(await expectedTotal(w, 'clicks', '2026-11-14', '2026-11-15')));
  });
  it('a follow-up that reads nothing but its marker says so, never the last answer again', async () => {
    const id = randomUUID();
    await ask('clicks yesterday', id);
    const r = await ask('and the weekdays before?', id);
    expect(r.answer).toMatch(/^I can't map .*I didn't understand "weekdays"/);
    expect(r.toolCalls.map((c) => c.name)).not.toContain('get_metrics');
  });
  it('who was our top earning campaign? → the ad sets in it → sort those by ctr (one campaign, then its ad sets)', async () => {
    const id = randomUUID();
    const top = await ask('who was our top earning campaign last week?', id);
    expect(top.answer).toMatch(/^The campaign with the highest revenue last week .* is Black Friday/);
    await ask('what about the ad sets in it?', id);
    const r = await ask('sort those by ctr', id);
    const call = lastCall(r, 'list_entities');
    expect(call.input).toMatchObject({
      level: 'adset',
      parent_id: await campaignId('Black Friday – 50% Off! 🛍️'),
      range: { preset: 'last_week_mon_sun' },
      sort: { by: 'ctr', direction: 'desc' },
    });
  });
  it("the webinar campaign's ad sets → only the paused ones → that ad set's spend (the one listed)", async () => {
    const id = randomUUID();
    const webinar = await campaignId('Webinar “AI & Ads” – Lead Gen');
    const all = await ask('webinar campaign — what ad sets has it got?', id);
    expect(lastCall(all, 'list_entities').input).toMatchObject({ level: 'adset', parent_id: webinar });
    const paused = await ask('only the paused ones', id);
    expect(lastCall(paused, 'list_entities').input).toMatchObject({
      level: 'adset',
      status: 'paused',
      parent_id: webinar,
    });
    const uk = (await entities(w, 'adsets')).find((a) => a.name === 'Instant Form – UK')!.id;
    const r = await ask('how much did that ad set spend last month', id);
    expect(lastCall(r, 'get_metrics').input).toMatchObject({
      range: { preset: 'last_month' },
      filters: { level: 'adset', entity_ids: [uk] },
    });
    // "it" after the one ad set listed in a campaign is still the campaign
    const other = randomUUID();
    await ask('which ad sets are in webinar?', other);
    await ask('only the paused ones', other);
    const campaign = await ask('how much did it spend last month?', other);
    expect(lastCall(campaign, 'get_metrics').input.filters).toEqual({
      level: 'campaign',
      entity_ids: [webinar],
    });
  });
  it("a campaign's CPL this week → compare with the webinar one (the two campaigns' CPL, this week)", async () => {
    const id = randomUUID();
    await ask('whitepaper leads wtd?', id);
    await ask('and its cost per lead?', id);
    const r = await ask('compare with the webinar one', id);
    const calls = r.toolCalls.filter((c) => c.name === 'get_metrics');
    expect(calls.map((c) => c.input)).toEqual([
      expect.objectContaining({ metrics: ['cpl'], range: { preset: 'this_week_mon_today' } }),
      expect.objectContaining({ metrics: ['cpl'], range: { preset: 'this_week_mon_today' } }),
    ]);
    expect(r.answer).toContain('Whitepaper');
    expect(r.answer).toContain('Webinar');
  });
  it("a campaign's spend this month → how much of that was cart abandoners? (the same range and measure)", async () => {
    const id = randomUUID();
    await ask('black friday spend mtd', id);
    const r = await ask('how much of that was cart abandoners?', id);
    expect(lastCall(r, 'get_metrics').input).toMatchObject({
      metrics: ['spend'],
      range: { preset: 'this_month' },
      filters: { level: 'adset' },
    });
    expect(r.answer).toContain('Retargeting – Cart Abandoners 7d');
  });
  it('variant b cpc → vs a? (Variant A beside Variant B, not Variant B against its period before)', async () => {
    const id = randomUUID();
    await ask('variant b cpc this week', id);
    const r = await ask('vs a?', id);
    const adsets = await entities(w, 'adsets');
    const idOf = (name: string) => adsets.find((a) => a.name === name)!.id;
    const calls = r.toolCalls.filter((c) => c.name === 'get_metrics');
    const week = { metrics: ['cpc'], range: { preset: 'this_week_mon_today' } };
    expect(calls.map((c) => c.input)).toEqual([
      expect.objectContaining({ ...week, filters: { level: 'adset', entity_ids: [idOf('Variant B')] } }),
      expect.objectContaining({ ...week, filters: { level: 'adset', entity_ids: [idOf('Variant A')] } }),
    ]);
    // with no entity for "a" to complete, it is said, not dropped
    const other = randomUUID();
    await ask('spend this week', other);
    const refused = await ask('vs a?', other);
    expect(refused.answer).toMatch(/^I couldn't tell what "a" is to compare with/);
    expect(refused.toolCalls.map((c) => c.name)).not.toContain('compare_periods');
  });
  it("a campaign's ROAS → and for its ad sets? (that ROAS by ad set, each value in the text)", async () => {
    const id = randomUUID();
    await ask('roas for black friday last week', id);
    const r = await ask('and for its ad sets?', id);
    const call = lastCall(r, 'get_metrics');
    expect(call.input).toMatchObject({
      metrics: ['roas'],
      range: { preset: 'last_week_mon_sun' },
      group_by: 'adset',
      filters: { level: 'campaign', entity_ids: [await campaignId('Black Friday – 50% Off! 🛍️')] },
    });
    for (const row of call.output.rows)
      expect(r.answer).toContain(`${row.label}: ROAS ${row.metrics.roas.toFixed(2)}`);
  });
  it('how many ad sets are paused? → which ones? (the ones counted, listed)', async () => {
    const id = randomUUID();
    await ask('how many ad sets are paused?', id);
    const r = await ask('which ones?', id);
    const call = lastCall(r, 'list_entities');
    expect(call.input).toMatchObject({ level: 'adset', status: 'paused' });
    const names = call.output.rows.map((x: { name: string }) => x.name).sort();
    expect(names).toEqual(await namesWith(w, 'adset', 'paused'));
  });
  it('October purchases → how about September → so which month was better? (the two compared and judged)', async () => {
    const id = randomUUID();
    await ask('october purchase count', id);
    await ask('how about september', id);
    const r = await ask('so which month was better?', id);
    expect(lastCall(r, 'compare_periods').input).toMatchObject({
      metrics: ['purchases'],
      range: { since: '2026-10-01', until: '2026-10-31' },
      compare_to: { since: '2026-09-01', until: '2026-09-30' },
    });
    const [october, september] = await Promise.all([
      expectedTotal(w, 'purchases', '2026-10-01', '2026-10-31'),
      expectedTotal(w, 'purchases', '2026-09-01', '2026-09-30'),
    ]);
    const winner = october! > september! ? 'October 2026' : 'September 2026';
    expect(r.answer).toContain(`${winner} was better: the higher purchases.`);
  });
  it('roas yesterday → and cpa → both for the last 30 days (the two measures together)', async () => {
    const id = randomUUID();
    await ask('whats our roas yday', id);
    await ask('and cpa', id);
    const r = await ask('both for the last 30 days please', id);
    expect(lastCall(r, 'get_metrics').input).toMatchObject({
      metrics: ['roas', 'cpa'],
      range: { preset: 'last_30d' },
    });
  });
  it('leads last 7d → per day → which campaigns were they from? (the leads by campaign, same days)', async () => {
    const id = randomUUID();
    await ask('leads last 7d', id);
    await ask('per day', id);
    const r = await ask('which campaigns were they from?', id);
    expect(lastCall(r, 'get_metrics').input).toMatchObject({
      metrics: ['leads'],
      range: { preset: 'last_7d' },
      group_by: 'campaign',
    });
  });
  it('live campaigns → only the active ones', async () => {
    const id = randomUUID();
    await ask('what campaigns are live?', id);
    const r = await ask('only the active ones', id);
    const names = lastCall(r, 'list_entities')
      .output.rows.map((x: { name: string }) => x.name)
      .sort();
    expect(names).toEqual(await namesWith(w, 'campaign', 'active'));
  });
  it('which campaign spent the most last month? → what was its ROAS? (it: the campaign named, last month)', async () => {
    const id = randomUUID();
    const top = await ask('which campaign spent the most last month?', id);
    const winner = lastCall(top, 'list_entities').output.rows[0];
    const r = await ask('what was its roas?', id);
    const call = lastCall(r, 'get_metrics');
    expect(call.input).toMatchObject({ metrics: ['roas'], range: { preset: 'last_month' } });
    expect(JSON.stringify(call.input.filters)).toContain(winner.id);
    expect(r.answer).toContain(winner.name);
  });
  it('top 3 ad sets by leads → what about CPL? (the best CPL: the lowest)', async () => {
    const id = randomUUID();
    await ask('top 3 ad sets by leads last 30 days', id);
    const r = await ask('what about cpl?', id);
    expect(lastCall(r, 'list_entities').input).toMatchObject({
      level: 'adset',
      sort: { by: 'cpl', direction: 'asc' },
    });
  });
  it('ctr this week → is that better than last week? (a comparison of the two)', async () => {
    const id = randomUUID();
    await ask('ctr this week', id);
    const r = await ask('is that better than last week?', id);
    expect(lastCall(r, 'compare_periods').input).toMatchObject({
      metrics: ['ctr'],
      range: { preset: 'this_week_mon_today' },
      compare_to: { preset: 'last_week_mon_sun' },
    });
  });
  it('spend in October → by week → which week was highest? (still October)', async () => {
    const id = randomUUID();
    await ask('spend in october', id);
    await ask('by week', id);
    const r = await ask('which week was highest?', id);
    expect(lastCall(r, 'get_metrics').input).toMatchObject({
      group_by: 'week',
      range: { since: '2026-10-01', until: '2026-10-31' },
    });
    expect(r.answer).toMatch(/^Weeks by spend, highest first: /);
  });
  it("revenue last month → by campaign → which one was the best? (the breakdown's campaigns, ranked)", async () => {
    const id = randomUUID();
    await ask('revenue last month', id);
    await ask('break it down by campaign', id);
    const r = await ask('which one was the best?', id);
    expect(lastCall(r, 'list_entities').input).toMatchObject({
      level: 'campaign',
      range: { preset: 'last_month' },
      sort: { by: 'revenue', direction: 'desc' },
    });
    expect(r.answer).toMatch(/^The campaign with the highest revenue last month .* is /);
  });
  it("clicks yesterday → by hour (yesterday's clicks, hour by hour)", async () => {
    const id = randomUUID();
    await ask('clicks yesterday', id);
    const r = await ask('by hour', id);
    expect(lastCall(r, 'get_metrics').input).toMatchObject({
      metrics: ['clicks'],
      range: { preset: 'yesterday' },
      group_by: 'hour',
    });
  });
  it('paused ad sets → which of them spent the most?', async () => {
    const id = randomUUID();
    await ask('show paused ad sets', id);
    const r = await ask('which of them spent the most?', id);
    const call = lastCall(r, 'list_entities');
    expect(call.input).toMatchObject({
      level: 'adset',
      status: 'paused',
      sort: { by: 'spend', direction: 'desc' },
    });
    const names = call.output.rows.map((x: { name: string }) => x.name);
    const paused = await namesWith(w, 'adset', 'paused');
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n: string) => paused.includes(n))).toBe(true);
    expect(r.answer).toContain(names[0]);
  });
  it('"which ad sets … spent the most" ranks several, not one ("ad sets" is no "ad")', async () => {
    const r = await ask('which ad sets in the black friday campaign spent the most last week');
    const call = lastCall(r, 'list_entities');
    expect(call.input).toMatchObject({ level: 'adset', sort: { by: 'spend', direction: 'desc' } });
    const spent = call.output.rows.filter((x: { metrics: { spend: number } }) => x.metrics.spend > 0);
    expect(spent.length).toBeGreaterThan(1);
    for (const row of spent.slice(0, 5)) expect(r.answer).toContain(row.name);
  });
  it('paused campaigns → how much did they spend last month? (each of them, not the account)', async () => {
    const id = randomUUID();
    await ask('which campaigns are paused?', id);
    const r = await ask('how much did they spend last month', id);
    const call = lastCall(r, 'list_entities');
    expect(call.input).toMatchObject({
      level: 'campaign',
      status: 'paused',
      range: { preset: 'last_month' },
      sort: { by: 'spend', direction: 'desc' },
    });
    const paused = await namesWith(w, 'campaign', 'paused');
    expect(paused.length).toBeGreaterThan(0);
    for (const name of paused) expect(r.answer).toContain(name);
    expect(r.answer).not.toContain(money((await expectedTotal(w, 'spend', '2026-10-01', '2026-10-31'))!));
  });
  it('live ad sets in a campaign → how much did each spend yesterday? (each of them, not a total)', async () => {
    const id = randomUUID();
    await ask('which ad sets are live in black friday?', id);
    const r = await ask('how much did each spend yesterday?', id);
    const call = lastCall(r, 'list_entities');
    expect(call.input).toMatchObject({
      level: 'adset',
      status: 'live',
      range: { preset: 'yesterday' },
      sort: { by: 'spend', direction: 'desc' },
    });
    const rows = call.output.rows as { name: string; metrics: { spend: number } }[];
    expect(rows.map((x) => x.name).sort()).toEqual(
      ['Retargeting – Cart Abandoners 7d', 'US – Broad 25-54', 'US – Lookalike 1% Purchasers'].sort(),
    );
    for (const row of rows) expect(r.answer).toContain(`${row.name} (${money(row.metrics.spend)})`);
  });
  it('two campaigns in turn → which one had the better ROAS? compares the two', async () => {
    const id = randomUUID();
    await ask('how much did black friday spend last week', id);
    await ask('and the holiday gift guide?', id);
    const r = await ask('which one had the better roas?', id);
    expect(r.answer).toContain('Black Friday');
    expect(r.answer).toContain('Holiday Gift Guide');
  });
  it("a campaign's spend and leads → so what's the cpl? (the same campaign and range)", async () => {
    const id = randomUUID();
    await ask('spend for the whitepaper campaign since the 1st', id);
    await ask('and leads?', id);
    const r = await ask("so what's the cpl?", id);
    const call = lastCall(r, 'get_metrics');
    expect(call.input).toMatchObject({ metrics: ['cpl'], range: { since: '2026-11-01' } });
    expect(JSON.stringify(call.input.filters)).toContain(await campaignId('Leads: B2B "Whitepaper" (DE)'));
  });
  it("a count → what's the spend? (still the default range, and the answer says so)", async () => {
    const id = randomUUID();
    await ask('how many ads are live?', id);
    const r = await ask("what's the spend?", id);
    expect(r.answer).toContain('no date range was given, so I used the last 30 days');
  });
  it('CPA for two campaigns in turn → which is better? (both values; the lower CPA is the better)', async () => {
    const id = randomUUID();
    await ask("what's the CPA for always-on over the past 2 weeks", id);
    await ask('and for black friday', id);
    const r = await ask('which is better?', id);
    const cpaOf = async (name: string) =>
      (await expectedTotal(w, 'cpa', '2026-11-11', '2026-11-24', {
        field: 'campaign.id',
        ids: [await campaignId(name)],
      }))!;
    const alwaysOn = await cpaOf('Always-On Prospecting | US');
    const blackFriday = await cpaOf('Black Friday – 50% Off! 🛍️');
    expect(r.answer).toContain(usd(alwaysOn));
    expect(r.answer).toContain(usd(blackFriday));
    const better = alwaysOn < blackFriday ? 'Always-On Prospecting' : 'Black Friday';
    expect(r.answer).toMatch(new RegExp(`"${better}[^"]*" is better: the lower CPA`));
  });
  it('one campaign → which is better? is no choice, and not answered as one', async () => {
    const id = randomUUID();
    await ask('roas for black friday this month', id);
    const r = await ask('which is better?', id);
    expect(r.answer).toMatch(/^I can't map "which is better\?"/);
    expect(r.toolCalls).toEqual([]);
  });
  it('one ad set → compare it with another → and on ctr? (the two side by side, over the same range)', async () => {
    const id = randomUUID();
    await ask('spend for variant a this month', id);
    const spend = await ask('compare it with variant b', id);
    const ctr = await ask('and on ctr?', id);
    for (const [r, metric] of [
      [spend, 'spend'],
      [ctr, 'ctr'],
    ] as const) {
      const calls = r.toolCalls.filter((c) => c.name === 'get_metrics');
      expect(calls.map((c) => c.input)).toEqual([
        expect.objectContaining({ metrics: [metric], range: { preset: 'this_month' } }),
        expect.objectContaining({ metrics: [metric], range: { preset: 'this_month' } }),
      ]);
      expect(r.answer).toContain('"Variant A"');
      expect(r.answer).toContain('"Variant B"');
    }
  });
  it("a campaign's revenue this week → vs last week? (the same campaign and measure, the two weeks)", async () => {
    const id = randomUUID();
    await ask('Black Friday revenue this week', id);
    const r = await ask('vs last week?', id);
    const call = lastCall(r, 'compare_periods');
    expect(call.input).toMatchObject({
      metrics: ['revenue'],
      range: { preset: 'this_week_mon_today' },
      compare_to: { preset: 'last_week_mon_sun' },
    });
    expect(JSON.stringify(call.input.filters)).toContain(await campaignId('Black Friday – 50% Off! 🛍️'));
  });
  it('clicks yesterday → compared with the day before? (yesterday against the day before, not a step back)', async () => {
    const id = randomUUID();
    await ask('clicks on variant b yesterday', id);
    const r = await ask('compared with the day before?', id);
    const out = lastCall(r, 'compare_periods').output;
    expect(out.current.range).toMatchObject({ since: '2026-11-24', until: '2026-11-24' });
    expect(out.previous.range).toMatchObject({ since: '2026-11-23', until: '2026-11-23' });
  });
  it('revenue this month → how does that compare to last month?', async () => {
    const id = randomUUID();
    await ask('revenue this month', id);
    const r = await ask('how does that compare to last month?', id);
    const out = lastCall(r, 'compare_periods').output;
    expect(out.current.range).toMatchObject({ since: '2026-11-01', until: '2026-11-25' });
    expect(out.previous.range).toMatchObject({ since: '2026-10-01', until: '2026-10-31' });
    expect(r.answer).toContain(money((await expectedTotal(w, 'revenue', '2026-11-01', '2026-11-25'))!));
  });
  it('leads in October → from the webinar → and what did each cost? (the CPL: what each lead cost)', async () => {
    const id = randomUUID();
    await ask('how many leads did we get in october', id);
    await ask('how many of those came from the webinar?', id);
    const r = await ask('and what did each cost?', id);
    expect(lastCall(r, 'get_metrics').input).toMatchObject({
      metrics: ['cpl'],
      range: { since: '2026-10-01', until: '2026-10-31' },
      filters: { level: 'campaign', entity_ids: [await campaignId('Webinar “AI & Ads” – Lead Gen')] },
    });
    expect(r.answer).toMatch(/^CPL \$[\d.]+ for "Webinar/);
  });
  it('the live ad sets of a campaign → which of them had more leads this month? (the one, with its leads)', async () => {
    const id = randomUUID();
    await ask('what ad sets are live in the whitepaper campaign?', id);
    const r = await ask('which of them had more leads this month?', id);
    const call = lastCall(r, 'list_entities');
    expect(call.input).toMatchObject({
      level: 'adset',
      status: 'live',
      parent_id: await campaignId('Leads: B2B "Whitepaper" (DE)'),
      range: { preset: 'this_month' },
      sort: { by: 'leads', direction: 'desc' },
    });
    const [top] = call.output.rows;
    expect(r.answer).toBe(
      `The ad set with the highest leads this month (Nov 1 – Nov 25, 2026) is ${top.name} (${top.metrics.leads}). Data synced just now.`,
    );
  });
  it('campaigns past a bound → how many is that? (those counted, not a new question)', async () => {
    const id = randomUUID();
    const listed = await ask('which campaigns spent over $1k last week?', id);
    const r = await ask('how many is that?', id);
    expect(lastCall(r, 'list_entities').input).toEqual(lastCall(listed, 'list_entities').input);
    const total = lastCall(listed, 'list_entities').output.total_count;
    expect(r.answer).toMatch(new RegExp(`^${total} campaigns? with spend above \\$1,000\\.00 last week`));
    // after a listing by status, the count of it
    const other = randomUUID();
    await ask('what campaigns are paused?', other);
    const paused = await ask('how many is that?', other);
    expect(paused.answer).toMatch(/^There (is|are) \d+ paused campaigns?\b/);
    // the listing's own level, pointed back at, is still those counted; "how many … are there?" is all
    const idle = randomUUID();
    const none = await ask('which campaigns had no spend yesterday?', idle);
    const these = await ask('so how many campaigns is that?', idle);
    expect(lastCall(these, 'list_entities').input).toEqual(lastCall(none, 'list_entities').input);
    const all = await ask('how many campaigns are there?', idle);
    expect(all.answer).toMatch(/^There are \d+ campaigns\b.*\(by current status/);
  });
  it('top campaigns by revenue → what about last week?', async () => {
    const id = randomUUID();
    await ask('top 3 campaigns by revenue', id);
    const r = await ask('what about last week?', id);
    const call = lastCall(r, 'list_entities');
    expect(call.input.sort).toEqual({ by: 'revenue', direction: 'desc' });
    expect(call.output.range).toMatchObject({ since: '2026-11-16', until: '2026-11-22' });
  });
});

describe('planner: a span "before" something no earlier answer names', () => {
  it('says so rather than answer another range', async () => {
    const r = await ask('what did we spend in the 3 days before black friday');
    expect(r.answer).toMatch(/^I couldn't tell which days "before" counts back from/);
    expect(r.toolCalls.map((c) => c.name)).not.toContain('get_metrics');
  });
});

describe('planner: counts say what they leave out', () => {
  it('"how many campaigns do we have?" counts the current ones and says how many archived or deleted it left out', async () => {
    const r = await ask('how many campaigns do we have');
    const current = (await namesWith(w, 'campaign', 'default')).length;
    const all = (await entities(w, 'campaigns')).length;
    expect(all).toBeGreaterThan(current);
    expect(r.answer).toContain(`There are ${current} campaigns`);
    expect(r.answer).toContain(`not counting ${all - current} archived or deleted`);
  });
});

describe('planner: "best performing"', () => {
  it('"what\'s our best performing campaign this month?" names the one with the highest ROAS', async () => {
    const r = await ask("what's our best performing campaign this month");
    const call = lastCall(r, 'list_entities');
    expect(call.input).toMatchObject({ level: 'campaign', sort: { by: 'roas', direction: 'desc' } });
    // the simulator's own figures: the highest ROAS among campaigns with at least $10 of spend
    const [roas, spend] = await Promise.all([
      perEntity(w, 'campaign', 'roas', '2026-11-01', '2026-11-25'),
      perEntity(w, 'campaign', 'spend', '2026-11-01', '2026-11-25'),
    ]);
    const enough = roas.filter((c) => (spend.find((s) => s.id === c.id)?.value ?? 0) >= 10);
    const best = enough.reduce((a, b) => ((b.value ?? -1) > (a.value ?? -1) ? b : a));
    expect(r.answer).toMatch(/^The campaign with the highest ROAS this month .* is /);
    expect(r.answer).toContain(` is ${best.name} (`);
  });
});

describe('planner: two names combined', () => {
  it('"Variant A and Variant B together, clicks this month" is one sum over both, with each beside it', async () => {
    const r = await ask('variant a and variant b together, clicks this month');
    const adsets = (await entities(w, 'adsets')).filter(
      (a) => a.name === 'Variant A' || a.name === 'Variant B',
    );
    expect(adsets).toHaveLength(2);
    const rows = await insights(w, 'adset', '2026-11-01', '2026-11-25', {
      filterField: 'adset.id',
      ids: adsets.map((a) => a.id),
    });
    const clicks = rows.reduce((n, row) => n + measures(row).clicks, 0);
    expect(clicks).toBeGreaterThan(0);
    expect(r.answer).toMatch(
      new RegExp(`^Clicks ${count(clicks)} for "Variant A" and "Variant B" combined this month`),
    );
    // the sum is the tool's, over both ids in one filter
    const calls = r.toolCalls.filter((c) => c.name === 'get_metrics');
    expect(
      calls.some(
        (c) => (c.input as { filters?: { entity_ids?: string[] } }).filters?.entity_ids?.length === 2,
      ),
    ).toBe(true);
  });
  it('one ad set\'s spend → "and the lookalike 1% one?" → "both together?" sums the two named', async () => {
    const id = randomUUID();
    await ask('how much did cart abandoners spend yesterday', id);
    await ask('and the lookalike 1% one?', id);
    const r = await ask('both together?', id);
    expect(r.answer).toMatch(
      /^Spend \$[\d,.]+ for "Retargeting – Cart Abandoners 7d" and "US – Lookalike 1% Purchasers" combined yesterday/,
    );
    expect(lastCall(r, 'get_metrics').input).toMatchObject({ range: { preset: 'yesterday' } });
    expect(lastCall(r, 'get_metrics').input.filters.entity_ids).toHaveLength(2);
  });
});

describe('planner: what is live inside a name', () => {
  it('"what\'s live in the holiday gift guide" lists its live ad sets', async () => {
    const r = await ask("what's live in the holiday gift guide");
    const campaign = (await entities(w, 'campaigns')).find((c) => c.name.startsWith('Holiday Gift Guide'))!;
    const call = lastCall(r, 'list_entities');
    expect(call.input).toMatchObject({ level: 'adset', status: 'live', parent_id: campaign.id });
    const live = await namesWith(w, 'adset', 'live', campaign.id);
    expect(live.length).toBeGreaterThan(0);
    for (const name of live) expect(r.answer).toContain(name);
  });
});

describe('planner: a measure we do not have', () => {
  it('"revenue per purchase last month" is refused (read as revenue and CPA before)', async () => {
    const r = await ask('revenue per purchase last month');
    expect(r.answer).toMatch(/^I can't report that measure/);
    expect(r.toolCalls.map((c) => c.name)).not.toContain('get_metrics');
  });
});

describe('planner: counts per parent', () => {
  it('"how many ad sets does each campaign have?" counts the current ad sets under every campaign', async () => {
    const r = await ask('how many ad sets does each campaign have?');
    const campaigns = await entities(w, 'campaigns');
    const adsets = (await entities(w, 'adsets')).filter((a) => hasStatus(a, 'default'));
    for (const c of campaigns) {
      const n = adsets.filter((a) => a.campaign_id === c.id).length;
      if (n > 0) expect(r.answer).toContain(`${c.name}: ${n}`);
      else expect(r.answer).not.toContain(`${c.name}:`);
    }
    expect(r.answer).toContain(`(${adsets.length} in `);
    // the table holds the same counts, adding up to every current ad set
    const table = r.payloads.find((p) => p.kind === 'table');
    const counts = table?.kind === 'table' ? table.rows.map((row) => Number(row.count)) : [];
    expect(counts.reduce((a, b) => a + b, 0)).toBe(adsets.length);
  });
  it('"number of ads per ad set" names a repeated ad set name with its campaign', async () => {
    const r = await ask('number of ads per ad set');
    const campaigns = new Map((await entities(w, 'campaigns')).map((c) => [c.id, c.name]));
    const adsets = await entities(w, 'adsets');
    const ads = (await entities(w, 'ads')).filter((a) => hasStatus(a, 'default'));
    const repeated = adsets.filter((a) => adsets.some((b) => b.id !== a.id && b.name === a.name));
    expect(repeated.length).toBeGreaterThan(0);
    for (const a of adsets) {
      const n = ads.filter((ad) => ad.adset_id === a.id).length;
      if (n === 0) continue;
      const label = repeated.includes(a) ? `${a.name} (${campaigns.get(a.campaign_id!)})` : a.name;
      expect(r.answer).toContain(`${label}: ${n}`);
    }
  });
});

describe('planner: a whole name at another level than the one asked', () => {
  it('"what campaign does the Retargeting 14d ad set belong to?" names that ad set\'s campaign', async () => {
    const r = await ask('what campaign does the Retargeting 14d ad set belong to?');
    const adset = (await entities(w, 'adsets')).find((a) => a.name === 'Retargeting 14d')!;
    const campaigns = await entities(w, 'campaigns');
    const parent = campaigns.find((c) => c.id === adset.campaign_id)!;
    expect(r.answer).toContain(parent.name);
    // the campaign whose name holds "Retargeting" is not it
    const decoy = campaigns.find((c) => c.id !== parent.id && /retargeting/i.test(c.name))!;
    expect(r.answer).not.toContain(decoy.name);
  });
});

describe('planner: filters on an amount', () => {
  // October 2026 is "last month" on the pinned clock
  it('names the campaigns that spent more than $1000, whatever their status, and none below', async () => {
    const r = await ask('how many campaigns spent more than $1000 last month');
    const spent = await perEntity(w, 'campaign', 'spend', '2026-10-01', '2026-10-31');
    const above = spent.filter((e) => e.value !== null && e.value > 1000).map((e) => e.name);
    const below = spent.filter((e) => e.value !== null && e.value > 0 && e.value <= 1000).map((e) => e.name);
    expect(above.length).toBeGreaterThan(1);
    expect(below.length).toBeGreaterThan(0);
    expect(lastCall(r, 'list_entities').input).toMatchObject({
      level: 'campaign',
      status: 'any',
      sort: { by: 'spend', direction: 'desc' },
    });
    expect(r.answer).toMatch(
      new RegExp(`^${above.length} campaigns with spend above \\$1,000\\.00 last month`),
    );
    for (const name of above) expect(r.answer).toContain(name);
    for (const name of below) expect(r.answer).not.toContain(name);
  });
  it('below a bound: ad sets with a ROAS under 1 (none without spend, none archived)', async () => {
    const r = await ask('which ad sets had a ROAS below 1 last month?');
    const roas = await perEntity(w, 'adset', 'roas', '2026-10-01', '2026-10-31');
    const under = roas.filter((e) => e.value !== null && e.value < 1 && hasStatus(e, 'default'));
    const over = roas.filter((e) => e.value !== null && e.value >= 1);
    expect(under.length).toBeGreaterThan(0);
    expect(over.length).toBeGreaterThan(0);
    expect(r.answer).toMatch(new RegExp(`^${under.length} ad sets? with ROAS below 1`));
    for (const e of under) expect(r.answer).toContain(`${e.name} (${e.value!.toFixed(2)}`);
    for (const e of over) expect(r.answer).not.toContain(`${e.name} (`);
  });
  it('"top 3 … with more than 100 clicks": the first 3 past the bound, and how many are', async () => {
    const r = await ask('top 3 campaigns with more than 100 clicks last week');
    const clicks = (await perEntity(w, 'campaign', 'clicks', '2026-11-16', '2026-11-22'))
      .filter((e) => e.value !== null && e.value > 100)
      .sort((a, b) => b.value! - a.value!);
    expect(clicks.length).toBeGreaterThan(3);
    expect(r.answer).toMatch(
      new RegExp(`^The first 3 of ${clicks.length} campaigns with clicks above 100 last week`),
    );
    for (const e of clicks.slice(0, 3)) expect(r.answer).toContain(e.name);
    for (const e of clicks.slice(3)) expect(r.answer).not.toContain(e.name);
  });
  it('a bound with no level: the total, then whether it is past the bound', async () => {
    const spend = await expectedTotal(w, 'spend', '2026-10-01', '2026-10-31');
    const over = await ask('did we spend more than $1000 last month?');
    expect(over.answer).toContain(money(spend));
    expect(over.answer).toContain(`That is ${spend! > 1000 ? '' : 'not '}more than $1,000.00.`);
    const under = await ask(`did we spend more than $${Math.ceil(spend!) + 1} last month?`);
    expect(under.answer).toContain('That is not more than');
    expect(over.toolCalls.map((c) => c.name)).not.toContain('list_entities');
  });
  it('lists by two bounds at once, and refuses a third rather than answer some of them', async () => {
    const r = await ask('campaigns with spend above 100 and roas below 1 this month');
    const bounded = r.toolCalls.filter((c) => c.name === 'list_entities' && 'where' in (c.input as object));
    expect(bounded.map((c) => (c.input as { where: unknown }).where)).toEqual([
      [
        { metric: 'spend', op: 'gt', value: 100 },
        { metric: 'roas', op: 'lt', value: 1 },
      ],
    ]);
    expect(r.answer).toMatch(/^\d+ campaigns with spend above \$100\.00 and ROAS below 1\.00 this month/);
    const three = await ask('campaigns with spend above 100 and roas below 1 and ctr above 2 this month');
    expect(three.answer).toMatch(/^I (didn't understand every condition|can't answer "above 100" here)/);
    expect(three.toolCalls.map((c) => c.name)).not.toContain('list_entities');
  });
  it('reads "spent money but got zero purchases" as both conditions, never as no spend', async () => {
    const r = await ask('which ad sets spent money last week but got zero purchases');
    const [listed] = r.toolCalls.filter((c) => c.name === 'list_entities');
    expect((listed.input as { where: unknown }).where).toEqual([
      { metric: 'spend', op: 'gt', value: 0 },
      { metric: 'purchases', op: 'lte', value: 0 },
    ]);
    expect(r.answer).toMatch(/^\d+ ad sets with some spend and no purchases last week/);
    // every listed one states both values
    expect(r.answer).toMatch(/\(spend \$[\d,.]+, purchases 0\)/);
    for (const q of [
      'which ad sets spent money last week but got zero likes',
      'which ad sets spent money and got clicks but no leads',
    ]) {
      const half = await ask(q);
      expect(half.answer).toMatch(/^I didn't understand every condition/);
      expect(half.toolCalls.map((c) => c.name)).not.toContain('list_entities');
    }
  });
  it('reads "under 1%" as a bound though "under" and "1%" are each in some name', async () => {
    const r = await ask('ad sets with ctr under 1% this month');
    const bounded = r.toolCalls.filter((c) => c.name === 'list_entities' && 'where' in (c.input as object));
    expect(bounded.map((c) => (c.input as { where: unknown }).where)).toEqual([
      { metric: 'ctr', op: 'lt', value: 1 },
    ]);
    expect(r.answer).not.toContain('for "US – Lookalike 1% Purchasers"');
  });
  it('reads "under $50" inside a name as the name, not a threshold', async () => {
    const r = await ask('spend for the gifts under $50 ad set last month');
    expect(r.answer).toContain('Catalog – Gifts under $50');
    expect(r.answer).not.toContain("don't filter by an amount");
  });
  it('reads "under $50" as a bound when the question spells no name around it', async () => {
    for (const question of ['ad sets with cpa under $50 last month', 'ad sets with cpa under 50 dollars']) {
      const r = await ask(question);
      const bounded = r.toolCalls.filter((c) => c.name === 'list_entities' && 'where' in (c.input as object));
      expect(bounded.map((c) => (c.input as { where: unknown }).where)).toEqual([
        { metric: 'cpa', op: 'lt', value: 50 },
      ]);
    }
  });
});

describe('planner: sync commands and questions it cannot map', () => {
  it('sync my meta account → trigger_sync', async () => {
    const r = await ask('sync my meta account');
    const call = lastCall(r, 'trigger_sync');
    expect(call.output.runs).toHaveLength(1);
    expect(r.answer).toMatch(/(Started a sync|already running) for 1 account/);
    // no run id to copy around: the chat shows the run's progress instead
    expect(r.answer).not.toContain(call.output.runs[0].run_id);
  });
  it('is the sync done? → sync_status', async () => {
    const r = await ask('is the sync done?');
    expect(lastCall(r, 'sync_status').output.runs.length).toBeGreaterThan(0);
    expect(r.answer).toMatch(/sync of act_1234567890 (is running|is queued|is done)/);
    expect(r.toolCalls.map((c) => c.name)).not.toContain('trigger_sync');
  });
  // it reads and never writes: a change, advice or a setting it does not sync gets a plain no, not
  // the neighbouring figure ("pause" read as the paused filter, a budget as spend by day)
  for (const [q, said] of [
    ['pause the black friday campaign', /don't support changes/],
    ['increase the budget of Always-On by 20%', /don't support changes/],
    ['which campaign should I pause?', /can't answer what you should do/],
    ['what is the daily budget of the Always-On campaign?', /can't report budgets/],
    // a month to come is read as the latest one begun: never its figure as the forecast
    ['what will our roas be in december if we keep spending like this', /can't report forecasts/],
    ['at the current pace, what is our cpa going to be for december', /can't report forecasts/],
    ['how much did we spend on instagram last week?', /can't split Meta's numbers by placement/],
    // a split we do not sync, another platform or other advertisers: never the account's total beside
    // "I didn't understand", and what can be asked instead, in the question's measure and range
    ['roas by placement last week', /can't split Meta's numbers by placement.*"ROAS last week by campaign"/],
    [
      'which region drove the most purchases last month',
      /can't split Meta's numbers by region or country \("region"\).*"purchases last month by campaign"/,
    ],
    ['ctr by gender for black friday this week', /can't split Meta's numbers by age or gender/],
    ['what is the roas for our snapchat campaigns', /can't report Snapchat ads: I only read your Meta ads/],
    ['and on tiktok?', /can't report TikTok ads/],
    ['compare our spend to our competitors', /can't report other advertisers' numbers.*vs the period before/],
  ] as const) {
    it(q, async () => {
      const r = await ask(q);
      expect(r.answer).toMatch(said);
      expect(r.answer).not.toMatch(/\$\d/);
      expect(
        r.toolCalls.some((c) => ['get_metrics', 'list_entities', 'compare_periods'].includes(c.name)),
      ).toBe(false);
    });
  }
  it('answers spend "vs budget" as the spend alone, saying budgets are not synced, never against a period', async () => {
    const r = await ask('spend yday vs budget');
    expect(r.answer).toMatch(/^Spend \$[\d,.]+ yesterday .*can't compare that with a budget/);
    expect(r.toolCalls.map((c) => c.name)).not.toContain('compare_periods');
  });
  it('reads a word of a name as the name, though it also names a placement ("Engagés IG 60j")', async () => {
    const r = await ask('spend for engages ig 60j last week');
    expect(r.answer).not.toMatch(/can't split/);
    expect(lastCall(r, 'get_metrics').input.range).toEqual({ preset: 'last_week_mon_sun' });
  });
  it('answers in the account currency and says it does not convert when asked for another', async () => {
    const euros = await ask('spend last week in euros');
    expect(euros.answer).toMatch(/\$[\d,]+\.\d\d last week/);
    expect(euros.answer).toContain("I can't show amounts in EUR: I don't convert currencies");
    expect(lastCall(euros, 'get_metrics').input.range).toEqual({ preset: 'last_week_mon_sun' });
    const code = await ask('spend yesterday in EUR');
    expect(code.answer).toContain("I can't show amounts in EUR");
    expect((await ask('spend last week in dollars')).answer).not.toContain('convert');
  });
  for (const q of ["what's the weather in Paris?", 'tell me a joke', 'asdf qwerty']) {
    it(q, async () => {
      const r = await ask(q);
      expect(r.answer).toMatch(/won't guess a number/);
      expect(r.answer).not.toMatch(/\$\d/);
      expect(
        r.toolCalls.some((c) => ['get_metrics', 'compare_periods', 'trigger_sync'].includes(c.name)),
      ).toBe(false);
    });
  }
});
