// Which figures in a model's text trace back to tool output: money formatting, percentages, compact
// suffixes, the rounding tolerance (half a unit in the last written place) and what counts as structure.
import { describe, expect, it } from 'vitest';
import { untracedNumbers, writtenNumbers } from '../../src/assistant/numberCheck.js';

const output = {
  range: { since: '2026-11-01', until: '2026-11-24' },
  totals: { spend: 1234.5, revenue: 2975.12, roas: 2.4149, ctr: 1.8462, impressions: 3_400_000 },
  change: { spend: { absolute: -51.4, percent: -4.0 } },
};
const check = (text: string, question = 'how did I do?') => untracedNumbers(text, [output], question);

describe('untracedNumbers', () => {
  it('traces money, ratios and percentages at the precision written', () => {
    expect(check('You spent $1,234.50 (revenue $2,975.12), ROAS 2.41, CTR 1.85%.')).toEqual([]);
    expect(check('Spend was down 4.0% (−$51.40) from Nov 1 to Nov 24, 2026.')).toEqual([]);
    expect(check('About $1.2k spent, ROAS 2.4, 3.4M impressions, 3.4 million impressions.')).toEqual([]);
  });

  it('flags a figure outside the rounding tolerance, however it is written', () => {
    expect(check('ROAS 2.42')).toEqual(['2.42']); // 2.4149 rounds to 2.41
    expect(check('You spent $1,235.50')).toEqual(['$1,235.50']);
    expect(check('About $1.4k spent')).toEqual(['$1.4k']); // 1,234.5 is not 1,350–1,450
    expect(check('CTR 241%')).toEqual(['241%']); // a ratio is never a percentage
  });

  it('never exempts small money or percentages as structure, but does exempt counts and days', () => {
    expect(check('You spent $5 on 3 campaigns on Nov 24.')).toEqual(['$5']);
    expect(check('CTR was 7%.')).toEqual(['7%']);
    expect(check('Your top 3 campaigns on Nov 24')).toEqual([]);
  });

  it('accepts numbers the person wrote in the question', () => {
    expect(check('Here are your top 40 ads.', 'top 40 ads')).toEqual([]);
    expect(check('Spend over $1,000: none.', 'campaigns with spend over $1,000')).toEqual([]);
  });

  it('lists each untraced figure once', () => {
    expect(check('ROAS 4.37, yes 4.37.')).toEqual(['4.37']);
  });
});

describe('writtenNumbers', () => {
  it('states the tolerance it applied', () => {
    const [a, b, c] = writtenNumbers('$1,234.5 and 2.41 and $1.2k');
    expect(a).toMatchObject({ value: 1234.5, structural: false });
    expect(a.tolerance).toBeCloseTo(0.05);
    expect(b.tolerance).toBeCloseTo(0.005);
    expect(c).toMatchObject({ value: 1200 });
    expect(c.tolerance).toBeCloseTo(50);
  });
});
