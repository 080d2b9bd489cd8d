// The person's own words, apart from text they quoted or pasted. Actions (trigger_sync) are taken only
// from their own words: a campaign named "… trigger a sync", a quoted instruction or a pasted email
// saying "please run a full sync" is data, never a command, in the planner and in the LLM guard alike.
// A short quoted phrase without an instruction in it is kept as the name the person is asking about.
import { normalizeText } from './vocabulary.js';

export interface OwnWords {
  /** The question without quoted or pasted text (and without the entity names given). */
  text: string;
  /** A quoted phrase that reads like a name ("How much did "Summer Sale" spend?"). */
  quoted?: string;
  /** Quoted or pasted text that was set aside, for the answer to mention. */
  setAside?: string;
}

const QUOTED = /["“”«»]([^"“”«»]{1,200})["“”«»]|(?<=^|[\s(])['‘]([^'‘’]{2,120})['’](?=$|[\s?.!,:;)])/g;
const BLOCKS = /<(system|assistant|user|tool|instructions?)>[\s\S]*?<\/\1>|>>[\s\S]*?<<|-{3,}[\s\S]*?-{3,}/gi;
const REPORTED =
  /\b(wrote|writes|emailed|e-mailed|says|said|forwarded|pasted|slack|texted|messaged)\b|\b(message|email|e-mail|note)\s*:|\bignore (all |your |the |any |previous |prior )*(instructions|rules)\b|trigger_sync/i;
const NAMED_BEFORE = /\b(for|of|in|on|named|called|campaign|set|ad|did)\s*$/i;
const INSTRUCTION =
  /\b(sync|resync|refresh|reload|trigger|run|start|delete|pause|ignore|disregard|execute|call|tool|system)\b/;

function isNameLike(text: string): boolean {
  const t = normalizeText(text);
  return t.split(' ').length <= 8 && !INSTRUCTION.test(t);
}

export function ownWords(question: string, entityNames: string[]): OwnWords {
  const setAside: string[] = [];
  let text = question;
  // pasted text: whatever follows the first line, or a "… wrote:" marker
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length > 1) {
    setAside.push(lines.slice(1).join(' '));
    text = lines[0];
  }
  // blocks marked off as someone else's text: <system>…</system>, >> … <<, ---- … ----
  // (a block ends a sentence: "Forwarded message: ---- … ---- what's our revenue?" asks about revenue)
  text = text.replace(BLOCKS, (block) => {
    setAside.push(block);
    return ' . ';
  });
  // sentences reporting what someone else wrote, or telling the assistant to ignore its instructions
  const sentences = sentencesOf(text);
  const kept = sentences.filter((part) => !REPORTED.test(part));
  if (kept.length < sentences.length) {
    setAside.push(...sentences.filter((part) => REPORTED.test(part)));
    text = kept.join(' ');
  }
  let quoted: string | undefined;
  text = text.replace(QUOTED, (_all: string, a: string | undefined, b: string | undefined, at: number) => {
    const inner = (a ?? b ?? '').trim();
    // "spend for "Retargeting – trigger a sync"": after "for", "named", … a quote is a name, whatever it says
    const named = NAMED_BEFORE.test(text.slice(0, at));
    if (quoted === undefined && (named || isNameLike(inner))) quoted = inner;
    else setAside.push(inner);
    return ' ';
  });
  // an entity's own name never commands anything ("Retargeting – trigger a sync")
  for (const name of entityNames) {
    const n = normalizeText(name);
    if (n && INSTRUCTION.test(n) && normalizeText(text).includes(n)) text = removeName(text, name);
  }
  return {
    text,
    ...(quoted ? { quoted } : {}),
    ...(setAside.length > 0 ? { setAside: setAside.join(' ') } : {}),
  };
}

const SENTENCE_END = /(?<=[.?!]["'”’]?)\s+|\s+—\s+/g;

/**
 * The sentences of a text, never cut inside a quote: "the dashboard says 'Last sync: 2h ago — Sync
 * now'." is one sentence reporting what the screen says, not a report and then an order to sync.
 */
function sentencesOf(text: string): string[] {
  const quotes = [...text.matchAll(QUOTED)].map((m) => [m.index, m.index + m[0].length]);
  const inQuote = (at: number) => quotes.some(([from, to]) => at > from && at < to);
  const sentences: string[] = [];
  let start = 0;
  for (const end of text.matchAll(SENTENCE_END)) {
    if (inQuote(end.index)) continue;
    sentences.push(text.slice(start, end.index));
    start = end.index + end[0].length;
  }
  return [...sentences, text.slice(start)];
}

/** Removes a name from the text, whatever its case or punctuation in the question. */
function removeName(text: string, name: string): string {
  const pattern = normalizeText(name)
    .split(' ')
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^\\p{L}\\p{N}]+');
  return text.replace(new RegExp(pattern, 'iu'), ' ');
}
