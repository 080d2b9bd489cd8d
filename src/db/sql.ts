// Parameterised SQL as tagged templates. Every interpolated value becomes a $n parameter; fragments
// built with `sql` nest (their parameters are renumbered), so queries compose without string
// concatenation. The only way to put text into SQL unparameterised is `sql.identifier`, which accepts
// nothing but plain identifiers from an allow-list the caller passes. We use this instead of
// sql-template-strings because that library's fragments are mutable (append) and untyped.

export interface SqlQuery {
  readonly text: string;
  readonly values: unknown[];
}

const FRAGMENT = Symbol('sql.fragment');

export interface SqlFragment {
  readonly [FRAGMENT]: true;
  readonly strings: readonly string[];
  readonly params: readonly unknown[];
}

function isFragment(v: unknown): v is SqlFragment {
  return typeof v === 'object' && v !== null && FRAGMENT in v;
}

function fragment(strings: readonly string[], params: readonly unknown[]): SqlFragment {
  return { [FRAGMENT]: true, strings, params };
}

/** Tagged template: sql`select * from t where id = ${id}`. */
export function sql(strings: TemplateStringsArray, ...params: unknown[]): SqlFragment {
  return fragment(strings, params);
}

/** Joins fragments with a separator (itself SQL text, e.g. ', ' or ' and '). */
sql.join = (parts: readonly SqlFragment[], separator = ', '): SqlFragment => {
  if (parts.length === 0) return fragment([''], []);
  // n fragments need n + 1 surrounding strings: '', sep, …, sep, ''
  const strings = ['', ...parts.slice(1).map(() => separator), ''];
  return fragment(strings, parts);
};

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** A column or table name chosen from an allow-list; anything else throws. */
sql.identifier = (name: string, allowed: readonly string[]): SqlFragment => {
  if (!allowed.includes(name) || !IDENTIFIER.test(name)) {
    throw new Error(`identifier not allowed in SQL: ${name}`);
  }
  return fragment([`"${name}"`], []);
};

/** Fixed SQL text known at compile time (a keyword such as ASC/DESC chosen by code, never by input). */
sql.keyword = <K extends string>(word: K, allowed: readonly K[]): SqlFragment => {
  if (!allowed.includes(word)) throw new Error(`keyword not allowed in SQL: ${word}`);
  return fragment([word], []);
};

sql.empty = fragment([''], []);

/** Flattens a fragment into text with $1..$n and its values. */
export function render(query: SqlFragment): SqlQuery {
  const values: unknown[] = [];
  const text = renderInto(query, values);
  return { text, values };
}

function renderInto(query: SqlFragment, values: unknown[]): string {
  let text = query.strings[0];
  for (let i = 0; i < query.params.length; i++) {
    const param = query.params[i];
    if (isFragment(param)) {
      text += renderInto(param, values);
    } else {
      values.push(param);
      text += `$${values.length}`;
    }
    text += query.strings[i + 1];
  }
  return text;
}
