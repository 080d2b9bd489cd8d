// The parser layers on their own: time phrases (against hand-computed dates for a pinned today),
// intents, the sync-intent guard, entity name matching, and answer formatting.
import { describe, expect, it } from 'vitest';
import { withPreposition } from '../../src/assistant/answerScope.js';
import { formatDateRange, formatFreshness, formatMetric } from '../../src/assistant/answerText.js';
import { matchEntityName, matchPair, type NameCandidate } from '../../src/assistant/entityNameMatcher.js';
import { isSyncRequest, parseIntent } from '../../src/assistant/intentParser.js';
import { pickListed, readOnePick } from '../../src/assistant/ordinalPicks.js';
import { describedPlaces, placeAsked } from '../../src/assistant/outsideData.js';
import { boundOnListed } from '../../src/assistant/questionReading.js';
import { sharedWordRanking } from '../../src/assistant/sharedNameWord.js';
import { readOthers } from '../../src/assistant/siblingFollowUps.js';
import { findTimeExpressions } from '../../src/assistant/timeExpressions.js';
import { vocabularyTypos } from '../../src/assistant/wordTypos.js';
import { periodBefore } from '../../src/calendar.js';

const TODAY = '2026-11-25'; // a Wednesday

// through the parser, so shorthand ("wk", "7d") is spelled out as it is for a real question
const first = (text: string, today = TODAY) => parseIntent(text, today).time?.range;

