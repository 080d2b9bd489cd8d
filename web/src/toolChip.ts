// A tool call on an answer: a chip with the tool's name and a one-line summary; opened, it shows the
// full input the tool was called with and the output it returned (the rows behind the answer, capped
// by the server), so a person can inspect the query as with any chat-with-your-data product.
import type { ToolChip } from '../../src/server/chatProtocol.ts';
import { h, scrollBox } from './dom.ts';

type Cell = string | number | boolean | null;

/** A row of tool output flattened for a table: nested objects (metrics) become their own columns. */
function flatten(row: unknown, prefix = ''): Record<string, Cell> {
  if (!row || typeof row !== 'object' || Array.isArray(row)) return { [prefix || 'value']: String(row) };
  const out: Record<string, Cell> = {};
  for (const [k, v] of Object.entries(row as Record<string, unknown>)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) Object.assign(out, flatten(v, k));
    else out[k] = v === undefined ? null : Array.isArray(v) ? JSON.stringify(v) : (v as Cell);
  }
  return out;
}

function rowsTable(rows: unknown[], total: number | undefined): HTMLElement {
  const flat = rows.map((r) => flatten(r));
  const keys = [...new Set(flat.flatMap((r) => Object.keys(r)))];
  const caption =
    total && total > rows.length ? `Rows (first ${rows.length} of ${total})` : `Rows (${rows.length})`;
  return scrollBox(
    caption,
    h(
      'table',
      { class: 'data raw' },
      h('caption', {}, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          keys.map((k) => h('th', { scope: 'col' }, k)),
        ),
      ),
      h(
        'tbody',
        {},
        flat.map((r) =>
          h(
            'tr',
            {},
            keys.map((k) => h('td', {}, r[k] === null || r[k] === undefined ? '' : String(r[k]))),
          ),
        ),
      ),
    ),
  );
}

function outputView(output: unknown): HTMLElement[] {
  if (output === undefined) return [h('p', { class: 'muted' }, 'The output of this call was not kept.')];
  if (output && typeof output === 'object' && !Array.isArray(output)) {
    const { rows, rows_total: total, ...rest } = output as Record<string, unknown>;
    const parts: HTMLElement[] = [h('pre', { class: 'json' }, JSON.stringify(rest, null, 2))];
    if (Array.isArray(rows) && rows.length > 0)
      parts.push(rowsTable(rows, typeof total === 'number' ? total : undefined));
    return parts;
  }
  return [h('pre', { class: 'json' }, JSON.stringify(output, null, 2))];
}

export function toolChip(call: ToolChip): HTMLElement {
  const body = h(
    'div',
    { class: 'chip-body' },
    h('p', {}, call.summary, call.error ? ` — ${call.error}` : ''),
    h('h4', {}, 'Input'),
    h('pre', { class: 'json' }, JSON.stringify(call.input ?? null, null, 2)),
    h('h4', {}, 'Output'),
  );
  // the output is drawn when the chip is first opened: most chips are never opened
  let drawn = false;
  const details = h(
    'details',
    {
      class: call.error ? 'chip failed' : 'chip',
      ontoggle: () => {
        if (drawn || !details.open) return;
        drawn = true;
        body.append(...(call.error && call.output === undefined ? [] : outputView(call.output)));
      },
    },
    h('summary', {}, call.name.replaceAll('_', ' ')),
    body,
  );
  return details;
}
