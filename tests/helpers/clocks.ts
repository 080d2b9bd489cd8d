// The instants every time-sensitive suite also runs at, whatever the wall clock says: the hours where
// UTC's date and the demo account's (America/Los_Angeles) differ or are about to, and both DST changes
// of that zone, on the day itself and the day after (when "yesterday" is a 23- or 25-hour day).
// A suite that passes only at some hours is a failing suite; these make the bad hours run every time.

export interface PinnedInstant {
  label: string;
  at: string;
  /** The date in America/Los_Angeles at that instant, worked out by hand (never by the code under test). */
  laDate: string;
}

export const PINNED_INSTANTS: PinnedInstant[] = [
  { label: '00:30 UTC (still the previous day in LA)', at: '2026-11-25T00:30:00Z', laDate: '2026-11-24' },
  {
    label: '07:59 UTC (the last minute of the previous LA day)',
    at: '2026-11-25T07:59:00Z',
    laDate: '2026-11-24',
  },
  { label: '23:59 UTC (same date in LA and UTC)', at: '2026-11-25T23:59:00Z', laDate: '2026-11-25' },
  { label: 'LA spring forward, 2026-03-08 03:30 PDT', at: '2026-03-08T10:30:00Z', laDate: '2026-03-08' },
  { label: 'the day after spring forward, 00:59 PDT', at: '2026-03-09T07:59:00Z', laDate: '2026-03-09' },
  {
    label: 'LA fall back, 2026-11-01 01:30 PST (the second one)',
    at: '2026-11-01T09:30:00Z',
    laDate: '2026-11-01',
  },
  { label: 'the day after fall back, 00:30 PST', at: '2026-11-02T08:30:00Z', laDate: '2026-11-02' },
];

/** A clock that starts at `at` and then runs with real time, so "today" still grows as Meta's does. */
export function runningClockFrom(at: string): () => Date {
  const offset = Date.parse(at) - Date.now();
  return () => new Date(Date.now() + offset);
}

/** A clock stopped at `at` that moves only when told: time passing between two reads, on demand. */
export interface SteppedClock {
  now: () => Date;
  advance(ms: number): void;
}

export function steppedClockAt(at: string): SteppedClock {
  let ms = Date.parse(at);
  return {
    now: () => new Date(ms),
    advance: (by) => {
      ms += by;
    },
  };
}
