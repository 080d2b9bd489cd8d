// "Cost per result": what one of the named campaign's results cost, a result being what its objective
// asks for (the goal synced with it): a lead for a lead campaign (CPL), a purchase for a sales
// campaign (CPA). The parser reads the phrase as CPA; this decides once the names are matched. With no
// campaign named, names of different goals, or a goal we count no results for, it says so: a result
// is never guessed.
import type { Metric } from '../metrics.js';
import { nameList } from './answerText.js';
import type { NameCandidate } from './entityNameMatcher.js';
import type { Reading } from './questionReading.js';
import { METRIC_LABELS } from './vocabulary.js';

const RESULT_COSTS: Record<string, { metric: Metric; result: string }> = {
  leads: { metric: 'cpl', result: 'a lead' },
  purchases: { metric: 'cpa', result: 'a purchase' },
};

const NO_NAME =
  'I can\'t tell which cost "cost per result" is here: a result is a lead for a lead campaign (CPL) and a purchase for a sales campaign (CPA), and the question names no campaign. Ask for CPL or CPA, or for one campaign\'s cost per result.';

/** The reading with "cost per result" read as the named entities' own result cost, or a refusal. */
export function withResultCost(reading: Reading, candidates: NameCandidate[]): Reading {
  const { intent } = reading;
  if (!intent.perResult || reading.refusal) return reading;
  const named = [reading.entity, ...(reading.entities ?? [])].filter((e) => e !== undefined);
  if (named.length === 0) return { ...reading, refusal: NO_NAME };
  const ids = new Set(named.flatMap((e) => e.ids));
  const goals = [...new Set(candidates.filter((c) => ids.has(c.id)).map((c) => c.goal ?? null))];
  const names = nameList(named.map((e) => `"${e.names[0]}"`));
  const its = named.length > 1 ? 'their' : 'its';
  const cost = goals.length === 1 && goals[0] ? RESULT_COSTS[goals[0]] : undefined;
  if (!cost)
    return {
      ...reading,
      refusal: `I can't report a cost per result for ${names}: ${goalText(goals)}, and I count a result only as a lead (CPL) or a purchase (CPA). Ask for ${its} CPC, CPM, CPL or CPA instead.`,
    };
  const metrics = [...new Set(intent.metrics.map((m) => (m === 'cpa' ? cost.metric : m)))];
  const note = `A result of ${names} is ${cost.result} (${its} objective), so I read "cost per result" as ${METRIC_LABELS[cost.metric]}.`;
  return { ...reading, intent: { ...intent, metrics }, notes: [...reading.notes, note] };
}

function goalText(goals: (string | null)[]): string {
  if (goals.length > 1) return 'they have different objectives';
  return goals[0] ? `its objective is ${goals[0].replaceAll('_', ' ')}` : 'I do not know its objective';
}
