// The shared display vocabulary: one formatter, one status vocabulary and one date style for the
// answer text, the chat tables and charts, and Campaigns.
import { describe, expect, it } from 'vitest';
import { formatMetric } from '../../src/assistant/answerText.js';
import { comparisonTable, seriesPayload } from '../../src/assistant/payloads.js';
import { formatDateRange } from '../../src/display/dates.js';
import { formatChange, formatTick, formatUnit, metricName, metricUnit } from '../../src/display/numbers.js';
import { statusLabel, statusTone } from '../../src/display/statuses.js';
import { DERIVED_METRICS, METRICS, MONEY_METRICS } from '../../src/metrics.js';

describe('numbers', () => {
  it('gives every measure a unit: money, percent, ratio or count', () => {
    for (const m of MONEY_METRICS) expect(metricUnit(m)).toBe('money');
    expect(metricUnit('ctr')).toBe('percent');
    expect(metricUnit('cvr')).toBe('percent');
    expect(metricUnit('roas')).toBe('ratio');
    expect(metricUnit('impressions')).toBe('count');
    // CPM is money, never a percentage
    expect(formatUnit(14.2, metricUnit('cpm'), 'USD')).toBe('$14.20');
  });

  it('writes changes with a real minus sign and one decimal, as the answer text does', () => {
    expect(formatChange(-11.914)).toBe('−11.9%');
    expect(formatChange(3.25)).toBe('+3.3%');
    expect(formatChange(0)).toBe('±0.0%');
    expect(formatChange(null)).toBe('n/a');
  });

  it('is the formatter the answer text uses', () => {
    for (const m of METRICS)
      expect(formatMetric(m, 1234.5678, 'EUR')).toBe(formatUnit(1234.5678, metricUnit(m), 'EUR'));
    expect(formatMetric('spend', 1234.5, 'EUR')).toBe('€1,234.50');
  });

  it('names measures properly for headings', () => {
    expect(metricName('roas')).toBe('ROAS');
    expect(metricName('link_clicks')).toBe('Link clicks');
    for (const m of METRICS) expect(metricName(m)).toMatch(/^[A-Z]/);
  });

  it('keeps the currency on compact axis ticks', () => {
    expect(formatTick(12_500, 'money', 'USD')).toBe('$12.5K');
    expect(formatTick(3.5, 'percent', 'USD')).toBe('3.5%');
  });
});

describe('comparison table', () => {
  it('keeps each row in its own unit, proper names, and changes formatted like the text', () => {
    const t = comparisonTable(
      'Comparison',
      ['spend', 'ctr'],
      { spend: 100, ctr: 1.5 },
      { spend: 113.5, ctr: 1.2 },
      { spend: { absolute: -13.5, percent: -11.894 }, ctr: { absolute: 0.3, percent: 25 } },
      'USD',
    );
    if (t.kind !== 'table') throw new Error('expected a table');
    expect(t.rows.map((r) => [r.metric, r.unit])).toEqual([
      ['Spend', 'money'],
      ['CTR', 'percent'],
    ]);
    expect(t.columns.find((c) => c.key === 'current')?.unitKey).toBe('unit');
    expect(t.columns.find((c) => c.key === 'change_percent')?.format).toBe('change');
    expect(t.currency).toBe('USD');
  });
});

describe('statuses', () => {
  it('has a human label for every effective status Meta sends', async () => {
    const { ALL_EFFECTIVE_STATUSES } = await import('../../src/sync/meta/metaTypes.js');
    for (const s of ALL_EFFECTIVE_STATUSES) {
      const label = statusLabel(s);
      expect(label).not.toContain('_');
      expect(label).not.toBe(s);
    }
    expect(statusLabel('CAMPAIGN_PAUSED')).toBe('Campaign paused');
    expect(statusTone('ADSET_PAUSED')).toBe('paused');
    expect(statusLabel('SOMETHING_NEW')).toBe('Something new');
  });
});

describe('dates and buckets', () => {
  it('one range style', () => {
    expect(formatDateRange({ since: '2026-10-30', until: '2026-11-28' })).toBe('Oct 30 – Nov 28, 2026');
  });

  it('marks the points the caller calls partial, and gives each measure its unit', () => {
    const chart = seriesPayload(
      'Spend and CTR by week',
      'line',
      [
        { x: '2026-11-02', values: { spend: 1, ctr: 2 } },
        { x: '2026-11-09', values: { spend: 3, ctr: null } },
      ],
      ['spend', 'ctr'],
      'USD',
      (x) => x === '2026-11-02',
    );
    if (chart.kind !== 'series') throw new Error('expected a series');
    expect(chart.points.map((p) => p.partial ?? false)).toEqual([true, false]);
    expect(chart.units).toEqual({ spend: 'money', ctr: 'percent' });
  });

  it('treats every derived measure as a ratio of sums', () => {
    for (const m of DERIVED_METRICS) expect(['money', 'percent', 'ratio']).toContain(metricUnit(m));
  });
});
