// "the second one", "the top one", "the paused one": one of the entities the last answer listed, by
// its place in that listing or by its status. The pick is read before the question is, and the words
// become "this one", so the rest of the question reads as it does of the one a ranking named.
import { hasStatusWord } from '../db/analytics/scope.js';
import type { EntityRef } from './plannerState.js';

/** A listed entity's configured and effective status (null: not read, as a breakdown's rows). */
export type ListedStatus = { status: string | null; effective_status: string | null } | null;

/** The entities an answer listed, in its order, with each one's status. */
export interface ListedEntities extends EntityRef {
  statuses: ListedStatus[];
}

/** Place words and their index in the listing (-1: the last). */
const PLACES: Record<string, number> = {
  first: 0,
  '1st': 0,
  top: 0,
  second: 1,
  '2nd': 1,
  third: 2,
  '3rd': 2,
  fourth: 3,
  fifth: 4,
  last: -1,
};

/** The status words a listed one is picked by, read as the listings' status filters read them. */
const STATUSES = ['live', 'active', 'paused', 'archived'] as const;

// only "one": "the top campaign" is a ranking, "the paused campaigns" a listing
const ONE_OF = new RegExp(`\\bthe (${[...Object.keys(PLACES), ...STATUSES].join('|')}) one\\b`, 'i');

export interface OnePick {
  /** The words as written ("the second one"). */
  phrase: string;
  word: string;
}

export function readOnePick(question: string): OnePick | undefined {
  const m = ONE_OF.exec(question);
  return m ? { phrase: m[0], word: m[1].toLowerCase() } : undefined;
}

/** The one entity picked, or undefined when the listing has no such place or not exactly one of that status. */
export function pickListed(listed: ListedEntities, pick: OnePick): EntityRef | undefined {
  const at = (i: number) => ({ level: listed.level, ids: [listed.ids[i]], names: [listed.names[i]] });
  const place = PLACES[pick.word];
  if (place !== undefined) {
    const i = place < 0 ? listed.ids.length - 1 : place;
    return i < listed.ids.length ? at(i) : undefined;
  }
  const word = STATUSES.find((w) => w === pick.word);
  if (!word) return undefined;
  const matching = listed.statuses.flatMap((s, i) => (s && hasStatusWord(word, s) ? [i] : []));
  return matching.length === 1 ? at(matching[0]) : undefined;
}
