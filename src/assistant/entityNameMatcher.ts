// Finds the campaign, ad set or ad a question names, among candidate names from list_entities
// (status any). Accent-, case- and punctuation-insensitive: "ete 2026 retargeting" finds
// "Été 2026 · Retargeting", "black friday" finds "Black Friday – 50% Off! 🛍️". A whole name inside
// the question wins over a partial one; a longer match wins over a shorter one; on a tie the higher
// level wins (a campaign over its ad sets), and every entity with that same name is returned (ad
// names repeat across ad sets).
import type { Level } from '../tools/schemas.js';
import { normalizeText } from './vocabulary.js';

export interface NameCandidate {
  id: string;
  name: string | null;
  level: Level;
}

export interface NameMatch {
  level: Level;
  /** The matched entities (same level); several when the words fit several names. */
  entities: NameCandidate[];
  /** exact: a whole name appears in the question; partial: the question's name words all appear in the name. */
  how: 'exact' | 'partial';
}

const LEVEL_RANK: Record<Level, number> = { campaign: 0, adset: 1, ad: 2 };

function contains(haystack: string, needle: string): boolean {
  return needle !== '' && ` ${haystack} `.includes(` ${needle} `);
}

function tokensOf(name: string): string[] {
  return normalizeText(name).split(' ').filter(Boolean);
}

/** Does every word appear in the name (a word may be a prefix of a name word: "retarget" → "retargeting")? */
function allWordsIn(words: string[], nameTokens: string[]): boolean {
  return words.every((w) => nameTokens.some((t) => t === w || (w.length >= 4 && t.startsWith(w))));
}

function pickBest(candidates: NameCandidate[], score: (c: NameCandidate) => number): NameCandidate[] {
  let best: NameCandidate[] = [];
  let bestScore = 0;
  for (const c of candidates) {
    const s = score(c);
    if (s <= 0) continue;
    const better =
      best.length === 0 ||
      s > bestScore ||
      (s === bestScore && LEVEL_RANK[c.level] < LEVEL_RANK[best[0].level]);
    if (better) {
      best = [c];
      bestScore = s;
    } else if (s === bestScore && c.level === best[0].level) best.push(c);
  }
  return best;
}

/**
 * The best match for a question. `nameWords` are the question's words that are not vocabulary (from
 * the intent parser); `quoted` is a name given in quotes or after "named". Undefined when nothing fits.
 */
export function matchEntityName(
  question: string,
  nameWords: string[],
  candidates: NameCandidate[],
  quoted?: string,
): NameMatch | undefined {
  const named = candidates.filter((c) => c.name && normalizeText(c.name) !== '');
  const q = normalizeText(quoted ?? question);
  const exact = pickBest(named, (c) =>
    contains(q, normalizeText(c.name!)) ? normalizeText(c.name!).length : 0,
  );
  if (exact.length > 0) return { level: exact[0].level, entities: exact, how: 'exact' };
  const words = quoted ? tokensOf(quoted) : nameWords;
  if (words.length === 0) return undefined;
  const fitting = named.filter((c) => allWordsIn(words, tokensOf(c.name!)));
  if (fitting.length === 0) return undefined;
  // the highest level that fits wins ("retargeting" → the campaign, not its ad sets); all its fits count
  const level = fitting.reduce(
    (best, c) => (LEVEL_RANK[c.level] < LEVEL_RANK[best] ? c.level : best),
    fitting[0].level,
  );
  return { level, entities: fitting.filter((c) => c.level === level), how: 'partial' };
}
