// Finds the campaign, ad set or ad a question names, among candidate names from list_entities
// (status any). Accent-, case- and punctuation-insensitive: "ete 2026 retargeting" finds
// "Été 2026 · Retargeting". Three tries, most certain first:
//   1. exact: a whole name appears in the question (the longest wins);
//   2. partial: every word the question left over appears in the name ("black friday");
//   3. fuzzy: the same after correcting misspelled words against the names' words (fuse.js),
//      so "retargetting" reads as "retargeting" and the answer says so.
// Several different names fitting equally well is never settled by picking one: the planner lists
// them with their level ("did you mean …?"). Entities sharing one name (ad names repeat across ad sets)
// are one match. A level named in the question ("the ad set …") restricts the candidates.
import Fuse from 'fuse.js';
import type { Level } from '../tools/schemas.js';
import { normalizeText } from './vocabulary.js';
import { editDistance } from './wordTypos.js';

export interface NameCandidate {
  id: string;
  name: string | null;
  level: Level;
  /** The ad set of an ad, the campaign of an ad set (scopes "the X ad in Y"). */
  parentId?: string | null;
  /** Its campaign's goal ("leads", "purchases", …): what one of its results is. */
  goal?: string | null;
}

export interface NameMatch {
  level: Level;
  /** The matched entities (one name, one level; several entities when the name repeats). */
  entities: NameCandidate[];
  how: 'exact' | 'partial' | 'fuzzy';
  /** The question's words the name used. */
  words: string[];
  /** For a fuzzy match: the misspelled words and what they were read as. */
  corrections?: [string, string][];
}

export type NameResult =
  | { kind: 'match'; match: NameMatch }
  | { kind: 'ambiguous'; options: NameCandidate[]; words: string[] }
  | { kind: 'none' };

const LEVEL_RANK: Record<Level, number> = { campaign: 0, adset: 1, ad: 2 };
/** The most names a question that fits several is offered. */
export const MAX_OPTIONS = 8;

function tokensOf(name: string): string[] {
  return normalizeText(name).split(' ').filter(Boolean);
}

function wordFits(word: string, token: string): boolean {
  return token === word || (word.length >= 4 && token.startsWith(word));
}

/**
 * A word as a question may write a name's word: the same, shortened with its first letter kept ("blk",
 * "blck" for "black"), or with one slip ("blak", "balck"; two from 7 letters on).
 */
export function writesNameWord(written: string, word: string): boolean {
  if (written === word) return true;
  if (written.length < 3 || written[0] !== word[0]) return false;
  return lettersInOrder(written, word) || editDistance(written, word) <= (word.length >= 7 ? 2 : 1);
}

/**
 * The candidates that have a name (of `level` when given), the same array for the same candidates:
 * the planner keeps one list of an account's names while it is fresh and asks of it question after
 * question, and at 20,000 ads filtering and grouping it again for each was a chat question's largest
 * cost under load (bench:load).
 */
function namedOf(candidates: NameCandidate[], level?: Level): NameCandidate[] {
  let byLevel = NAMED.get(candidates);
  if (!byLevel) {
    byLevel = new Map();
    NAMED.set(candidates, byLevel);
  }
  const key = level ?? '*';
  let named = byLevel.get(key);
  if (!named) {
    named = candidates.filter((c) => c.name && normalizeText(c.name) !== '' && (!level || c.level === level));
    byLevel.set(key, named);
  }
  return named;
}
const NAMED = new WeakMap<NameCandidate[], Map<string, NameCandidate[]>>();

/**
 * Candidates grouped by (level, normalised name): one group is one thing a person means. Kept per
 * array (namedOf's are kept), never changed by a caller.
 */
function groups(candidates: NameCandidate[]): NameCandidate[][] {
  const kept = GROUPS.get(candidates);
  if (kept) return kept;
  const grouped = groupNames(candidates);
  GROUPS.set(candidates, grouped);
  return grouped;
}
const GROUPS = new WeakMap<NameCandidate[], NameCandidate[][]>();