describe('time expressions', () => {
  it.each([
    ['today', { preset: 'today' }],
    ['yesterday', { preset: 'yesterday' }],
    ['last 7 days', { preset: 'last_7d' }],
    ['past seven days', { preset: 'last_7d' }],
    ['last 30 days', { preset: 'last_30d' }],
    ['last 10 days', { since: '2026-11-15', until: '2026-11-24' }],
    ['last 3 weeks', { since: '2026-11-04', until: '2026-11-24' }],
    ['last 2 months', { since: '2026-09-25', until: '2026-11-24' }],
    ['this week', { preset: 'this_week_mon_today' }],
    ['last week', { preset: 'last_week_mon_sun' }],
    ['this month', { preset: 'this_month' }],
    ['last month', { preset: 'last_month' }],
    ['this quarter', { preset: 'this_quarter' }],
    ['last quarter', { preset: 'last_quarter' }],
    ['this year', { preset: 'this_year' }],
    ['last year', { preset: 'last_year' }],
    ['all time', { preset: 'maximum' }],
    ['in October', { since: '2026-10-01', until: '2026-10-31' }],
    ['in December', { since: '2025-12-01', until: '2025-12-31' }],
    ['in November', { since: '2026-11-01', until: '2026-11-25' }],
    ['March 2025', { since: '2025-03-01', until: '2025-03-31' }],
    ['since Nov 1', { since: '2026-11-01', until: '2026-11-25' }],
    ['since Dec 5', { since: '2025-12-05', until: '2026-11-25' }],
    ['between Oct 1 and Oct 15', { since: '2026-10-01', until: '2026-10-15' }],
    ['from Dec 20 to Jan 5', { since: '2025-12-20', until: '2026-01-05' }],
    ['from 2026-11-01 to 2026-11-10', { since: '2026-11-01', until: '2026-11-10' }],
    ['on 2026-11-03', { since: '2026-11-03', until: '2026-11-03' }],
    ['on 11/03', { since: '2026-11-03', until: '2026-11-03' }],
    ['the day before yesterday', { since: '2026-11-23', until: '2026-11-23' }],
    // the advertising calendar: shorthand, Meta presets, quarters, halves, weekends, day ranges
    ['last wk', { preset: 'last_week_mon_sun' }],
    ['7d', { preset: 'last_7d' }],
    ['l30d', { preset: 'last_30d' }],
    ['past 2 wks', { preset: 'last_14d' }],
    ['mtd', { preset: 'this_month' }],
    ['qtd', { preset: 'this_quarter' }],
    ['ytd', { preset: 'this_year' }],
    ['last_7d', { preset: 'last_7d' }],
    ['past fortnight', { preset: 'last_14d' }],
    ['last weekend', { since: '2026-11-21', until: '2026-11-22' }],
    ['the weekend before last', { since: '2026-11-14', until: '2026-11-15' }],
    ['the second half of the year so far', { since: '2026-07-01', until: '2026-11-25' }],
    ['Q3', { since: '2026-07-01', until: '2026-09-30' }],
    ['Q4', { since: '2026-10-01', until: '2026-11-25' }],
    ['Q3 2025', { since: '2025-07-01', until: '2025-09-30' }],
    ['H1', { since: '2026-01-01', until: '2026-06-30' }],
    ['between 3 and 10 November', { since: '2026-11-03', until: '2026-11-10' }],
    ['3–10 Nov', { since: '2026-11-03', until: '2026-11-10' }],
    ['Nov 3-10', { since: '2026-11-03', until: '2026-11-10' }],
    ['11/3–11/10', { since: '2026-11-03', until: '2026-11-10' }],
    ['on the 3rd of November', { since: '2026-11-03', until: '2026-11-03' }],
    ['last Tuesday', { since: '2026-11-24', until: '2026-11-24' }],
    ['2 weeks ago', { since: '2026-11-09', until: '2026-11-15' }],
    ['over the weekend', { since: '2026-11-21', until: '2026-11-22' }],
    ['this past weekend', { since: '2026-11-21', until: '2026-11-22' }],
    ['last week (Mon–Sun)', { preset: 'last_week_mon_sun' }],
    ['between the 1st and the 15th of October', { since: '2026-10-01', until: '2026-10-15' }],
    ['Oct', { since: '2026-10-01', until: '2026-10-31' }],
    ['so far', { preset: 'maximum' }],
    // a date and a relative day as the ends of one range (never the two days compared)
    ['between nov 1 and today', { since: '2026-11-01', until: '2026-11-25' }],
    // a span ending on a day: that many days through it
    ['the week ending nov 22', { since: '2026-11-16', until: '2026-11-22' }],
    ['the 7 days ending yesterday', { since: '2026-11-18', until: '2026-11-24' }],
    ['the 7 days ending nov 20', { since: '2026-11-14', until: '2026-11-20' }],
    ['in the 30 days to yesterday', { since: '2026-10-26', until: '2026-11-24' }],
    ['in the 14 days to last sunday', { since: '2026-11-09', until: '2026-11-22' }],
    ['the 2 weeks up to nov 20', { since: '2026-11-07', until: '2026-11-20' }],
    ['from October 3 to yesterday', { since: '2026-10-03', until: '2026-11-24' }],
    // holidays on a fixed date: the latest one begun, or the year named
    ['on Christmas Day last year', { since: '2025-12-25', until: '2025-12-25' }],
    ['on christmas eve', { since: '2025-12-24', until: '2025-12-24' }],
    ["new year's day", { since: '2026-01-01', until: '2026-01-01' }],
    ['on halloween', { since: '2026-10-31', until: '2026-10-31' }],
    ['the fourth of july 2025', { since: '2025-07-04', until: '2025-07-04' }],
    ['since it launched', { preset: 'maximum' }],
    ['since launch', { preset: 'maximum' }],
    // "in total" with no other time: its whole life; with one, that period's total
    ['in total', { preset: 'maximum' }],
    ['altogether', { preset: 'maximum' }],
    ['in total last week', { preset: 'last_week_mon_sun' }],
    ['in 2025', { since: '2025-01-01', until: '2025-12-31' }],
    ['Q3 last year', { since: '2025-07-01', until: '2025-09-30' }],
    ['so far this month', { preset: 'this_month' }],
    // two dates joined by "to", "through" or a dash are one range, with or without "from"
    ['2026-11-01 to 2026-11-20', { since: '2026-11-01', until: '2026-11-20' }],
    ['Oct 15 - Nov 15', { since: '2026-10-15', until: '2026-11-15' }],
    ['Dec 20 through Jan 5', { since: '2025-12-20', until: '2026-01-05' }],
    ['the 1st through the 15th', { since: '2026-11-01', until: '2026-11-15' }],
    ['the 26th to the 30th', { since: '2026-10-26', until: '2026-10-30' }],
    ['1st to 15th of last month', { since: '2026-10-01', until: '2026-10-15' }],
    ['the week before last', { since: '2026-11-09', until: '2026-11-15' }],
    ['the month before last', { since: '2026-09-01', until: '2026-09-30' }],
    ['on the 20th', { since: '2026-11-20', until: '2026-11-20' }],
    ['on the 28th', { since: '2026-10-28', until: '2026-10-28' }],
    ['since October', { since: '2026-10-01', until: '2026-11-25' }],
    ['since December', { since: '2025-12-01', until: '2026-11-25' }],
    ['since Monday', { since: '2026-11-23', until: '2026-11-25' }],
    ['since wednesday', { since: '2026-11-25', until: '2026-11-25' }],
    ['last 7 days including today', { since: '2026-11-19', until: '2026-11-25' }],
    // "excluding today" takes today out of a range that holds it; Meta's "last 7 days" does not
    ['in the last 7 days excluding today', { preset: 'last_7d' }],
    ['for the past 14 days not including today', { preset: 'last_14d' }],
    ['this week excluding today', { since: '2026-11-23', until: '2026-11-24' }],
    ['this month excl. today', { since: '2026-11-01', until: '2026-11-24' }],
    ['the last full week', { preset: 'last_week_mon_sun' }],
    ['the previous calendar month', { preset: 'last_month' }],
    ['last calendar week', { preset: 'last_week_mon_sun' }],
    // "so far" after a period is that period through today; "just gone" the last whole one
    ['for the quarter so far', { preset: 'this_quarter' }],
    ['in the year so far', { preset: 'this_year' }],
    ['nov so far', { since: '2026-11-01', until: '2026-11-25' }],
    ['for the month just gone', { preset: 'last_month' }],
    ['the week that just ended', { preset: 'last_week_mon_sun' }],
    // months joined by a dash or "through" are one range from the first's first day to the last's last
    ['jun-aug', { since: '2026-06-01', until: '2026-08-31' }],
    ['June through August', { since: '2026-06-01', until: '2026-08-31' }],
    ['dec–feb', { since: '2025-12-01', until: '2026-02-28' }],
    // a day without its month is the latest one begun; "calendar" and "to date" only say which period
    ['the week of the 16th', { since: '2026-11-16', until: '2026-11-22' }],
    ['over the weekend of the 14th', { since: '2026-11-14', until: '2026-11-15' }],
    ['since the first', { since: '2026-11-01', until: '2026-11-25' }],
    ['since the first of the month', { since: '2026-11-01', until: '2026-11-25' }],
    ['on the fifteenth', { since: '2026-11-15', until: '2026-11-15' }],
    ['nov to date', { since: '2026-11-01', until: '2026-11-25' }],
    ['this calendar month', { preset: 'this_month' }],
    ['for the back half of the year so far', { since: '2026-07-01', until: '2026-11-25' }],
    ['in the front half of the year', { since: '2026-01-01', until: '2026-06-30' }],
    ['for the second half of 2025', { since: '2025-07-01', until: '2025-12-31' }],
    ['l14', { preset: 'last_14d' }],
    ['for the year', { preset: 'this_year' }],
    ['2026', { since: '2026-01-01', until: '2026-11-25' }],
    ['2026 so far', { since: '2026-01-01', until: '2026-11-25' }],
  ])('%s', (text, range) => {
    expect(first(`spend ${text}`)).toEqual(range);
  });

  it("reads numeric dates in the account's order", () => {
    expect(findTimeExpressions('spend 3/11–10/11', TODAY, true)[0]?.range).toEqual({
      since: '2026-11-03',
      until: '2026-11-10',
    });
  });

  it('says the week start in week labels', () => {
    expect(findTimeExpressions('spend last week', TODAY)[0]?.label).toBe('last week (Mon–Sun)');
  });

  it('never reads a period that has not started', () => {
    expect(first('spend Q1 2027')).toBeUndefined();
  });

  it('leaves hours unread rather than reading the day they reach back to', () => {
    expect(first('spend over the last 48 hours')).toBeUndefined();
    // "hrs" too, and glued to its number, never a name nor left out for a default range
    for (const text of ['leads in the past 48 hrs', 'purchases in the past 72hrs']) {
      expect(first(text)).toBeUndefined();
      expect(parseIntent(text, TODAY).unreadTime).toEqual(['hours']);
    }
  });

  it('reads the range given beside "lately", and leaves "lately" alone or as one side of a comparison unread', () => {
    const given = parseIntent('our roas has been terrible lately, what was it over the last 2 weeks?', TODAY);
    expect([given.time?.range, given.unreadTime]).toEqual([{ preset: 'last_14d' }, []]);
    expect(parseIntent('what did we spend recently', TODAY).unreadTime).toEqual(['recently']);
    expect(parseIntent('is roas better lately than last month?', TODAY).unreadTime).toEqual(['lately']);
  });

  it('reads "so far" beside a range through today as that range, and alone as all time', () => {
    const hour = parseIntent('quietest hour today for clicks so far', TODAY);
    expect([hour.kind, hour.time?.range, hour.compareTo]).toEqual(['hourly', { preset: 'today' }, undefined]);
    const month = parseIntent("this month's clicks for always on so far", TODAY);
    expect([month.kind, month.time?.range, month.leftover]).toEqual([
      'total',
      { preset: 'this_month' },
      ['always'],
    ]);
    // its words read all the same: "date" is no time left unread
    const toDate = parseIntent("this month's clicks for always on to date", TODAY);
    expect([toDate.time?.range, toDate.unreadTime]).toEqual([{ preset: 'this_month' }, []]);
    expect(first('how much has it spent so far')).toEqual({ preset: 'maximum' });
  });

  it('leaves "this week excluding today" unread on a Monday: no day of it is left', () => {
    const monday = parseIntent('spend this week excluding today', '2026-11-30');
    expect([monday.time, monday.unreadTime]).toEqual([undefined, ['week']]);
  });

  it('leaves "the first two weeks of November" unread: calendar weeks or the first 14 days is not said', () => {
    for (const text of ['spend in the first two weeks of november', 'clicks the last 2 weeks of october'])
      expect(parseIntent(text, TODAY).unreadTime).toEqual(['weeks']);
    expect(parseIntent('spend in the first 2 weeks of the campaign', TODAY).time).toBeUndefined();
    expect(first('spend over the last 2 weeks of data')).toEqual({ preset: 'last_14d' });
  });

  it('ignores impossible dates and "may" as a verb', () => {
    expect(first('spend on 2026-02-30')).toBeUndefined();
    expect(first('what may I ask')).toBeUndefined();
  });

  it('reads "the week of <day>" as that Monday–Sunday week, and "since the 15th" through today', () => {
    const week = { since: '2026-11-16', until: '2026-11-22' };
    for (const text of [
      'spend the week of nov 18',
      'clicks for the week of 16 November',
      'spend week of 11/16',
    ])
      expect(first(text)).toEqual(week);
    expect(first('spend for the week of november 23')).toEqual({ since: '2026-11-23', until: '2026-11-25' });
    expect(first('revenue since the 15th')).toEqual({ since: '2026-11-15', until: '2026-11-25' });
    expect(first('what have we spent since the 1st')).toEqual({ since: '2026-11-01', until: '2026-11-25' });
    // the 28th of this month has not begun: the latest one is last month's
    expect(first('spend since the 28th')).toEqual({ since: '2026-10-28', until: '2026-11-25' });
  });

  it('reads "over the last week" as the trailing 7 days, "from the 10th to today" through today', () => {
    expect(first('spend over the last week')).toEqual({ preset: 'last_7d' });
    expect(first('revenue in the last month')).toEqual({ preset: 'last_30d' });
    expect(first('spend last week')).toEqual({ preset: 'last_week_mon_sun' });
    expect(first('revenu last wek')).toEqual({ preset: 'last_week_mon_sun' });
    expect(first('spend from the 10th to today')).toEqual({ since: '2026-11-10', until: '2026-11-25' });
    expect(first('spend from the 1st to the 15th')).toEqual({ since: '2026-11-01', until: '2026-11-15' });
  });

  it('reads "the second half of October" as its 16th to 31st, not H2 and October', () => {
    expect(findTimeExpressions('clicks in the second half of october', TODAY).map((f) => f.range)).toEqual([
      { since: '2026-10-16', until: '2026-10-31' },
    ]);
    expect(first('spend first half of november')).toEqual({ since: '2026-11-01', until: '2026-11-15' });
    expect(first('spend in the second half of the year')).toEqual({
      since: '2026-07-01',
      until: '2026-11-25',
    });
  });

  it('joins two back-to-back periods asked for a total ("how much … in September and October")', () => {
    expect(first('how much did we spend in september and october')).toEqual({
      since: '2026-09-01',
      until: '2026-10-31',
    });
    expect(first('total revenue for monday and tuesday')).toEqual({
      since: '2026-11-23',
      until: '2026-11-24',
    });
    // apart, or without a total's words, or asked to compare: two periods
    expect(parseIntent('how much did we spend on Nov 1 and Nov 20', TODAY).compareTo).toBeDefined();
    expect(parseIntent('spend in september and october', TODAY).compareTo).toBeDefined();
    expect(parseIntent('compare how much we spent in september and october', TODAY).compareTo).toBeDefined();
  });

  it('reads "X and the day (week, month) before" as X and the period before it', () => {
    expect(first('how much did we spend yesterday and the day before combined')).toEqual({
      since: '2026-11-23',
      until: '2026-11-24',
    });
    expect(first('total clicks last week and the week before')).toEqual({
      since: '2026-11-09',
      until: '2026-11-22',
    });
    // without a total's words, the two side by side
    const both = parseIntent('spend last month and the month before that', TODAY);
    expect([both.time?.range, both.compareTo?.range]).toEqual([
      { preset: 'last_month' },
      { since: '2026-09-01', until: '2026-09-30' },
    ]);
    // alone, it steps back from the last answer's range
    expect(parseIntent('and the day before?', TODAY).shiftBack).toBe(true);
  });

  it('reads "the first 10 days of November" and "mon-fri last week" as those days', () => {
    expect(first('spend the first 10 days of november')).toEqual({
      since: '2026-11-01',
      until: '2026-11-10',
    });
    expect(first('spend the last 5 days of october')).toEqual({ since: '2026-10-27', until: '2026-10-31' });
    expect(first('clicks mon-fri last week')).toEqual({ since: '2026-11-16', until: '2026-11-20' });
    expect(first('spend from monday to wednesday this week')).toEqual({
      since: '2026-11-23',
      until: '2026-11-25',
    });
    // a week's days not begun yet are cut at today
    expect(first('spend monday to friday this week')).toEqual({ since: '2026-11-23', until: '2026-11-25' });
  });

  it('reads a weekday of last or this week as that day, and "since" a day through today', () => {
    const day = (d: string) => ({ since: d, until: d });
    expect(first('revenue on wednesday last week')).toEqual(day('2026-11-18'));
    expect(first('spend on the friday of last week')).toEqual(day('2026-11-20'));
    expect(first('spend last week on friday')).toEqual(day('2026-11-20'));
    expect(first("revenue last week's tuesday")).toEqual(day('2026-11-17'));
    expect(first('purchases on monday this week')).toEqual(day('2026-11-23'));
    // a day of this week not begun yet is not read
    expect(parseIntent('spend this week on friday', TODAY).unreadTime).toEqual(['friday']);
    // "last week mon-sun" is the week, not its Monday
    expect(first('spend last week mon-sun')).toEqual({ preset: 'last_week_mon_sun' });
    // said on a Wednesday, "since last Wednesday" is a week ago (and "since Wednesday" today)
    expect(first('spend since last wednesday')).toEqual({ since: '2026-11-18', until: '2026-11-25' });
    expect(first('clicks since wednesday last week')).toEqual({ since: '2026-11-18', until: '2026-11-25' });
    expect(first('spend since yesterday')).toEqual({ since: '2026-11-24', until: '2026-11-25' });
    expect(first('spend since 3 days ago')).toEqual({ since: '2026-11-22', until: '2026-11-25' });
    // in a change question "since" names the base
    expect(parseIntent('what changed since yesterday', TODAY).compareTo?.range).toEqual({
      preset: 'yesterday',
    });
  });

  it('reads a weekday alone as the latest such day, and a run of them as the latest run begun in full', () => {
    const day = (d: string) => ({ since: d, until: d });
    expect(first('revenue on saturday')).toEqual(day('2026-11-21'));
    expect(first('spend on thursday')).toEqual(day('2026-11-19'));
    expect(first('clicks wednesday')).toEqual(day('2026-11-25'));
    expect(first('spend last wednesday')).toEqual(day('2026-11-18'));
    expect(first('spend on fri')).toEqual(day('2026-11-20'));
    expect(first('spend on friday nov 20')).toEqual(day('2026-11-20'));
    expect(first('what did we spend over sat/sun?')).toEqual({ since: '2026-11-21', until: '2026-11-22' });
    expect(first('revenue from friday to sunday')).toEqual({ since: '2026-11-20', until: '2026-11-22' });
    // said on a Monday, Tuesday has not come yet: the Monday and Tuesday of last week
    expect(first('total revenue for monday and tuesday', '2026-11-30')).toEqual({
      since: '2026-11-23',
      until: '2026-11-24',
    });
    // "mon", "tue", "thu", "fri" alone are only days
    expect(first('clicks mon')).toEqual(day('2026-11-23'));
    expect(first('spend tue')).toEqual(day('2026-11-24'));
    expect(first('revenue thurs')).toEqual(day('2026-11-19'));
    // a holiday's weekday, a day not begun, "sat" alone (a word too): not read
    for (const text of ['spend on black friday', 'spend this friday', 'spend sat'])
      expect(parseIntent(text, TODAY).time, text).toBeUndefined();
  });

  it('reads a spelled-out day only where the phrase ends, no weekend of a weekday, no month gone "to date"', () => {
    for (const text of [
      'spend over the weekend of the 18th',
      'spend since the first campaign launched',
      'spend on the second campaign',
    ])
      expect(first(text), text).toBeUndefined();
    // "to date" of a month gone by is not said
    expect(parseIntent('oct to date spend', TODAY).unreadTime).toEqual(['date']);
    // "for the year" is this year, "for the new year campaign" a name
    expect(first('spend for the new year campaign')).toBeUndefined();
  });

  it('reads a year alone, never beside another time phrase, as an amount, or with words of a name holding it', () => {
    expect(parseIntent('revenue ytd 2026', TODAY)).toMatchObject({
      time: { range: { preset: 'this_year' } },
      nameWords: ['2026'],
    });
    expect(first('campaigns with more than 2000 clicks')).toBeUndefined();
    expect(first('spend 2015')).toBeUndefined();
    const yearNames = new Map([['2026', new Set(['summer', 'sale'])]]);
    const read = (text: string) => parseIntent(text, TODAY, { yearNames });
    expect(read('summer 2026 clicks yesterday')).toMatchObject({
      time: { range: { preset: 'yesterday' } },
      nameWords: ['summer', '2026'],
    });
    expect(read('tot rev 2026').time?.range).toEqual({ since: '2026-01-01', until: '2026-11-25' });
  });

  it('reads "at what time … peak" as the hour with the most, and "this time yesterday" as the same hours', () => {
    expect(parseIntent('at what time did impressions peak yesterday', TODAY)).toMatchObject({
      kind: 'hourly',
      direction: 'desc',
      unreadTime: [],
    });
    expect(parseIntent('impressions so far today vs this time yesterday', TODAY)).toMatchObject({
      kind: 'pacing',
      unreadTime: [],
    });
  });

  it('leaves a weekday written beside its neighbour in a name to the name, at any instant', () => {
    const weekdayPairs = new Set(['black friday', 'friday 50']);
    const read = (text: string) => parseIntent(text, '2026-11-30', { weekdayPairs });
    for (const text of ['black friday spend yesterday', 'blk friday spend yesterday']) {
      expect(read(text).time?.range, text).toEqual({ preset: 'yesterday' });
      expect(read(text).nameWords, text).toEqual([text.split(' ')[0], 'friday']);
    }
    expect(read('spend on friday')).toMatchObject({
      time: { range: { since: '2026-11-27', until: '2026-11-27' } },
      nameWords: [],
    });
  });

  const sides = (text: string) => {
    const intent = parseIntent(text, TODAY);
    return [intent.kind, intent.time?.range, intent.compareTo?.range];
  };

  it('reads the other side of "this month vs last" and "last weekend vs the weekend before"', () => {
    expect(sides('whitepaper leads this month vs last')).toEqual([
      'compare',
      { preset: 'this_month' },
      { preset: 'last_month' },
    ]);
    expect(sides('revenue this quarter compared to the previous one')).toEqual([
      'compare',
      { preset: 'this_quarter' },
      { preset: 'last_quarter' },
    ]);
    const lastWeekend = { since: '2026-11-21', until: '2026-11-22' };
    const weekendBefore = { since: '2026-11-14', until: '2026-11-15' };
    for (const text of [
      'last weekend vs the weekend before, spend',
      "how did last weekend's roas compare with the weekend before",
    ])
      expect(sides(text), text).toEqual(['compare', lastWeekend, weekendBefore]);
    // no weekend named before it: a step back from the last answer's weekend (alone, the planner says
    // it cannot tell which days "before" counts back from), never a range of its own
    const alone = parseIntent('spend the weekend before', TODAY);
    expect([alone.shiftUnit, alone.time]).toEqual(['weekend', undefined]);
  });

  it('reads "last October" beside "this October" (or "October") as the one a year before', () => {
    for (const text of ['compare this october with last october on spend', 'october spend vs last october'])
      expect(sides(text), text).toEqual([
        'compare',
        { since: '2026-10-01', until: '2026-10-31' },
        { since: '2025-10-01', until: '2025-10-31' },
      ]);
    // this month so far: the same days a year before; alone, "last October" is the latest one
    expect(sides('this november vs last november spend')[2]).toEqual({
      since: '2025-11-01',
      until: '2025-11-25',
    });
    expect(first('spend last october')).toEqual({ since: '2026-10-01', until: '2026-10-31' });
  });

  it('keeps "compare X to Y" and "X and Y" two days', () => {
    for (const text of ['compare spend on Nov 1 to Nov 20', 'spend on Nov 1 and Nov 20']) {
      expect(findTimeExpressions(text, TODAY).map((f) => f.range)).toEqual([
        { since: '2026-11-01', until: '2026-11-01' },
        { since: '2026-11-20', until: '2026-11-20' },
      ]);
    }
  });

  it('finds both sides of a comparison in reading order', () => {
    const found = findTimeExpressions('compare spend this week vs last week', TODAY);
    expect(found.map((f) => f.range)).toEqual([
      { preset: 'this_week_mon_today' },
      { preset: 'last_week_mon_sun' },
    ]);
    // "to" after "the last 7 days", or asked to compare, is the other side, not the span's last day
    for (const text of ['spend the last 7 days to yesterday', 'compare spend for the 7 days to yesterday']) {
      const both = parseIntent(text, TODAY);
      expect([both.time?.range, both.compareTo?.range]).toEqual([
        { preset: 'last_7d' },
        { preset: 'yesterday' },
      ]);
    }
  });
});

