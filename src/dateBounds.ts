// The dates Meta can answer for: insights reach back 37 months, and no day after today in the ad
// account's time zone exists yet. Every date a caller names (a tool's since/until, a sync's from/to,
// `adnavi sync --from/--to`) is checked here against the injected clock, so an absurd date is refused
// with an error that says why, instead of a query over ten thousand years or a sync of 1900 that
// "succeeds" with nothing.
import { addMonths, todayIn } from './calendar.js';
import { type FieldIssue, ValidationError } from './errors.js';

/** How far back Meta keeps insights (its documented limit). */
export const META_HISTORY_MONTHS = 37;

export interface DateBounds {
  /** The oldest day Meta has insights for. */
  earliest: string;
  /** Today in the account's time zone. */
  latest: string;
  timeZone: string;
}

/** The oldest day Meta has insights for, seen from `today`. */
export function earliestMetaDay(today: string): string {
  return addMonths(today, -META_HISTORY_MONTHS);
}

export function metaDateBounds(timeZone: string, now: Date): DateBounds {
  const today = todayIn(timeZone, now);
  return { earliest: earliestMetaDay(today), latest: today, timeZone };
}

/** What is wrong with a YYYY-MM-DD date, or undefined when Meta can answer for it. */
export function dateBoundProblem(date: string, bounds: DateBounds): string | undefined {
  if (date < bounds.earliest) {
    return `must not be before ${bounds.earliest}: Meta keeps ${META_HISTORY_MONTHS} months of history, so there is no data before it`;
  }
  if (date > bounds.latest) {
    return `must not be after today (${bounds.latest} in the ad account's time zone, ${bounds.timeZone}): later days are in the future`;
  }
  return undefined;
}

/** Throws a ValidationError naming every field whose date is out of bounds (absent fields pass). */
export function assertDatesInBounds(fields: Record<string, string | undefined>, bounds: DateBounds): void {
  const issues: FieldIssue[] = [];
  for (const [field, date] of Object.entries(fields)) {
    const problem = date === undefined ? undefined : dateBoundProblem(date, bounds);
    if (problem) issues.push({ field, message: problem });
  }
  if (issues.length > 0) throw new ValidationError(issues);
}
