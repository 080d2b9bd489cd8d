// A turn that corrects or hesitates before it asks: "no, I meant this week", "sorry, last month", "oops
// I meant the outdoor one", "actually ad sets not campaigns", "hmm and the whole account?". The lead-in
// words are no name and no question of their own: they say the last question is asked again with what
// follows changed.

/** Words that open a correction or a hesitation ("no" only with its comma: "no spend" is a question). */
const LEAD_WORD =
  '(?:no\\s*[,.!]|nope|nah|sorry|oops|whoops|wait|actually|my bad|correction|hmm+|hm|um+|uh+|erm|er|err|oh|ah)';
const LEAD_IN = new RegExp(`^\\s*(?:${LEAD_WORD}(?:[\\s,.!:;-]+|$))+`);
/** "I meant …", "meant to say …": a correction even without a lead-in word. */
const MEANT = /^\s*(?:i\s+)?(?:meant|mean)(?:\s+to\s+(?:say|ask(?:\s+for)?))?\b[\s,:]*/;
/** "what was …", "how many …": a question of its own after the lead-in, which starts fresh. */
const QUESTION_WORD = /\b(what|whats|how|which|who|show|list|tell|give)\b/;
const LEVEL = '(?:campaigns?|ad ?sets?|adsets?|ads?|creatives?)';
/** "ad sets not campaigns", "by ad set, not by campaign", "instead of campaigns": the level replaced. */
const NOT_LEVEL = new RegExp(
  `(?<=\\b${LEVEL}\\b.*?)[\\s,]*\\b(?:not|rather than|instead of)\\s+(?:the\\s+|by\\s+)?${LEVEL}\\b`,
  'g',
);

export interface LeadIn {
  /** The text without its lead-in, and with the level it replaces dropped. */
  rest: string;
  /** It corrects the last question: read as a follow-up of it. */
  corrects: boolean;
}

/** Reads a correction's lead-in off the start of a (lower-case) question. */
export function readLeadIn(text: string): LeadIn {
  const lead = LEAD_IN.exec(text);
  const afterLead = lead ? text.slice(lead[0].length) : text;
  const meant = MEANT.exec(afterLead);
  const rest = (meant ? afterLead.slice(meant[0].length) : afterLead).replace(NOT_LEVEL, '');
  const corrects = meant !== null || (lead !== null && !QUESTION_WORD.test(rest));
  return { rest, corrects };
}