describe('typos in our words', () => {
  it('reads one slip (two swapped letters too) as the word meant, never a word two slips away', () => {
    expect(vocabularyTypos(['spned', 'mnoth', 'rosa', 'purchses', 'impresions'], new Set())).toEqual([
      ['spned', 'spend'],
      ['mnoth', 'month'],
      ['rosa', 'roas'],
      ['purchses', 'purchases'],
      ['impresions', 'impressions'],
    ]);
    expect(vocabularyTypos(['stale', 'shares', 'blowout', 'cost'], new Set())).toEqual([]);
  });

  it('reads "camp" and "camps" as campaign(s), unless a name holds the word', () => {
    expect(vocabularyTypos(['camps', 'camp'], new Set())).toEqual([
      ['camps', 'campaigns'],
      ['camp', 'campaign'],
    ]);
    expect(vocabularyTypos(['camp'], new Set(['camp']))).toEqual([]);
  });

  it('reads a short word only as two swapped letters of a measure or common word, or a measure with a vowel dropped', () => {
    expect(vocabularyTypos(['waht', 'teh', 'leds', 'whcih'], new Set())).toEqual([
      ['waht', 'what'],
      ['teh', 'the'],
      ['leds', 'leads'],
      ['whcih', 'which'],
    ]);
    // any other slip in a short word may be a name's word ("send" is no "spend", "form" no "from")
    expect(vocabularyTypos(['send', 'form', 'lean', 'tho', 'bid'], new Set())).toEqual([]);
    expect(vocabularyTypos(['teh'], new Set(['teh']))).toEqual([]);
  });
});

describe('the period before', () => {
  it.each([
    [
      { since: '2026-10-01', until: '2026-10-31' },
      { since: '2026-09-01', until: '2026-09-30' },
    ],
    [
      { since: '2026-07-01', until: '2026-09-30' },
      { since: '2026-04-01', until: '2026-06-30' },
    ],
    [
      { since: '2026-11-18', until: '2026-11-24' },
      { since: '2026-11-11', until: '2026-11-17' },
    ],
  ])('%o → %o', (range, before) => expect(periodBefore(range)).toEqual(before));
});

