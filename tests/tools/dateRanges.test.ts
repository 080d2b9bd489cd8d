import { describe, expect, it } from 'vitest';
import { previousPeriod, resolvePreset, todayIn } from '../../src/calendar.js';
import { resolveRange } from '../../src/tools/dateRanges.js';
import type { Preset } from '../../src/tools/schemas.js';
import { PINNED_INSTANTS } from '../helpers/clocks.js';

// 07:30 UTC on Wednesday 25 Nov 2026 is still Tuesday 24 Nov in Los Angeles (UTC-8).
const NOW = new Date('2026-11-25T07:30:00Z');
const LA = 'America/Los_Angeles';

describe('todayIn', () => {
  it('takes the date in the account time zone, not UTC', () => {
    expect(todayIn(LA, NOW)).toBe('2026-11-24');
    expect(todayIn('UTC', NOW)).toBe('2026-11-25');
    expect(todayIn('Asia/Tokyo', new Date('2026-11-24T15:30:00Z'))).toBe('2026-11-25');
  });
});

describe('resolveRange with every preset (hand-computed, today = Tue 2026-11-24 in LA)', () => {
  const expected: Record<Preset, [string, string]> = {
    today: ['2026-11-24', '2026-11-24'],
    yesterday: ['2026-11-23', '2026-11-23'],
    last_3d: ['2026-11-21', '2026-11-23'],
    last_7d: ['2026-11-17', '2026-11-23'],
    last_14d: ['2026-11-10', '2026-11-23'],
    last_28d: ['2026-10-27', '2026-11-23'],
    last_30d: ['2026-10-25', '2026-11-23'],
    last_90d: ['2026-08-26', '2026-11-23'],
    this_week_mon_today: ['2026-11-23', '2026-11-24'],
    last_week_mon_sun: ['2026-11-16', '2026-11-22'],
    this_month: ['2026-11-01', '2026-11-24'],
    last_month: ['2026-10-01', '2026-10-31'],
    this_quarter: ['2026-10-01', '2026-11-24'],
    last_quarter: ['2026-07-01', '2026-09-30'],
    this_year: ['2026-01-01', '2026-11-24'],
    last_year: ['2025-01-01', '2025-12-31'],
    maximum: ['2026-03-02', '2026-11-24'],
  };
  for (const [preset, [since, until]] of Object.entries(expected)) {
    it(preset, () => {
      const r = resolveRange({ preset: preset as Preset }, LA, NOW, '2026-03-02');
      expect(r).toEqual({ since, until, time_zone: LA, preset });
    });
  }

  it('passes explicit dates through', () => {
    expect(resolveRange({ since: '2026-02-01', until: '2026-02-28' }, LA, NOW)).toEqual({
      since: '2026-02-01',
      until: '2026-02-28',
      time_zone: LA,
    });
  });
});

describe.each(PINNED_INSTANTS)('the account’s days at $label', ({ at, laDate }) => {
  const now = new Date(at);
  const dayBefore = (iso: string) =>
    new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

  it('today and yesterday are Los Angeles’ dates, not UTC’s', () => {
    expect(todayIn(LA, now)).toBe(laDate);
    expect(resolveRange({ preset: 'today' }, LA, now)).toMatchObject({ since: laDate, until: laDate });
    const yesterday = dayBefore(laDate);
    expect(resolveRange({ preset: 'yesterday' }, LA, now)).toMatchObject({
      since: yesterday,
      until: yesterday,
    });
  });

  it('last_7d is seven whole days ending yesterday, whatever the DST change', () => {
    let since = laDate;
    for (let i = 0; i < 7; i++) since = dayBefore(since);
    expect(resolveRange({ preset: 'last_7d' }, LA, now)).toMatchObject({ since, until: dayBefore(laDate) });
  });
});

describe('resolvePreset edges', () => {
  it('crosses the year in January', () => {
    expect(resolvePreset('last_month', '2026-01-15')).toEqual({ since: '2025-12-01', until: '2025-12-31' });
    expect(resolvePreset('last_quarter', '2026-01-15')).toEqual({ since: '2025-10-01', until: '2025-12-31' });
    expect(resolvePreset('last_7d', '2026-01-03')).toEqual({ since: '2025-12-27', until: '2026-01-02' });
  });

  it('weeks start on Monday (today Monday, today Sunday)', () => {
    expect(resolvePreset('this_week_mon_today', '2026-11-30')).toEqual({
      since: '2026-11-30',
      until: '2026-11-30',
    });
    expect(resolvePreset('this_week_mon_today', '2026-11-29')).toEqual({
      since: '2026-11-23',
      until: '2026-11-29',
    });
    expect(resolvePreset('last_week_mon_sun', '2026-11-29')).toEqual({
      since: '2026-11-16',
      until: '2026-11-22',
    });
  });

  it('maximum without any fact is just today; leap day counts', () => {
    expect(resolvePreset('maximum', '2026-11-24')).toEqual({ since: '2026-11-24', until: '2026-11-24' });
    expect(resolvePreset('last_3d', '2028-03-01')).toEqual({ since: '2028-02-27', until: '2028-02-29' });
  });
});

describe('previousPeriod', () => {
  it('is the same number of days just before', () => {
    expect(previousPeriod({ since: '2026-11-17', until: '2026-11-23' })).toEqual({
      since: '2026-11-10',
      until: '2026-11-16',
    });
    expect(previousPeriod({ since: '2026-03-01', until: '2026-03-31' })).toEqual({
      since: '2026-01-29',
      until: '2026-02-28',
    });
  });
});
