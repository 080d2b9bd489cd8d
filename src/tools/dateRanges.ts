// A tool's range input → inclusive since/until days in an ad account's time zone (presets with Meta's
// meanings, see resolvePreset in src/calendar.ts; explicit dates pass through once they are within
// what Meta can answer for, src/dateBounds.ts).
import { resolvePreset, todayIn } from '../calendar.js';
import { assertDatesInBounds, metaDateBounds } from '../dateBounds.js';
import type { RangeInput, ResolvedRange } from './schemas.js';

/**
 * A range input resolved in one time zone (earliest: the first day with data, for maximum). Explicit
 * dates outside Meta's history or after today there are refused, naming `${field}.since`/`.until`.
 */
export function resolveRange(
  range: RangeInput,
  timeZone: string,
  now: Date,
  earliest?: string,
  field = 'range',
): ResolvedRange {
  if ('since' in range) {
    assertDatesInBounds(
      { [`${field}.since`]: range.since, [`${field}.until`]: range.until },
      metaDateBounds(timeZone, now),
    );
    return { since: range.since, until: range.until, time_zone: timeZone };
  }
  const span = resolvePreset(range.preset, todayIn(timeZone, now), earliest);
  return { ...span, time_zone: timeZone, preset: range.preset };
}