describe('intents', () => {
  it.each([
    ['what campaigns are live?', 'list', 'campaign', 'live'],
    ['show paused ad sets', 'list', 'adset', 'paused'],
    ['which of our campaigns are not running', 'list', 'campaign', 'paused'],
    ["which ad sets aren't running", 'list', 'adset', 'paused'],
    ['how many ads are active?', 'count', 'ad', 'active'],
    ['which campaign spent the most last week', 'rank', 'campaign', undefined],
    ['which campaigns had no spend', 'no_spend', 'campaign', undefined],
    ['compare spend this week vs last week', 'compare', undefined, undefined],
    // "v" between two words is versus
    ['spend yesterday v the day before', 'compare', undefined, undefined],
    ['spend by day last 14 days', 'breakdown', undefined, undefined],
    ['revenue yesterday', 'total', undefined, undefined],
    ['sync my meta account', 'sync', undefined, undefined],
    ['is the sync done?', 'sync_status', undefined, undefined],
    ['tell me a joke', 'unknown', undefined, undefined],
    ['are we on track today compared to yesterday', 'pacing', undefined, undefined],
    ['are we spending faster than yesterday', 'pacing', undefined, undefined],
    ['which campaigns spent more than last week', 'compare', 'campaign', undefined],
    ['is our ctr going up or down', 'compare', undefined, undefined],
    // "up to date" is no range ("spent to date" is all time)
    ['is my data up to date', 'sync_status', undefined, undefined],
    ['how fresh are the numbers', 'sync_status', undefined, undefined],
    ['is the data stale', 'sync_status', undefined, undefined],
    ['who brought in the most leads in october', 'rank', 'campaign', undefined],
    // the children of a name (its level decides theirs)
    ["what's live in the holiday gift guide", 'list', undefined, 'live'],
    ['show all the ads under variant a', 'list', 'ad', 'any'],
    ['top spenders this week', 'rank', 'campaign', undefined],
    ['which ad sets belong to the holiday gift guide', 'list', 'adset', undefined],
    ['how many campaigns do we have in total including archived', 'count', 'campaign', 'any'],
    ['did any ads get clicks today', 'delivering', 'ad', undefined],
    ["who's the parent campaign of variant c", 'structure', 'campaign', undefined],
    ['what was our peak hour for purchases yesterday', 'hourly', undefined, undefined],
    ['best hour yesterday for revenue', 'hourly', undefined, undefined],
    ['which campaigns are switched on at the moment?', 'list', 'campaign', 'live'],
    ['how many ads are currently switched off', 'count', 'ad', 'paused'],
    ["which ad sets aren't switched on", 'list', 'adset', 'paused'],
    // whether someone changed it: its status now
    ['did someone delete the spring promo?', 'structure', undefined, 'deleted'],
    ['has anyone paused the summer sale?', 'structure', undefined, 'paused'],
    ['was the spring promo deleted?', 'structure', undefined, 'deleted'],
  ])('%s → %s', (q, kind, level, status) => {
    const intent = parseIntent(q, TODAY);
    expect([intent.kind, intent.level, intent.status]).toEqual([kind, level, status]);
  });

  it('a question starting with "vs" compares back: the one period it names is the other side', () => {
    for (const q of ['vs last week?', 'and versus last week', 'is that better than last week?']) {
      const intent = parseIntent(q, TODAY);
      expect([intent.comparesBack, intent.against?.range]).toEqual([true, { preset: 'last_week_mon_sun' }]);
    }
    // two periods named: neither is only the other side
    expect(parseIntent('compared to last month, how is this month', TODAY).against).toBeUndefined();
  });

  it('"each" of something named before, not "each campaign" (a grouping)', () => {
    expect(parseIntent('how much did each spend yesterday?', TODAY).each).toBe(true);
    expect(parseIntent('how many clicks did each of them get', TODAY).each).toBe(true);
    const grouped = parseIntent('spend for each campaign yesterday', TODAY);
    expect([grouped.each, grouped.groupBy]).toEqual([false, 'campaign']);
  });

  it('leaves who did it out of the name words', () => {
    expect(parseIntent('did someone delete the spring promo?', TODAY).nameWords).toEqual(['spring', 'promo']);
  });

  it('reads "right now" beside a status as now, and a possessive as part of the name before it', () => {
    expect(parseIntent('which campaigns are live right now', TODAY).leftover).toEqual([]);
    expect(parseIntent("what's the summer sale's status at the moment", TODAY).nameWords).toEqual(['summer']);
    const named = parseIntent("what's variant c's status", TODAY, { names: ['Variant C'] });
    expect([named.kind, named.leftover]).toEqual(['structure', []]);
  });

  it('reads limits, directions and measures', () => {
    const top = parseIntent('top 3 campaigns by revenue', TODAY);
    expect([top.kind, top.limit, top.direction, top.metrics]).toEqual(['rank', 3, 'desc', ['revenue']]);
    const worst = parseIntent('worst CTR ads', TODAY);
    expect([worst.kind, worst.direction, worst.metrics, worst.level]).toEqual(['rank', 'asc', ['ctr'], 'ad']);
    expect(parseIntent('cost per click and click through rate', TODAY).metrics).toEqual(['cpc', 'ctr']);
    const which = parseIntent('which 2 ad sets brought in the most leads', TODAY);
    expect([which.kind, which.limit, which.direction, which.metrics]).toEqual(['rank', 2, 'desc', ['leads']]);
    const converting = parseIntent('lowest converting ad set this month', TODAY);
    expect([converting.kind, converting.direction, converting.metrics]).toEqual(['rank', 'asc', ['cvr']]);
  });

  it('reads "cheaper clicks" as the cost of one, never fewer clicks', () => {
    const cheapest = parseIntent('which campaign had the cheapest clicks last week', TODAY);
    expect([cheapest.kind, cheapest.direction, cheapest.metrics]).toEqual(['rank', 'asc', ['cpc']]);
    expect(parseIntent('which got more expensive leads', TODAY).metrics).toEqual(['cpl']);
    expect(parseIntent('cheaper purchases', TODAY).metrics).toEqual(['cpa']);
  });

  it('reads "number one" and "#1" before a level as the top one', () => {
    const one = parseIntent('number one campaign for landing page views this week', TODAY);
    expect([one.kind, one.limit, one.direction, one.nameWords]).toEqual(['rank', 1, 'desc', []]);
    expect(parseIntent('our #1 ad set by revenue', TODAY).limit).toBe(1);
  });

  it('reads "against" between two periods as the comparison, never a word of a name', () => {
    for (const text of [
      'always-on ctr: last 7 days against the 7 days before',
      'always on spend last week against the week before',
      'always on leads this month against last month',
    ])
      expect(parseIntent(text, TODAY), text).toMatchObject({ kind: 'compare', nameWords: ['always'] });
  });

  it('reads a count before the end of a ranking, and "which two" as the rows shown', () => {
    const before = parseIntent('the two worst ad sets on cpa this month', TODAY);
    expect(before).toMatchObject({ kind: 'rank', limit: 2, direction: 'asc', pronoun: false, nameWords: [] });
    expect(parseIntent('the 3 best campaigns by roas', TODAY)).toMatchObject({ limit: 3, nameWords: [] });
    expect(parseIntent('which two are the worst?', TODAY)).toMatchObject({
      limit: 2,
      direction: 'asc',
      pronoun: true,
      nameWords: [],
    });
    expect(parseIntent('which three spent the most?', TODAY)).toMatchObject({ limit: 3, nameWords: [] });
    // no ranking's end: "two" is no count ("the two campaigns" are the ones named before)
    expect(parseIntent('compare the two', TODAY).limit).toBeUndefined();
  });

  it('reads "cheaper" as a judgement on a cost, never a word of a name', () => {
    expect(parseIntent('which was cheaper?', TODAY)).toMatchObject({ qualityWord: true, nameWords: [] });
    // "cheaper clicks" is the cost per click, lowest first: never a judgement on clicks
    expect(parseIntent('which one has cheaper clicks?', TODAY)).toMatchObject({
      metrics: ['cpc'],
      direction: 'asc',
      qualityWord: false,
      nameWords: [],
    });
  });

  it('ranks up to 10 when asked for a ranking, lists every one of a level, and reads "what\'s running?" as campaigns', () => {
    const ranking = parseIntent('rank the ad sets by revenue last week', TODAY);
    expect([ranking.kind, ranking.limit, ranking.level]).toEqual(['rank', 10, 'adset']);
    const every = parseIntent('give me a list of every ad set', TODAY);
    expect([every.kind, every.level, every.status, every.groupBy]).toEqual([
      'list',
      'adset',
      'any',
      undefined,
    ]);
    expect(parseIntent('spend for every campaign last week', TODAY).groupBy).toBe('campaign');
    // a count of one level per another: "each campaign" groups the count
    const perCampaign = parseIntent('how many ad sets does each campaign have?', TODAY);
    expect([perCampaign.kind, perCampaign.level, perCampaign.groupBy]).toEqual([
      'count',
      'adset',
      'campaign',
    ]);
    expect(parseIntent('how many ads are in every ad set', TODAY).groupBy).toBe('adset');
    // "which day had the most …", "our worst week for …": the days (weeks) side by side, in an order
    const bestDay = parseIntent('what was our best day for purchases in the last 30 days', TODAY);
    expect([bestDay.kind, bestDay.groupBy, bestDay.direction]).toEqual(['breakdown', 'day', 'desc']);
    const worstWeek = parseIntent('which week had the lowest ctr this quarter', TODAY);
    expect([worstWeek.kind, worstWeek.groupBy, worstWeek.direction]).toEqual(['breakdown', 'week', 'asc']);
    for (const q of ["what's currently running?", 'anything live right now?']) {
      const running = parseIntent(q, TODAY);
      expect([running.kind, running.level, running.status]).toEqual(['list', 'campaign', 'live']);
    }
    expect(parseIntent('how many purchases did summer sale drive in august', TODAY).nameWords).not.toContain(
      'drive',
    );
    expect(parseIntent('weekly spend trend for the last 8 weeks', TODAY).groupBy).toBe('week');
    expect(parseIntent('spend trend last 14 days', TODAY).groupBy).toBe('day');
    // a trend over more than a month is by week, over more than a quarter by month
    expect(parseIntent("what's the trend in cpa over the last 8 weeks", TODAY).groupBy).toBe('week');
    expect(parseIntent('spend trend this year', TODAY).groupBy).toBe('month');
    expect(parseIntent('daily spend trend this year', TODAY).groupBy).toBe('day');
    // "day-by-day", "week by week": the grain, every word of it read
    for (const [text, grain] of [
      ['give me a day-by-day of spend for the past fortnight', 'day'],
      ['revenue week by week for last month', 'week'],
    ]) {
      const breakdown = parseIntent(text, TODAY);
      expect([breakdown.kind, breakdown.groupBy, breakdown.leftover]).toEqual(['breakdown', grain, []]);
    }
    expect(parseIntent("what's our cac this month", TODAY).metrics).toEqual(['cpa']);
    expect(parseIntent('how much money did facebook take from us in october', TODAY).metrics).toEqual([
      'spend',
    ]);
    expect(parseIntent('did black friday outspend the holiday gift guide', TODAY).metrics).toEqual(['spend']);
    // "dead hour", "tracking against yesterday", "the same day the week before": words for what we read
    expect(parseIntent('dead hour for spend yesterday — when did we spend least?', TODAY).leftover).toEqual(
      [],
    );
    expect(parseIntent("how's today's revenue tracking against yesterday up to now", TODAY).kind).toBe(
      'pacing',
    );
    expect(parseIntent('how is spend tracking against our budget this week', TODAY).kind).not.toBe('pacing');
    const sameDay = parseIntent(
      "How does yesterday's ROAS stack up against the same day the week before?",
      TODAY,
    );
    expect([sameDay.kind, sameDay.periodShift, sameDay.leftover]).toEqual(['compare', 'week', []]);
    // words glued to names: "whole history" is all time, "what state" asks the status, "owns" the parent
    expect(parseIntent('spend for black friday over its whole history', TODAY).time?.range).toEqual({
      preset: 'maximum',
    });
    expect(parseIntent('what state is the summer sale campaign in?', TODAY).kind).toBe('structure');
    const owner = parseIntent('which campaign owns the Variant B ad set?', TODAY);
    expect([owner.kind, owner.level, owner.leftover]).toEqual(['structure', 'campaign', ['variant', 'b']]);
    // slang for the measures: money out the door is spend, folks buying are purchases
    expect(parseIntent('how much dosh went out the door over the last 3 days?', TODAY).metrics).toEqual([
      'spend',
    ]);
    expect(parseIntent('how many folks bought something yesterday', TODAY).metrics).toEqual(['purchases']);
    expect(parseIntent('what % of impressions turned into clicks yesterday', TODAY).metrics).toEqual(['ctr']);
    expect(parseIntent('which ad set racked up the most impressions', TODAY).leftover).toEqual([]);
    // hyphenated and spelled-out forms: "quarter-to-date", "day-wise", "by the hour"
    expect(parseIntent('cpm, quarter-to-date', TODAY).time?.range).toEqual({ preset: 'this_quarter' });
    expect(parseIntent('week-wise spend for last month', TODAY).groupBy).toBe('week');
    expect(parseIntent('spend yesterday by the hour', TODAY).leftover).toEqual([]);
    // a measure word between a number and a level word is a name's ("Reach – US 45+"), not the measure
    const numbered = parseIntent('impressions yesterday for the 45+ reach ad set', TODAY);
    expect([numbered.metrics, numbered.nameWords]).toEqual([['impressions'], ['45', 'reach']]);
    // the number after the measure word, or an age range, is the same ("Reach – US 18+", "… 18-44")
    const after = parseIntent('is the reach 18+ ad set active?', TODAY);
    expect([after.kind, after.metrics, after.nameWords]).toEqual(['structure', [], ['reach', '18']]);
    const ages = parseIntent('spend for the 18-44 reach ad set since it launched', TODAY);
    expect([ages.metrics, ages.nameWords]).toEqual([['spend'], ['18', '44', 'reach']]);
    expect(parseIntent('spend and reach for the webinar ad set', TODAY).metrics).toEqual(['spend', 'reach']);
    // where a measure came from is that measure split by the level asked
    const source = parseIntent("which ad sets did last month's leads come from?", TODAY);
    expect([source.kind, source.groupBy, source.metrics, source.leftover]).toEqual([
      'breakdown',
      'adset',
      ['leads'],
      [],
    ]);
    // "this week than last": the period named first gives the unit left unsaid
    const elided = parseIntent('did we spend more this week than last?', TODAY);
    expect([elided.kind, elided.time?.range, elided.compareTo?.range]).toEqual([
      'compare',
      { preset: 'this_week_mon_today' },
      { preset: 'last_week_mon_sun' },
    ]);
    expect(parseIntent('spend this month vs last 7 days', TODAY).compareTo?.range).toEqual({
      preset: 'last_7d',
    });
    // money made for us is revenue; "make us a list" makes none
    expect(parseIntent('which ad made us the most money this week', TODAY).metrics).toEqual(['revenue']);
    expect(parseIntent('make us a list of the campaigns', TODAY).metrics).toEqual([]);
    // what was paid for each one is the cost per one, not the spend beside the count
    expect(parseIntent('how much did we pay for each purchase in the last 45 days', TODAY).metrics).toEqual([
      'cpa',
    ]);
    expect(parseIntent('what does one click cost in variant b', TODAY).metrics).toEqual(['cpc']);
    expect(parseIntent('how much is costing one click this month', TODAY).metrics).toEqual(['cpc']);
    // a count, then what each one cost: the count and the cost per one, not the spend
    expect(
      parseIntent(
        'what were leads yesterday for the whitepaper campaign and how much did each one cost',
        TODAY,
      ).metrics,
    ).toEqual(['leads', 'cpl']);
    expect(parseIntent('how did we do yesterday?', TODAY).kind).toBe('total');
    const efficient = parseIntent('which campaign is the most efficient on cpa this month', TODAY);
    expect([efficient.kind, efficient.qualityWord, efficient.leftover]).toEqual(['rank', true, []]);
    expect(parseIntent('spend yesterday vs the same day last week', TODAY).periodShift).toBe('week');
    // "this time last month", "the same point last month": this month against the same days of the last
    const mtd = parseIntent('revenue month to date compared to this time last month', TODAY);
    expect([mtd.kind, mtd.time?.range, mtd.periodShift, mtd.leftover]).toEqual([
      'compare',
      { preset: 'this_month' },
      'month',
      [],
    ]);
    expect(parseIntent('leads mtd vs the same point last month', TODAY).periodShift).toBe('month');
  });

  it('reads a range with one end that is no date, overviews ("the numbers", "how did X do"), "the return on" as ROAS and vowel-less shorthand', () => {
    // "between Black Friday and today": one end is no date; "between A and B last week" is no range
    expect(parseIntent('how much did we spend between black friday and today', TODAY).halfRange).toBe(true);
    expect(
      parseIntent('compare spend between variant a and variant b last week', TODAY, {
        names: ['Variant A', 'Variant B'],
      }).halfRange,
    ).toBe(false);
    expect(parseIntent('spend between nov 3 and nov 10', TODAY).halfRange).toBe(false);
    expect(parseIntent('spend between nov 1 and today', TODAY).halfRange).toBe(false);
    expect(parseIntent('give me the numbers for last week', TODAY).overview).toBe(true);
    // "how did X do": an overview, and the name's words stay for the name
    const did = parseIntent('how did the webinar campaign do compared to the whitepaper one', TODAY);
    expect([did.overview, did.nameWords]).toEqual([true, ['webinar', 'whitepaper']]);
    // vowels dropped in a hurry
    const hurried = parseIntent('spnd lst mnth', TODAY);
    expect([hurried.metrics, hurried.time?.range]).toEqual([['spend'], { preset: 'last_month' }]);
    expect(parseIntent('imps and clks yday', TODAY).metrics).toEqual(['impressions', 'clicks']);
    expect(parseIntent('is the new year teaser live yet', TODAY).nameWords).not.toContain('yet');
    // a holiday before "campaign" is a name; "Christmas" alone may be one too
    expect(parseIntent("CPA for the Valentine's Day campaign last month", TODAY).time?.range).toEqual({
      preset: 'last_month',
    });
    expect(parseIntent('spend for christmas sale', TODAY).time).toBeUndefined();
    expect(parseIntent('spend for summer sale and black friday combined', TODAY).combined).toBe(true);
    expect(parseIntent("how's everything looking today", TODAY).overview).toBe(true);
    expect(parseIntent('how are things looking this week', TODAY).nameWords).toEqual([]);
    expect(parseIntent('how many times were our ads shown yesterday', TODAY).metrics).toEqual([
      'impressions',
    ]);
    expect(parseIntent('what % of people clicked last week', TODAY).metrics).toEqual(['ctr']);
    expect(parseIntent('how much revenue for every dollar we spent', TODAY).metrics[0]).toBe('roas');
    // slang for spend
    const burn = parseIntent("yo what'd we burn on ads today", TODAY);
    expect([burn.metrics, burn.nameWords]).toEqual([['spend'], []]);
    expect(parseIntent('how much cash did we blow this week', TODAY).metrics).toEqual(['spend']);
    expect(parseIntent('compare summer sale and black friday spend', TODAY).combined).toBe(false);
    expect(parseIntent("what's the return on the webinar campaign", TODAY).metrics).toEqual(['roas']);
  });

  it('leaves courtesy out of the name words', () => {
    for (const q of [
      'pls tell me the spend on Été retargeting this wk',
      'plz spend for ete retargeting thx',
      'Hi there, could you possibly tell me the spend on Été retargeting? Thanks so much',
      'I was wondering if you could tell me the spend on Été retargeting, thank you!',
      'good morning! ete retargeting spend, much appreciated',
      'over the course of last month how much did we end up spending on ete retargeting, of course',
      'sorry to bother you, but would you mind telling me the spend on ete retargeting?',
      'quick q: ete retargeting spend, thanks in advance',
      'kindly share the spend of ete retargeting if possible',
    ])
      expect(parseIntent(q, TODAY).leftover).toEqual(['ete', 'retargeting']);
    // "morning" after "good" is no time of day the answer must read
    expect(parseIntent('good morning, spend yesterday', TODAY).unreadTime).toEqual([]);
    // "course" and "ended" alone may be words of a name; "share of" is a measure we do not have
    expect(parseIntent('spend for the ended course campaign', TODAY).nameWords).toEqual(['ended', 'course']);
    expect(parseIntent('what share of spend went to black friday', TODAY).nameWords).toContain('share');
  });

  it('leaves the frame a question is asked in out of the name words, and reads the question inside it', () => {
    for (const q of [
      'my boss is asking what ete retargeting spent yesterday',
      'CEO wants the spend of ete retargeting for yesterday',
      'Hey, finance is asking what ete retargeting spent yesterday, can you pull it?',
      'before my 10am — ete retargeting spend yesterday',
      'ahead of my 3:30pm call: spend for ete retargeting yesterday',
      'quick sanity check: ete retargeting spend yesterday',
      'the client asked me for the spend of ete retargeting yesterday',
      'could you grab the spend for ete retargeting yesterday',
    ]) {
      const intent = parseIntent(q, TODAY);
      expect([intent.nameWords, intent.time?.label, intent.pronoun]).toEqual([
        ['ete', 'retargeting'],
        'yesterday',
        false,
      ]);
    }
    expect(parseIntent('my boss wants to know if the blog campaign is still on', TODAY)).toMatchObject({
      kind: 'structure',
      nameWords: ['blog'],
    });
    // alone, the frame's words may be words of a name, and "pull the data" asks for a sync
    expect(parseIntent('spend for the finance campaign last week', TODAY).nameWords).toEqual(['finance']);
    expect(parseIntent('clicks for the client testimonials ad', TODAY).nameWords).toEqual([
      'client',
      'testimonials',
    ]);
    expect(parseIntent('can you pull the latest data from meta', TODAY).kind).toBe('sync');
    // the frame ends before a time it may stand beside
    const pulled = parseIntent("can you pull this month's spend for ete retargeting", TODAY);
    expect([pulled.time?.label, pulled.nameWords]).toEqual(['this month', ['ete', 'retargeting']]);
  });

  it('reads a question inside the way it is said: the name of the assistant, dictation, a request after it', () => {
    const read = (q: string) => {
      const i = parseIntent(q, TODAY);
      return {
        kind: i.kind,
        metrics: i.metrics,
        time: i.time?.label,
        nameWords: i.nameWords,
        unread: i.unreadTime,
      };
    };
    const spendOfEte = {
      metrics: ['spend'],
      time: 'yesterday',
      nameWords: ['ete', 'retargeting'],
      unread: [],
    };
    for (const q of [
      'hey adnavi how much did we spend on ete retargeting yesterday',
      'adnavi, ete retargeting spend yesterday',
      'how much costed ete retargeting yesterday',
      'ete retargeting spend yesterday question mark',
      'long story short, the boss wants one number: ete retargeting spend yesterday, nothing else',
      'they need the spend of ete retargeting yesterday, is that something you can give me?',
    ])
      expect(read(q), q).toMatchObject(spendOfEte);
    // "spend nothing" said so is no question of no spend; "comma" is a comma
    expect(read('total spend last week, nothing else').kind).toBe('total');
    expect(read('spend last week comma compared to the week before').kind).toBe('compare');
    // "in that time" is the range given; "hour of the day" the hour of the day asked
    expect(read('what was the roas over the last 7 days and the spend in that time').unread).toEqual([]);
    expect(read('what hour of the day yesterday had the lowest ctr')).toMatchObject({
      kind: 'hourly',
      unread: [],
    });
    expect(parseIntent('spend in october broken out by campaign', TODAY).groupBy).toBe('campaign');
    // alone, "something" and "else" may be words of a name
    expect(read('spend for the something else campaign').nameWords).toEqual(['something', 'else']);
  });

  it('sums what is named for a total or across them, unless asked side by side', () => {
    expect(parseIntent('total purchases for bf and the gift guide', TODAY).combined).toBe(true);
    expect(parseIntent('purchases across bf and the gift guide', TODAY)).toMatchObject({
      combined: true,
      nameWords: ['bf', 'gift', 'guide'],
    });
    expect(parseIntent('compare total spend for bf and the gift guide', TODAY).combined).toBe(false);
    expect(parseIntent('total spend for each of bf and the gift guide', TODAY).combined).toBe(false);
  });

  it('reads a word that means a measure alone as the measure it governs, when one is beside it', () => {
    expect(parseIntent('what did we bring in last week', TODAY).metrics).toEqual(['revenue']);
    expect(parseIntent('how many leads did we make', TODAY).metrics).toEqual(['leads']);
    expect(parseIntent('what did we make and spend', TODAY).metrics).toEqual(['revenue', 'spend']);
    expect(parseIntent('the most expensive campaign', TODAY).metrics).toEqual(['spend']);
    expect(parseIntent('the most expensive cpc', TODAY).metrics).toEqual(['cpc']);
  });

  it('reads "make" and "earn" as money in, but not "make" with an object of its own or said of ads created', () => {
    expect(parseIntent('how much did black friday make last week', TODAY).metrics).toEqual(['revenue']);
    expect(parseIntent('what did the holiday gift guide earn', TODAY).metrics).toEqual(['revenue']);
    expect(parseIntent('how much have we earned this week', TODAY).metrics).toEqual(['revenue']);
    expect(parseIntent('how many purchases did black friday make', TODAY).metrics).toEqual(['purchases']);
    expect(parseIntent('how many leads has the webinar earned', TODAY).metrics).toEqual(['leads']);
    expect(parseIntent('did black friday make money', TODAY).metrics).toEqual(['roas']);
    expect(parseIntent('does that make sense', TODAY).metrics).toEqual([]);
    expect(parseIntent('make me a list of paused campaigns', TODAY).metrics).toEqual([]);
    expect(parseIntent('what campaigns have we made', TODAY).metrics).toEqual([]);
    expect(parseIntent('which ads were made in october', TODAY).metrics).toEqual([]);
    expect(parseIntent('how much was made last week', TODAY).metrics).toEqual(['revenue']);
  });

  it('"change from last month" compares this month against last month', () => {
    const intent = parseIntent('how did ROAS change from last month', TODAY);
    expect(intent.time?.range).toEqual({ preset: 'this_month' });
    expect(intent.compareTo?.range).toEqual({ preset: 'last_month' });
  });

  it('marks follow-ups', () => {
    expect(parseIntent('and the week before?', TODAY)).toMatchObject({ followUp: true, shiftBack: true });
    expect(parseIntent('what about revenue?', TODAY)).toMatchObject({
      followUp: true,
      metrics: ['revenue'],
      kindExplicit: false,
    });
    expect(parseIntent('only the active ones', TODAY)).toMatchObject({ followUp: true, status: 'active' });
    // "reach too?" adds a measure to the last question, read whole (no "too" left over)
    expect(parseIntent('reach too?', TODAY)).toMatchObject({
      followUp: true,
      metrics: ['reach'],
      nameWords: [],
    });
    expect(parseIntent('revenue as well', TODAY)).toMatchObject({ followUp: true, metrics: ['revenue'] });
    // "for that same week" keeps the last answer's range: no time of its own, none left unread
    const sameWeek = parseIntent('and the whitepaper one for that same week', TODAY);
    expect(sameWeek).toMatchObject({ followUp: true, unreadTime: [], nameWords: ['whitepaper'] });
    expect(sameWeek.time).toBeUndefined();
    // "instead" changes the last question, and is no name
    expect(parseIntent('ok and by revenue instead?', TODAY)).toMatchObject({
      followUp: true,
      metrics: ['revenue'],
      nameWords: [],
    });
    expect(parseIntent('sort those by ctr', TODAY)).toMatchObject({
      metrics: ['ctr'],
      direction: 'desc',
      limit: 10,
      nameWords: [],
    });
    expect(parseIntent('which hour was the peak?', TODAY)).toMatchObject({
      kind: 'hourly',
      direction: 'desc',
    });
    expect(parseIntent('which day was the quietest?', TODAY)).toMatchObject({
      groupBy: 'day',
      direction: 'asc',
    });
    expect(parseIntent('sort the ad sets by cpa lowest first', TODAY)).toMatchObject({
      direction: 'asc',
      nameWords: [],
    });
    expect(parseIntent('how much did that ad set spend last month', TODAY)).toMatchObject({
      pronoun: true,
      level: 'adset',
    });
    expect(parseIntent('webinar campaign — what ad sets has it got?', TODAY)).toMatchObject({
      level: 'campaign',
      levelsNamed: ['campaign', 'adset'],
    });
    expect(parseIntent('how much of that was cart abandoners?', TODAY)).toMatchObject({ followUp: true });
    expect(parseIntent('compare against the webinar one', TODAY)).toMatchObject({
      comparesBack: true,
      nameWords: ['webinar'],
    });
    expect(parseIntent('vs a?', TODAY)).toMatchObject({ comparesBack: true, otherSide: 'a' });
    expect(parseIntent('vs the us one?', TODAY)).toMatchObject({ otherSide: 'us' });
    expect(parseIntent('vs last week?', TODAY).otherSide).toBeUndefined();
    // "what about vs sept?": the other side of a comparison with the last answer, not a new range
    expect(parseIntent('what about vs sept?', TODAY)).toMatchObject({
      comparesBack: true,
      against: { range: { since: '2026-09-01', until: '2026-09-30' } },
    });
    expect(parseIntent('so which month was better?', TODAY)).toMatchObject({
      periodChoice: true,
      unreadTime: [],
    });
    expect(parseIntent('and the weekend before?', TODAY)).toMatchObject({
      shiftBack: true,
      shiftUnit: 'weekend',
      unreadTime: [],
    });
  });
});