function groupNames(candidates: NameCandidate[]): NameCandidate[][] {
  const by = new Map<string, NameCandidate[]>();
  for (const c of candidates) {
    const key = `${c.level}:${normalizeText(c.name ?? '')}`;
    const group = by.get(key);
    if (group) group.push(c);
    else by.set(key, [c]);
  }
  return [...by.values()].sort((a, b) => LEVEL_RANK[a[0].level] - LEVEL_RANK[b[0].level]);
}

function decide(fitting: NameCandidate[][], how: NameMatch['how'], words: string[]): NameResult {
  if (fitting.length === 0) return { kind: 'none' };
  if (fitting.length === 1)
    return { kind: 'match', match: { level: fitting[0][0].level, entities: fitting[0], how, words } };
  return { kind: 'ambiguous', options: fitting.slice(0, MAX_OPTIONS).map((g) => g[0]), words };
}

/** The normalised name of each group, kept per grouping (groups keeps those). */
function groupNamesOf(all: NameCandidate[][]): string[] {
  let names = GROUP_NAMES.get(all);
  if (!names) {
    names = all.map((g) => normalizeText(g[0].name!));
    GROUP_NAMES.set(all, names);
  }
  return names;
}
const GROUP_NAMES = new WeakMap<NameCandidate[][], string[]>();

function exactMatch(text: string, all: NameCandidate[][]): NameResult {
  const padded = ` ${text} `;
  const names = groupNamesOf(all);
  let best: NameCandidate[][] = [];
  let bestLength = 0;
  for (const [i, g] of all.entries()) {
    const n = names[i];
    if (!padded.includes(` ${n} `) || n.length < bestLength) continue;
    if (n.length > bestLength) best = [];
    best.push(g);
    bestLength = n.length;
  }
  return decide(best, 'exact', best.length > 0 ? normalizeText(best[0][0].name!).split(' ') : []);
}

function partialMatch(words: string[], all: NameCandidate[][], how: NameMatch['how']): NameResult {
  const fitting = all.filter((g) => {
    const tokens = tokensOf(g[0].name!);
    return words.every((w) => tokens.some((t) => wordFits(w, t)));
  });
  if (fitting.length <= 1) return decide(fitting, how, words);
  // the words in a row, as written, beat the same words scattered through a longer name
  const phrase = words.join(' ');
  const inOrder = fitting.filter((g) => ` ${normalizeText(g[0].name!)} `.includes(` ${phrase}`));
  return decide(inOrder.length > 0 ? inOrder : fitting, how, words);
}

/**
 * All the words fitting a name is a match. Failing that, the longest run of them that fits some name
 * is only a suggestion ("Summer Blowout" is not "Summer Sale"): it comes back as 'ambiguous', unless
 * the other words shorten words of that name ("adv audience").
 */
function bestRun(words: string[], all: NameCandidate[][], how: NameMatch['how']): NameResult {
  const whole = partialMatch(words, all, how);
  if (whole.kind !== 'none') return whole;
  for (let size = words.length - 1; size >= 1; size--) {
    for (let start = 0; start + size <= words.length; start++) {
      const run = words.slice(start, start + size);
      if (run.join('').length < 4) continue;
      const result = partialMatch(run, all, how);
      const shortenedMatch =
        result.kind === 'match' ? withShortenedWords(words, run, result.match) : undefined;
      if (shortenedMatch) return { kind: 'match', match: shortenedMatch };
      if (result.kind === 'match') return { kind: 'ambiguous', options: [result.match.entities[0]], words };
      if (result.kind === 'ambiguous') return { ...result, words };
    }
  }
  return { kind: 'none' };
}

