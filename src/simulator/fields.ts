// Parses Meta's `fields` parameter, including nested selections like `creative{id,name}` and
// `campaign{id,name,objective}`, into a small tree.

import { invalidParameter } from './errors.js';

/** Field name → nested selection (undefined when the field was asked for without braces). */
export type FieldSelection = Map<string, FieldSelection | undefined>;

export function parseFields(raw: string | null | undefined): FieldSelection | undefined {
  if (raw === null || raw === undefined || raw.trim() === '') return undefined;
  let i = 0;
  const parseList = (depth: number): FieldSelection => {
    const sel: FieldSelection = new Map();
    let name = '';
    const flush = (nested?: FieldSelection) => {
      const n = name.trim();
      if (n !== '') sel.set(n, nested);
      name = '';
    };
    while (i < raw.length) {
      const ch = raw[i++];
      if (ch === ',') flush();
      else if (ch === '{') flush(parseList(depth + 1));
      else if (ch === '}') {
        if (depth === 0) throw invalidParameter(`Syntax error in fields: unexpected '}'`);
        flush();
        return sel;
      } else name += ch;
    }
    if (depth > 0) throw invalidParameter(`Syntax error in fields: missing '}'`);
    flush();
    return sel;
  };
  return parseList(0);
}

/** The field names asked for, or the given defaults when no `fields` parameter was sent. */
export function fieldNames(sel: FieldSelection | undefined, defaults: string[]): string[] {
  return sel ? [...sel.keys()] : defaults;
}