describe('which of the ones named', () => {
  it('"which of them had more leads?" asks for the one with the most ("fewer": the least)', () => {
    expect(parseIntent('which of them had more leads this month?', TODAY)).toMatchObject({
      direction: 'desc',
      limit: 1,
      metrics: ['leads'],
      nameWords: [],
    });
    expect(parseIntent('which of those got fewer clicks?', TODAY)).toMatchObject({
      direction: 'asc',
      limit: 1,
      nameWords: [],
    });
    expect(parseIntent('which one spent more yesterday?', TODAY)).toMatchObject({
      direction: 'desc',
      limit: 1,
    });
  });

  it('"which ad in X spent more?" asks for the one of that level with the most, "which ad sets" for no one', () => {
    expect(parseIntent('which ad in the premium catalog ad set spent more this month', TODAY)).toMatchObject({
      kind: 'rank',
      direction: 'desc',
      limit: 1,
      metrics: ['spend'],
    });
    expect(parseIntent('which ad set brought in fewer leads?', TODAY)).toMatchObject({
      direction: 'asc',
      limit: 1,
    });
    expect(parseIntent('which ad sets spent more', TODAY).limit).toBeUndefined();
    expect(parseIntent('which campaign spent more than $100', TODAY).direction).toBeUndefined();
  });

  it('reads no ranking in "more than" (a bound, a comparison) nor without "which of them"', () => {
    expect(parseIntent('which of them spent more than $100', TODAY).direction).toBeUndefined();
    expect(parseIntent('which of them had more clicks than last week', TODAY).direction).toBeUndefined();
    expect(parseIntent('did we get more leads this month', TODAY).direction).toBeUndefined();
  });
});