/**
 * "adv audience", "holiday gft guide": the words beside a run that fits one name ("audience",
 * "holiday"), each a word of that name or shortening one, make it that name, read so. Any other word
 * leaves the name a suggestion ("summer blowout" is not "Summer Sale").
 */
function withShortenedWords(words: string[], run: string[], match: NameMatch): NameMatch | undefined {
  const tokens = tokensOf(match.entities[0].name!);
  const corrections: [string, string][] = [];
  for (const word of without(words, run)) {
    if (tokens.some((t) => wordFits(word, t))) continue;
    const token = shortened(word, tokens);
    if (!token) return undefined;
    corrections.push([word, token]);
  }
  return { ...match, how: 'fuzzy', words, corrections };
}

/**
 * "adv" → "advantage", "blk" → "black": a word of three letters or more that shortens exactly one of
 * the tokens, as its start or as its consonants in order (same first letter).
 */
function shortened(word: string, tokens: string[]): string | undefined {
  if (word.length < 3 || !/^[a-z]+$/.test(word)) return undefined;
  const consonants = !/[aeiou]/.test(word.slice(1));
  const fits = tokens.filter(
    (t) =>
      t.length > word.length &&
      t[0] === word[0] &&
      (t.startsWith(word) || (consonants && lettersInOrder(word, t))),
  );
  return fits.length === 1 ? fits[0] : undefined;
}

/** Every letter of `word` in `token`, in the same order ("blk" in "black"). */
function lettersInOrder(word: string, token: string): boolean {
  let at = 0;
  for (const c of word) {
    at = token.indexOf(c, at) + 1;
    if (at === 0) return false;
  }
  return true;
}

/**
 * "BF" → "black friday": a short word that is the initials of consecutive words of exactly one name
 * (names with digits and symbols skipped). Only for words no name contains as they are.
 */
function acronym(word: string, all: NameCandidate[][]): string | undefined {
  if (word.length < 2 || word.length > 3 || /\d/.test(word)) return undefined;
  const expansions = new Set<string>();
  for (const g of all) {
    const tokens = tokensOf(g[0].name!).filter((t) => /^[a-z]/.test(t));
    for (let i = 0; i + word.length <= tokens.length; i++) {
      const run = tokens.slice(i, i + word.length);
      if (run.map((t) => t[0]).join('') === word && run.every((t) => t.length >= 3))
        expansions.add(run.join(' '));
    }
  }
  return expansions.size === 1 ? [...expansions][0] : undefined;
}

/** Misspelled words → the closest words used in names (only words no name contains as they are). */
function corrections(words: string[], all: NameCandidate[][]): [string, string][] {
  const vocabulary = [...new Set(all.flatMap((g) => tokensOf(g[0].name!)).filter((t) => t.length >= 3))];
  const fuse = new Fuse(vocabulary, { includeScore: true, threshold: 0.34, ignoreLocation: true });
  const out: [string, string][] = [];
  for (const w of words) {
    if (vocabulary.some((t) => wordFits(w, t))) continue;
    const initials = acronym(w, all);
    if (initials) {
      out.push([w, initials]);
      continue;
    }
    if (w.length < 4 || /\d/.test(w)) continue;
    const hit = fuse.search(w, { limit: 1 })[0];
    // same first letter and about the same length: "paying" is not "spring"
    if (hit && hit.item[0] === w[0] && Math.abs(hit.item.length - w.length) <= 2) out.push([w, hit.item]);
  }
  return out;
}

/**
 * "var a": three letters that start exactly one word of the names ("variant"). Too short to read as a
 * name's word on their own ("out" is no "Outdoor"): only a whole name they complete is taken.
 */
function startFixes(words: string[], all: NameCandidate[][]): [string, string][] {
  const vocabulary = [...new Set(all.flatMap((g) => tokensOf(g[0].name!)))];
  return words.flatMap((w): [string, string][] => {
    if (w.length !== 3 || !/^[a-z]+$/.test(w) || vocabulary.includes(w)) return [];
    const starts = vocabulary.filter((t) => t.startsWith(w));
    return starts.length === 1 ? [[w, starts[0]]] : [];
  });
}

