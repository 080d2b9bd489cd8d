// An emoji typed for a name ("🎁 campaign revenue yesterday", "roas 🛍️ last 7 days"). Normalised text
// keeps letters and digits only, so the emoji vanished and the question read as the whole account's: a
// confident answer about something else. An emoji that appears in one name only stands for that name;
// one in several names names one of them we cannot tell apart; one in no name is left alone (a 🙏 or a
// 👀 asks for nothing).
import type { NameCandidate } from './entityNameMatcher.js';
import { FILLER_WORDS, normalizeText } from './vocabulary.js';

/** A pictograph with the variation selector and skin tone that may follow it. */
const EMOJI = /\p{Extended_Pictographic}[\u{FE0F}\u{1F3FB}-\u{1F3FF}]?/gu;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;

export type EmojiNames =
  /** The question with each emoji that stands for one name written as that name. */
  | { kind: 'named'; question: string }
  /** An emoji several names hold. */
  | { kind: 'ambiguous'; emoji: string; options: NameCandidate[] };

export function hasEmoji(question: string): boolean {
  return PICTOGRAPH.test(question);
}

export function readEmojiNames(question: string, candidates: NameCandidate[]): EmojiNames {
  let out = question;
  for (const emoji of new Set(question.match(EMOJI) ?? [])) {
    const picture = emoji.match(PICTOGRAPH)![0];
    const holders = candidates.filter((c) => c.name?.includes(picture));
    const names = [...new Set(holders.map((c) => c.name!))];
    if (names.length > 1) return { kind: 'ambiguous', emoji, options: holders };
    if (names.length === 0) continue;
    // "gift guide 🎁 spend": the name's words already say which one; the emoji adds nothing to read
    const [name] = names;
    const asked = new Set(normalizeText(out).split(' '));
    const written = normalizeText(name)
      .split(' ')
      .some((w) => asked.has(w) && !FILLER_WORDS.has(w));
    out = out.replaceAll(emoji, written ? ' ' : ` ${name} `);
  }
  return { kind: 'named', question: out };
}