describe('sync intent guard', () => {
  it.each([
    'sync my meta account',
    'Refresh data',
    'please resync',
    'pull the latest data from Meta',
    'update my campaigns data',
  ])('asks for a sync: %s', (q) => expect(isSyncRequest(q)).toBe(true));
  it.each([
    'is the sync done?',
    'what was my spend?',
    'list my campaigns',
    'when was the last sync',
    // a quote is one sentence, even with a dash or a full stop inside it
    "the dashboard says 'Last sync: 2h ago — Sync now'. is that fine? what was revenue today",
    'The banner says "Data may be out of date — Sync now." Anyway, spend yesterday?',
    // how the sync is doing is asked, not a new one
    'is the sync ok?',
    "how's the sync going",
    'anything I should know about the sync?',
  ])('does not: %s', (q) => expect(isSyncRequest(q)).toBe(false));
});

describe('entity names', () => {
  const candidates: NameCandidate[] = [
    { id: '1', name: 'Black Friday – 50% Off! 🛍️', level: 'campaign' },
    { id: '2', name: 'Été 2026 · Retargeting', level: 'campaign' },
    { id: '3', name: 'Retargeting 14d', level: 'adset' },
    { id: '4', name: 'US – Broad', level: 'adset' },
    { id: '5', name: 'US – Broad', level: 'adset' },
    { id: '6', name: 'US – Broad 25-54', level: 'adset' },
    { id: '7', name: 'Video Views – 15s', level: 'adset' },
    { id: '8', name: 'Video 15s – UGC Review', level: 'ad' },
    { id: '9', name: 'Video 15s – UGC Review', level: 'ad' },
  ];
  const match = (q: string) => {
    const intent = parseIntent(q, TODAY);
    return matchEntityName(intent.ownText, intent.nameWords, candidates, intent.quotedName, intent.level);
  };
  const ids = (q: string) => {
    const r = match(q);
    return r.kind === 'match' ? r.match.entities.map((e) => e.id) : r.kind;
  };

  it('matches whole names whatever the case, accents and punctuation', () => {
    expect(ids('spend for "black friday – 50% off! 🛍️"')).toEqual(['1']);
    expect(match('spend for ete 2026 retargeting')).toMatchObject({ kind: 'match', match: { how: 'exact' } });
    expect(ids('spend for ete 2026 retargeting')).toEqual(['2']);
  });

  it('matches partial names', () => {
    expect(match('revenue of black friday')).toMatchObject({
      kind: 'match',
      match: { how: 'partial', level: 'campaign', entities: [{ id: '1' }] },
    });
  });

  it('lists every name a partial name fits, with their level, instead of picking one', () => {
    const r = match('spend for retargeting');
    expect(r.kind).toBe('ambiguous');
    expect(r.kind === 'ambiguous' && r.options.map((o) => o.id)).toEqual(['2', '3']);
  });

  it('reads initials as the name they abbreviate, saying so', () => {
    expect(match('BF ROAS mtd')).toMatchObject({
      kind: 'match',
      match: { entities: [{ id: '1' }], corrections: [['bf', 'black friday']], words: ['bf'] },
    });
  });

  it('reads the words beside part of a name as that name when they shorten its words, saying so', () => {
    const name = (words: string[]) => matchEntityName(words.join(' '), words, candidates);
    expect(name(['blk', 'friday'])).toMatchObject({
      kind: 'match',
      match: { entities: [{ id: '1' }], corrections: [['blk', 'black']], words: ['blk', 'friday'] },
    });
    // a word that shortens none of its words (one of another name's is no help) leaves it a suggestion
    expect(name(['vid', 'friday'])).toMatchObject({ kind: 'ambiguous', options: [{ id: '1' }] });
    expect(name(['sale', 'friday'])).toMatchObject({ kind: 'ambiguous', options: [{ id: '1' }] });
  });

  it('finds two names in one question, whole or partial, in the order asked', () => {
    const pair = (q: string) => {
      const intent = parseIntent(q, TODAY);
      const p = matchPair(intent.ownText, intent.nameWords, candidates);
      return p && [p.first.entities[0].id, p.second.entities[0].id];
    };
    expect(pair('US – Broad 25-54 vs Video Views – 15s clicks')).toEqual(['6', '7']);
    expect(pair('black friday vs ete retargeting revenue')).toEqual(['1', '2']);
    expect(pair('compare Retargeting 14d and black friday')).toEqual(['3', '1']);
    expect(pair('revenue of black friday')).toBeUndefined();
    // a misspelled side is corrected; a word no name holds is never dropped to make a pair
    expect(pair('black firday vs ete retargeting')).toEqual(['1', '2']);
    expect(pair('black friday vs ete blowout')).toBeUndefined();
  });

  it('reads "ca vs us" after a name as that name and its sibling with the last word swapped', () => {
    const sites: NameCandidate[] = [
      { id: '1', name: 'Always-On Prospecting | US', level: 'campaign' },
      { id: '2', name: 'Blog Readers US', level: 'adset', parentId: 'c' },
      { id: '3', name: 'Blog Readers CA', level: 'adset', parentId: 'c' },
    ];
    for (const q of [
      'blog readers ca vs us: impressions in august',
      'compare blog readers ca and us on clicks',
    ]) {
      const intent = parseIntent(q, TODAY);
      const p = matchPair(intent.ownText, intent.nameWords, sites);
      expect(p && [p.first.entities[0].id, p.second.entities[0].id], q).toEqual(['3', '2']);
    }
    // "us" after a word of ours is the pronoun
    expect(parseIntent('what did black friday cost us vs last week', TODAY).nameWords).not.toContain('us');
  });

  it('splits the words into three or more names when two will not do, each naming one thing', () => {
    const more = [
      ...candidates,
      { id: '10', name: 'Holiday Gift Guide 🎁 (Catalog)', level: 'campaign' as const },
    ];
    const names = (q: string) => {
      const intent = parseIntent(q, TODAY);
      const p = matchPair(intent.ownText, intent.nameWords, more);
      return p && [p.first, p.second, ...(p.more ?? [])].map((m) => m.entities[0].id);
    };
    expect(names('ctr for bf, ete and the gift guide')).toEqual(['1', '2', '10']);
    expect(names('gift guide, black friday and ete retargeting clicks')).toEqual(['10', '1', '2']);
    // one whole name and two partial ones
    expect(names('us – broad 25-54, black friday and gift guide revenue')).toEqual(['6', '1', '10']);
    // every word must be used: a word of no name is never dropped to make three
    expect(names('black friday, ete and gift blowout')).toBeUndefined();
  });

  it('a level named in the question settles it', () => {
    expect(ids('spend for the retargeting campaign')).toEqual(['2']);
    expect(ids('spend for the retargeting ad set')).toEqual(['3']);
  });

  it('part of an ad name answers that ad, not an ad set with the same words scattered', () => {
    expect(ids('spend for video 15s this month')).toEqual(['8', '9']);
  });

  it('returns every entity sharing the longest matching name', () => {
    expect(ids('spend for us – broad 25-54')).toEqual(['6']);
    expect(ids('spend for US Broad')).toEqual(['4', '5']);
  });

  it('reads a misspelled name and says how', () => {
    const r = match('spend for blakc friday');
    expect(r).toMatchObject({ kind: 'match', match: { how: 'fuzzy', entities: [{ id: '1' }] } });
    expect(r.kind === 'match' && r.match.corrections).toEqual([['blakc', 'black']]);
  });

  it('finds nothing for names that are not there, and only suggests a name that fits in part', () => {
    expect(match('spend for cyber monday').kind).toBe('none');
    expect(match('spend for black cat')).toMatchObject({ kind: 'ambiguous', options: [{ id: '1' }] });
  });
});

