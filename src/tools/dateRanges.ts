// A tool's range input → inclusive since/until days in an ad account's time zone (presets with Meta's
// meanings, see resolvePreset in src/calendar.ts; explicit dates pass through).
import { resolvePreset, todayIn } from '../calendar.js';
import type { RangeInput, ResolvedRange } from './schemas.js';

/** A range input resolved in one time zone (earliest: the first day with data, for maximum). */
export function resolveRange(
  range: RangeInput,
  timeZone: string,
  now: Date,
  earliest?: string,
): ResolvedRange {
  if ('since' in range) return { since: range.since, until: range.until, time_zone: timeZone };
  const span = resolvePreset(range.preset, todayIn(timeZone, now), earliest);
  return { ...span, time_zone: timeZone, preset: range.preset };
}
