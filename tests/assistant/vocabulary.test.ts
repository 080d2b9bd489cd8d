import { describe, expect, it } from 'vitest';
import { normalizeText, normalizeWithMap } from '../../src/assistant/vocabulary.js';

describe('normalizeText', () => {
  it('lower-cases, drops accents and turns every run of other characters into one space', () => {
    expect(normalizeText('  Café – Été SALE!! 50% off ')).toBe('cafe ete sale 50% off');
    expect(normalizeText('Reach — US 18+')).toBe('reach us 18');
    expect(normalizeText('Zürich/ÅLAND_Ñ')).toBe('zurich aland n');
    expect(normalizeText('ﬁnal ＡＢＣ')).toBe('final abc'); // compatibility forms (ligature, full width)
    expect(normalizeText('Kelvin sign: \u212A')).toBe('kelvin sign k');
    expect(normalizeText('Ünïcödé 🚀 launch')).toBe('unicode launch');
    expect(normalizeText('東京 キャンペーン')).toBe('東京 キャンヘーン'); // dakuten is a combining mark under NFKD
    expect(normalizeText('?!')).toBe('');
  });

  it('gives the same text however often it is asked (the cache returns what was computed)', () => {
    const name = 'Spring – Retargeting (EU)';
    expect(normalizeText(name)).toBe('spring retargeting eu');
    expect(normalizeText(name)).toBe('spring retargeting eu');
  });

  it('maps each character of the result to the character of the input it came from', () => {
    const text = 'Éte — B2B!';
    const { text: out, from } = normalizeWithMap(text);
    expect(out).toBe('ete b2b');
    expect(from).toHaveLength(out.length);
    expect(from.map((i) => text[i])).toEqual(['É', 't', 'e', ' ', 'B', '2', 'B']);
  });

  it('maps through characters outside the basic plane', () => {
    const text = '𝐀d 🚀 X';
    const { text: out, from } = normalizeWithMap(text);
    expect(out).toBe('ad x');
    expect(from).toEqual([0, 2, 3, 7]);
  });
});