/**
 * The entity a question names. `text` is the question's own words (normalised or not); `nameWords` the
 * words no slot used; `quoted` a name given in quotes or after "named"; `level` a level the question
 * named. Exact names are looked for in `text` and `quoted`.
 */
export function matchEntityName(
  text: string,
  nameWords: string[],
  candidates: NameCandidate[],
  quoted?: string,
  level?: Level,
): NameResult {
  const named = namedOf(candidates);
  // a level named in the question narrows the search, unless that level's word was part of the name
  if (level) {
    const scoped = matchIn(text, nameWords, namedOf(candidates, level), quoted);
    if (scoped.kind !== 'match') return matchIn(text, nameWords, named, quoted);
    if (scoped.match.how === 'exact') return scoped;
    // a whole name at another level beats part of one at the level asked: in "what campaign does the
    // Retargeting 14d ad set belong to?" the campaign asked for is not the one named "… · Retargeting"
    const anywhere = matchIn(text, nameWords, named, quoted);
    return anywhere.kind === 'match' && anywhere.match.how === 'exact' ? anywhere : scoped;
  }
  return matchIn(text, nameWords, named, quoted);
}

function matchIn(text: string, nameWords: string[], named: NameCandidate[], quoted?: string): NameResult {
  const all = groups(named);
  const exact = exactMatch(normalizeText(quoted ?? text), all);
  if (exact.kind !== 'none') return exact;
  const words = quoted ? tokensOf(quoted) : nameWords;
  if (words.length === 0) return { kind: 'none' };
  const partial = quoted ? partialMatch(words, all, 'partial') : bestRun(words, all, 'partial');
  if (partial.kind === 'match') return partial;
  // a suggestion from some of the words waits: correcting a misspelling may make all of them fit
  const fixes = corrections(words, all);
  const completing = [...fixes, ...startFixes(words, all)];
  if (completing.length === 0) return partial;
  const fixed = words.flatMap((w) => (fixes.find(([from]) => from === w)?.[1] ?? w).split(' '));
  // "varient a", "var a": corrected, the whole name may be there, short words and all
  const fixedText = normalizeText(quoted ?? text)
    .split(' ')
    .map((w) => completing.find(([from]) => from === w)?.[1] ?? w)
    .join(' ');
  const exactFixed = exactMatch(fixedText, all);
  if (exactFixed.kind === 'match') {
    exactFixed.match.how = 'fuzzy';
    exactFixed.match.corrections = completing.filter(([, to]) => exactFixed.match.words.includes(to));
    exactFixed.match.words = exactFixed.match.words.map(
      (w) => completing.find(([, to]) => to.split(' ').includes(w))?.[0] ?? w,
    );
    return exactFixed;
  }
  if (fixes.length === 0) return partial;
  const fuzzy = quoted ? partialMatch(fixed, all, 'fuzzy') : bestRun(fixed, all, 'fuzzy');
  if (fuzzy.kind === 'match')
    fuzzy.match.corrections = [
      ...(fuzzy.match.corrections ?? []),
      ...fixes.filter(([, to]) => to.split(' ').every((t) => fuzzy.match.words.includes(t))),
    ];
  if (fuzzy.kind === 'match' || fuzzy.kind === 'ambiguous') {
    // report the words as the person wrote them
    const original = (w: string) => fixes.find(([, to]) => to.split(' ').includes(w))?.[0] ?? w;
    const asWritten = (ws: string[]) => [...new Set(ws.map(original))];
    if (fuzzy.kind === 'match') fuzzy.match.words = asWritten(fuzzy.match.words);
    else fuzzy.words = asWritten(fuzzy.words);
  }
  return fuzzy.kind === 'none' ? partial : fuzzy;
}

