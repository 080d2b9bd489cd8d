// Expected values written the way the app writes them (en-US: $1,234.56, 12,345, ROAS 2.41,
// CTR 1.85%), from exact fractions with integer arithmetic, and the search for them in an answer.
// Money is rounded half-up to the cent; ratios and percentages to 2 places. The app rounds ratios
// to 4 places in SQL before showing 2, which can differ from a direct rounding in the last digit on
// a knife edge: both roundings are accepted, nothing looser.

import type { Value } from './oracle.js';

/** round(num / den × 10^places), half up, as an integer (num, den ≥ 0). */
function scaled(num: number, den: number, places: number): bigint {
  const n = BigInt(num) * 10n ** BigInt(places);
  const d = BigInt(den);
  return (2n * n + d) / (2n * d);
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function fixed(v: bigint, places: number): string {
  const s = v.toString().padStart(places + 1, '0');
  const whole = s.slice(0, s.length - places);
  return `${groupThousands(whole)}.${s.slice(s.length - places)}`;
}

/** The ways the app may print a value (first = the canonical one); [] for a null value. */
export function renderings(v: Value, currencySymbol = '$'): string[] {
  if (v.den === 0) return [];
  switch (v.kind) {
    case 'money': {
      // money values are in cents: cents → dollars with 2 places
      const text = fixed(scaled(v.num, v.den, 0), 2);
      return withoutGrouping([`${currencySymbol}${text}`]);
    }
    case 'count': {
      const n = scaled(v.num, v.den, 0);
      return withoutGrouping([groupThousands(n.toString())]);
    }
    case 'ratio':
    case 'percent': {
      const direct = fixed(scaled(v.num, v.den, 2), 2);
      const viaFour = groupThousands((Number(scaled(v.num, v.den, 4)) / 10_000).toFixed(2));
      const texts = [...new Set([direct, viaFour])];
      return withoutGrouping(v.kind === 'percent' ? texts.map((t) => `${t}%`) : texts);
    }
  }
}

function withoutGrouping(texts: string[]): string[] {
  return [...new Set([...texts, ...texts.map((t) => t.replace(/,/g, ''))])];
}

/** Thin and no-break spaces, typographic apostrophes and minus signs read as their plain forms. */
export function normalize(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u00a0\u202f\u2009]/g, ' ')
    .replace(/[\u2018\u2019]/g, "'");
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** True when the text states one of the renderings as a whole number (not inside a longer one). */
export function states(text: string, texts: string[]): boolean {
  const t = normalize(text);
  return texts.some((r) => {
    const body = escapeRegExp(r).replace(/%$/, '\\s?%');
    return new RegExp(`(?<![\\d.,])${body}(?![\\d]|[.,]\\d)`).test(t);
  });
}

/** Canonical text of a value for reports. */
export function show(v: Value): string {
  return renderings(v)[0] ?? 'n/a';
}

/**
 * Any figure presented as a result: money, a percentage, a grouped count or a decimal. Dates
 * ("Nov 24, 2026", "2026-11-24") and small integers (counts of things, "3 campaigns") are not.
 */
export function statesFigure(text: string): boolean {
  const t = normalize(text)
    .replace(/\d{4}-\d{2}-\d{2}/g, ' ')
    .replace(/\d{1,2}\/\d{1,2}(\/\d{2,4})?/g, ' ');
  return /[$€£]\s?\d|\d\s?%|(?<![\d,])\d{1,3}(,\d{3})+(?![\d])|(?<![\d.])\d+\.\d+(?![\d])/.test(t);
}
