// Number formatting for the pages and chat payloads: en-US, money in the account's currency,
// ratios to two places, CTR-like percentages (the tools return 1.85 for 1.85%). Null means "no
// denominator" and shows as a dash, never as 0.
export type Format = 'money' | 'number' | 'percent' | 'ratio' | 'text';

const moneyFormats = new Map<string, Intl.NumberFormat>();
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

export function money(value: number, currency = 'USD'): string {
  let f = moneyFormats.get(currency);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    moneyFormats.set(currency, f);
  }
  return f.format(value);
}

export function formatValue(
  value: string | number | null | undefined,
  format: Format = 'text',
  currency?: string,
): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string' || format === 'text') return String(value);
  switch (format) {
    case 'money':
      return money(value, currency ?? 'USD');
    case 'percent':
      return `${value.toFixed(2)}%`;
    case 'ratio':
      return value.toFixed(2);
    default:
      return integer.format(value);
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