/** Two names in one question: compared ("A vs B"), or one inside the other ("the X ad in Y"). */
export interface NamePair {
  /** In the order the question names them. */
  first: NameMatch;
  second: NameMatch;
  /** Name words neither name used. */
  unused: string[];
  /** More whole names after the first two ("Variant A, Variant B and Variant C"). */
  more?: NameMatch[];
}

interface Found {
  group: NameCandidate[];
  at: number;
  words: string[];
}

/** Whole names in the text, longest first, never overlapping; each holds a word no slot used or a number. */
function exactNames(text: string, nameWords: string[], all: NameCandidate[][]): Found[] {
  const padded = ` ${normalizeText(text)} `;
  const taken: [number, number][] = [];
  const found: Found[] = [];
  const byLength = [...all].sort((a, b) => b[0].name!.length - a[0].name!.length);
  for (const g of byLength) {
    const words = tokensOf(g[0].name!);
    // a name of our words alone ("Reach – US" is a measure and a filler word) is no name; digits count
    if (words.length < 2 || !words.some((w) => nameWords.includes(w) || /^\d+$/.test(w))) continue;
    const n = ` ${words.join(' ')} `;
    for (let at = padded.indexOf(n); at >= 0; at = padded.indexOf(n, at + 1)) {
      const end = at + n.length;
      if (taken.some(([a, b]) => at < b - 1 && end - 1 > a)) continue;
      taken.push([at, end]);
      found.push({ group: g, at, words });
      break;
    }
  }
  return found.sort((a, b) => a.at - b.at);
}

function asMatch(f: Found, how: NameMatch['how'] = 'exact'): NameMatch {
  return { level: f.group[0].level, entities: f.group, how, words: f.words };
}

function without(words: string[], used: string[]): string[] {
  const left = [...words];
  for (const u of used) {
    const i = left.indexOf(u);
    if (i >= 0) left.splice(i, 1);
  }
  return left;
}

/** All of these words name exactly one thing (partial or after correcting a typo). */
function wholeMatch(words: string[], named: NameCandidate[]): NameMatch | undefined {
  if (words.length === 0) return undefined;
  const r = matchIn('', words, named);
  return r.kind === 'match' ? r.match : undefined;
}

/**
 * "blog readers ca vs us", "instant form uk vs us": one word beside a whole name is its sibling's, that
 * name with its last word swapped for it, at its level (under its parent where the name repeats); "us"
 * alone is a word of many names and names none of them.
 */
function siblingMatch(one: NameMatch, words: string[], named: NameCandidate[]): NameMatch | undefined {
  const tokens = tokensOf(one.entities[0].name!);
  if (words.length !== 1 || tokens.length < 2 || tokens.at(-1) === words[0]) return undefined;
  const wanted = [...tokens.slice(0, -1), words[0]].join(' ');
  const found = named.filter((c) => c.level === one.level && normalizeText(c.name!) === wanted);
  const parents = new Set(one.entities.map((e) => e.parentId));
  const siblings = found.filter((c) => parents.has(c.parentId));
  const entities = siblings.length > 0 ? siblings : found;
  return entities.length > 0 ? { level: one.level, entities, how: 'partial', words } : undefined;
}

const sameGroup = (a: NameMatch, b: NameMatch) => a.entities[0].id === b.entities[0].id;

/**
 * Two names in one question, or undefined. Misspelled name words are corrected first ("varient a" is
 * then the whole name "variant a"). Whole names first; then the words left over as one name; then
 * the words split in two where both halves name exactly one thing ("black friday holiday gift
 * guide"). A word that fits no name at all may be part of a name we do not have ("Summer Blowout"):
 * then there is no pair, never one on a guess.
 */
