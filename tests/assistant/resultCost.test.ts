// "cost per result": read as CPA by the parser, then as the named entities' own result cost by their
// goal (CPL for leads, CPA for purchases), or refused when no goal or several decide it.
import { describe, expect, it } from 'vitest';
import type { NameCandidate } from '../../src/assistant/entityNameMatcher.js';
import { parseIntent } from '../../src/assistant/intentParser.js';
import type { Reading } from '../../src/assistant/questionReading.js';
import { withResultCost } from '../../src/assistant/resultCost.js';

const TODAY = '2026-11-25';

const CANDIDATES: NameCandidate[] = [
  { id: 'c1', name: 'Whitepaper', level: 'campaign', goal: 'leads' },
  { id: 'c2', name: 'Black Friday', level: 'campaign', goal: 'purchases' },
  { id: 'c3', name: 'Blog', level: 'campaign', goal: 'traffic' },
  { id: 'c4', name: 'Old', level: 'campaign', goal: null },
];

function reading(question: string, ids: string[]): Reading {
  const entities = ids.map((id) => {
    const c = CANDIDATES.find((x) => x.id === id)!;
    return { level: c.level, ids: [id], names: [c.name!] };
  });
  return {
    intent: parseIntent(question, TODAY),
    notes: [],
    ...(entities.length === 1 ? { entity: entities[0] } : entities.length > 1 ? { entities } : {}),
  };
}

describe('cost per result', () => {
  it('is read as a measure (CPA until the names are known), its words no name', () => {
    const intent = parseIntent('cost per result for the whitepaper campaign last month', TODAY);
    expect([intent.perResult, intent.metrics, intent.nameWords]).toEqual([true, ['cpa'], ['whitepaper']]);
    expect(parseIntent('cpa for the whitepaper campaign', TODAY).perResult).toBe(false);
  });

  it("is the cost of the named entities' own result: a lead or a purchase by their goal", () => {
    const lead = withResultCost(reading('cost per result for whitepaper', ['c1']), CANDIDATES);
    expect([lead.intent.metrics, lead.refusal]).toEqual([['cpl'], undefined]);
    expect(lead.notes.join(' ')).toContain('CPL');
    const sale = withResultCost(reading('black friday cost per result', ['c2']), CANDIDATES);
    expect(sale.intent.metrics).toEqual(['cpa']);
  });

  it('is refused with no name, names of different goals, or a goal counted as no result', () => {
    for (const ids of [[], ['c1', 'c2'], ['c3'], ['c4']])
      expect(withResultCost(reading('cost per result last month', ids), CANDIDATES).refusal).toMatch(
        /^I can't (tell|report)/,
      );
  });

  it('leaves any other question as it was', () => {
    const plain = reading('cpa for black friday', ['c2']);
    expect(withResultCost(plain, CANDIDATES)).toBe(plain);
  });
});
