// Words of a name that another reading would take: a range, a stray count, a measure we do not have.
// "cart abandoners 7d" is the ad set "Retargeting – Cart Abandoners 7d", not the last 7 days; "the
// 25-54 ad set" is "US – Broad 25-54"; "Video Views – 15s impressions" asks for impressions. A name's
// word wins only where the question writes it as the name does: beside its neighbour in that name
// ("abandoners 7d"), as a span of numbers no other reading takes ("25-54"), or in the whole name.
// "cart abandoners roas 7d" keeps its range, "video views last month" is a measure we do not have.
// The word sets of the names these readings consult (every word, weekday pairs, years, counted words)
// are built here, once per list of names.
import type { NameCandidate } from './entityNameMatcher.js';
import { writesNameWord } from './entityNameMatcher.js';
import { FILLER_WORDS, normalizeText, normalizeWithMap, TIME_WORDS, WEEKDAY_WORDS } from './vocabulary.js';

/** A name's word of digits and letters ("7d", "180d", "15s"): what shorthand would read as a span of time. */
const COUNTED_WORD = /^\d+[a-z]+$/;

/**
 * Each counted word of the candidates' names ("7d"), with the words beside it in those names
 * ("abandoners").
 */
export const countedWordsOf = perList((names) => {
  const words = new Map<string, Set<string>>();
  for (const tokens of names) {
    for (const [i, token] of tokens.entries()) {
      if (!COUNTED_WORD.test(token)) continue;
      const beside = words.get(token) ?? new Set();
      for (const t of [tokens[i - 1], tokens[i + 1]]) if (t) beside.add(t);
      words.set(token, beside);
    }
  }
  return words;
});

/**
 * Blanks the counted words of names written beside their neighbour in the name ("abandoners 7d"), so
 * shorthand and time phrases never read them ("7d" → "7 days"); they come back as name words. Beside
 * a word of ours ("last 7d", "roas 7d") a counted word is the range.
 */
export function blankCountedNameWords(
  lower: string,
  counted: ReadonlyMap<string, ReadonlySet<string>> | undefined,
): { text: string; words: string[] } {
  if (!counted || counted.size === 0) return { text: lower, words: [] };
  const { text, from } = normalizeWithMap(lower);
  const tokens = text.split(' ');
  const writes = (written: string | undefined, beside: ReadonlySet<string>) =>
    written !== undefined &&
    !FILLER_WORDS.has(written) &&
    !TIME_WORDS.has(written) &&
    [...beside].some((word) => writesNameWord(written, word));
  let out = lower;
  const words: string[] = [];
  let at = 0;
  for (const [i, word] of tokens.entries()) {
    const beside = counted.get(word);
    if (beside && (writes(tokens[i - 1], beside) || writes(tokens[i + 1], beside))) {
      const [start, end] = [from[at], from[at + word.length - 1] + 1];
      out = `${out.slice(0, start)}${' '.repeat(end - start)}${out.slice(end)}`;
      words.push(word);
    }
    at += word.length + 1;
  }
  return { text: out, words };
}

/**
 * A number no reading took, dropped as noise ("show me 5"), in `text` (the question with times and
 * bounds read). A span written with a dash ("the 25-54 ad set", "18-44") is no noise: it is what a name
 * holds (an age range), so it is looked for among the names, and said when no name holds it.
 */
export function strayNumbers(text: string): (word: string) => boolean {
  const spans = text.matchAll(/(?<![\d.,$€£])(\d{1,3}) ?[-–—] ?(\d{1,3})(?![\d.,%])/g);
  const kept = new Set([...spans].flatMap((m) => [m[1], m[2]]));
  return (word) => /^\d{1,3}$/.test(word) && !kept.has(word);
}

/**
 * The question's normalised text without the whole names written in it (of two words or more: one
 * word alone is as likely ours), for what must not be read inside a name ("video views").
 */
export function withoutWholeNames(text: string, candidates: NameCandidate[]): string {
  let out = ` ${text} `;
  for (const c of candidates) {
    const name = normalizeText(c.name ?? '');
    if (name.includes(' ')) out = out.replaceAll(` ${name} `, '   ');
  }
  return out.trim();
}

/**
 * A word set built from the candidates' names (each name as its normalised words), kept per list: one
 * list serves question after question.
 */
function perList<T>(build: (names: string[][]) => T): (candidates: NameCandidate[]) => T {
  const kept = new WeakMap<NameCandidate[], T>();
  return (candidates) => {
    let built = kept.get(candidates);
    if (built === undefined) {
      built = build(candidates.map((c) => normalizeText(c.name ?? '').split(' ')));
      kept.set(candidates, built);
    }
    return built;
  };
}

/** Every word of the candidates' names. */
export const nameTokensOf = perList((names) => new Set(names.flat()));

/** Every two words side by side in a candidate's name, one of them a weekday ("black friday"). */
export const weekdayPairsOf = perList((names) => {
  const pairs = new Set<string>();
  for (const tokens of names) {
    for (let i = 1; i < tokens.length; i++)
      if (WEEKDAY_WORDS.has(tokens[i - 1]) || WEEKDAY_WORDS.has(tokens[i]))
        pairs.add(`${tokens[i - 1]} ${tokens[i]}`);
  }
  return pairs;
});

/** Each year in a candidate's name ("2026"), with the other words of the names holding it. */
export const yearNamesOf = perList((names) => {
  const years = new Map<string, Set<string>>();
  for (const tokens of names) {
    for (const year of tokens.filter((t) => YEAR.test(t))) {
      const words = years.get(year) ?? new Set();
      for (const t of tokens) if (t !== year) words.add(t);
      years.set(year, words);
    }
  }
  return years;
});
const YEAR = /^(?:19|20)\d{2}$/;
