// The sql tagged template: parameters, nesting, joins and the allow-lists that guard raw identifiers.
import { describe, expect, it } from 'vitest';
import { render, sql } from '../../src/db/sql.js';

describe('sql', () => {
  it('turns every interpolated value into a numbered parameter', () => {
    const q = render(sql`select * from t where a = ${1} and b = ${'x; drop table t'}`);
    expect(q).toEqual({ text: 'select * from t where a = $1 and b = $2', values: [1, 'x; drop table t'] });
  });

  it('renumbers the parameters of nested fragments in order', () => {
    const inner = sql`b = ${'two'} and c = ${3}`;
    const deeper = sql`d in (select d from u where e = ${5})`;
    const q = render(sql`select * from t where a = ${1} and ${inner} and ${deeper} limit ${10}`);
    expect(q.text).toBe(
      'select * from t where a = $1 and b = $2 and c = $3 and d in (select d from u where e = $4) limit $5',
    );
    expect(q.values).toEqual([1, 'two', 3, 5, 10]);
  });

  it('joins fragments with a separator, and an empty join renders nothing', () => {
    const parts = [sql`a = ${1}`, sql`b = ${2}`, sql`c = ${3}`];
    const q = render(sql`where ${sql.join(parts, ' and ')}`);
    expect(q).toEqual({ text: 'where a = $1 and b = $2 and c = $3', values: [1, 2, 3] });
    expect(render(sql`x${sql.join([])}y`)).toEqual({ text: 'xy', values: [] });
    expect(render(sql.join([sql`${'only'}`]))).toEqual({ text: '$1', values: ['only'] });
  });

  it('passes arrays as one parameter', () => {
    expect(render(sql`where id = any(${['1', '2']}::text[])`)).toEqual({
      text: 'where id = any($1::text[])',
      values: [['1', '2']],
    });
  });

  it('quotes allow-listed identifiers and rejects everything else', () => {
    const allowed = ['spend', 'clicks', 'Bad"Name'];
    expect(render(sql`order by ${sql.identifier('spend', allowed)}`).text).toBe('order by "spend"');
    expect(() => sql.identifier('impressions', allowed)).toThrow(/not allowed/);
    expect(() => sql.identifier('spend; drop table t', allowed)).toThrow(/not allowed/);
    // on the list but not a plain identifier: still refused
    expect(() => sql.identifier('Bad"Name', allowed)).toThrow(/not allowed/);
  });

  it('allows only listed keywords', () => {
    expect(render(sql`order by x ${sql.keyword('desc', ['asc', 'desc'])}`).text).toBe('order by x desc');
    expect(() => sql.keyword('desc; --' as 'desc', ['asc', 'desc'])).toThrow(/not allowed/);
  });
});
