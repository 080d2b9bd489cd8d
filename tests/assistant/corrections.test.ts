// A correction's lead-in ("no, I meant …", "actually …", "hmm and …"): read off, and whether the turn
// re-asks the last question or starts fresh.
import { describe, expect, it } from 'vitest';
import { readLeadIn } from '../../src/assistant/corrections.js';

describe('a correction lead-in', () => {
  it('re-asks the last question with what follows it', () => {
    expect(readLeadIn('no, i meant this week')).toEqual({ rest: 'this week', corrects: true });
    expect(readLeadIn('sorry, last month')).toEqual({ rest: 'last month', corrects: true });
    expect(readLeadIn('oops i meant the outdoor one')).toEqual({ rest: 'the outdoor one', corrects: true });
    expect(readLeadIn('actually ad sets not campaigns')).toEqual({ rest: 'ad sets', corrects: true });
  });

  it('starts fresh before a question of its own, and "no" without its comma is no lead-in', () => {
    expect(readLeadIn('actually, what was spend yesterday?').corrects).toBe(false);
    expect(readLeadIn('no spend yesterday?')).toEqual({ rest: 'no spend yesterday?', corrects: false });
    expect(readLeadIn('spend last week')).toEqual({ rest: 'spend last week', corrects: false });
  });
});
