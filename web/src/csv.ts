// CSV export of a table the page shows (a chat answer's table, the Campaigns table): the exact numbers
// as the server sent them (never the rounded, formatted text on screen), RFC 4180 quoting, and the
// range and currency in the file name and the money columns' headers.

type Cell = string | number | null | undefined;

/**
 * One field. Text a spreadsheet would run as a formula (an ad name starting with = + - @) is
 * prefixed with ' so it stays text; numbers are written as they came.
 */
function field(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: string[], rows: Cell[][]): string {
  return `${[header, ...rows].map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}

/** "adnavi-spend-by-campaign-2026-10-31-to-2026-11-29-usd.csv". */
export function csvFileName(
  title: string,
  range?: { since: string; until: string },
  currency?: string | null,
): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  const parts = ['adnavi', slug || 'table'];
  if (range) parts.push(range.since, 'to', range.until);
  if (currency) parts.push(currency.toLowerCase());
  return `${parts.join('-')}.csv`;
}

/** A money column's header names its currency: "Spend (USD)". */
export function moneyHeader(label: string, currency?: string | null): string {
  return currency ? `${label} (${currency})` : label;
}

/** Hands the file to the browser's download (a Blob URL, so nothing goes back to the server). */
export function downloadCsv(name: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
