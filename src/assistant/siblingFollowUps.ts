// "compare it with the other two ad sets in that campaign": the entity the last answer was about beside
// the others of its level under the same parent, side by side on the last measure and range. Read before
// the question is, as "the other two" names nothing a name matcher could find.
import type { Level } from '../tools/schemas.js';
import type { ListOutput } from './answerScope.js';
import type { EntityRef, PlannerState } from './plannerState.js';
import type { ToolRunner } from './toolRunner.js';

const COUNTS: Record<string, number> = { two: 2, three: 3, four: 4, five: 5 };

const OTHERS =
  /^(?:and )?(?:compare (?:it|this|that)(?: one)? (?:with|to|against)|(?:how does|how did) (?:it|this|that) (?:compare|stack up) (?:with|to|against)) the other (?:(\d|two|three|four|five) )?(campaigns|ad ?sets|ads)(?: (?:in|of|under) (?:that|this|its|the same) (?:campaign|ad ?set))?\??$/;

const LEVEL_OF: Record<string, Level> = {
  campaigns: 'campaign',
  adsets: 'adset',
  'ad sets': 'adset',
  ads: 'ad',
};

export interface OthersAsked {
  level: Level;
  count?: number;
}

export function readOthers(text: string): OthersAsked | undefined {
  const m = OTHERS.exec(text);
  if (!m) return undefined;
  const count = m[1] ? (COUNTS[m[1]] ?? Number(m[1])) : undefined;
  return { level: LEVEL_OF[m[2]], count };
}

/**
 * The state comparing the last answer's one entity with its siblings (the others under its parent, not
 * archived), or undefined when the last answer was not about one entity of that level, or the count
 * said is not how many there are.
 */
export async function othersState(
  tools: ToolRunner,
  previous: PlannerState | undefined,
  asked: OthersAsked,
): Promise<PlannerState | undefined> {
  const one = previous?.entity;
  if (!previous || !one || one.ids.length !== 1 || one.level !== asked.level || asked.level === 'campaign')
    return undefined;
  const list = (input: Record<string, unknown>) =>
    tools.must<ListOutput>('list_entities', { level: one.level, metrics: ['spend'], limit: 100, ...input });
  const self = (await list({ name_contains: one.names[0], status: 'any' })).rows.find(
    (r) => r.id === one.ids[0],
  );
  if (!self?.parent_id) return undefined;
  const others = (await list({ parent_id: self.parent_id })).rows.filter((r) => r.id !== self.id);
  if (others.length === 0 || (asked.count !== undefined && asked.count !== others.length)) return undefined;
  const refs: EntityRef[] = others.map((r) => ({ level: one.level, ids: [r.id], names: [r.name ?? r.id] }));
  return {
    ...previous,
    kind: 'compare_entities',
    level: one.level,
    entity: undefined,
    entities: [one, ...refs],
    compareTo: undefined,
    answered: undefined,
    picked: undefined,
  };
}