describe('places', () => {
  const place = (q: string) => placeAsked(parseIntent(q, TODAY));

  it('a place alone beside a measure asks for a region, even one a name holds ("Instant Form – UK")', () => {
    expect(place('what did we spend in Texas last week')).toBe('texas');
    expect(place('how much did we spend in the US vs the UK last month')).toBe('uk');
    expect(place('roas in the us this month')).toBe('us');
  });

  it('places written after two named things say where each runs; one alone, or after no name, stays asked', () => {
    expect(
      describedPlaces('my client runs the whitepaper campaign in germany and the webinar one in the us'),
    ).toEqual(['germany', 'us']);
    expect(describedPlaces('cpl for the whitepaper campaign in germany')).toEqual([]);
    expect(describedPlaces('spend for the campaign in germany and the one in france')).toEqual([]);
  });

  it('with a level or more words of a name it is the name; "us" is the pronoun; no measure asks no figure', () => {
    expect(place('spend for the UK instant form ad set last month')).toBeUndefined();
    expect(place('how much did the us campaign spend yesterday')).toBeUndefined();
    expect(place('what did facebook charge us last week')).toBeUndefined();
    expect(place("what's the weather in paris")).toBeUndefined();
    expect(place('spend last week')).toBeUndefined();
  });
});

describe('a word several names share', () => {
  const candidates: NameCandidate[] = [
    { id: '1', name: 'Variant A', level: 'adset' },
    { id: '2', name: 'Variant B', level: 'adset' },
    { id: '3', name: 'Variant C', level: 'adset' },
    { id: '4', name: 'Invariant Test', level: 'adset' },
  ];
  const ranking = (q: string) => sharedWordRanking(parseIntent(q, TODAY), candidates);

  it('"which <word>" in a ranking ranks every entity whose name holds the word, one when asked so', () => {
    const one = ranking('which variant had the best click-through rate last week?');
    expect(one?.intent).toMatchObject({ kind: 'rank', level: 'adset', limit: 1 });
    expect(one?.entity).toMatchObject({ level: 'adset', ids: ['1', '2', '3'], shared: 'Variant' });
    // several asked: no limit of one; a word inside another ("invariant") is not the word
    const several = ranking('which variants spent the most last month');
    expect([several?.intent.limit, several?.entity.ids]).toEqual([undefined, ['1', '2', '3']]);
  });

  it('without a ranking, or at a level none of them is at, the word stays a name to ask about', () => {
    expect(ranking('which variant is paused')).toBeUndefined();
    expect(ranking('which variant ad had the most clicks')).toBeUndefined();
    expect(ranking('spend for variant last week')).toBeUndefined();
  });
});

