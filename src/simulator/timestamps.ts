// Deterministic wall-clock times for objects' created_time / updated_time: a day from the tree plus
// a time of day derived from the id, so the same object always shows the same timestamp.

import { metaTimestamp, offsetMinutes } from './calendar.js';
import { hashString } from './prng.js';

function secondsOf(id: string, which: 'created' | 'updated'): number {
  // Working hours: created in the morning, updated in the afternoon, so an object updated on the
  // day it was created never shows an update before its creation.
  const base = which === 'created' ? 8 * 3600 : 13 * 3600;
  return base + (hashString(`${which}:${id}`) % (4 * 3600));
}

export function objectTimestamp(
  day: number,
  id: string,
  which: 'created' | 'updated',
  timeZone: string,
): string {
  return metaTimestamp(day, secondsOf(id, which), timeZone);
}

/** The same instant as objectTimestamp, as Unix seconds (what `filtering` on *_time compares). */
export function unixTime(day: number, id: string, which: 'created' | 'updated', timeZone: string): number {
  const local = day * 86400 + secondsOf(id, which);
  return local - offsetMinutes(new Date(local * 1000), timeZone) * 60;
}
