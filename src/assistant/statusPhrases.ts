// The status a question filters by, in its own words: "live", "paused", "not paused", "including
// archived", "did someone delete it?". Read before the words that name entities, so a status word is
// never taken as a word of a name.
import type { StatusFilter } from '../db/analytics/scope.js';
import type { WordTracker } from './wordTracker.js';

/** The status filters a person's words pick (the default is what no word picks). */
export type StatusWord = Exclude<StatusFilter, 'default'>;

/** "did someone delete X?", "did we pause it?": the status the verb leaves an entity in. */
const STATUS_AFTER: Record<string, StatusWord> = {
  delete: 'deleted',
  archive: 'archived',
  pause: 'paused',
  stop: 'paused',
  'turn off': 'paused',
  'switch off': 'paused',
};

export function takeStatus(words: WordTracker): StatusWord | undefined {
  // "we've been running ads all month": running ads, not a filter on live ones
  words.takeAll(/\b(been|we are|we re|we|i am|i m|i have been|keep|kept) running\b/g);
  const done = words.take(
    /(?<=\bdid (?:someone|somebody|anyone|anybody|we|you|i|they) )(delete|archive|pause|stop|turn off|switch off)\b/g,
  );
  if (done) return STATUS_AFTER[done[1]];
  const table: [RegExp, StatusWord][] = [
    // "which campaigns are not running?": read before "running" would be read as live
    [
      /\b(not|aren t|arent|isn t|isnt|no longer) (running|live|delivering|serving|active|(switched |turned )?on)\b/g,
      'paused',
    ],
    // "which campaigns are not paused?", "non-paused ad sets", "all but the paused ones": the complement,
    // read before "paused" alone would be read as its opposite
    [
      /\b(not|aren t|arent|isn t|isnt|non|un) ?(paused|stopped|turned off|switched off)\b|\b(except|other than|besides|excluding|apart from|but not|all but) (for )?(the |any )?(paused|stopped)\b/g,
      'not_paused',
    ],
    // "including archived" is every status, read before "archived" alone would be
    [
      /\b(all statuses|any status|every status|including (paused|archived|deleted)|incl paused|whatever (their|the|its) status|regardless of (their |the )?status)\b/g,
      'any',
    ],
    [/\b(live|running|delivering|currently on|turned on|switched on|serving)\b/g, 'live'],
    [/\b(paused|stopped|turned off|switched off|inactive)\b/g, 'paused'],
    [/\barchived\b/g, 'archived'],
    [/\bdeleted\b/g, 'deleted'],
    [/\b(active|enabled)\b/g, 'active'],
  ];
  for (const [re, status] of table) if (words.take(re)) return status;
  return undefined;
}
