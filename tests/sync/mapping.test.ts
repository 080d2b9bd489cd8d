import { describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../src/calendar.js';
import { budgetFromMinorUnits } from '../../src/sync/entitySync.js';
import { toFactRows } from '../../src/sync/insightsMapping.js';
import { goalForObjective } from '../../src/sync/objectiveGoals.js';
import { planRange, remainingSegments, WindowPlanner } from '../../src/sync/syncWindows.js';

const a = (action_type: string, value: string) => ({ action_type, value });

describe('insights mapping', () => {
  it('takes one canonical action type per measure, never the sum of duplicates', () => {
    const [fact] = toFactRows([
      {
        date_start: '2026-11-01',
        date_stop: '2026-11-01',
        ad_id: '1',
        adset_id: '2',
        campaign_id: '3',
        spend: '12.34',
        impressions: '1000',
        actions: [
          a('purchase', '3'),
          a('omni_purchase', '4'),
          a('offsite_conversion.fb_pixel_purchase', '3'),
          a('onsite_conversion.lead_grouped', '2'),
          a('offsite_conversion.fb_pixel_lead', '1'),
          a('add_to_cart', '5'),
          a('offsite_conversion.fb_pixel_add_to_cart', '5'),
          a('landing_page_view', '7'),
          a('link_click', '9'),
        ],
        action_values: [a('purchase', '30.00'), a('offsite_conversion.fb_pixel_purchase', '30.00')],
      },
    ]);
    expect(fact).toMatchObject({
      spend: '12.34',
      impressions: 1000,
      purchases: '4', // omni_purchase wins over purchase and the pixel type
      revenue: '30.00', // no omni value: purchase
      leads: '2', // no `lead`: the grouped on-Facebook type, not 2 + 1
      addToCart: '5',
      landingPageViews: 7,
      linkClicks: 9, // no inline_link_clicks field: the link_click action
    });
    expect(fact.actions).toHaveLength(9);
  });

  it('prefers the inline_link_clicks field and refuses multi-day rows', () => {
    const row = {
      date_start: '2026-11-01',
      date_stop: '2026-11-01',
      ad_id: '1',
      inline_link_clicks: '4',
      actions: [a('link_click', '6')],
    };
    expect(toFactRows([row])[0].linkClicks).toBe(4);
    expect(() => toFactRows([{ ...row, date_stop: '2026-11-02' }])).toThrow(/daily rows/);
  });
});

describe('entity mapping', () => {
  it('converts budgets from minor units exactly, minding zero-decimal currencies', () => {
    expect(budgetFromMinorUnits('5000', 'USD')).toBe('50.00');
    expect(budgetFromMinorUnits('5', 'EUR')).toBe('0.05');
    expect(budgetFromMinorUnits('123456789012345678', 'USD')).toBe('1234567890123456.78');
    expect(budgetFromMinorUnits('5000', 'JPY')).toBe('5000');
    expect(budgetFromMinorUnits('5000', 'KRW')).toBe('5000');
    expect(budgetFromMinorUnits(undefined, 'USD')).toBeNull();
  });

  it('maps ODAX and legacy objectives onto the same goals', () => {
    expect(goalForObjective('OUTCOME_SALES')).toBe('purchases');
    expect(goalForObjective('CONVERSIONS')).toBe('purchases');
    expect(goalForObjective('OUTCOME_LEADS')).toBe(goalForObjective('LEAD_GENERATION'));
    expect(goalForObjective('LINK_CLICKS')).toBe('traffic');
    expect(goalForObjective('REACH')).toBe('awareness');
    expect(goalForObjective('OUTCOME_APP_PROMOTION')).toBe('app_installs');
    expect(goalForObjective('SOMETHING_NEW')).toBeNull();
  });
});

describe('sync windows', () => {
  it('computes today in the account time zone, not UTC', () => {
    const lateUtc = new Date('2026-11-02T05:30:00Z');
    expect(todayIn('America/Los_Angeles', lateUtc)).toBe('2026-11-01');
    expect(todayIn('Asia/Tokyo', lateUtc)).toBe('2026-11-02');
  });

  it('plans the backfill, the incremental lookback and overrides', () => {
    const base = { today: '2026-11-25', backfillDays: 90, lookbackDays: 28 };
    expect(planRange(base)).toEqual({ kind: 'initial', since: '2026-08-27', until: '2026-11-25' });
    expect(planRange({ ...base, lastCompleteDay: '2026-11-20' })).toEqual({
      kind: 'incremental',
      since: '2026-10-23',
      until: '2026-11-25',
    });
    expect(planRange({ ...base, lastCompleteDay: '2026-11-20', full: true }).kind).toBe('full');
    expect(planRange({ ...base, from: '2026-01-01', to: '2026-01-31' })).toEqual({
      kind: 'range',
      since: '2026-01-01',
      until: '2026-01-31',
    });
  });

  it('skips days finished windows cover and halves refused windows', () => {
    const range = { since: '2026-11-01', until: '2026-11-30' };
    expect(
      remainingSegments(range, [
        { since: '2026-11-21', until: '2026-11-30' },
        { since: '2026-11-05', until: '2026-11-09' },
      ]),
    ).toEqual([
      { since: '2026-11-01', until: '2026-11-04' },
      { since: '2026-11-10', until: '2026-11-20' },
    ]);
    const planner = new WindowPlanner([range], 30, 1);
    const w = planner.next()!;
    expect(w).toEqual(range);
    expect(planner.shrink(w)).toBe(true);
    expect(planner.next()).toEqual({ since: '2026-11-16', until: '2026-11-30' }); // newest days first
    expect(planner.next()).toEqual({ since: '2026-11-01', until: '2026-11-15' });
    expect(planner.next()).toBeUndefined();
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30'); // across a DST change
  });
});
