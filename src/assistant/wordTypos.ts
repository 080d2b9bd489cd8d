// Misspelled vocabulary ("revnue", "impresions", "campagins", "yesturday", "spned") read as the word
// meant: one slip (a letter added, dropped, changed, or two swapped) in a short word, two in a long
// one, and only when exactly one word of ours is that close. Only words that are no entity name's words
// are corrected. A word of three or four letters has too many neighbours for any slip: it is read only
// as two swapped letters of a measure or a common word ("rosa", "waht", "teh") or as a longer measure
// word with a vowel dropped ("leds"), so a name is never bent into a measure.
import { LEVEL_PHRASES, METRIC_PHRASES } from './vocabulary.js';

/**
 * The words typed most often around a question ("waht was teh roas"): misspelled, they were taken for
 * words of a name. "from" is left out: its swap "form" is a word of names ("Instant Form").
 */
const COMMON_WORDS = `what the was how many much did does this that with for and are our have has which when
  where than they them`.split(/\s+/);

const WORDS = [
  ...new Set([
    ...[...METRIC_PHRASES, ...LEVEL_PHRASES].map(([p]) => p).filter((p) => !p.includes(' ')),
    ...`yesterday today week month quarter year days weeks months compare versus breakdown daily weekly
    monthly highest lowest worst best paused active archived deleted running campaigns spent spending
    performance overview previous through october november december september january february august`.split(
      /\s+/,
    ),
    ...COMMON_WORDS,
  ]),
].filter((w) => w.length >= 5);

const MEANING = new Map<string, string>([...METRIC_PHRASES, ...LEVEL_PHRASES].map(([p, v]) => [p, v]));

/** Short measure words and common words, matched only by two swapped letters ("rosa" → "roas"). */
const SHORT_WORDS = [
  ...[...METRIC_PHRASES, ...LEVEL_PHRASES].map(([p]) => p).filter((p) => !p.includes(' ') && p.length === 4),
  ...COMMON_WORDS.filter((w) => w.length <= 4),
];

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

/** Two neighbouring letters swapped, the rest the same ("teh" for "the"). */
function swapped(w: string, v: string): boolean {
  if (w.length !== v.length) return false;
  const i = [...w].findIndex((c, k) => c !== v[k]);
  return i >= 0 && w[i] === v[i + 1] && w[i + 1] === v[i] && w.slice(i + 2) === v.slice(i + 2);
}

/** One vowel of `v` left out ("leds" for "leads"), as people type in a hurry. */
function vowelDropped(w: string, v: string): boolean {
  return [...v].some((c, k) => 'aeiou'.includes(c) && v.slice(0, k) + v.slice(k + 1) === w);
}

/** The words a short word (three or four letters) may be a slip of. */
function shortSlips(w: string): string[] {
  return [...SHORT_WORDS.filter((v) => swapped(w, v)), ...WORDS.filter((v) => vowelDropped(w, v))];
}

/** One slip in a word of 5–6 letters, two from 7 letters on ("stale" is two slips from "sales": not a
 * typo of it); a shorter word only as shortSlips reads it. */
function slip(w: string): string | undefined {
  const allowed = w.length >= 7 ? 2 : 1;
  const pool = w.length <= 4 ? shortSlips(w) : WORDS;
  let best: string[] = [];
  let least = allowed + 1;
  for (const v of pool) {
    if (v[0] !== w[0] || v === w) continue;
    const d = editDistance(v, w);
    if (d < least) [best, least] = [[v], d];
    else if (d === least && d <= allowed) best.push(v);
  }
  // the closest word wins; a tie between two meanings is no correction ("purchase"/"purchases" is one)
  const meanings = new Set(best.map((v) => MEANING.get(v) ?? v));
  return meanings.size === 1 ? best[0] : undefined;
}

/** Words clipped short as people type them ("top 3 camps by roas"), read only where no name holds them. */
const CLIPPED = new Map([
  ['camp', 'campaign'],
  ['camps', 'campaigns'],
]);

/** [written, meant] for each leftover word that is a misspelling (or a clipping) of our vocabulary. */
export function vocabularyTypos(words: string[], nameTokens: ReadonlySet<string>): [string, string][] {
  const out: [string, string][] = [];
  for (const w of words) {
    if (w.length < 3 || nameTokens.has(w) || /\d/.test(w)) continue;
    const near = CLIPPED.get(w) ?? slip(w);
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
