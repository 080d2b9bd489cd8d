// Hourly answers: which hours of a day are known. Hourly facts exist for the days an intraday refresh
// fetched (its start's yesterday and today, in the account's zone), each as of that refresh's start:
// a refresh the day after fetched the whole day; one on the day itself knows the hours up to its
// start (the hour it started in is still running). Hourly and daily rows are never mixed: these
// ranges read only hourly rows (see ConnectionRange.throughHour).
import { addDays, hourIn, isKnownTimeZone, todayIn } from '../calendar.js';
import { hourlySyncStarts, type ScopeConnectionRow } from '../db/analytics/freshness.js';
import type { ConnectionRange } from '../db/analytics/scope.js';
import { ValidationError } from '../errors.js';
import type { RangeInput } from './schemas.js';
import type { ToolContext } from './types.js';

/** The hours of one day a connection's data covers: 0..throughHour (-1: none), fetched at asOf. */
export interface KnownHours {
  throughHour: number;
  asOf: Date | null;
}

/**
 * `running`: through the hour the data was fetched in (today so far, its last hour partial);
 * `complete`: only the hours that had ended when fetched (a fair comparison with another day).
 */
export type HourMode = 'running' | 'complete';

/** Hourly answers cover one day: the today or yesterday preset, or since = until. */
export function requireSingleDay(range: RangeInput, field: string): void {
  const single =
    'since' in range ? range.since === range.until : ['today', 'yesterday'].includes(range.preset);
  if (!single)
    throw ValidationError.field(
      field,
      'hourly numbers need a single day (e.g. { "preset": "today" } or { "preset": "yesterday" })',
    );
}

function zoneOf(c: ScopeConnectionRow | undefined): string {
  return c?.time_zone && isKnownTimeZone(c.time_zone) ? c.time_zone : 'UTC';
}

/** The known hours of each range's (single) day, per connection, in each account's zone. */
export async function knownHours(
  ctx: ToolContext,
  connections: ScopeConnectionRow[],
  ranges: readonly ConnectionRange[],
  mode: HourMode,
): Promise<KnownHours[]> {
  const now = ctx.now?.() ?? new Date();
  if (ranges.length === 0) return [];
  const earliest = ranges.map((r) => r.since).sort()[0];
  // a refresh that fetched the day started on it or the day after (any zone: two days' margin)
  const starts = await hourlySyncStarts(
    ctx.db,
    ctx.workspaceId,
    ranges.map((r) => r.connectionId),
    new Date(Date.parse(`${addDays(earliest, -2)}T00:00:00Z`)),
  );
  return ranges.map((r) => {
    const zone = zoneOf(connections.find((c) => c.id === r.connectionId));
    const mine = starts
      .filter((s) => s.connection_id === r.connectionId)
      .map((s) => new Date(Math.min(new Date(s.started_at).getTime(), now.getTime())));
    const dayAfter = mine.find((s) => todayIn(zone, s) === addDays(r.since, 1));
    if (dayAfter) return { throughHour: 23, asOf: dayAfter };
    const sameDay = mine.find((s) => todayIn(zone, s) === r.since);
    if (!sameDay) return { throughHour: -1, asOf: null };
    const hour = hourIn(zone, sameDay);
    return { throughHour: mode === 'running' ? hour : hour - 1, asOf: sameDay };
  });
}

export function hourlyRanges(ranges: readonly ConnectionRange[], known: KnownHours[]): ConnectionRange[] {
  return ranges.map((r, i) => ({ ...r, throughHour: known[i].throughHour }));
}

/** The tool output's `hours` (the first connection's, like `range`). */
export function hoursOutput(known: KnownHours[]): { through_hour: number; as_of: string | null } {
  const first = known[0] ?? { throughHour: -1, asOf: null };
  return { through_hour: first.throughHour, as_of: first.asOf?.toISOString() ?? null };
}
