// "Which variant had the best CTR?": a word several names share ("Variant A", "Variant B", "Variant C")
// after "which", in a question that ranks, asks which of those entities comes first, not which one
// is meant. Read so, the question is a ranking of every entity at one level whose name holds the word.
// Never a guess: the word must be a whole word of at least two names, all at the level asked (or at one
// level when none is), and no name may be the word alone (that would be the thing named).
import type { NameCandidate } from './entityNameMatcher.js';
import type { Intent } from './intentParser.js';
import type { EntityRef } from './plannerState.js';
import { normalizeText, normalizeWithMap } from './vocabulary.js';

/** The ranking a shared word asks for: the intent as a ranking, and the entities it ranks among. */
export interface SharedWordRanking {
  intent: Intent;
  entity: EntityRef;
}

export function sharedWordRanking(
  intent: Intent,
  candidates: NameCandidate[],
): SharedWordRanking | undefined {
  if (!intent.direction || intent.quotedName || intent.nameWords.length !== 1) return undefined;
  const [written] = intent.nameWords;
  // "which variant" asks for one, "which variants" (or "which of the variants") for several
  if (!new RegExp(`\\b(which|what)( of the)? ${written}\\b`).test(intent.ownText)) return undefined;
  const holders = holdersOf(written, candidates, intent);
  if (!holders) return undefined;
  const { word, level, entities } = holders;
  const plural = written !== word;
  return {
    intent: { ...intent, kind: 'rank', level, limit: intent.limit ?? (plural ? undefined : 1) },
    entity: {
      level,
      ids: entities.map((e) => e.id),
      names: entities.map((e) => e.name ?? e.id),
      shared: asWritten(word, entities[0].name ?? ''),
    },
  };
}

/** The word as the name writes it ("Été" for "ete"): listings match names as written. */
function asWritten(word: string, name: string): string {
  const { text, from } = normalizeWithMap(name);
  const at = ` ${text} `.indexOf(` ${word} `);
  return name.slice(from[at], from[at + word.length - 1] + 1);
}

/** The entities whose names hold the word (or its singular) at one level, when at least two names do. */
function holdersOf(
  written: string,
  candidates: NameCandidate[],
  intent: Intent,
): { word: string; level: NameCandidate['level']; entities: NameCandidate[] } | undefined {
  const singular = written.endsWith('s') ? written.slice(0, -1) : written;
  for (const word of new Set([written, singular])) {
    const named = candidates.filter((c) => {
      const tokens = normalizeText(c.name ?? '').split(' ');
      return tokens.includes(word) && (!intent.level || c.level === intent.level);
    });
    if (named.length === 0) continue;
    if (named.some((c) => normalizeText(c.name ?? '') === word)) return undefined;
    const levels = new Set(named.map((c) => c.level));
    const names = new Set(named.map((c) => c.name));
    if (levels.size !== 1 || names.size < 2) return undefined;
    return { word, level: named[0].level, entities: named };
  }
  return undefined;
}
