// How days and ranges read, on every surface (answer text, chat tables and charts, Campaigns):
// "Nov 1 – Nov 24, 2026", "Nov 24, 2026", "the week of Nov 23, 2026". Days are ISO strings in the ad
// account's time zone; nothing here looks at the clock. Bundled into the web app.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Month names as people read them (the planner parses them, the displays print them). */
export const LONG_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDay(text: string): boolean {
  return ISO_DAY.test(text);
}

/** "Nov 24" or "Nov 24, 2026". */
export function formatDay(iso: string, withYear = true): string {
  const text = `${MONTHS[Number(iso.slice(5, 7)) - 1]} ${Number(iso.slice(8, 10))}`;
  return withYear ? `${text}, ${iso.slice(0, 4)}` : text;
}

/** "Nov 1 – Nov 24, 2026"; "Nov 24, 2026" for one day; years on both ends when they differ. */
export function formatDateRange(range: { since: string; until: string }): string {
  if (range.since === range.until) return formatDay(range.since, true);
  const sameYear = range.since.slice(0, 4) === range.until.slice(0, 4);
  return `${formatDay(range.since, !sameYear)} – ${formatDay(range.until, true)}`;
}

/** A time bucket's name: "Nov 24, 2026" (day), "the week of Nov 23, 2026", "November 2026". */
export function formatBucket(groupBy: 'day' | 'week' | 'month', firstDay: string): string {
  if (groupBy === 'week') return `the week of ${formatDay(firstDay, true)}`;
  if (groupBy === 'month') return `${LONG_MONTHS[Number(firstDay.slice(5, 7)) - 1]} ${firstDay.slice(0, 4)}`;
  return formatDay(firstDay, true);
}
