// Words about why a question is asked, around the question proper: a leading clause about who asks
// and what for ("I'm preparing the Monday deck for our leadership team …: what did X spend", "Our
// finance team closes the books on the 5th and they need …") and a trailing guess at the answer
// ("which campaign spent the most? i think it was black friday but not sure"). Their words are no
// names and their dates not the question's. The reading decides whether a part stands on its own
// (questionReading.readQuestion): a guess is left aside whenever the rest asks which one (the guess
// would be read as a name to rank within), a clause only once the whole question did not read.
import { parseIntent } from './intentParser.js';
import { ASKER, normalizeText } from './vocabulary.js';

export interface QuestionPart {
  /** The question proper. */
  text: string;
  /** The words left aside. */
  rest: string;
  /**
   * What was left aside: another sentence, a clause before the question (which may have named what
   * "it" is), or a guess after it (the answer to a "which one?").
   */
  aside: 'sentence' | 'clause' | 'guess';
}

/**
 * Where a leading clause ends: a colon, a semicolon, a spaced dash, "and they need …", or a comma (or a
 * "so") before the request itself ("…, can you list", "…, and I want to know", "… so just give me").
 */
const CLAUSE_END =
  /\s*[:;]\s+|\s+[—–-]\s+|,?\s+and\s+(?=(?:they|he|she)\s+(?:need|needs|want|wants|asked|asks|would like)\b)|(?:,\s*|\s+so\s+|,\s*(?:and|so)\s+)(?=(?:(?:can|could|would)\s+(?:you|u)|(?:i|we)\s+(?:want|wanna|need|would like)\s+to\s+(?:know|see)|(?:just\s+)?give\s+me|what\s+i\s+need\s+is)\b)/gi;
/**
 * A person in the clause makes it one about who asks or why ("I'm preparing", "the boss wants"), as an
 * apology does ("sorry if this is a silly question —").
 */
const PERSON = new RegExp(`\\b(?:i|i m|we|my|our|me|us|sorry|apologies|${ASKER})\\b`);
/**
 * A level word: the clause may name what the question asks about ("I'm looking at the X campaign:");
 * "we only run Meta ads" names none.
 */
const LEVEL_WORD =
  /\b(?<!(?:meta|facebook|fb|instagram|ig) )(campaigns?|ad ?sets?|adsets?|ads?|creatives?)\b/;
/** A guess at the answer, after the question. */
const GUESS =
  /[,.?!]?\s+(?:i think|i guess|i believe|i bet|i suspect|my guess is|probably|maybe|pretty sure)\b/gi;

/** The question proper without a leading clause about the asker, earliest split first. */
export function clauseParts(question: string): QuestionPart[] {
  const parts: QuestionPart[] = [];
  for (const m of question.matchAll(CLAUSE_END)) {
    const rest = question.slice(0, m.index).trim();
    const clause = normalizeText(rest);
    const text = question.slice(m.index + m[0].length).trim();
    if (text && PERSON.test(clause) && !LEVEL_WORD.test(clause)) parts.push({ text, rest, aside: 'clause' });
  }
  return parts;
}

/**
 * The question proper without a guess after it ("… i think it was black friday"). A guess only names
 * (what "maybe show the top 3 by spend" asks is more of the question, never left aside).
 */
export function guessParts(question: string, today: string): QuestionPart[] {
  return [...question.matchAll(GUESS)]
    .filter((m) => m.index > 0 && onlyNames(question.slice(m.index), today))
    .map((m) => ({
      text: question.slice(0, m.index).trim(),
      rest: question.slice(m.index).trim(),
      aside: 'guess',
    }));
}

function onlyNames(guess: string, today: string): boolean {
  const intent = parseIntent(guess, today);
  return (
    intent.metrics.length === 0 &&
    !intent.time &&
    !intent.direction &&
    !intent.groupBy &&
    intent.limit === undefined &&
    !/\d/.test(guess)
  );
}