export function matchPair(
  asked: string,
  askedWords: string[],
  candidates: NameCandidate[],
): NamePair | undefined {
  const named = namedOf(candidates);
  const all = groups(named);
  const known = (w: string) => all.some((g) => tokensOf(g[0].name!).some((t) => wordFits(w, t)));
  const fixes = corrections(
    askedWords.filter((w) => !known(w)),
    all,
  );
  const fix = (w: string) => fixes.find(([from]) => from === w)?.[1] ?? w;
  const text = normalizeText(asked).split(' ').map(fix).join(' ');
  const nameWords = askedWords.flatMap((w) => fix(w).split(' '));
  const pair = pairIn(text, nameWords, all, named);
  if (!pair) return undefined;
  for (const m of [pair.first, pair.second, ...(pair.more ?? [])]) {
    const own = fixes.filter(([, to]) => to.split(' ').every((t) => m.words.includes(t)));
    if (own.length > 0) [m.how, m.corrections] = ['fuzzy', own];
  }
  return pair;
}

function pairIn(
  text: string,
  nameWords: string[],
  all: NameCandidate[][],
  named: NameCandidate[],
): NamePair | undefined {
  const exact = exactNames(text, nameWords, all);
  const rest = without(
    nameWords,
    exact.flatMap((f) => f.words),
  );
  if (exact.length >= 2)
    return {
      first: asMatch(exact[0]),
      second: asMatch(exact[1]),
      unused: rest,
      more: exact.slice(2).map((f) => asMatch(f)),
    };
  const fitting = rest.filter((w) => fitsSomeName(w, all));
  const unused = rest.filter((w) => !fitting.includes(w));
  if (unused.length > 0) return undefined;
  if (exact.length === 1) {
    const one = asMatch(exact[0]);
    const whole = siblingMatch(one, fitting, named) ?? wholeMatch(fitting, named);
    const others = whole ? [whole] : splitNames(fitting, named);
    if (!others || others.some((o) => sameGroup(o, one))) return undefined;
    const otherFirst = normalizeText(text).indexOf(fitting[0]) < exact[0].at;
    return pairOf(otherFirst ? [...others, one] : [one, ...others], unused);
  }
  const names = splitNames(fitting, named);
  return names ? pairOf(names, unused) : undefined;
}

function pairOf([first, second, ...more]: NameMatch[], unused: string[]): NamePair {
  return { first, second, unused, ...(more.length > 0 ? { more } : {}) };
}

/** The most names one question is split into ("bf, the gift guide, always-on and summer sale" is 4). */
const MAX_SPLIT = 5;

/**
 * "black friday holiday gift guide", "bf gift guide always": the words split in order into runs that
 * each name exactly one thing, all different; in two if they can be, else in three, and so on (the
 * fewest names that use every word).
 */
function splitNames(words: string[], named: NameCandidate[]): NameMatch[] | undefined {
  const matches = new Map<string, NameMatch | undefined>();
  const runMatch = (from: number, to: number) => {
    const key = `${from}:${to}`;
    if (!matches.has(key)) matches.set(key, wholeMatch(words.slice(from, to), named));
    return matches.get(key);
  };
  const split = (from: number, parts: number): NameMatch[] | undefined => {
    if (parts === 1) {
      const last = runMatch(from, words.length);
      return last ? [last] : undefined;
    }
    for (let to = from + 1; words.length - to >= parts - 1; to++) {
      const head = runMatch(from, to);
      const tail = head && split(to, parts - 1);
      if (tail && !tail.some((m) => sameGroup(m, head))) return [head, ...tail];
    }
    return undefined;
  };
  for (let parts = 2; parts <= Math.min(words.length, MAX_SPLIT); parts++) {
    const found = split(0, parts);
    if (found) return found;
  }
  return undefined;
}

/** A word some name holds (as written, as a prefix, as initials or after correcting a typo). */
function fitsSomeName(word: string, all: NameCandidate[][]): boolean {
  if (all.some((g) => tokensOf(g[0].name!).some((t) => wordFits(word, t)))) return true;
  return corrections([word], all).length > 0;
}
