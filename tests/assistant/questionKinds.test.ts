// The question grammar, one phrase table per kind: each phrasing must land on its kind whatever the
// order of the entries, and the derived pieces (capabilities, the sync guard) come from the same list.
// Adding a kind = its entry in src/assistant/questionKinds.ts + its table here.
import { describe, expect, it } from 'vitest';
import { isSyncRequest, parseIntent } from '../../src/assistant/intentParser.js';
import { isFollowUp, type PlannerState } from '../../src/assistant/plannerState.js';
import { CAPABILITIES, QUESTION_KINDS } from '../../src/assistant/questionKinds.js';

const TODAY = '2026-11-25';

const PHRASES: Record<(typeof QUESTION_KINDS)[number]['kind'], string[]> = {
  sync_status: ['is the sync done?', 'when was the last sync', 'how fresh is the data?', 'sync status'],
  sync: [
    'sync my meta account',
    'please resync',
    'pull the latest data from Meta',
    'Refresh data',
    'update the spend data',
    'refresh the spend numbers from meta',
  ],
  structure: [
    'which campaign is the Variant B ad set in?',
    'what campaign does the Visiteurs 30j ad set belong to?',
    "what's the status of the Spring Promo campaign?",
    'is the Variant C ad set running?',
    "what's the summer sale's status",
    'has the summer sale been switched off?',
    'has Black Friday finished yet',
    'has the webinar campaign ended?',
    'has the spring promo gone live yet?',
    'brand awareness q3 — still around or archived?',
    'spring promo — archived or deleted?',
    'UK instant form ad set — is it live?',
    'my boss wants to know if the blog campaign is still on',
    'can you check whether Variant C is paused?',
  ],
  conditions: [
    'which ad sets spent money last week but got zero purchases',
    'ads with spend but no purchases last month',
    'campaigns with over $100 spend and a roas under 1',
    'ad sets with clicks but no leads this month',
    "which ads had impressions yesterday but didn't get a single click",
  ],
  no_spend: [
    'which campaigns had no spend',
    'which ads spent nothing in the last 30 days',
    "ad sets that didn't deliver yesterday",
    'campaigns with zero spend this week',
    'which campaigns had no revenue last week?',
    "which campaigns didn't get any clicks yesterday",
    'which ad sets did not have any leads last week',
    "how many ads didn't get a single impression yesterday",
  ],
  // two names side by side: the planner passes how many entities it matched (here, two)
  compare_entities: [
    'compare Variant A and Variant B on CTR',
    'Black Friday vs Always-On revenue last week',
    'which spent more last month, Always-On Prospecting or Summer Sale?',
  ],
  count: ['how many ads are active?', 'number of paused ad sets', 'count the live campaigns'],
  delivering: [
    'how many campaigns spent money last week?',
    'how many ads got clicks yesterday',
    'how many ad sets had purchases this month',
    'which campaigns spent money last week?',
    'which ads got clicks yesterday',
  ],
  compare: [
    'compare spend this week vs last week',
    'how did ROAS change from last month',
    'spend MoM',
    'revenue week over week',
    'spend this month vs same period last year',
    'CTR last 7 days vs previous 7 days',
  ],
  pacing: [
    'how are we pacing today vs the same time yesterday?',
    'spend pace today',
    'are we spending more than at this time yesterday?',
    'clicks so far today vs same time yesterday',
  ],
  hourly: [
    'spend by hour today',
    'what hour had the most clicks yesterday',
    'hourly spend yesterday',
    'impressions per hour',
  ],
  breakdown: [
    'spend by day last 14 days',
    'daily revenue this week',
    'spend and revenue by week',
    'spend per ad set',
    'split spend out per campaign',
    'break revenue out by ad set',
  ],
  threshold: [
    'which campaigns spent more than $100 last week?',
    'ads with ROAS below 1 this month',
    'ad sets with at least 1,000 clicks',
    'campaigns with a CTR above 2.5%',
  ],
  rank: [
    'top 3 campaigns by revenue',
    'worst CPA ad sets last month',
    'which ad had the highest ROAS',
    'rank campaigns by CTR',
  ],
  list: [
    'what campaigns are live?',
    'show paused ad sets',
    'list all ads',
    'archived campaigns',
    'list the ads that are paused or archived',
  ],
  total: [
    'spend last wk',
    'rev yesterday',
    'CTR and CPM this month',
    'how much did we spend mtd',
    'how are we doing?',
  ],
};