describe('answer formatting', () => {
  it('formats money in the account currency, ratios and percentages', () => {
    expect(formatMetric('spend', 1234.56, 'EUR')).toBe('€1,234.56');
    expect(formatMetric('spend', 1234.5, 'USD')).toBe('$1,234.50');
    expect(formatMetric('roas', 2.4149, 'USD')).toBe('2.41');
    expect(formatMetric('ctr', 1.8543, 'USD')).toBe('1.85%');
    expect(formatMetric('cpc', null, 'USD')).toBe('n/a');
  });
  it('names ranges and freshness', () => {
    expect(formatDateRange({ since: '2026-11-01', until: '2026-11-24' })).toBe('Nov 1 – Nov 24, 2026');
    expect(formatDateRange({ since: '2025-12-20', until: '2026-01-05' })).toBe('Dec 20, 2025 – Jan 5, 2026');
    const now = new Date('2026-11-25T12:00:00Z');
    expect(formatFreshness('2026-11-25T11:55:00Z', now)).toBe('data synced 5 minutes ago');
    expect(formatFreshness(null, now)).toBe('data not synced yet');
  });

  it('says a range with the preposition it takes', () => {
    expect(withPreposition('Nov 3')).toBe('on Nov 3');
    expect(withPreposition('Wednesday Nov 18')).toBe('on Wednesday Nov 18');
    expect(withPreposition('Nov 3 – Nov 10')).toBe('from Nov 3 to Nov 10');
    expect(withPreposition('October 2026')).toBe('in October 2026');
    expect(withPreposition('yesterday and the day before')).toBe('yesterday and the day before');
  });
});

describe('bounds on a measure', () => {
  it.each([
    ['campaigns that spent more than $1,000.50 last week', { op: 'gt', value: 1000.5 }],
    ['ads with ROAS below 1', { op: 'lt', value: 1 }],
    ['ad sets with at least 1k clicks', { op: 'gte', value: 1000 }],
    ['campaigns with a CTR above 2.5%', { op: 'gt', value: 2.5 }],
    ['ad sets with no more than 20 purchases', { op: 'lte', value: 20 }],
    ['ads with more than 2x roas', { op: 'gt', value: 2 }],
    ['campaigns that spent north of $2k', { op: 'gt', value: 2000 }],
    ['campaigns with spend above $1.005k', { op: 'gt', value: 1005 }],
    ['campaigns with a cpa south of $60', { op: 'lt', value: 60 }],
    ['ad sets with a cpc below 50 cents', { op: 'lt', value: 0.5 }],
    ['ad sets with a cpc under 9.95 cents', { op: 'lt', value: 0.0995 }],
    // the article of "a 2.0 roas" goes with the figure
    ['which ad sets are under a 2.0 roas', { op: 'lt', value: 2 }],
    ['any ad sets over an $80 cpa', { op: 'gt', value: 80 }],
    // the side kept written after the figure
    ['which ad sets got 50+ clicks yesterday', { op: 'gte', value: 50 }],
    ['campaigns where roas is 1.25 or higher', { op: 'gte', value: 1.25 }],
    ['ad sets where cpc was $1 or less', { op: 'lte', value: 1 }],
    // amounts spelled out, "grand" a thousand
    ['campaigns spending more than a thousand dollars', { op: 'gt', value: 1000 }],
    ['ad sets with a cpa over sixty bucks', { op: 'gt', value: 60 }],
    ['campaigns with more than two hundred and fifty clicks', { op: 'gt', value: 250 }],
    ['campaigns that brought in more than 3 grand', { op: 'gt', value: 3000 }],
    // verbs of passing a figure
    ['show ad sets whose roas exceeded 1.5', { op: 'gt', value: 1.5 }],
    ['ad sets whose ctr fell below 1%', { op: 'lt', value: 1 }],
    // a year-like figure before what it counts, or from before any data, is an amount
    ['ads with over 2000 impressions last week', { op: 'gt', value: 2000 }],
    ['campaigns that spent over 2000 last month', { op: 'gt', value: 2000 }],
  ])('%s', (question, bound) => {
    const intent = parseIntent(question, '2026-11-25');
    expect(intent.threshold).toMatchObject(bound);
    expect(intent.kind).toBe('threshold');
    // its words are read, none left over as a name
    expect(intent.nameWords).toEqual([]);
  });

  it('keeps "a day" with its bound: an average per day, to be refused', () => {
    expect(parseIntent('campaigns spending over 50 per day last week', '2026-11-25').threshold).toMatchObject(
      {
        value: 50,
        per: 'per day',
      },
    );
    expect(parseIntent('ad sets spending more than $200 a day', '2026-11-25').threshold?.per).toBe('a day');
    expect(parseIntent('campaigns with spend above 100 daily', '2026-11-25').threshold?.per).toBe('daily');
    expect(
      parseIntent('campaigns with spend above 100 last week', '2026-11-25').threshold?.per,
    ).toBeUndefined();
  });

  it('reads what one of them costs as the measure a bound beside it names ("$1.20 a click": CPC)', () => {
    const read = (q: string) => {
      const intent = parseIntent(q, '2026-11-25');
      return { kind: intent.kind, metrics: intent.metrics, ...intent.threshold, nameWords: intent.nameWords };
    };
    expect(read('campaigns that cost us more than $1.20 a click last month')).toMatchObject({
      kind: 'threshold',
      metrics: ['cpc'],
      op: 'gt',
      value: 1.2,
      measure: 'cpc',
      nameWords: [],
    });
    expect(read('which campaigns spent over $50 per purchase')).toMatchObject({
      metrics: ['cpa'],
      value: 50,
    });
    expect(read('ad sets where a lead cost us more than $25')).toMatchObject({ metrics: ['cpl'], value: 25 });
    // a count beside the bound is the measure bounded; "a day" after it stays an average per day
    expect(read('campaigns with more than 100 clicks')).toMatchObject({ metrics: ['clicks'], value: 100 });
    expect(read('ad sets spending more than $200 a day')).toMatchObject({ metrics: ['spend'], per: 'a day' });
  });

  it('reads no bound in a recent year after "over", an age in a name or "30+ days"', () => {
    const year = parseIntent('spend over 2025', '2026-11-25');
    expect(year.threshold).toBeUndefined();
    expect(year.time?.label).toContain('2025');
    expect(parseIntent('is the reach 18+ ad set active?', '2026-11-25').threshold).toBeUndefined();
    expect(parseIntent('spend of campaigns running 30+ days', '2026-11-25').threshold).toBeUndefined();
  });

  it('reads a bound of no measure on "those" as one on the last listing, and no other as such', () => {
    const onListed = (q: string) => boundOnListed(parseIntent(q, '2026-11-25'));
    expect(onListed('which of those are over $100?')).toBe(true);
    expect(onListed('which of them had more than 500?')).toBe(true);
    // a measure, a level or no "those" of its own: a bound of its own question
    expect(onListed('which of those spent over $100?')).toBe(false);
    expect(onListed('which campaigns of those are over $100?')).toBe(false);
    expect(onListed('which are over $100?')).toBe(false);
  });

  it('reads no bound in a span of days or a range word', () => {
    expect(parseIntent('spend over 30 days', '2026-11-25').threshold).toBeUndefined();
    expect(parseIntent('leads over 2 quarters', '2026-11-25').threshold).toBeUndefined();
    expect(parseIntent('spend over a 7 day period', '2026-11-25').threshold).toBeUndefined();
    expect(parseIntent('campaigns by spend over the last week', '2026-11-25').threshold).toBeUndefined();
    expect(
      parseIntent('gifts under $50 spend', '2026-11-25', { noThreshold: true }).threshold,
    ).toBeUndefined();
  });
});

describe('one of the last listing', () => {
  const listed = {
    level: 'adset' as const,
    ids: ['a', 'b', 'c'],
    names: ['A', 'B', 'C'],
    statuses: [
      { status: 'ACTIVE', effective_status: 'ACTIVE' },
      { status: 'PAUSED', effective_status: 'PAUSED' },
      { status: 'ACTIVE', effective_status: 'ACTIVE' },
    ],
  };
  const picked = (q: string) => {
    const pick = readOnePick(q);
    return pick && pickListed(listed, pick)?.names[0];
  };
  it.each([
    ['how much revenue did the second one bring in?', 'B'],
    ['how did the top one do the month before?', 'A'],
    ['and the last one the week before?', 'C'],
    ['what did the paused one spend?', 'B'],
  ])('%s → %s', (q, name) => expect(picked(q)).toBe(name));

  it('names no one it cannot tell', () => {
    expect(picked('what about the fifth one?')).toBeUndefined();
    expect(picked('what did the active one spend?')).toBeUndefined(); // two are active
  });

  it('reads a status as the listings filter by it: paused by its campaign is paused, and not live', () => {
    const underPaused = {
      ...listed,
      ids: ['a', 'b'],
      names: ['A', 'B'],
      statuses: [
        { status: 'ACTIVE', effective_status: 'ACTIVE' },
        { status: 'ACTIVE', effective_status: 'CAMPAIGN_PAUSED' },
      ],
    };
    const pick = (q: string) => pickListed(underPaused, readOnePick(q)!)?.names[0];
    expect(pick('what did the paused one spend?')).toBe('B');
    expect(pick('and the live one?')).toBe('A');
    expect(pick('what did the active one spend?')).toBeUndefined(); // both are set active
  });

  it('leaves rankings and listings alone', () => {
    for (const q of ['who was the top campaign?', 'the paused ones', 'which one spent the most?'])
      expect(readOnePick(q)).toBeUndefined();
  });
});

describe('the others under the same parent', () => {
  it.each([
    ['compare it with the other two ad sets in that campaign', { level: 'adset', count: 2 }],
    ['how does it compare to the other ad sets in its campaign?', { level: 'adset', count: undefined }],
    ['compare this one with the other 3 ads', { level: 'ad', count: 3 }],
  ])('%s', (q, asked) => expect(readOthers(q)).toEqual(asked));

  it('leaves other questions alone', () => {
    for (const q of [
      'compare it with the other campaign',
      'what about the other ad sets?',
      'spend of the other ads',
    ])
      expect(readOthers(q)).toBeUndefined();
  });
});
