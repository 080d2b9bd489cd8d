// Misspelled vocabulary ("revnue", "impresions", "campagins", "yesturday", "spned") read as the word
// meant: one slip (a letter added, dropped, changed, or two swapped) in a short word, two in a long
// one, and only when exactly one word of ours is that close. Only words that are no entity name's words
// are corrected, and 4-letter words only by a swap, so a name is never bent into a measure.
import { LEVEL_PHRASES, METRIC_PHRASES } from './vocabulary.js';

const WORDS = [
  ...new Set([
    ...[...METRIC_PHRASES, ...LEVEL_PHRASES].map(([p]) => p).filter((p) => !p.includes(' ')),
    ...`yesterday today week month quarter year days weeks months compare versus breakdown daily weekly
    monthly highest lowest worst best paused active archived deleted running campaigns spent spending
    performance overview previous through october november december september january february august`.split(
      /\s+/,
    ),
  ]),
].filter((w) => w.length >= 5);

const MEANING = new Map<string, string>([...METRIC_PHRASES, ...LEVEL_PHRASES].map(([p, v]) => [p, v]));

/** Short measure words, matched only by two swapped letters ("rosa" → "roas"). */
const SHORT_WORDS = [...METRIC_PHRASES, ...LEVEL_PHRASES]
  .map(([p]) => p)
  .filter((p) => !p.includes(' ') && p.length === 4);

/**
 * Edits between two words, counting two swapped neighbours as one (optimal string alignment):
 * fuse.js scores "spned" far from "spend", though a typist reads it as one slip.
 */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}

/** One slip in a word of 5–6 letters, two from 7 letters on; a 4-letter word only by a swap ("stale" is
 * two slips from "sales": not a typo of it). */
function slip(w: string): string | undefined {
  const allowed = w.length >= 7 ? 2 : 1;
  const pool = w.length === 4 ? SHORT_WORDS : WORDS;
  let best: string[] = [];
  let least = allowed + 1;
  for (const v of pool) {
    if (v[0] !== w[0] || v === w) continue;
    if (w.length === 4 && [...v].sort().join('') !== [...w].sort().join('')) continue;
    const d = editDistance(v, w);
    if (d < least) [best, least] = [[v], d];
    else if (d === least && d <= allowed) best.push(v);
  }
  // the closest word wins; a tie between two meanings is no correction ("purchase"/"purchases" is one)
  const meanings = new Set(best.map((v) => MEANING.get(v) ?? v));
  return meanings.size === 1 ? best[0] : undefined;
}

/** [written, meant] for each leftover word that is a misspelling of our vocabulary. */
export function vocabularyTypos(words: string[], nameTokens: ReadonlySet<string>): [string, string][] {
  const out: [string, string][] = [];
  for (const w of words) {
    if (w.length < 4 || nameTokens.has(w) || /\d/.test(w)) continue;
    const near = slip(w);
    if (near) out.push([w, near]);
  }
  return out;
}

/** The question with those words replaced (whole words, any case). */
export function applyTypos(question: string, typos: [string, string][]): string {
  let out = question;
  for (const [from, to] of typos)
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${from}(?![\\p{L}\\p{N}])`, 'giu'), to);
  return out;
}
