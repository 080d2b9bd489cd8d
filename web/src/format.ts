// Number formatting for the pages and chat payloads: the same module the answer text uses
// (src/display), so a number reads the same on every surface. Null means "no denominator" and shows
// as "n/a", never as 0.

import { formatDay } from '../../src/display/dates.ts';
import {
  formatChange,
  formatCount,
  formatMoney,
  formatPercent,
  formatRatio,
  type Unit,
} from '../../src/display/numbers.ts';
import { statusLabel } from '../../src/display/statuses.ts';

export type Format = 'money' | 'number' | 'percent' | 'ratio' | 'change' | 'status' | 'text';

/** A unit as a cell format. */
export function unitFormat(unit: Unit | string | undefined): Format {
  if (unit === 'money' || unit === 'percent' || unit === 'ratio') return unit;
  return 'number';
}

export function formatValue(
  value: string | number | null | undefined,
  format: Format = 'text',
  currency?: string | null,
): string {
  if (format === 'status') return statusLabel(typeof value === 'string' ? value : null);
  if (value === null || value === undefined || value === '') return 'n/a';
  if (typeof value === 'string' || format === 'text') return String(value);
  switch (format) {
    case 'money':
      return formatMoney(value, currency ?? 'USD');
    case 'percent':
      return formatPercent(value);
    case 'ratio':
      return formatRatio(value);
    case 'change':
      return formatChange(value);
    default:
      return formatCount(value);
  }
}

/** "5 minutes ago" for an ISO time, or "never". */
export function timeAgo(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return 'never';
  const seconds = Math.round((now - new Date(iso).getTime()) / 1000);
  if (seconds < 45) return 'just now';
  const rtf = new Intl.RelativeTimeFormat('en-US', { numeric: 'auto' });
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return rtf.format(-minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 48) return rtf.format(-hours, 'hour');
  return rtf.format(-Math.round(hours / 24), 'day');
}

/** The day an instant falls on where the browser is, written like every other day ("Nov 30, 2026"). */
export function localDayOf(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return formatDay(`${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`);
}