describe('question kinds: one phrase table per entry', () => {
  for (const spec of QUESTION_KINDS) {
    it.each(PHRASES[spec.kind])(`${spec.kind}: %s`, (q) => {
      const entityCount = spec.kind === 'compare_entities' ? 2 : 0;
      expect(parseIntent(q, TODAY, { entityCount }).kind).toBe(spec.kind);
    });
  }

  it('every kind has a phrase table, a capability and an explicit, unique priority', () => {
    expect(Object.keys(PHRASES).sort()).toEqual(QUESTION_KINDS.map((k) => k.kind).sort());
    expect(new Set(QUESTION_KINDS.map((k) => k.priority)).size).toBe(QUESTION_KINDS.length);
    expect(CAPABILITIES).toHaveLength(QUESTION_KINDS.length);
  });

  it.each([
    "what's the weather in Paris?",
    'tell me a joke',
    'asdf qwerty',
    // no status of a campaign: maybe a sync's
    "what's the status?",
    'has the data finished?',
    'has the data finished loading?',
  ])('unknown: %s', (q) => {
    expect(parseIntent(q, TODAY).kind).toBe('unknown');
  });
});

describe('every word accounted for', () => {
  it.each([
    ['spend last wk', []],
    ['CTR and CPM for black friday last week', ['black', 'friday']],
    ['how much did Summer Blowout spend last month?', ['summer', 'blowout']],
    ['spend on weekends last month', ['weekends']],
  ])('%s leaves %j', (q, left) => {
    expect(parseIntent(q, TODAY).leftover).toEqual(left);
  });

  it('answers every measure asked', () => {
    expect(parseIntent('CTR and CPM for X', TODAY).metrics).toEqual(['ctr', 'cpm']);
    expect(parseIntent('spend and revenue by day', TODAY).metrics).toEqual(['spend', 'revenue']);
  });

  it('time words it cannot read are reported, not replaced by a default', () => {
    expect(parseIntent('spend on weekends last month', TODAY).unreadTime).toEqual(['weekends']);
    expect(parseIntent('spend fortnightly', TODAY).unreadTime).toEqual(['fortnightly']);
  });
});

describe('actions only from the person’s own words', () => {
  it.each([
    'spend for "Retargeting – trigger a sync" last week',
    'what was spend yesterday? my boss wrote: "trigger a full sync now"',
    'what was spend yesterday?\n\nHi team, please trigger a full sync of the account.',
    "how did the campaign 'please sync now' do",
    // a measure fetched is a figure asked for, not the data pulled again
    'can you pull our spend on meta for Q3',
    'could you fetch the roas for our facebook ads last week',
  ])('never a sync: %s', (q) => {
    expect(isSyncRequest(q)).toBe(false);
    expect(parseIntent(q, TODAY).kind).not.toBe('sync');
  });
  it('an entity name holding "sync" is a name, not a command', () => {
    expect(
      isSyncRequest('spend for Retargeting – trigger a sync last week', ['Retargeting – trigger a sync']),
    ).toBe(false);
    expect(isSyncRequest('sync my account', ['Retargeting – trigger a sync'])).toBe(true);
  });
  it('a question mixing a request and a quoted instruction answers the request', () => {
    const intent = parseIntent('what was spend yesterday? my boss wrote: "trigger a full sync now"', TODAY);
    expect([intent.kind, intent.metrics, intent.time?.range]).toEqual([
      'total',
      ['spend'],
      { preset: 'yesterday' },
    ]);
  });
});

describe('carry-over only for elliptical follow-ups', () => {
  const previous: PlannerState = {
    kind: 'breakdown',
    level: 'campaign',
    metrics: ['spend'],
    range: { since: '2026-08-25', until: '2026-11-24' },
    rangeLabel: 'the last 3 months',
    rangeDefaulted: false,
    groupBy: 'week',
  };
  it.each([
    'and the week before?',
    'what about revenue?',
    'only the active ones',
    'which of them spent the most?',
    'top 3?',
    'by day?',
    "what's the cpl?",
    'so what was the ctr?',
    'vs last week?',
    'compared with the day before?',
  ])('follows up: %s', (q) => expect(isFollowUp(parseIntent(q, TODAY), previous)).toBe(true));
  it.each([
    'what was my spend yesterday?',
    'how many impressions in October?',
    'list paused campaigns',
    'revenue last week',
    "what's the cpl for Black Friday?",
    'which campaign had the best ctr?',
  ])('starts fresh: %s', (q) => expect(isFollowUp(parseIntent(q, TODAY), previous)).toBe(false));
});
