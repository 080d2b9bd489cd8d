// Misspelled vocabulary ("revnue", "impresions", "campagins", "yesturday") read as the word meant, with
// fuse.js. Only words that are no entity name's words are corrected, and only long enough words (a
// short word is too easily another word), so a name is never bent into a measure.
import Fuse from 'fuse.js';
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

const fuse = new Fuse(WORDS, { includeScore: true, threshold: 0.3, ignoreLocation: true });

/** [written, meant] for each leftover word that is a misspelling of our vocabulary. */
export function vocabularyTypos(words: string[], nameTokens: ReadonlySet<string>): [string, string][] {
  const out: [string, string][] = [];
  for (const w of words) {
    if (w.length < 5 || nameTokens.has(w) || /\d/.test(w)) continue;
    const hit = fuse.search(w, { limit: 1 })[0];
    const close = hit && hit.item[0] === w[0] && Math.abs(hit.item.length - w.length) <= 2;
    if (close && hit.item !== w) out.push([w, hit.item]);
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
